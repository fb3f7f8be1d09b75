import { createHash } from "node:crypto";

/**
 * Resource names derive from stable identities (site, zone, VLAN, rule content), never from list
 * positions, so re-ordering an inventory file never replaces a resource.
 */

/** A short, stable digest of any JSON-serialisable content (keys sorted, so field order never matters). */
export function contentHash(content: unknown, length = 10): string {
  return createHash("sha256").update(canonicalJson(content)).digest("hex").slice(0, length);
}

/** JSON with object keys sorted recursively: equal content gives equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value as Record<string, unknown>).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** Joins identity parts into a resource name (`na-dc1-dmz-web`). */
export function resourceName(...parts: Array<string | number>): string {
  return parts.map(String).join("-");
}
