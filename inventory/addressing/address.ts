/**
 * IP addresses as bigints. Arithmetic on numbers, never on text: awsx cuts IPv6 by editing strings,
 * which is exactly what breaks on compressed forms. Text is parsed once and printed once, canonically.
 */

/** An address family. */
export type Family = "ipv4" | "ipv6";

/** Bits in an address of each family. */
export const FAMILY_BITS: Readonly<Record<Family, number>> = { ipv4: 32, ipv6: 128 };

/** A parsed address: its family and value. */
export interface Address {
  /** Address family. */
  family: Family;
  /** The address as an unsigned integer. */
  value: bigint;
}

const IPV4_OCTET = /^(0|[1-9][0-9]{0,2})$/;
const HEXTET = /^[0-9a-fA-F]{1,4}$/;

/**
 * Parses dotted-quad IPv4 text. Leading zeros are refused because some tools read them as octal.
 * @param text the address text, e.g. `10.16.0.1`
 * @returns the value, or undefined when the text is not an IPv4 address
 */
export function parseIpv4(text: string): bigint | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!IPV4_OCTET.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = (value << 8n) | BigInt(octet);
  }
  return value;
}

/**
 * Parses IPv6 text (RFC 4291 §2.2: hextets, one `::`, an optional trailing dotted quad). Zone ids are refused.
 * @param text the address text, e.g. `2001:db8::1`
 * @returns the value, or undefined when the text is not an IPv6 address
 */
export function parseIpv6(text: string): bigint | undefined {
  if (text.length === 0 || text.includes("%")) return undefined;
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const groups = (half: string): bigint[] | undefined => {
    if (half === "") return [];
    const parts = half.split(":");
    const out: bigint[] = [];
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      if (i === parts.length - 1 && part.includes(".")) {
        const v4 = parseIpv4(part);
        if (v4 === undefined) return undefined;
        out.push(v4 >> 16n, v4 & 0xffffn);
      } else {
        if (!HEXTET.test(part)) return undefined;
        out.push(BigInt(parseInt(part, 16)));
      }
    }
    return out;
  };
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  if (head === undefined || tail === undefined) return undefined;
  // A dotted quad may only end the address.
  if (halves.length === 2 && halves[0].includes(".")) return undefined;
  let all: bigint[];
  if (halves.length === 2) {
    if (head.length + tail.length > 7) return undefined;
    all = [...head, ...new Array<bigint>(8 - head.length - tail.length).fill(0n), ...tail];
  } else {
    if (head.length !== 8) return undefined;
    all = head;
  }
  let value = 0n;
  for (const g of all) value = (value << 16n) | g;
  return value;
}

/**
 * Parses an address of either family; the text decides which.
 * @param text the address text
 * @returns the parsed address, or undefined when the text is neither
 */
export function parseAddress(text: string): Address | undefined {
  if (text.includes(":")) {
    const value = parseIpv6(text);
    return value === undefined ? undefined : { family: "ipv6", value };
  }
  const value = parseIpv4(text);
  return value === undefined ? undefined : { family: "ipv4", value };
}

/**
 * Prints an IPv4 address as a dotted quad.
 * @param value the address as an integer, 0 ≤ value < 2^32
 */
export function formatIpv4(value: bigint): string {
  const n = Number(value);
  return `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

/**
 * Prints an IPv6 address in RFC 5952 canonical form: lower case, no leading zeros, the longest run of
 * two or more zero hextets compressed to `::` (the first one on a tie), a single zero hextet never compressed.
 * @param value the address as an integer, 0 ≤ value < 2^128
 */
export function formatIpv6(value: bigint): string {
  // One bigint→hex conversion, then plain string work: far cheaper than 16 bigint shifts and masks.
  const digits = value.toString(16).padStart(32, "0");
  const hextets: string[] = new Array<string>(8);
  let bestStart = -1;
  let bestLength = 1;
  let runStart = -1;
  for (let i = 0; i < 8; i++) {
    const h = digits.slice(i * 4, i * 4 + 4).replace(/^0{1,3}/, "");
    hextets[i] = h;
    if (h === "0") {
      if (runStart < 0) runStart = i;
      if (i - runStart + 1 > bestLength) {
        bestStart = runStart;
        bestLength = i - runStart + 1;
      }
    } else runStart = -1;
  }
  if (bestStart < 0) return hextets.join(":");
  return `${hextets.slice(0, bestStart).join(":")}::${hextets.slice(bestStart + bestLength).join(":")}`;
}

/**
 * Prints an address canonically for its family.
 * @param family the address family
 * @param value the address as an integer
 */
export function formatAddress(family: Family, value: bigint): string {
  return family === "ipv4" ? formatIpv4(value) : formatIpv6(value);
}

/**
 * Rewrites address text in canonical form (e.g. `2001:DB8:0:0::1` → `2001:db8::1`).
 * @param text the address text
 * @returns the canonical text, or undefined when the text is not an address
 */
export function canonicalAddress(text: string): string | undefined {
  const a = parseAddress(text);
  return a === undefined ? undefined : formatAddress(a.family, a.value);
}
