import type { HostedSystem, Inventory } from "../../inventory/model";
import { etcdDatasets } from "./etcdDatasets";

/** What kind of data a dataset is, which says how it is backed up. */
export type DatasetKind = "database" | "namespace" | "volumes" | "instance" | "etcd";

/** One dataset: a tier's data at one site of its system. Backups are verified per dataset. */
export interface Dataset {
  /** `<system>/<site>/<tier>`: the subject of findings. */
  id: string;
  system: string;
  site: string;
  tier: string;
  /** Zone the tier runs in (a backup copy in it would share its fate). */
  zone: string;
  kind: DatasetKind;
  dataClass: HostedSystem["dataClass"];
  /** Backup policy id. */
  policy: string;
  /** Index of the system in `inventory.systems`, for file:line. */
  systemIndex: number;
}

/**
 * Kind of a tier's dataset: a database (dump or the engine's own tool), a Kubernetes namespace (Velero), block
 * volumes (Cinder backups), or the instance itself (image-level backup).
 * @param tier the tier
 */
export function datasetKind(tier: HostedSystem["tiers"][number]): DatasetKind {
  if (tier.role === "database") return "database";
  if (tier.form === "container") return "namespace";
  return tier.volumeGiB > 0 ? "volumes" : "instance";
}

/**
 * Every dataset of the province: one per tier of every system at every one of its sites, in model order,
 * then the etcd of each built cluster (`etcdDatasets`).
 * @param inv the inventory
 */
export function datasetsOf(inv: Inventory): Dataset[] {
  return [
    ...inv.systems.flatMap((s, systemIndex) =>
      s.sites.flatMap((site) =>
        s.tiers.map((t) => ({ id: `${s.id}/${site}/${t.name}`, system: s.id, site, tier: t.name, zone: t.zone, kind: datasetKind(t), dataClass: s.dataClass, policy: s.backupPolicy, systemIndex })),
      ),
    ),
    ...etcdDatasets(inv),
  ];
}
