import { tierPool, type HostedSystem, type Inventory, type PublishedPort, type StoragePool } from "../../inventory/model";
import type { SitePlan, SubnetPlan } from "../../inventory/addressing/types";
import { tierSubnets } from "../flows/resolve";
import { resourceName } from "../naming";
import { assignFixedAddresses, type FixedAddress, type HostRequest } from "./fixedAddresses";
import { tierGroupKey, zoneGroupKey } from "./securityGroups";

/** A VM the model declares, with its fixed addresses from the plan. */
export interface InstanceSpec {
  /** Stable key `<system>-<tier>-<n>`. */
  key: string;
  /** Server and port name `<site>-<system>-<tier>-<n>`. */
  name: string;
  system: string;
  tier: string;
  zone: string;
  /** Key of the network (`<zone>-<vlan>`) the port is on. */
  networkKey: string;
  image: string;
  flavor: string;
  /** Fixed IPv4 address from the subnet's pool. */
  ipv4: string;
  /** The port's MAC, fixed so its SLAAC address is known before it exists. */
  mac: string;
  /** IPv6 address: fixed from the pool on DHCPv6-stateful subnets, the MAC's EUI-64 address on SLAAC ones. */
  ipv6: string;
  /** The IPv6 address is requested as a fixed IP (stateful subnets); on SLAAC ones Neutron derives it from the MAC. */
  ipv6Fixed: boolean;
  /** Security groups: the zone's and the tier's. */
  securityGroupKeys: string[];
  /** Server group key for HA tiers. */
  serverGroupKey?: string;
  /** Volume per instance, GiB (0 = none). */
  volumeGiB: number;
  /** Volume type name for that volume. */
  volumeType?: string;
  /** The system's data class, recorded on its volumes (auditors and DATA-01 read it). */
  dataClass: string;
  /** Ports published to the Internet (get a floating IP). */
  publish: PublishedPort[];
}

/** Anti-affinity group of an HA tier. */
export interface ServerGroupSpec {
  key: string;
  name: string;
  system: string;
  tier: string;
  policy: "anti-affinity";
}

/** What the compute layer creates at one site. */
export interface PlacementSpec {
  instances: InstanceSpec[];
  serverGroups: ServerGroupSpec[];
  /** VLANs whose pool cannot hold the hosts placed on them: one message each, saying what to change. */
  problems: string[];
  /** The fixed addresses of the other hosts the placement was asked to share the VLANs with, by key. */
  sharedAddresses?: ReadonlyMap<string, FixedAddress>;
}

/**
 * The volume type a system's volumes use on a pool: its own type on that pool when its storage is
 * separate or the pool is reserved for it, else the pool's (public) type.
 */
export function volumeTypeFor(system: HostedSystem, pool: Pick<StoragePool, "id" | "reservedFor"> | undefined): string | undefined {
  if (!pool) return undefined;
  return dedicatedStorage(system) || pool.reservedFor === system.id ? `sys-${system.id}-${pool.id}` : pool.id;
}

/** Level-3 systems keep a logically separate storage partition (Circular 12/2022 Art. 9.9) unless told otherwise. */
export function dedicatedStorage(system: HostedSystem): boolean {
  return system.dedicatedStorage ?? system.securityLevel >= 3;
}

/**
 * Compiles the VM tiers of every system hosted at a site into instances with fixed addresses and
 * anti-affinity server groups for HA tiers. Bare-metal and container tiers are not Nova's.
 * `sharing` are the site's other hosts on the same VLANs (cluster nodes): addresses are picked over
 * all of them, and theirs are returned in `sharedAddresses`. Exported for testing.
 */
export function compilePlacements(inventory: Inventory, plan: SitePlan, sharing: readonly HostRequest[] = []): PlacementSpec {
  const ctx = { inventory, plan };
  const wanted: Array<{ spec: Omit<InstanceSpec, keyof FixedAddress>; subnet: SubnetPlan }> = [];
  const serverGroups: ServerGroupSpec[] = [];
  for (const system of inventory.systems) {
    if (!system.sites.includes(plan.site)) continue;
    for (const tier of system.tiers) {
      if (tier.form !== "vm") continue;
      const subnet = tierSubnets(ctx, system, tier.name)[0];
      if (!subnet) continue;
      const sgKey = system.ha && tier.instances >= 2 ? resourceName(system.id, tier.name) : undefined;
      if (sgKey) serverGroups.push({ key: sgKey, name: resourceName(plan.site, sgKey), system: system.id, tier: tier.name, policy: "anti-affinity" });
      for (let n = 1; n <= tier.instances; n++) {
        const key = resourceName(system.id, tier.name, n);
        wanted.push({
          subnet,
          spec: {
            key,
            name: resourceName(plan.site, key),
            system: system.id,
            tier: tier.name,
            zone: tier.zone,
            networkKey: resourceName(subnet.zone, subnet.vlanName),
            image: tier.image ?? "",
            flavor: tier.flavor ?? "",
            securityGroupKeys: [zoneGroupKey(tier.zone), tierGroupKey(system.id, tier.name)],
            serverGroupKey: sgKey,
            volumeGiB: tier.volumeGiB,
            volumeType: tier.volumeGiB > 0 ? volumeTypeFor(system, tierPool(inventory.storageArrays, plan.site, system.id, tier)) : undefined,
            dataClass: system.dataClass,
            // Published ports are a set: sorted, so their order in the file never shows in a resource.
            publish: [...tier.publish].sort((a, b) => a.protocol.localeCompare(b.protocol) || a.port - b.port),
          },
        });
      }
    }
  }
  // Addresses are picked per subnet over all the hosts on it (other systems' and clusters' too), so no two get the same one.
  const assigned = assignFixedAddresses(plan.site, [...wanted.map((w) => ({ key: w.spec.key, subnet: w.subnet, owner: `${w.spec.system}/${w.spec.tier}` })), ...sharing]);
  const instances: InstanceSpec[] = [];
  for (const w of wanted) {
    const a = assigned.addresses.get(w.spec.key);
    if (a) instances.push({ ...w.spec, ...a });
  }
  const sharedAddresses = new Map(sharing.filter((r) => assigned.addresses.has(r.key)).map((r) => [r.key, assigned.addresses.get(r.key) as FixedAddress]));
  const problems = assigned.problems;
  instances.sort((a, b) => a.key.localeCompare(b.key));
  serverGroups.sort((a, b) => a.key.localeCompare(b.key));
  return { instances, serverGroups, problems, sharedAddresses };
}
