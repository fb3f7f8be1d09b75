/**
 * Renders a value a user typed briefly, for the "found" part of a problem. Long text is cut so a
 * pasted blob (or anything secret-looking) never floods the output.
 */

const MAX_TEXT = 48;

/**
 * Describes `value` in a few words, e.g. `"abc"`, `42`, `a list of 3 items`, `a mapping with keys a, b`.
 * @param value any value read from YAML (or undefined when the field is missing)
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "an empty value";
  if (typeof value === "string") {
    const cut = value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT)}…` : value;
    // JSON escapes C0 controls; C1 controls and bidirectional overrides are escaped too, so "found" shows them.
    return JSON.stringify(cut).replace(/[\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`);
  }
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (Array.isArray(value)) return value.length === 1 ? "a list of 1 item" : `a list of ${value.length} items`;
  if (typeof value === "object") {
    const keys = Object.keys(value);
    if (keys.length === 0) return "an empty mapping";
    const shown = keys.slice(0, 4).join(", ");
    return `a mapping with keys ${shown}${keys.length > 4 ? ", …" : ""}`;
  }
  return typeof value;
}

/**
 * Reads the value at `path` inside plain data; undefined when any step is missing.
 * @param data the root (merged raw inventory)
 * @param path keys and indexes from the root
 */
export function valueAt(data: unknown, path: ReadonlyArray<string | number>): unknown {
  let cur: unknown = data;
  for (const seg of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}
