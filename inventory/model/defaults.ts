import type { Physnet, Site } from "./site";
import type { Vlan, Zone } from "./zone";
import type { Tier } from "./system";
import type { StorageArray, StoragePool } from "./san";
import type { Cluster, ControlPlane, NodePool } from "./kubernetes";

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

/** The image of a cluster's node group (control plane or pool): its own, else the cluster's. */
export function nodeGroupImage(cluster: Pick<Cluster, "image">, group: Pick<ControlPlane | NodePool, "image">): string | undefined {
  return group.image ?? cluster.image;
}

/**
 * The VLAN a cluster's node group sits on: the pool's, else the cluster's, else the zone's VLAN with
 * the lowest id (as for tiers).
 */
export function clusterVlan(zone: Pick<Zone, "vlans">, cluster: Pick<Cluster, "vlan">, pool?: Pick<NodePool, "vlan">): Vlan | undefined {
  return tierVlan(zone, { vlan: pool?.vlan ?? cluster.vlan });
}

/** Whether a system may place volumes or LUNs on a pool: the pool is reserved for it, or is a general pool reserved for no one. */
export function mayUsePool(pool: Pick<StoragePool, "purpose" | "reservedFor">, system: string): boolean {
  return pool.reservedFor === system || (pool.reservedFor === undefined && pool.purpose === "general");
}

/** A pool placement looked at, and why it was not taken (undefined: it was). */
export interface PoolConsidered {
  /** Pool id. */
  id: string;
  /** Why the system may not use it, or undefined for the pool chosen. */
  refused?: string;
}

/**
 * Why a system may not use a pool, in words (undefined: it may).
 * @param pool the pool
 * @param system the system's id
 */
export function poolRefusal(pool: Pick<StoragePool, "purpose" | "reservedFor">, system: string): string | undefined {
  if (mayUsePool(pool, system)) return undefined;
  if (pool.reservedFor !== undefined) return `reserved for system "${pool.reservedFor}"`;
  return `a ${pool.purpose} pool (only general pools, or pools reserved for the system, take its volumes)`;
}

/**
 * Where a tier's volumes come from at a site, and every pool considered. The pool it names (when that
 * pool is at the site and the system may use it); else, among the site's pools of its `storageTier` the
 * system may use, one reserved for the system first, then the lowest id. Never a pool reserved for
 * another system or set aside for logs or backups, whatever the ids sort like.
 * @param arrays the storage arrays
 * @param site site id
 * @param system id of the tier's system
 * @param tier the tier
 */
export function placeTierPool(
  arrays: readonly Pick<StorageArray, "site" | "pools">[],
  site: string,
  system: string,
  tier: Pick<Tier, "storagePool" | "storageTier">,
): { pool?: StoragePool; considered: PoolConsidered[] } {
  const pools = arrays.filter((a) => a.site === site).flatMap((a) => a.pools);
  if (tier.storagePool !== undefined) {
    const named = pools.find((p) => p.id === tier.storagePool);
    if (!named) return { considered: [] };
    const refused = poolRefusal(named, system);
    return refused ? { considered: [{ id: named.id, refused }] } : { pool: named, considered: [{ id: named.id }] };
  }
  if (tier.storageTier === undefined) return { considered: [] };
  const ofTier = pools.filter((p) => p.tier === tier.storageTier).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const usable = ofTier.filter((p) => mayUsePool(p, system));
  const pool = usable.find((p) => p.reservedFor === system) ?? usable[0];
  return { pool, considered: ofTier.map((p) => ({ id: p.id, refused: p === pool ? undefined : (poolRefusal(p, system) ?? `not chosen: ${pool?.id} comes first`) })) };
}

/**
 * The pool a tier's volumes come from at a site (see `placeTierPool`); undefined when none fits.
 * @param arrays the storage arrays
 * @param site site id
 * @param system id of the tier's system
 * @param tier the tier
 */
export function tierPool(arrays: readonly Pick<StorageArray, "site" | "pools">[], site: string, system: string, tier: Pick<Tier, "storagePool" | "storageTier">): StoragePool | undefined {
  return placeTierPool(arrays, site, system, tier).pool;
}
