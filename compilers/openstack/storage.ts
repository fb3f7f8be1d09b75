import { tierPool, type Inventory } from "../../inventory/model";
import { dedicatedStorage, volumeTypeFor } from "./placements";
import { encryptionSpecOf, type EncryptionSpec } from "./volumeEncryption";

/** A Cinder volume type. */
export interface VolumeTypeSpec {
  /** Stable key and Cinder name (`<pool>`, or `sys-<system>-<pool>` for separate storage and reserved pools). */
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
  /** The Cinder encryption spec of an encrypted type (absent: not encrypted). */
  encryption?: EncryptionSpec;
  /** Pool the type places volumes on. */
  pool: string;
}

/**
 * Volume types per SAN pool at a site (backend, multi-attach, QoS, encryption spec) and one private
 * type per system whose storage must be logically separate (Circular 12/2022 Art. 9.9) or that owns a
 * reserved pool. Pools reserved for a system, and pools set aside for logs or backups, get no public
 * type: only their owner's project can ever place a volume on them. Exported for testing.
 */
export function compileVolumeTypes(inventory: Inventory, site: string): VolumeTypeSpec[] {
  const out: VolumeTypeSpec[] = [];
  const pools = inventory.storageArrays.filter((a) => a.site === site).flatMap((a) => a.pools);
  const base = (p: (typeof pools)[number]) => ({
    maxIops: p.maxIopsPerVolume,
    encrypted: p.encrypted,
    encryption: p.encrypted ? encryptionSpecOf(p.encryption) : undefined,
    pool: p.id,
  });
  for (const p of pools) {
    if (p.reservedFor !== undefined || p.purpose !== "general") continue;
    const extraSpecs: Record<string, string> = { volume_backend_name: p.backend };
    if (p.multiattach) extraSpecs.multiattach = "<is> True";
    out.push({ key: p.id, description: `${p.tier} pool ${p.id}`, isPublic: true, extraSpecs, ...base(p) });
  }
  for (const system of inventory.systems) {
    if (!system.sites.includes(site)) continue;
    const used = new Set(system.tiers.filter((t) => t.volumeGiB > 0).map((t) => tierPool(inventory.storageArrays, site, system.id, t)?.id));
    for (const pool of pools.filter((p) => used.has(p.id))) {
      if (!dedicatedStorage(system) && pool.reservedFor !== system.id) continue;
      const extraSpecs: Record<string, string> = { volume_backend_name: pool.backend };
      if (pool.multiattach) extraSpecs.multiattach = "<is> True";
      out.push({
        key: volumeTypeFor(system, pool) as string,
        description: pool.reservedFor === system.id ? `${pool.purpose} pool ${pool.id} reserved for ${system.id}` : `separate storage of ${system.id} on ${pool.id}`,
        isPublic: false,
        projectKey: `system-${system.id}`,
        extraSpecs,
        ...base(pool),
      });
    }
  }
  return out.sort((a, b) => a.key.localeCompare(b.key));
}
