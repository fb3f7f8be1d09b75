import { tierPool, type Inventory } from "../../inventory/model";
import { dedicatedStorage, volumeTypeFor } from "./placements";

/** A Cinder volume type. */
export interface VolumeTypeSpec {
  /** Stable key and Cinder name (`<pool>`, or `sys-<system>-<pool>` for separate storage). */
  key: string;
  description: string;
  /** Public types serve every project; per-system types only their system's project. */
  isPublic: boolean;
  /** Project key allowed to use a private type. */
  projectKey?: string;
  extraSpecs: Record<string, string>;
  /** IOPS limit per volume, as a QoS spec associated with the type. */
  maxIops?: number;
  /** Encrypted at rest (LUKS via Barbican). */
  encrypted: boolean;
}

/**
 * Volume types per SAN pool at a site (backend, multi-attach, QoS) and one private type per system
 * whose storage must be logically separate (Circular 12/2022 Art. 9.9). Exported for testing.
 */
export function compileVolumeTypes(inventory: Inventory, site: string): VolumeTypeSpec[] {
  const out: VolumeTypeSpec[] = [];
  const pools = inventory.storageArrays.filter((a) => a.site === site).flatMap((a) => a.pools);
  for (const p of pools) {
    const extraSpecs: Record<string, string> = { volume_backend_name: p.backend };
    if (p.multiattach) extraSpecs.multiattach = "<is> True";
    out.push({ key: p.id, description: `${p.tier} pool ${p.id}`, isPublic: true, extraSpecs, maxIops: p.maxIopsPerVolume, encrypted: p.encrypted });
  }
  for (const system of inventory.systems) {
    if (!system.sites.includes(site) || !dedicatedStorage(system)) continue;
    const used = new Set(system.tiers.filter((t) => t.volumeGiB > 0).map((t) => tierPool(inventory.storageArrays, site, t)?.id));
    for (const pool of pools.filter((p) => used.has(p.id))) {
      out.push({
        key: volumeTypeFor(system, pool.id) as string,
        description: `separate storage of ${system.id} on ${pool.id}`,
        isPublic: false,
        projectKey: `system-${system.id}`,
        extraSpecs: { volume_backend_name: pool.backend },
        maxIops: pool.maxIopsPerVolume,
        encrypted: pool.encrypted,
      });
    }
  }
  return out.sort((a, b) => a.key.localeCompare(b.key));
}
