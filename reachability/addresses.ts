/**
 * Addresses and prefixes as numbers, for matching rule prefixes against endpoint addresses.
 * Lenient on purpose: a rule prefix with host bits (which Neutron accepts and masks) still matches.
 */
import { parseAddress, formatAddress, type Family } from "../inventory/addressing/address";
import { netmask } from "../inventory/addressing/prefix";

export type { Family };

/** A parsed address. */
export interface Ip {
  /** Address family. */
  family: Family;
  /** Numeric value. */
  value: bigint;
}

/** A parsed prefix, host bits cleared. */
export interface Net {
  /** Address family. */
  family: Family;
  /** Network address. */
  network: bigint;
  /** Prefix length. */
  length: number;
}

/**
 * Parses an address; undefined when it is not one.
 * @param text e.g. `10.0.0.5` or `2001:db8::5`
 */
export function parseIp(text: string): Ip | undefined {
  const a = parseAddress(text.trim());
  return a ? { family: a.family, value: a.value } : undefined;
}

/**
 * Parses `address/length` (or a bare address, as a host prefix); host bits are cleared.
 * @param text e.g. `10.0.0.0/24`, `2001:db8::/32`, `10.0.0.5`
 */
export function parseNet(text: string): Net | undefined {
  if (netCache.has(text)) return netCache.get(text);
  const n = parseNetUncached(text);
  netCache.set(text, n);
  return n;
}

// Plans repeat the same few thousand prefixes across tens of thousands of rules.
const netCache = new Map<string, Net | undefined>();

function parseNetUncached(text: string): Net | undefined {
  const [addr, len] = text.trim().split("/");
  const a = parseAddress(addr);
  if (!a) return undefined;
  const bits = a.family === "ipv4" ? 32 : 128;
  const length = len === undefined ? bits : Number(len);
  if (!Number.isInteger(length) || length < 0 || length > bits) return undefined;
  return { family: a.family, network: a.value & netmask(a.family, length), length };
}

/**
 * True when the prefix holds the address (never across families).
 * @param net the prefix
 * @param ip the address
 */
export function netContains(net: Net, ip: Ip): boolean {
  return net.family === ip.family && (ip.value & netmask(net.family, net.length)) === net.network;
}

/**
 * True when the prefix text holds the address text; false when either does not parse.
 * @param prefix prefix text
 * @param address address text
 */
export function prefixHolds(prefix: string, address: string): boolean {
  const n = parseNet(prefix);
  const a = parseIp(address);
  return n !== undefined && a !== undefined && netContains(n, a);
}

/**
 * The address `offset` places after the network address of a prefix, as text (clamped to the prefix).
 * @param prefix prefix text
 * @param offset how far into the prefix
 */
export function addressInPrefix(prefix: string, offset: bigint): string {
  const n = parseNet(prefix);
  if (!n) throw new Error(`"${prefix}" is not a prefix`);
  const size = 1n << BigInt((n.family === "ipv4" ? 32 : 128) - n.length);
  const off = offset < size ? offset : size - 1n;
  return formatAddress(n.family, n.network + off);
}

/**
 * Family of an address or prefix written as text.
 * @param text address or prefix
 */
export function familyOf(text: string): Family {
  return text.includes(":") ? "ipv6" : "ipv4";
}

/** Bits in an address of the family. */
export function familyBits(family: Family): number {
  return family === "ipv4" ? 32 : 128;
}

/** A closed range of addresses of one family, as numbers. */
export interface AddressRange {
  /** First address. */
  lo: bigint;
  /** Last address. */
  hi: bigint;
}

/**
 * The addresses a prefix covers.
 * @param net the prefix
 */
export function netRange(net: Net): AddressRange {
  return { lo: net.network, hi: net.network + (1n << BigInt(familyBits(net.family) - net.length)) - 1n };
}

/**
 * The whole address space of a family.
 * @param family the family
 */
export function wholeSpace(family: Family): AddressRange {
  return { lo: 0n, hi: (1n << BigInt(familyBits(family))) - 1n };
}
