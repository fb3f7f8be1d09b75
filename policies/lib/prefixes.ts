import { Address4, Address6 } from "ip-address";

/** IPv4 or IPv6. */
export type Family = "ipv4" | "ipv6";

/**
 * True when a prefix covers every address of its family (0.0.0.0/0, ::/0).
 * @param prefix CIDR text.
 */
export function isAnywhere(prefix: string): boolean {
  const [addr, len] = prefix.trim().split("/");
  if (len === undefined || Number(len) !== 0) return false;
  return addr.includes(":") ? Address6.isValid(prefix) : Address4.isValid(prefix);
}

/**
 * Family of an address or prefix by its text.
 * @param text address or CIDR.
 */
export function familyOf(text: string): Family {
  return text.includes(":") ? "ipv6" : "ipv4";
}

/**
 * True when `inner` lies entirely inside `outer` (same family); invalid text is never contained.
 * @param outer CIDR that should contain.
 * @param inner CIDR or address to test.
 */
export function prefixContains(outer: string, inner: string): boolean {
  try {
    if (familyOf(outer) !== familyOf(inner)) return false;
    if (familyOf(outer) === "ipv4") {
      const o = new Address4(outer);
      const i = new Address4(inner.includes("/") ? inner : `${inner}/32`);
      return i.subnetMask >= o.subnetMask && i.isInSubnet(o);
    }
    const o = new Address6(outer);
    const i = new Address6(inner.includes("/") ? inner : `${inner}/128`);
    return i.subnetMask >= o.subnetMask && i.isInSubnet(o);
  } catch {
    return false;
  }
}

/** Private and internal ranges (RFC 1918, RFC 6598 shared space, ULA, documentation prefixes used in examples). */
export const INTERNAL_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7", "2001:db8::/32"];

/**
 * True when an address is internal: in a private range or in one of the extra prefixes.
 * @param address the address.
 * @param extra prefixes that also count as internal (e.g. the site's aggregates).
 */
export function isInternalAddress(address: string, extra: readonly string[] = []): boolean {
  return [...INTERNAL_RANGES, ...extra].some((p) => prefixContains(p, address));
}
