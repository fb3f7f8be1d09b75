import type { SubnetPlan } from "../../inventory/addressing/types";
import { assignHostAddresses, assignMacAddresses, eui64Address, poolSize } from "./hostAddresses";

/** A host that needs fixed addresses on a subnet: a VM tier's instance, a cluster's node or API VIP. */
export interface HostRequest {
  /** Stable identity, unique over every host of the site (addresses and MACs are drawn from it). */
  key: string;
  /** The subnet (VLAN) it sits on. */
  subnet: SubnetPlan;
  /** What it belongs to, for problems (`system/tier`, `cluster/pool`). */
  owner: string;
}

/** The fixed addresses of one host. */
export interface FixedAddress {
  /** IPv4 address from the subnet's pool. */
  ipv4: string;
  /** The port's MAC, fixed so its SLAAC address is known before it exists. */
  mac: string;
  /** IPv6 address: from the pool on DHCPv6-stateful subnets, the MAC's EUI-64 address on SLAAC ones. */
  ipv6: string;
  /** The IPv6 address is requested as a fixed IP (stateful subnets); on SLAAC ones Neutron derives it from the MAC. */
  ipv6Fixed: boolean;
}

/**
 * Fixed addresses and MACs for every host of a site, picked per subnet over all the hosts on it
 * (VM instances and cluster nodes alike), so no two hosts ever get the same one. Each depends only
 * on the set of identities on its subnet. Pure; exported for testing.
 * @param site the site (MACs are drawn from `<site>/<key>`)
 * @param requests every host of the site that needs fixed addresses
 * @returns the addresses by key, and one problem per VLAN whose pool cannot hold its hosts (those hosts get none)
 */
export function assignFixedAddresses(site: string, requests: readonly HostRequest[]): { addresses: Map<string, FixedAddress>; problems: string[] } {
  const bySubnet = new Map<string, HostRequest[]>();
  for (const r of requests) {
    const k = r.subnet.ipv4.prefix;
    const list = bySubnet.get(k);
    if (list) list.push(r);
    else bySubnet.set(k, [r]);
  }
  const addresses = new Map<string, FixedAddress>();
  const problems: string[] = [];
  for (const group of bySubnet.values()) {
    const subnet = group[0].subnet;
    const keys = group.map((g) => g.key);
    const room = poolSize(subnet.ipv4.pool);
    if (BigInt(keys.length) > room) {
      const owners = [...new Set(group.map((g) => g.owner))].sort();
      problems.push(
        `VLAN ${subnet.vlanId} (${subnet.zone}/${subnet.vlanName}) at ${site}: its IPv4 pool ${subnet.ipv4.pool.start}–${subnet.ipv4.pool.end} holds ${room} addresses, ` +
          `but ${keys.length} instances are placed on it (${owners.slice(0, 5).join(", ")}${owners.length > 5 ? ", ..." : ""}); raise the VLAN's hosts or spread the tiers over more VLANs`,
      );
      continue;
    }
    const v4 = assignHostAddresses(subnet.ipv4.pool, keys);
    const stateful = subnet.ipv6Mode === "dhcpv6-stateful";
    const v6 = stateful ? assignHostAddresses(subnet.ipv6.pool, keys) : undefined;
    const macs = assignMacAddresses(keys.map((k) => `${site}/${k}`));
    for (const key of keys) {
      const mac = macs.get(`${site}/${key}`) as string;
      addresses.set(key, { ipv4: v4.get(key) as string, mac, ipv6: v6 ? (v6.get(key) as string) : eui64Address(subnet.ipv6.prefix, mac), ipv6Fixed: stateful });
    }
  }
  problems.sort();
  return { addresses, problems };
}
