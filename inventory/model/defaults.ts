import type { Physnet, Site } from "./site";
import type { Vlan, Zone } from "./zone";
import type { Tier } from "./system";
import type { StorageArray, StoragePool } from "./plant";

/**
 * Defaults that depend on other parts of the model. Each is chosen so that it never depends on the
 * order of a list in the inventory: re-ordering a file must never move a VLAN or a host.
 */

/**
 * The physnet a VLAN is on: the one it names; else the site's only physnet; else the one physnet whose
 * VLAN range holds the id. Undefined when none (or several) fit: the loader reports it.
 */
export function vlanPhysnet(site: Pick<Site, "physnets">, vlan: Pick<Vlan, "id" | "physnet">): Physnet | undefined {
  if (vlan.physnet !== undefined) return site.physnets.find((p) => p.name === vlan.physnet);
  if (site.physnets.length === 1) return site.physnets[0];
  const fits = site.physnets.filter((p) => vlan.id >= p.vlanMin && vlan.id <= p.vlanMax);
  return fits.length === 1 ? fits[0] : undefined;
}

/** The VLAN a tier is placed on: the one it names, else the zone's VLAN with the lowest id. */
export function tierVlan(zone: Pick<Zone, "vlans">, tier: Pick<Tier, "vlan">): Vlan | undefined {
  if (tier.vlan !== undefined) return zone.vlans.find((v) => v.name === tier.vlan);
  return zone.vlans.reduce<Vlan | undefined>((low, v) => (low === undefined || v.id < low.id ? v : low), undefined);
}

/**
 * The pool a tier's volumes come from at a site: the pool it names (when that pool is at the site), else
 * the site's pool of its `storageTier` with the lowest id. Undefined when neither gives one.
 */
export function tierPool(arrays: readonly Pick<StorageArray, "site" | "pools">[], site: string, tier: Pick<Tier, "storagePool" | "storageTier">): StoragePool | undefined {
  const pools = arrays.filter((a) => a.site === site).flatMap((a) => a.pools);
  if (tier.storagePool !== undefined) return pools.find((p) => p.id === tier.storagePool);
  if (tier.storageTier === undefined) return undefined;
  return pools.filter((p) => p.tier === tier.storageTier).reduce<StoragePool | undefined>((low, p) => (low === undefined || p.id < low.id ? p : low), undefined);
}
