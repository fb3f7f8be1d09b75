/**
 * Argument validation for components, pulumi-eks style: a component checks every argument before it
 * creates anything and throws ONE `pulumi.ResourceError(message, this)` listing every problem, each
 * naming the argument's path, what is expected and what was found. The checks are pure functions
 * returning problem strings, so a component's `check<Name>Args` can be tested without an engine.
 *
 * Usage in a component:
 *   super("hatang:x:Thing", name, {}, opts);
 *   throwIfInvalid(this, "Thing", name, checkThingArgs(args));
 */
import * as pulumi from "@pulumi/pulumi";

/** One problem with a component's arguments: `<path>: <expected>, found <value>`. */
export type ArgProblem = string;

/**
 * A value as it appears in a message: strings quoted, undefined as `undefined`, long values cut.
 * @param v any value
 */
export function shown(v: unknown): string {
  if (v === undefined) return "undefined";
  if (typeof v === "function") return "a function";
  let s: string;
  try {
    s = JSON.stringify(v) ?? String(v);
  } catch {
    s = String(v);
  }
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/**
 * The message of the error a component throws for its problems (exported for tests and callers that
 * collect problems of several components before failing).
 * @param component the component's short type, e.g. `ZoneSecurity`
 * @param name the component's resource name
 * @param problems every problem
 */
export function invalidArgsMessage(component: string, name: string, problems: readonly ArgProblem[]): string {
  return `${component} "${name}" has ${problems.length} invalid argument(s):\n${problems.map((p) => `  - ${p}`).join("\n")}`;
}

/**
 * Throws one ResourceError listing every problem, attached to the component (so the engine shows it
 * against the component's URN); does nothing when there is none.
 * @param resource the component being constructed (`this`)
 * @param component the component's short type
 * @param name the component's resource name
 * @param problems every problem found by its checks
 */
export function throwIfInvalid(resource: pulumi.Resource, component: string, name: string, problems: readonly ArgProblem[]): void {
  if (problems.length > 0) throw new pulumi.ResourceError(invalidArgsMessage(component, name, problems), resource);
}

/**
 * A required non-empty string.
 * @param path the argument's path, e.g. `site`
 * @param v the value
 * @param what what the argument is, for the message
 */
export function requireText(path: string, v: unknown, what: string): ArgProblem[] {
  return typeof v === "string" && v.trim() !== "" ? [] : [`${path} is required: ${what} (found ${shown(v)})`];
}

/**
 * A required value of any kind (an id input, a provider, an object); a blank string counts as missing.
 * @param path the argument's path
 * @param v the value
 * @param what what the argument is
 */
export function requireValue(path: string, v: unknown, what: string): ArgProblem[] {
  // A blank string is as missing as no value (an id or a user name cannot be "").
  return v === undefined || v === null || (typeof v === "string" && v.trim() === "") ? [`${path} is required: ${what} (found ${shown(v)})`] : [];
}

/**
 * A required array (possibly empty).
 * @param path the argument's path
 * @param v the value
 * @param what what it holds
 */
export function requireArray(path: string, v: unknown, what: string): ArgProblem[] {
  return Array.isArray(v) ? [] : [`${path} must be a list of ${what} (found ${shown(v)})`];
}

/**
 * A required record (object map keyed by strings).
 * @param path the argument's path
 * @param v the value
 * @param what what it maps
 */
export function requireRecord(path: string, v: unknown, what: string): ArgProblem[] {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? [] : [`${path} must be a map of ${what} (found ${shown(v)})`];
}

/**
 * Each item's key is unique: duplicates would give two resources the same name.
 * @param path the list's path, e.g. `groups`
 * @param items the items
 * @param keyOf the item's identity
 * @param keyName the identity's field name, for the message
 */
export function uniqueKeys<T>(path: string, items: readonly T[], keyOf: (item: T) => string, keyName = "key"): ArgProblem[] {
  const seen = new Map<string, number>();
  const problems: ArgProblem[] = [];
  items.forEach((item, i) => {
    const k = keyOf(item);
    const first = seen.get(k);
    if (first !== undefined) problems.push(`${path}[${i}].${keyName} must be unique: ${shown(k)} is also ${path}[${first}].${keyName}`);
    else seen.set(k, i);
  });
  return problems;
}

/**
 * A reference to a key of a record that another argument provides (a network key, a project key…).
 * @param path the referencing argument's path, e.g. `placements.instances[3].networkKey`
 * @param key the referenced key
 * @param record the record it must be in
 * @param recordPath that record's argument path, e.g. `networkIds`
 */
export function knownKey(path: string, key: string, record: Record<string, unknown> | undefined, recordPath: string): ArgProblem[] {
  if (record && Object.hasOwn(record, key)) return [];
  const known = Object.keys(record ?? {}).sort();
  const list = known.length > 6 ? `${known.slice(0, 6).join(", ")}, …` : known.join(", ") || "none";
  return [`${path} refers to ${shown(key)}, which is not a key of ${recordPath} (keys: ${list})`];
}

/**
 * A whole number within bounds.
 * @param path the argument's path
 * @param v the value
 * @param min lowest allowed
 * @param max highest allowed
 */
export function integerIn(path: string, v: unknown, min: number, max = Number.MAX_SAFE_INTEGER): ArgProblem[] {
  return typeof v === "number" && Number.isInteger(v) && v >= min && v <= max ? [] : [`${path} must be a whole number from ${min}${max === Number.MAX_SAFE_INTEGER ? " up" : ` to ${max}`} (found ${shown(v)})`];
}
