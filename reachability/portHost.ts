/**
 * A Neutron port of the plan as a host of the proof: its addresses per family (fixed, or the SLAAC
 * address its MAC gives), the subnets holding them, its VLAN and its security groups. Shared by every
 * endpoint made of ports (VM tiers, cluster nodes, an API VIP held by control-plane ports).
 */
import { addressInPrefix, familyOf, parseIp, type Family } from "./addresses";
import type { Dataplane } from "./dataplane";
import type { Host, Location } from "./endpointTypes";
import type { NeutronPort } from "./neutronModel";
import type { PrefixTrie } from "./prefixTrie";
import { canonicalPrefix, type SiteTopology } from "./topology";

const FAMILIES: readonly Family[] = ["ipv4", "ipv6"];

/**
 * The address a host with this MAC takes by SLAAC in a /64 (RFC 4291 Appendix A: the MAC's 48 bits
 * split by ff:fe, the universal/local bit inverted). Written here, apart from the compiler's own, so the
 * proof does not trust the compiler. Undefined when the subnet is not a /64 or the MAC is malformed.
 */
export function slaacAddress(cidr: string, mac: string): string | undefined {
  const [net, len] = cidr.split("/");
  const bytes = mac.split(":").map((h) => Number.parseInt(h, 16));
  if (len !== "64" || bytes.length !== 6 || bytes.some((b) => Number.isNaN(b) || b < 0 || b > 255)) return undefined;
  const hex = (a: number, b: number): string => ((a << 8) | b).toString(16);
  const iid = [hex(bytes[0] ^ 2, bytes[1]), hex(bytes[2], 0xff), hex(0xfe, bytes[3]), hex(bytes[4], bytes[5])].join(":");
  const groups = expandV6(net).slice(0, 4).join(":");
  return `${groups}:${iid}`;
}

/** The eight 16-bit groups of an IPv6 address, as hex text. */
function expandV6(addr: string): string[] {
  const [head, tail] = addr.includes("::") ? addr.split("::") : [addr, undefined];
  const h = head ? head.split(":") : [];
  const t = tail ? tail.split(":") : [];
  const fill = tail === undefined ? [] : Array(8 - h.length - t.length).fill("0");
  return [...h, ...fill, ...t];
}

/**
 * A stable number from a text (FNV-1a, 24 bits): where a port's SLAAC stand-in address sits in its subnet.
 * @param text the port's identity
 */
export function identityOffset(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h & 0xffffff;
}

/**
 * The Neutron subnet (most specific) holding each of an address's families.
 * @param trie subnets by prefix
 * @param address the address per family
 */
export function subnetsOf(trie: PrefixTrie<string>, address: Partial<Record<Family, string>>): Partial<Record<Family, string>> {
  const out: Partial<Record<Family, string>> = {};
  for (const f of FAMILIES) {
    const a = address[f];
    const s = a !== undefined ? trie.longest(a) : undefined;
    if (s !== undefined) out[f] = s;
  }
  return out;
}

/**
 * A port as a host: one address per family from its fixed IPs (SLAAC: from its MAC, or without a fixed
 * MAC an address of the subnet drawn from the port's identity, so distinct ports get distinct addresses).
 * @param p the port
 * @param dp the dataplane
 * @param topo the site's topology (the VLAN of the port's subnet)
 * @param location where the port sits when its subnet names no VLAN
 */
export function portHost(p: NeutronPort, dp: Dataplane, topo: SiteTopology, location: Location): Host {
  const address: Partial<Record<Family, string>> = {};
  const subnetId: Partial<Record<Family, string>> = {};
  let portVlan: string | undefined;
  for (const f of p.fixedIps) {
    const sn = dp.neutron.subnets.get(f.subnetId);
    const fam = f.address !== undefined ? familyOf(f.address) : sn?.family;
    if (!fam || address[fam] !== undefined) continue;
    const a = f.address ?? (sn ? (p.mac && fam === "ipv6" ? slaacAddress(sn.cidr, p.mac) : undefined) ?? addressInPrefix(sn.cidr, 0x10000n + BigInt(identityOffset(p.urn))) : undefined);
    if (a === undefined || !parseIp(a)) continue;
    address[fam] = a;
    subnetId[fam] = f.subnetId;
    if (sn) portVlan ??= topo.vlanOfPrefix.get(canonicalPrefix(sn.cidr));
  }
  return { id: p.urn, address, subnetId, location: { ...location, vlan: portVlan ?? location.vlan }, port: { urn: p.urn, name: p.name, groupIds: p.groupIds } };
}
