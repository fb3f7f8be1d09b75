/**
 * How big each block is. The numbers are policy, kept in one place with the reason for each.
 */
import { Family } from "./address";
import { blockSize, lengthForCount } from "./prefix";

/** Growth room on top of the declared hosts of a VLAN (×1.5): hosts are estimates and grow. */
export const VLAN_HOST_HEADROOM = 1.5;
/** IPv4 addresses after the gateway kept for network devices and VIPs (HA pairs, VRRP, load balancers). */
export const IPV4_RESERVED_AFTER_GATEWAY = 10;
/** Smallest VLAN subnet we allocate: a /29 (smaller ones cannot hold gateway, reserved range and hosts). */
export const MIN_VLAN_IPV4_LENGTH = 29;
/** A zone block holds twice what its VLANs need today, so a new VLAN rarely forces a renumbering. */
export const ZONE_HEADROOM = 2n;
/** Smallest IPv4 infrastructure block per site (links and loopbacks): a /24. */
export const MIN_INFRA_IPV4_LENGTH = 24;
/** IPv6 infrastructure block per site: one /64 holds every /127 link and /128 loopback there will ever be. */
export const INFRA_IPV6_LENGTH = 64;
/** IPv6 VLAN subnet: a /64 (SLAAC requires exactly that). */
export const VLAN_IPV6_LENGTH = 64;
/** Smallest IPv6 zone block: a /56, on a nibble boundary so the zone reads off the address text. */
export const MIN_ZONE_IPV6_LENGTH = 56;
/** Default Kubernetes pod range, IPv6: a /56 is 256 node /64s. */
export const POD_IPV6_LENGTH = 56;
/** Default Kubernetes service range, IPv6: a /112 (kube-apiserver accepts at most 20 host bits for services). */
export const SERVICE_IPV6_LENGTH = 112;

/**
 * Addresses a VLAN's IPv4 subnet needs beyond its hosts: network, broadcast, gateway and the reserved range.
 */
export const IPV4_OVERHEAD = 3 + IPV4_RESERVED_AFTER_GATEWAY;

/**
 * The IPv4 prefix length allocated for a VLAN: hosts × 1.5 plus overhead, rounded up to a power of two, at least a /29.
 * @param hosts hosts the VLAN is declared to hold
 */
export function vlanIpv4Length(hosts: number): number {
  const needed = BigInt(Math.ceil(hosts * VLAN_HOST_HEADROOM) + IPV4_OVERHEAD);
  return Math.min(lengthForCount("ipv4", needed), MIN_VLAN_IPV4_LENGTH);
}

/**
 * The IPv4 prefix length of a zone block: twice the sum of its VLAN subnets, rounded up to a power of two.
 * @param vlanLengths the IPv4 prefix lengths of the zone's VLAN subnets
 */
export function zoneIpv4Length(vlanLengths: readonly number[]): number {
  let sum = 0n;
  for (const length of vlanLengths) sum += blockSize("ipv4", length);
  return lengthForCount("ipv4", sum * ZONE_HEADROOM);
}

/**
 * The IPv6 prefix length of a zone block: room for twice its VLANs' /64s, on a nibble boundary, at least a /56.
 * @param vlanCount VLANs in the zone
 */
export function zoneIpv6Length(vlanCount: number): number {
  const slots = BigInt(vlanCount) * ZONE_HEADROOM;
  let length = MIN_ZONE_IPV6_LENGTH;
  while (length > 4 && 1n << BigInt(VLAN_IPV6_LENGTH - length) < slots) length -= 4;
  return length;
}

/**
 * The IPv4 prefix length of a site's infrastructure block: twice its /31 links and /32 loopbacks, at least a /24.
 * @param links point-to-point links at the site
 * @param loopbacks loopbacks at the site
 */
export function infraIpv4Length(links: number, loopbacks: number): number {
  const needed = BigInt(2 * links + loopbacks) * ZONE_HEADROOM;
  return Math.min(lengthForCount("ipv4", needed > 0n ? needed : 1n), MIN_INFRA_IPV4_LENGTH);
}

/**
 * Hosts an IPv4 subnet of this length can serve once the gateway is taken (reserved range excluded
 * only when there is room for it, see subnetLayout).
 * @param family the address family
 * @param length the subnet's prefix length
 */
export function usableHosts(family: Family, length: number): bigint {
  const size = blockSize(family, length);
  // IPv6 has no broadcast; both families lose the network address (router anycast) and the gateway.
  return family === "ipv4" ? (size > 3n ? size - 3n : 0n) : size - 2n;
}
