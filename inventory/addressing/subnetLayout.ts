import { formatAddress } from "./address";
import { IPV4_RESERVED_AFTER_GATEWAY } from "./sizing";
import { Prefix, blockSize, formatPrefix, lastAddress } from "./prefix";
import type { SubnetFamily } from "./types";

/** Last offset of the IPv6 reserved range: ::2–::ff after the ::1 gateway (network devices, VIPs, VRRP). */
const IPV6_RESERVED_LAST = 0xffn;

/** A subnet's layout as numbers, before printing. */
export interface SubnetLayout {
  /** The router's address: the first usable one. */
  gateway: bigint;
  /** Reserved range after the gateway, or undefined when the subnet has no room for it. */
  reserved?: { start: bigint; end: bigint };
  /** Allocation pool: what DHCP / Neutron hands out. */
  pool: { start: bigint; end: bigint };
}

/**
 * The layout of a VLAN subnet. IPv4: gateway .1, then up to 10 reserved addresses (fewer in tiny
 * subnets, so the pool is never empty), the pool up to the address before broadcast. IPv6: gateway ::1,
 * reserved ::2–::ff, pool ::100 to the end (no broadcast in IPv6).
 * @param p the subnet; IPv4 at most a /30, IPv6 at most a /120
 */
export function subnetLayout(p: Prefix): SubnetLayout {
  const gateway = p.network + 1n;
  if (p.family === "ipv4") {
    const size = blockSize("ipv4", p.length);
    const reservedCount = minBig(BigInt(IPV4_RESERVED_AFTER_GATEWAY), size > 5n ? size - 5n : 0n);
    const poolStart = gateway + 1n + reservedCount;
    return {
      gateway,
      reserved: reservedCount > 0n ? { start: gateway + 1n, end: gateway + reservedCount } : undefined,
      pool: { start: poolStart, end: lastAddress(p) - 1n },
    };
  }
  return {
    gateway,
    reserved: { start: p.network + 2n, end: p.network + IPV6_RESERVED_LAST },
    pool: { start: p.network + IPV6_RESERVED_LAST + 1n, end: lastAddress(p) },
  };
}

/**
 * Addresses in a subnet's allocation pool.
 * @param p the subnet
 */
export function poolSize(p: Prefix): bigint {
  const { pool } = subnetLayout(p);
  return pool.end - pool.start + 1n;
}

/**
 * A subnet's layout as printed, for the address plan.
 * @param p the subnet
 */
export function subnetFamily(p: Prefix): SubnetFamily {
  const layout = subnetLayout(p);
  const text = (v: bigint): string => formatAddress(p.family, v);
  return {
    prefix: formatPrefix(p),
    gateway: text(layout.gateway),
    pool: { start: text(layout.pool.start), end: text(layout.pool.end) },
    reserved: layout.reserved === undefined ? [] : [{ start: text(layout.reserved.start), end: text(layout.reserved.end) }],
  };
}

function minBig(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}
