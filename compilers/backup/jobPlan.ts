/**
 * The backup job plan: for every dataset (`datasetsOf`, the same enumeration the policy pack verifies), one
 * job per copy its backup policy keeps. The copy at the dataset's own site with the smallest id (else the smallest of all) is
 * written by the backup run itself; every other copy is made by the appliance from that one. Each job says
 * what drives it: a CronJob in a cluster's backup namespace (Cinder backups of volumes, database dumps), the
 * cluster's Velero Schedule (namespaces), or the appliance's agent (bare hosts without volumes, databases of
 * an undeclared engine). Pure; the CronJobs and the appliance export are built from it.
 */
import type { BackupCopy, BackupPolicy, Inventory, Tier } from "../../inventory/model";
import { datasetsOf, type Dataset, type DatasetKind } from "./datasets";

/** How a dataset is backed up. */
export type BackupMethod = "database-dump" | "cinder-backup" | "velero" | "agent";

/** A database engine (the tier's `engine`). */
export type DatabaseEngine = NonNullable<Tier["engine"]>;

/** Each engine's own logical-dump tool. */
export const DUMP_TOOL: Readonly<Record<DatabaseEngine, string>> = {
  postgresql: "pg_dump",
  mysql: "mysqldump",
  mariadb: "mariadb-dump",
  oracle: "expdp",
  sqlserver: "sqlcmd BACKUP DATABASE",
  mongodb: "mongodump",
};

/** Words in an image name that name an engine (checked in this order). */
const IMAGE_ENGINE: readonly [RegExp, DatabaseEngine][] = [
  [/postgres/i, "postgresql"],
  [/mariadb/i, "mariadb"],
  [/mysql/i, "mysql"],
  [/oracle-?(db|database)/i, "oracle"],
  [/(mssql|sql-?server)/i, "sqlserver"],
  [/mongo/i, "mongodb"],
];

/**
 * The engine of a database tier: declared, else named by its image, else unknown.
 * @param tier the tier
 */
export function tierEngine(tier: Pick<Tier, "engine" | "image">): DatabaseEngine | undefined {
  if (tier.engine) return tier.engine;
  return IMAGE_ENGINE.find(([re]) => re.test(tier.image ?? ""))?.[1];
}

/**
 * How a dataset of a kind is backed up.
 * @param kind the dataset kind
 * @param engine the database engine, for databases
 */
export function backupMethod(kind: DatasetKind, engine: DatabaseEngine | undefined): BackupMethod {
  switch (kind) {
    case "database":
      return engine ? "database-dump" : "agent";
    case "namespace":
      return "velero";
    case "volumes":
      return "cinder-backup";
    case "instance":
      return "agent";
    case "etcd":
      // The distribution snapshots etcd on the control-plane nodes (its backup policy's schedule); the appliance's agent collects the snapshots.
      return "agent";
  }
}

/** Methods a CronJob in a cluster's backup namespace drives. */
export const CRONJOB_METHODS: ReadonlySet<BackupMethod> = new Set(["database-dump", "cinder-backup"]);

/** One job: one copy of one dataset. */
export interface BackupJob {
  /** `<system>/<site>/<tier>/<copy>`: stable, from identities only. */
  id: string;
  dataset: string;
  system: string;
  site: string;
  tier: string;
  kind: DatasetKind;
  method: BackupMethod;
  /** The dump tool, for database dumps. */
  tool?: string;
  /** `backup`: the run writing this copy from the data; `copy`: the appliance copying `source` here. */
  role: "backup" | "copy";
  /** For a `copy`: the copy it is made from. */
  source?: string;
  policy: string;
  /** Cron schedule (site local time). */
  schedule: string;
  retentionDays: number;
  /** The copy this job fills, and where it is. */
  copy: string;
  targetSite: string;
  targetDevice?: string;
  targetZone?: string;
  media: BackupCopy["media"];
  immutable: boolean;
  encrypted: boolean;
  /** What runs it: `cronjob <site>/<cluster>/<namespace>/<name>`, `velero <policy>`, or `appliance`. */
  driver: string;
}

/**
 * The copy a backup run writes: of the copies at the dataset's site (else of all), the one with the smallest id —
 * an identity, never a position, so re-ordering the policy's copies changes no job.
 * @param policy the backup policy
 * @param site the dataset's site
 */
export function primaryCopy(policy: BackupPolicy, site: string): BackupCopy {
  const here = policy.copies.filter((c) => c.site === site);
  return [...(here.length > 0 ? here : policy.copies)].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))[0];
}

/** Where a dataset's CronJob runs, if anywhere: the cluster chosen at its site. */
export type CronJobHost = (site: string) => { cluster: string; namespace: string } | undefined;

/**
 * A CronJob's name for a dataset: `backup-<system>-<tier>` (one dataset per tier and site; the cluster is at that site).
 * @param d the dataset
 */
export function cronJobName(d: Pick<Dataset, "system" | "tier">): string {
  return `backup-${d.system}-${d.tier}`.slice(0, 52).replace(/-+$/, "");
}

/**
 * Every job of the province, sorted by job id (the same plan whatever the order of the model's lists). Datasets of
 * an unknown policy get none (a load error; DATA-06 names it).
 * @param inv the inventory
 * @param host where a site's CronJobs run (undefined: no cluster there, the appliance drives them)
 */
export function backupJobPlan(inv: Inventory, host: CronJobHost): BackupJob[] {
  const policies = new Map(inv.backupPolicies.map((b) => [b.id, b]));
  return datasetsOf(inv).flatMap((d) => {
    const policy = policies.get(d.policy);
    if (!policy) return [];
    const tier = inv.systems[d.systemIndex].tiers.find((t) => t.name === d.tier);
    const engine = d.kind === "database" && tier ? tierEngine(tier) : undefined;
    const method = backupMethod(d.kind, engine);
    const where = CRONJOB_METHODS.has(method) ? host(d.site) : undefined;
    const driver = method === "velero" ? `velero ${policy.id}` : where ? `cronjob ${d.site}/${where.cluster}/${where.namespace}/${cronJobName(d)}` : "appliance";
    const primary = primaryCopy(policy, d.site);
    return policy.copies.map((c): BackupJob => ({
      id: `${d.id}/${c.id}`,
      dataset: d.id,
      system: d.system,
      site: d.site,
      tier: d.tier,
      kind: d.kind,
      method,
      ...(engine && method === "database-dump" ? { tool: DUMP_TOOL[engine] } : {}),
      role: c.id === primary.id ? "backup" : "copy",
      ...(c.id === primary.id ? {} : { source: primary.id }),
      policy: policy.id,
      schedule: policy.schedule,
      retentionDays: policy.retentionDays,
      copy: c.id,
      targetSite: c.site,
      ...(c.device ? { targetDevice: c.device } : {}),
      ...(c.zone ? { targetZone: c.zone } : {}),
      media: c.media,
      immutable: c.immutable,
      encrypted: c.encrypted,
      driver: c.id === primary.id ? driver : "appliance",
    }));
  }).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
