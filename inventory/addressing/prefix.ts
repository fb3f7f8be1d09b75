import { FAMILY_BITS, Family, formatAddress, parseAddress } from "./address";

/**
 * A network prefix as numbers. Unlike `ip-address` (which accepts `10.0.0.5/24` and quietly keeps the
 * host bits), a Prefix always has a clean network: host bits are a parse error, reported as such.
 */
export interface Prefix {
  /** Address family. */
  family: Family;
  /** The network address (host bits zero). */
  network: bigint;
  /** Prefix length, 0–32 or 0–128. */
  length: number;
}

/** Why prefix text was refused. */
export type PrefixErrorKind = "syntax" | "host-bits" | "family";

/** The result of parsing prefix text. */
export type PrefixParse =
  | { ok: true; prefix: Prefix }
  | {
      ok: false;
      /** What kind of mistake it is. */
      kind: PrefixErrorKind;
      /** What is wrong and what was expected, for the user. */
      message: string;
    };

const LENGTH = /^(0|[1-9][0-9]{0,2})$/;

/**
 * Parses `address/length` text, refusing host bits and (when `expected` is given) the other family.
 * @param text the prefix text, e.g. `10.16.0.0/16` or `2001:db8:100::/48`
 * @param expected the family the field holds; a prefix of the other family is a `family` error
 */
export function parsePrefix(text: string, expected?: Family): PrefixParse {
  const slash = text.indexOf("/");
  const example = expected === "ipv6" ? "2001:db8:100::/48" : expected === "ipv4" ? "10.16.0.0/16" : "10.16.0.0/16 or 2001:db8:100::/48";
  if (slash < 0) return { ok: false, kind: "syntax", message: `expected a prefix written address/length such as ${example}` };
  const address = parseAddress(text.slice(0, slash));
  const lengthText = text.slice(slash + 1);
  if (address === undefined) return { ok: false, kind: "syntax", message: `"${text.slice(0, slash)}" is not an IP address; expected a prefix such as ${example}` };
  const bits = FAMILY_BITS[address.family];
  if (!LENGTH.test(lengthText) || Number(lengthText) > bits) {
    return { ok: false, kind: "syntax", message: `prefix length "${lengthText}" is not a number from 0 to ${bits}` };
  }
  if (expected !== undefined && address.family !== expected) {
    return { ok: false, kind: "family", message: `expected an ${expected === "ipv4" ? "IPv4" : "IPv6"} prefix here, found an ${address.family === "ipv4" ? "IPv4" : "IPv6"} one` };
  }
  const length = Number(lengthText);
  const network = address.value & netmask(address.family, length);
  if (network !== address.value) {
    const fixed = formatPrefix({ family: address.family, network, length });
    return { ok: false, kind: "host-bits", message: `host bits are set (the address is not aligned on a /${length} boundary); did you mean ${fixed}?` };
  }
  return { ok: true, prefix: { family: address.family, network, length } };
}

/**
 * The network mask of a prefix length.
 * @param family the address family
 * @param length the prefix length
 */
export function netmask(family: Family, length: number): bigint {
  const bits = FAMILY_BITS[family];
  return ((1n << BigInt(bits)) - 1n) ^ ((1n << BigInt(bits - length)) - 1n);
}

/**
 * Number of addresses in a prefix.
 * @param family the address family
 * @param length the prefix length
 */
export function blockSize(family: Family, length: number): bigint {
  return BLOCK_SIZES[FAMILY_BITS[family] - length];
}

/** 2^n for n = 0…128, computed once: block sizes are asked for on every allocation. */
const BLOCK_SIZES: readonly bigint[] = Array.from({ length: 129 }, (_, n) => 1n << BigInt(n));

/**
 * The last address of a prefix.
 * @param p the prefix
 */
export function lastAddress(p: Prefix): bigint {
  return p.network + blockSize(p.family, p.length) - 1n;
}

/**
 * Canonical `address/length` text (IPv6 per RFC 5952).
 * @param p the prefix
 */
export function formatPrefix(p: Prefix): string {
  return `${formatAddress(p.family, p.network)}/${p.length}`;
}

/**
 * True when `inner` lies wholly inside `outer` (same family).
 * @param outer the enclosing prefix
 * @param inner the prefix tested
 */
export function contains(outer: Prefix, inner: Prefix): boolean {
  return outer.family === inner.family && outer.length <= inner.length && inner.network >= outer.network && lastAddress(inner) <= lastAddress(outer);
}

/**
 * True when two prefixes share at least one address (same family).
 * @param a one prefix
 * @param b the other
 */
export function overlaps(a: Prefix, b: Prefix): boolean {
  return a.family === b.family && a.network <= lastAddress(b) && b.network <= lastAddress(a);
}

/**
 * The lowest multiple of `size` at or above `value`.
 * @param value an address
 * @param size a power of two (a block size)
 */
export function alignUp(value: bigint, size: bigint): bigint {
  const rest = value & (size - 1n);
  return rest === 0n ? value : value - rest + size;
}

/**
 * The prefix length of the smallest block holding `count` addresses.
 * @param family the address family
 * @param count addresses needed, ≥ 1
 */
export function lengthForCount(family: Family, count: bigint): number {
  const bits = FAMILY_BITS[family];
  let length = bits;
  while (length > 0 && blockSize(family, length) < count) length--;
  return length;
}

/**
 * Orders prefixes by network address, then shorter (larger) first.
 * @param a one prefix
 * @param b the other
 */
export function comparePrefixes(a: Prefix, b: Prefix): number {
  if (a.family !== b.family) return a.family === "ipv4" ? -1 : 1;
  if (a.network !== b.network) return a.network < b.network ? -1 : 1;
  return a.length - b.length;
}
