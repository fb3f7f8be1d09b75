import { contentHash } from "../naming";

/**
 * Names of zoning objects (zones, aliases, zone sets). Both CLIs accept letters, digits and underscores,
 * starting with a letter, up to 64 characters (Brocade FOS zone and alias names; Cisco MDS zone, zone set
 * and device-alias names), so every name keeps to that. A name derives from the object's identity only:
 * adding or removing another host never renames an existing zone.
 */

/** The longest name both CLIs accept. */
export const MAX_NAME = 64;

/**
 * An identity part as a name part: runs of anything but letters and digits become one underscore.
 * @param part an id (slug, device name, fabric id)
 */
export function namePart(part: string): string {
  return part.replace(/[^A-Za-z0-9]+/g, "_").replace(/^_+|_+$/g, "");
}

/**
 * The last eight hex digits of a WWPN: enough to tell the ports of one host apart in a name.
 * @param wwpn canonical WWPN
 */
export function wwpnTail(wwpn: string): string {
  return wwpn.replace(/:/g, "").slice(-8);
}

/**
 * A readable name from parts, or, when it would be too long, the first part cut short plus a digest of
 * the identity (so the name stays unique and never depends on other objects).
 * @param prefix fixed prefix (`z`, `zs`, or "" for aliases)
 * @param parts readable parts, most telling first
 * @param identity the object's identity (digested when the readable form does not fit)
 */
export function fitName(prefix: string, parts: readonly string[], identity: string): string {
  const lead = prefix === "" ? "" : `${prefix}_`;
  const readable = lead + parts.map(namePart).filter((p) => p !== "").join("_");
  const start = /^[A-Za-z]/.test(readable) ? readable : `x_${readable}`;
  if (start.length <= MAX_NAME) return start;
  return shortName(prefix, parts[0] ?? "", identity);
}

/**
 * The digest form of a name: `<prefix>_<first part, cut>_<10-hex digest>`.
 * @param prefix fixed prefix
 * @param first the most telling part
 * @param identity the object's identity
 */
export function shortName(prefix: string, first: string, identity: string): string {
  const lead = prefix === "" ? "" : `${prefix}_`;
  const digest = contentHash(identity, 10);
  const room = MAX_NAME - lead.length - digest.length - 1;
  const head = namePart(first).slice(0, room).replace(/_+$/, "");
  const name = `${lead}${head}_${digest}`;
  return /^[A-Za-z]/.test(name) ? name : `x${name}`.slice(0, MAX_NAME);
}
