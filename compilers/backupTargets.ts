import { everyCopyEncrypted, hasImmutableCopy, offsiteCopySites, siteRoleMap, type HostedSystem, type Inventory } from "../inventory/model";
import { resourceName } from "./naming";

/** An object-storage container receiving one backup policy's copies at a site. */
export interface BackupTargetSpec {
  policy: string;
  /** Container name `<site>-backup-<policy>`. */
  container: string;
  /** Retention, copies (where they are), encryption and immutability, recorded on the container for auditors. */
  metadata: Record<string, string>;
  /** Backups of a policy with an immutable copy are protected from `pulumi destroy`. */
  immutable: boolean;
  /** The object store's storage policy of the policy's target zone at the site (its `objectStoragePolicy`), if set. */
  storagePolicy?: string;
}

/** Data classes from least to most sensitive: a backup holds the most sensitive class of what it copies. */
export const DATA_CLASS_ORDER: readonly HostedSystem["dataClass"][] = ["public", "internal", "confidential", "personal", "sensitive-personal"];

/** One target per backup policy that a system hosted at the site uses. Exported for testing. */
export function compileBackupTargets(inventory: Inventory, site: string): BackupTargetSpec[] {
  const here = inventory.systems.filter((s) => s.sites.includes(site));
  const used = new Set(here.map((s) => s.backupPolicy));
  const classOf = (policy: string): string =>
    DATA_CLASS_ORDER[Math.max(...here.filter((s) => s.backupPolicy === policy).map((s) => DATA_CLASS_ORDER.indexOf(s.dataClass)))];
  const roles = siteRoleMap(inventory.sites);
  const storagePolicyOf = (zone: string): string | undefined => inventory.zones.find((z) => z.site === site && z.id === zone)?.objectStoragePolicy;
  return inventory.backupPolicies
    .filter((p) => used.has(p.id))
    .map((p) => ({ p, storagePolicy: storagePolicyOf(p.targetZone) }))
    .map(({ p, storagePolicy }) => ({
      policy: p.id,
      container: resourceName(site, "backup", p.id),
      immutable: hasImmutableCopy(p),
      ...(storagePolicy !== undefined ? { storagePolicy } : {}),
      metadata: {
        "backup-policy": p.id,
        site,
        "retention-days": String(p.retentionDays),
        copies: p.copies.map((c) => `${c.id}@${c.site}/${c.device ?? c.zone ?? ""}:${c.media}`).sort().join(","),
        media: [...new Set(p.copies.map((c) => c.media))].sort().join(","),
        offsite: offsiteCopySites(p, site, roles).join(",") || "none",
        encrypted: String(everyCopyEncrypted(p)),
        immutable: String(hasImmutableCopy(p)),
        schedule: p.schedule,
        "data-class": classOf(p.id),
      },
    }))
    .sort((a, b) => a.policy.localeCompare(b.policy));
}
