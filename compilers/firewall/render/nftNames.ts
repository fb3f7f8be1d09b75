/**
 * nftables identifiers from identities (zone, section, object names), never from positions, so a new
 * rule or object renames nothing else. nft accepts letters, digits and `/ - _ .` after a first letter;
 * the escape is injective: `:` becomes `.`, every other character outside [A-Za-z0-9/-] (including `_`
 * and `.` themselves) becomes `_<hex>_`.
 */
import { contentHash } from "../../naming";

/** Longest identifier we emit (nft allows 255; room for prefixes). */
const MAX = 200;

/**
 * Escapes an identity into identifier characters.
 * @param text the identity (object name, zone id, device)
 */
export function nftEscape(text: string): string {
  let out = "";
  for (const ch of text) {
    if (/[A-Za-z0-9/-]/.test(ch)) out += ch;
    else if (ch === ":") out += ".";
    else out += `_${ch.codePointAt(0)!.toString(16)}_`;
  }
  return out;
}

/**
 * An identifier: `prefix.escaped-parts` joined by `.`, shortened with a digest of the identity when too long.
 * @param prefix what kind of thing it names (`sec`, `ip4`, …)
 * @param parts the identity
 */
export function nftIdent(prefix: string, ...parts: string[]): string {
  const full = [prefix, ...parts.map(nftEscape)].join(".");
  if (full.length <= MAX) return full;
  return `${full.slice(0, MAX - 12)}.h${contentHash(parts, 10)}`;
}

/**
 * Text for a quoted nft string (comments, log prefixes): no quotes or backslashes, printable, at most
 * `maxBytes` UTF-8 bytes (cut on a character boundary).
 * @param text the text
 * @param maxBytes the limit
 */
export function nftQuoted(text: string, maxBytes: number): string {
  let out = "";
  let bytes = 0;
  for (const ch of text.replace(/["\\]/g, "'").replace(/[\u0000-\u001f\u007f]/g, " ")) {
    const n = Buffer.byteLength(ch, "utf8");
    if (bytes + n > maxBytes) break;
    out += ch;
    bytes += n;
  }
  return `"${out}"`;
}

/**
 * A rule's short reference for logs and comments: its id, or a cut id with a digest when long.
 * @param id the rule id
 * @param max longest length
 */
export function ruleRef(id: string, max = 60): string {
  const clean = id.replace(/[^\x21-\x7e]/g, "_").replace(/["\\]/g, "_");
  return clean.length <= max ? clean : `${clean.slice(0, max - 11)}~${contentHash(id, 10)}`;
}

/**
 * The connection mark that carries an IPS profile to the inspection engine: 32 bits of the name's digest.
 * @param profile the IPS profile name
 */
export function ipsMark(profile: string): string {
  return `0x${contentHash(profile, 8)}`;
}
