import type { Inventory } from "../../inventory/model";
import type { SitePlan, SubnetFamily } from "../../inventory/addressing/types";
import { resourceName } from "../naming";

/** One family's subnet as the provider's `networking.Subnet` takes it. */
export interface SubnetSpec {
  /** Neutron name (`<network>-v4` / `-v6`). */
  name: string;
  ipVersion: 4 | 6;
  cidr: string;
  gatewayIp: string;
  allocationPools: Array<{ start: string; end: string }>;
  dnsNameservers: string[];
  enableDhcp: boolean;
  /**
   * IPv6 only: Neutron's router advertisements, set (equal to the address mode: Neutron rejects mixed
   * SLAAC/stateful) only where a Neutron router is the gateway; elsewhere the zone's enforcer advertises.
   */
  ipv6RaMode?: "slaac" | "dhcpv6-stateful";
  ipv6AddressMode?: "slaac" | "dhcpv6-stateful";
}

/** A VLAN's provider network with its two subnets. */
export interface NetworkSpec {
  /** Stable key: `<zone>-<vlan name>`. */
  key: string;
  /** Neutron name: `<site>-<zone>-<vlan name>`. */
  name: string;
  zone: string;
  vlanId: number;
  vlanName: string;
  physnet: string;
  mtu: number;
  description: string;
  /** Routed by the zone's own cloud router (`cloud` and `virtualFirewall`); otherwise the zone's enforcer is the gateway. */
  routed: boolean;
  tags: string[];
  ipv4: SubnetSpec;
  ipv6: SubnetSpec;
}

function subnet(name: string, version: 4 | 6, fam: SubnetFamily, dns: string[], dhcp: boolean, mode?: "slaac" | "dhcpv6-stateful", neutronRoutes = false): SubnetSpec {
  const base: SubnetSpec = {
    name,
    ipVersion: version,
    cidr: fam.prefix,
    gatewayIp: fam.gateway,
    allocationPools: [{ start: fam.pool.start, end: fam.pool.end }],
    dnsNameservers: dns,
    // IPv6 address modes need Neutron's DHCP/RA handling on, whatever the IPv4 DHCP choice.
    enableDhcp: version === 6 ? true : dhcp,
  };
  if (!mode) return base;
  return neutronRoutes ? { ...base, ipv6RaMode: mode, ipv6AddressMode: mode } : { ...base, ipv6AddressMode: mode };
}

/**
 * Compiles every VLAN of a site into a provider network (physnet + segmentation id from the model)
 * with an IPv4 and an IPv6 subnet from the address plan. Exported for testing.
 */
export function compileNetworks(inventory: Inventory, plan: SitePlan): NetworkSpec[] {
  const site = inventory.sites.find((s) => s.id === plan.site);
  if (!site) return [];
  const dns = inventory.security.dnsServers;
  const dns4 = dns.filter((a) => !a.includes(":"));
  const dns6 = dns.filter((a) => a.includes(":"));
  const out: NetworkSpec[] = [];
  for (const s of plan.subnets) {
    const zone = inventory.zones.find((z) => z.site === plan.site && z.id === s.zone);
    const vlan = zone?.vlans.find((v) => v.name === s.vlanName);
    if (!zone || !vlan) continue;
    const physnet = site.physnets.find((p) => p.name === s.physnet) ?? site.physnets[0];
    const name = resourceName(plan.site, s.zone, s.vlanName);
    const routed = zone.cloud && zone.virtualFirewall;
    out.push({
      key: resourceName(s.zone, s.vlanName),
      name,
      zone: s.zone,
      vlanId: s.vlanId,
      vlanName: s.vlanName,
      physnet: physnet.name,
      mtu: physnet.mtu,
      description: s.purpose,
      routed,
      tags: [`site:${plan.site}`, `zone:${s.zone}`, `vlan:${s.vlanId}`, `hatang`],
      ipv4: subnet(`${name}-v4`, 4, s.ipv4, dns4, vlan.dhcp),
      ipv6: subnet(`${name}-v6`, 6, s.ipv6, dns6, vlan.dhcp, s.ipv6Mode, routed),
    });
  }
  return out.sort((a, b) => a.key.localeCompare(b.key));
}
