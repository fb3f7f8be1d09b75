/**
 * Microversion negotiation (Nova, Cinder, Placement, Ironic, Manila, Octavia…): read the service's
 * version document, pick the highest version both sides support, send it in `OpenStack-API-Version`.
 * Production clouds run newer releases than the test cloud, so the client never assumes a release.
 */

/** A microversion as [major, minor]. */
export type Microversion = readonly [number, number];

/** The range a service supports. */
export interface MicroversionRange {
  /** Lowest supported microversion. */
  min: Microversion;
  /** Highest supported microversion. */
  max: Microversion;
}

/**
 * Parses `"2.79"` into [2, 79].
 * @param text the version text
 */
export function parseMicroversion(text: string): Microversion {
  const m = /^(\d+)\.(\d+)$/.exec(text.trim());
  if (!m) throw new Error(`expected a microversion like "2.79", found "${text}"`);
  return [Number(m[1]), Number(m[2])];
}

/**
 * Compares two microversions (negative, zero, positive).
 * @param a first
 * @param b second
 */
export function compareMicroversions(a: Microversion, b: Microversion): number {
  return a[0] - b[0] || a[1] - b[1];
}

/**
 * The supported range from a version document (`{"version": {...}}` or `{"versions": [...]}`),
 * undefined when the service does not use microversions (Neutron, Keystone).
 * Reads `min_version`/`version` (Nova, Cinder) or `min_version`/`max_version` (Placement, Ironic).
 * @param doc the parsed version document
 */
export function microversionRange(doc: unknown): MicroversionRange | undefined {
  if (!doc || typeof doc !== "object") return undefined;
  const d = doc as Record<string, unknown>;
  const candidates: unknown[] = d.version ? [d.version] : Array.isArray(d.versions) ? d.versions : [];
  const current = candidates.find((v) => v && typeof v === "object" && ["CURRENT", "SUPPORTED", "stable"].includes(String((v as Record<string, unknown>).status))) ?? candidates[0];
  if (!current || typeof current !== "object") return undefined;
  const v = current as Record<string, unknown>;
  const max = typeof v.max_version === "string" && v.max_version ? v.max_version : typeof v.version === "string" ? v.version : "";
  const min = typeof v.min_version === "string" ? v.min_version : "";
  if (!max || !min) return undefined;
  return { min: parseMicroversion(min), max: parseMicroversion(max) };
}

/**
 * The microversion to send: the highest of `wanted` the service supports, or undefined when the
 * service does not negotiate. Throws when the service supports none of them (precise message).
 * @param wanted versions the caller can speak, any order (e.g. ["2.1", "2.79"] = needs at least 2.1, can use 2.79)
 * @param range the service's range (undefined = no microversions)
 * @param service service type, for the message
 */
export function negotiateMicroversion(wanted: readonly string[], range: MicroversionRange | undefined, service: string): string | undefined {
  if (!range || wanted.length === 0) return undefined;
  const ok = wanted
    .map(parseMicroversion)
    .filter((v) => compareMicroversions(v, range.min) >= 0 && compareMicroversions(v, range.max) <= 0)
    .sort(compareMicroversions);
  const best = ok[ok.length - 1];
  if (!best) {
    throw new Error(`${service} supports microversions ${range.min.join(".")}–${range.max.join(".")}, none of ${wanted.join(", ")}`);
  }
  return best.join(".");
}

/**
 * The `OpenStack-API-Version` header value.
 * @param service service type as the header wants it (`compute`, `volume`, `placement`)
 * @param version the negotiated microversion
 */
export function microversionHeader(service: string, version: string): Record<string, string> {
  return { "OpenStack-API-Version": `${service} ${version}` };
}
