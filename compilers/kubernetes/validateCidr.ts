/** CIDR checks the OpenAPI schemas leave out (they type `ipBlock.cidr` as a plain string). */
import { Address4, Address6 } from "ip-address";

/** A parsed prefix. */
export interface ParsedCidr {
  /** Family. */
  family: "ipv4" | "ipv6";
  /** Prefix length. */
  length: number;
  /** First address as a number. */
  first: bigint;
  /** Last address as a number. */
  last: bigint;
  /** Canonical text: network address (RFC 5952 for IPv6) and length. */
  canonical: string;
}

/**
 * Parses a CIDR written as text. Only the canonical form is accepted: Kubernetes stores what it is
 * given, and `10.0.0.1/24` or upper-case IPv6 would show as a permanent diff (and usually hides a typo).
 * @param text e.g. `10.0.0.0/24`, `2001:db8::/64`
 */
export function parseCidr(text: string): { ok: true; cidr: ParsedCidr } | { ok: false; message: string } {
  if (!/^[0-9a-fA-F:.]+\/\d{1,3}$/.test(text)) return { ok: false, message: `expected a CIDR such as 10.0.0.0/24 or 2001:db8::/64, found "${text}"` };
  const family = text.includes(":") ? "ipv6" : "ipv4";
  let address: Address4 | Address6;
  try {
    address = family === "ipv4" ? new Address4(text) : new Address6(text);
  } catch {
    return { ok: false, message: `expected a valid ${family === "ipv4" ? "IPv4" : "IPv6"} CIDR, found "${text}"` };
  }
  const length = address.subnetMask;
  const canonical = `${address.startAddress().correctForm()}/${length}`;
  if (canonical !== text) return { ok: false, message: `expected the canonical form "${canonical}", found "${text}"` };
  return { ok: true, cidr: { family, length, first: address.startAddress().bigInt(), last: address.endAddress().bigInt(), canonical } };
}

/**
 * True when `inner` lies inside `outer` (same family).
 * @param inner candidate sub-prefix
 * @param outer enclosing prefix
 */
export function cidrWithin(inner: ParsedCidr, outer: ParsedCidr): boolean {
  return inner.family === outer.family && inner.first >= outer.first && inner.last <= outer.last && inner.length > outer.length;
}
