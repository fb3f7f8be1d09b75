/**
 * Velero objects from the backup policies: a BackupStorageLocation per backup zone written to (S3-compatible
 * object storage in the policy's backup zone, and at the other site when the policy keeps a copy off-site),
 * and a Schedule per policy used by the cluster's systems. Pure builders; the platform chart wraps them.
 */
import type { BackupPolicy, Cluster, Inventory } from "../../inventory/model";
import { everyCopyEncrypted, offsiteCopySites, offsiteTarget, siteRoleMap } from "../../inventory/model";
import { MANAGED_BY } from "./labels";
import { dnsLabel } from "./names";
import { clusterKey, VELERO_NAMESPACE, type NamespacePlacement } from "./namespaces";
import type { KubeObject, KubernetesOptions, KubernetesProblem } from "./types";

/** Defaults of the object-storage options. */
export const DEFAULT_OBJECT_STORAGE_URL = "https://s3.{zone}.{domain}";
export const DEFAULT_OBJECT_STORAGE_BUCKET = "velero-{site}-{cluster}";
export const DEFAULT_OBJECT_STORAGE_SECRET = "velero-object-storage";

/** One object-storage target: a backup zone at a site. */
export interface StorageTarget {
  /** BackupStorageLocation name (`<zone>-<site>`). */
  name: string;
  /** Site holding the storage. */
  site: string;
  /** Backup zone id. */
  zone: string;
  /** S3 endpoint URL. */
  url: string;
}

/** What the Velero part of a cluster needs. */
export interface VeleroPlan {
  /** BackupStorageLocations. */
  locations: KubeObject[];
  /** Schedules. */
  schedules: KubeObject[];
  /** Every storage target written to (its zone's subnets get an egress allow). */
  targets: StorageTarget[];
  /** Problems (unknown backup policy, ...). */
  problems: KubernetesProblem[];
}

/**
 * Velero TTL (a Go duration) from retention days: `<days×24>h0m0s`, the form Velero writes back, so there is no diff.
 * @param days retention in days (≥1)
 */
export function ttlFromDays(days: number): string {
  return `${days * 24}h0m0s`;
}

/**
 * Fills `{site}`, `{zone}`, `{cluster}`, `{domain}` in a template.
 * @param template text with placeholders
 * @param values replacements
 */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

/**
 * The BackupStorageLocation for one target. Credentials are referenced by Secret name only: the
 * Secret is created by operators, so no key ever passes through this program or its plan.
 * @param target where
 * @param bucket bucket name
 * @param prefix path inside the bucket (the cluster id: one bucket may serve several clusters)
 * @param secret Secret name holding the `cloud` credentials file
 * @param encrypted ask the object store for server-side encryption (backup policy `encrypted`)
 * @param isDefault the cluster's default location
 */
export function backupStorageLocation(target: StorageTarget, bucket: string, prefix: string, secret: string, encrypted: boolean, isDefault: boolean): KubeObject {
  const config: Record<string, string> = { region: "default", s3ForcePathStyle: "true", s3Url: target.url };
  if (encrypted) config.serverSideEncryption = "AES256";
  return {
    apiVersion: "velero.io/v1",
    kind: "BackupStorageLocation",
    metadata: { name: target.name, namespace: VELERO_NAMESPACE, labels: { ...MANAGED_BY, "hatang.vn/site": target.site, "hatang.vn/zone": target.zone } },
    spec: {
      provider: "aws",
      objectStorage: { bucket, prefix },
      config,
      credential: { name: secret, key: "cloud" },
      accessMode: "ReadWrite",
      default: isDefault,
    },
  };
}

/**
 * A Schedule backing up the namespaces of the systems that use one policy.
 * @param name schedule name
 * @param policy the backup policy (cron, retention)
 * @param namespaces namespaces to include, sorted
 * @param location BackupStorageLocation name
 */
export function schedule(name: string, policy: BackupPolicy, namespaces: string[], location: string): KubeObject {
  return {
    apiVersion: "velero.io/v1",
    kind: "Schedule",
    metadata: { name, namespace: VELERO_NAMESPACE, labels: { ...MANAGED_BY, "hatang.vn/backup-policy": policy.id } },
    spec: {
      schedule: policy.schedule,
      useOwnerReferencesInBackup: false,
      template: {
        includedNamespaces: namespaces,
        storageLocation: location,
        ttl: ttlFromDays(policy.retentionDays),
        snapshotVolumes: false,
        // File-system backup of volumes: works on any CSI/Cinder backend, lands in the object store.
        defaultVolumesToFsBackup: true,
      },
    },
  };
}

/**
 * The other site an off-site copy goes to (by role, see `offsiteTarget`): a DR site for a production
 * cluster, the primary for a DR cluster, never a retiring site.
 * @param inventory the site model
 * @param site the cluster's site
 */
export function offsiteSite(inventory: Inventory, site: string): string | undefined {
  return offsiteTarget(inventory.sites, site)?.id;
}

function target(inventory: Inventory, options: KubernetesOptions, site: string, zone: string): StorageTarget {
  const domain = inventory.sites.find((s) => s.id === site)?.dnsDomain ?? `${site}.internal`;
  return { name: dnsLabel([zone, site]), site, zone, url: fillTemplate(options.objectStorageUrl ?? DEFAULT_OBJECT_STORAGE_URL, { site, zone, domain }) };
}

/**
 * Velero locations and schedules of one cluster, for the backup policies its workload namespaces' systems use.
 * @param inventory the site model
 * @param cluster the cluster
 * @param placements its workload namespaces
 * @param options object-storage options
 */
export function veleroPlan(inventory: Inventory, cluster: Cluster, placements: readonly NamespacePlacement[], options: KubernetesOptions): VeleroPlan {
  const problems: KubernetesProblem[] = [];
  const byPolicy = new Map<string, Set<string>>();
  for (const p of placements) {
    const system = inventory.systems.find((s) => s.id === p.system);
    if (!system) continue;
    const set = byPolicy.get(system.backupPolicy) ?? new Set<string>();
    set.add(p.name);
    byPolicy.set(system.backupPolicy, set);
  }
  const bucket = fillTemplate(options.objectStorageBucket ?? DEFAULT_OBJECT_STORAGE_BUCKET, { site: cluster.site, cluster: cluster.id });
  const secret = options.objectStorageSecret ?? DEFAULT_OBJECT_STORAGE_SECRET;
  const targets = new Map<string, { target: StorageTarget; encrypted: boolean }>();
  const schedules: KubeObject[] = [];
  for (const policyId of [...byPolicy.keys()].sort()) {
    const policy = inventory.backupPolicies.find((b) => b.id === policyId);
    const namespaces = [...(byPolicy.get(policyId) ?? [])].sort();
    if (!policy) {
      problems.push({
        severity: "error",
        cluster: clusterKey(cluster),
        path: `backupPolicies`,
        message: `backup policy "${policyId}" used by namespaces ${namespaces.join(", ")} is not declared; add it to backupPolicies`,
      });
      continue;
    }
    const sites = [cluster.site];
    // The off-site copy goes where the policy says one is kept; among several, the site roles' preference.
    const holders = new Set(offsiteCopySites(policy, cluster.site, siteRoleMap(inventory.sites)));
    const other = holders.size > 0 ? offsiteTarget(inventory.sites.filter((s) => s.id === cluster.site || holders.has(s.id)), cluster.site)?.id : undefined;
    if (other) sites.push(other);
    for (const site of sites) {
      const t = target(inventory, options, site, policy.targetZone);
      const known = targets.get(t.name);
      // A location is encrypted when any policy writing to it asks for it: never weaker than the strictest user.
      targets.set(t.name, { target: t, encrypted: (known?.encrypted ?? false) || everyCopyEncrypted(policy) });
      const name = site === cluster.site ? policy.id : dnsLabel([policy.id, "offsite"]);
      schedules.push(schedule(name, policy, namespaces, t.name));
    }
  }
  const sorted = [...targets.values()].sort((a, b) => a.target.name.localeCompare(b.target.name));
  const defaultName = sorted.find((t) => t.target.site === cluster.site)?.target.name;
  const locations = sorted.map((t) => backupStorageLocation(t.target, bucket, cluster.id, secret, t.encrypted, t.target.name === defaultName));
  schedules.sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
  return { locations, schedules, targets: sorted.map((t) => t.target), problems };
}
