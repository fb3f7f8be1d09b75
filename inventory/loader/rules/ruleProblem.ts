import type { Inventory } from "../../model";
import { closestWord } from "../suggest";
import type { FieldPath } from "../types";
import type { InventoryIndex } from "./inventoryIndex";

/**
 * A cross-field problem as a rule reports it: by path only. The loader adds the file and line, so
 * rules stay pure functions of the model and are tested without files.
 */
export interface RuleProblem {
  /** Field path in the merged inventory. */
  path: FieldPath;
  /** What is wrong and what was expected. */
  message: string;
  /** What was found, rendered briefly. */
  found?: string;
  /** Path of the earlier element this one clashes with (the loader appends its file and line). */
  firstAt?: FieldPath;
}

/** A rule family: a pure function from a schema-valid inventory (and its shared lookups) to its problems. */
export type Rule = (inv: Inventory, idx: InventoryIndex) => RuleProblem[];

/**
 * Reports every element whose key was already used by an earlier element of the same group.
 * @param items the elements, in order
 * @param keyOf the identity of an element (undefined: not checked); elements clash when keys are equal
 * @param pathOf path of the identity field of the element at index i
 * @param describe message for a clash, given the clashing key
 */
export function duplicates<T>(
  items: readonly T[],
  keyOf: (item: T, index: number) => string | undefined,
  pathOf: (index: number) => FieldPath,
  describe: (item: T) => string,
): RuleProblem[] {
  const seen = new Map<string, number>();
  const problems: RuleProblem[] = [];
  items.forEach((item, i) => {
    const key = keyOf(item, i);
    if (key === undefined) return;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else problems.push({ path: pathOf(i), message: describe(item), firstAt: pathOf(first) });
  });
  return problems;
}

/**
 * A reference to something that is not defined, with the closest defined name as a hint.
 * @param path path of the referencing field
 * @param value the name that was given
 * @param what what was expected, e.g. `a site id defined under sites`
 * @param defined the names that would have been accepted
 */
export function unknownReference(path: FieldPath, value: string, what: string, defined: Iterable<string>): RuleProblem {
  const hint = closestWord(value, [...defined]);
  return { path, message: `expected ${what}${hint ? ` (did you mean "${hint}"?)` : ""}`, found: JSON.stringify(value) };
}
