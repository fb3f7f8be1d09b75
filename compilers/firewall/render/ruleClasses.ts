/**
 * The address classes of one side (sources or destinations) of a family's rules, and the classes each
 * rule covers: the nftables dispatch and the shadowing analysis both reason per class.
 */
import type { Family } from "../../../inventory/addressing/address";
import { fullSpace, setKey, type IntervalSet } from "./intervals";
import { partitionSpace } from "./partition";
import type { FamilyRule } from "./ruleSpace";

/** Classes of one side. */
export interface SideClasses {
  /** Each class's addresses (together: the whole space, disjoint). */
  classes: IntervalSet[];
  /** Classes each rule covers, by rule index (every class for `any`). */
  ofRule: Map<number, number[]>;
}

/**
 * Partitions one side of the rules.
 * @param rules the family's rules
 * @param side sources or destinations
 * @param family the family
 */
export function sideClasses(rules: readonly FamilyRule[], side: "src" | "dst", family: Family): SideClasses {
  const ids = new Map<string, number>();
  const sets: IntervalSet[] = [];
  const setOf = new Map<number, number | undefined>();
  for (const r of rules) {
    const s = r[side];
    if (s === "any") {
      setOf.set(r.index, undefined);
      continue;
    }
    const k = setKey(s);
    let id = ids.get(k);
    if (id === undefined) {
      id = sets.length;
      ids.set(k, id);
      sets.push(s);
    }
    setOf.set(r.index, id);
  }
  const parts = partitionSpace(sets, fullSpace(family));
  const bySet: number[][] = sets.map(() => []);
  parts.forEach((c, ci) => c.members.forEach((m) => bySet[m].push(ci)));
  const all = parts.map((_, i) => i);
  const ofRule = new Map<number, number[]>();
  for (const r of rules) {
    const id = setOf.get(r.index);
    ofRule.set(r.index, id === undefined ? all : bySet[id]);
  }
  return { classes: parts.map((p) => p.intervals), ofRule };
}
