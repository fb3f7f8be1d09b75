/**
 * The Neutron ML2 settings a test cloud needs so it accepts every network of a province: each site
 * physnet's VLAN range (merged across sites), a flat physnet for the external network, and an MTU
 * that covers the largest physnet MTU. Derived from the inventory, never hard-coded. Pure.
 */
import type { Inventory } from "../inventory/model";

/** The ML2 options written into ml2_conf.ini / neutron.conf. */
export interface Ml2Physnets {
  /** `[ml2_type_vlan] network_vlan_ranges`, e.g. `physnet-dc:100:3999,physnet-oob:4000:4009,physnet-ext`. */
  networkVlanRanges: string;
  /** `[ml2_type_flat] flat_networks`: the external flat physnet(s). */
  flatNetworks: string;
  /** `[DEFAULT] global_physnet_mtu`: at least every physnet's MTU. */
  globalPhysnetMtu: number;
}

/** Physnet of the flat external (Internet) network floating IPs come from; not an inventory physnet. */
export const EXTERNAL_PHYSNET = "physnet-ext";

/**
 * ML2 settings covering every physnet of every site. Ranges of one physnet from several sites are
 * merged when they overlap or touch, and listed separately otherwise (ML2 accepts repeated names).
 * @param sites the inventory's sites (name, VLAN range, MTU of each physnet)
 * @param externalPhysnet the flat external physnet (default `physnet-ext`)
 */
export function ml2Physnets(sites: Pick<Inventory, "sites">["sites"], externalPhysnet = EXTERNAL_PHYSNET): Ml2Physnets {
  const ranges = new Map<string, Array<[number, number]>>();
  let mtu = 1500;
  for (const site of sites) {
    for (const p of site.physnets) {
      const list = ranges.get(p.name) ?? [];
      list.push([p.vlanMin, p.vlanMax]);
      ranges.set(p.name, list);
      mtu = Math.max(mtu, p.mtu);
    }
  }
  const parts: string[] = [];
  for (const name of [...ranges.keys()].sort()) {
    for (const [lo, hi] of mergeRanges(ranges.get(name) ?? [])) parts.push(`${name}:${lo}:${hi}`);
  }
  if (!ranges.has(externalPhysnet)) parts.push(externalPhysnet);
  return { networkVlanRanges: parts.join(","), flatNetworks: externalPhysnet, globalPhysnetMtu: mtu };
}

/**
 * Sorted, non-overlapping ranges covering exactly the same VLAN ids as the input.
 * @param ranges inclusive [min, max] ranges
 */
export function mergeRanges(ranges: ReadonlyArray<readonly [number, number]>): Array<[number, number]> {
  const sorted = [...ranges].map(([a, b]): [number, number] => [Math.min(a, b), Math.max(a, b)]).sort((x, y) => x[0] - y[0]);
  const out: Array<[number, number]> = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

/**
 * One site's VLAN plan in pre-flight's form (physnet → ranges), from its inventory physnets.
 * @param site the site (its physnets)
 */
export function siteVlanRanges(site: Pick<Inventory["sites"][number], "physnets">): Record<string, Array<readonly [number, number]>> {
  const out: Record<string, Array<readonly [number, number]>> = {};
  for (const p of site.physnets) (out[p.name] ??= []).push([p.vlanMin, p.vlanMax]);
  return out;
}
