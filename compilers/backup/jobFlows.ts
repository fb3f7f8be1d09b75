/**
 * The flows the backup job plan needs, from the cluster whose backup namespace runs its CronJobs (pods leave the
 * cluster with their node's address): a database dump connects from the cluster's nodes to the database tier on
 * its engine's port; a Cinder backup calls the site's cloud API (its `cloud-api` tier) on the identity and
 * block-storage ports. Declared here, once, from the job plan; the site compiler resolves them with the
 * inventory's flows (security groups, zone rule bases, NetworkPolicies) and the reachability proof reads them as
 * intent. Pure.
 */
import type { Flow, HostedSystem, Inventory, Service, Tier } from "../../inventory/model";
import { backupJobHost } from "../kubernetes/backupCronJobs";
import { backupJobPlan, tierEngine, type BackupJob, type DatabaseEngine } from "./jobPlan";

/** Each engine's listening port by default (the engines' own documentation), what a dump connects to. */
export const ENGINE_PORT: Readonly<Record<DatabaseEngine, number>> = {
  postgresql: 5432,
  mysql: 3306,
  mariadb: 3306,
  oracle: 1521,
  sqlserver: 1433,
  mongodb: 27017,
};

/**
 * The cloud's APIs a Cinder backup calls, on their default ports (the OpenStack install guides): Keystone for a
 * token, Cinder to create the backup and poll it.
 */
export const CLOUD_API_PORTS: readonly { api: string; service: string; port: number }[] = [
  { api: "identity", service: "keystone", port: 5000 },
  { api: "block-storage", service: "cinder", port: 8776 },
];

/** One flow a backup job needs, at one site. */
export interface BackupFlow {
  /**
   * `backup.<system>.<tier>` of the destination (the dumped database, or the site's cloud-api tier): from
   * identities; the dots keep it apart from every declared flow (slugs have none).
   */
  name: string;
  /** What the jobs do over it. */
  method: "database-dump" | "cinder-backup";
  site: string;
  /** The cluster whose backup namespace runs the job. */
  cluster: string;
  /** The cluster's zone (its nodes' zone). */
  clusterZone: string;
  /** The destination: the database's system and tier, or the cloud-api tier's. */
  system: string;
  tier: string;
  /** The destination tier's zone. */
  zone: string;
  /** The inventory's services it carries (the engine's port; the cloud's identity and block-storage ports), sorted. */
  services: string[];
  /** The jobs it serves (ids). */
  jobs: string[];
  justification: string;
}

/** A job whose flow cannot be declared. */
export interface BackupFlowProblem {
  /** The job id; `<site>/cinder-backup` for the site's Cinder backups (one problem for them all). */
  job: string;
  /** `<site>/<cluster>` running it. */
  cluster: string;
  /** Inventory field path. */
  path: string;
  message: string;
}

/** `cronjob <site>/<cluster>/<namespace>/<name>` → site and cluster. */
function cronJobCluster(driver: string): { site: string; cluster: string } | undefined {
  const m = /^cronjob ([^/]+)\/([^/]+)\//.exec(driver);
  return m ? { site: m[1], cluster: m[2] } : undefined;
}

/**
 * The service an engine's dump connects with: the inventory's TCP service on exactly the engine's port (the
 * smallest name if several).
 * @param services the inventory's services
 * @param port the engine's port
 */
export function serviceForPort(services: readonly Service[], port: number): Service | undefined {
  return services.filter((s) => s.protocol === "tcp" && s.port === port).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))[0];
}

/**
 * The site's cloud-api tier (at most one: a load rule), if any.
 * @param inv the inventory
 * @param site the site
 */
export function cloudApiTier(inv: Inventory, site: string): { system: HostedSystem; tier: Tier; path: string } | undefined {
  for (const [si, s] of inv.systems.entries()) {
    if (!s.sites.includes(site)) continue;
    const ti = s.tiers.findIndex((t) => t.role === "cloud-api");
    if (ti >= 0) return { system: s, tier: s.tiers[ti], path: `systems.${si}.tiers.${ti}` };
  }
  return undefined;
}

/** Adds a flow, or the jobs (and services) to the same flow at its site. */
function addFlow(flows: BackupFlow[], flow: BackupFlow): void {
  const known = flows.find((f) => f.site === flow.site && f.name === flow.name);
  if (!known) {
    flows.push(flow);
    return;
  }
  known.jobs.push(...flow.jobs);
  known.services = [...new Set([...known.services, ...flow.services])].sort();
}

/** Whether the job runs on an external cluster: a problem then, since its nodes' addresses are not in the model. */
function externalCluster(job: string, cluster: Inventory["clusters"][number], at: string, path: string, whatRuns: string): BackupFlowProblem | undefined {
  if (!cluster.external) return undefined;
  return { job, cluster: at, path, message: `${whatRuns} on cluster ${cluster.id}, which is external: its nodes' addresses are not in the model, so no flow opens the path; open it where that cluster is managed` };
}

/** The database dump's flow, or why it cannot be declared. */
function dumpFlow(inv: Inventory, job: BackupJob, cluster: Inventory["clusters"][number], site: string): BackupFlow | BackupFlowProblem | undefined {
  const si = inv.systems.findIndex((s) => s.id === job.system);
  const tier = si < 0 ? undefined : inv.systems[si].tiers.find((t) => t.name === job.tier);
  const engine = tier ? tierEngine(tier) : undefined;
  if (!tier || !engine) return undefined;
  const path = `systems.${si}.tiers.${inv.systems[si].tiers.indexOf(tier)}`;
  const at = `${site}/${cluster.id}`;
  const what = `the dump of ${job.system}/${job.tier}`;
  const external = externalCluster(job.id, cluster, at, path, `${what} runs`);
  if (external) return external;
  if (tier.form === "container" && tier.cluster === cluster.id)
    // Pod to pod inside one cluster never carries the node's address, so a flow from the nodes would open nothing.
    return { job: job.id, cluster: at, path, message: `${what} runs on cluster ${cluster.id}, where the database's own pods run: pod-to-pod traffic is not the nodes' flow, so no path is opened; back the namespace up with Velero or run the database outside the cluster` };
  const port = ENGINE_PORT[engine];
  const service = serviceForPort(inv.services, port);
  if (!service)
    return { job: job.id, cluster: at, path, message: `${what} (${engine}) connects on tcp/${port}, and no service has that port: add one to services (e.g. { name: ${engine}, protocol: tcp, port: ${port} }) so its flow can be declared` };
  return {
    name: `backup.${job.system}.${job.tier}`,
    method: "database-dump",
    site,
    cluster: cluster.id,
    clusterZone: cluster.zone,
    system: job.system,
    tier: job.tier,
    zone: tier.zone,
    services: [service.name],
    jobs: [job.id],
    justification: `The backup job plan's ${job.tool ?? "dump"} of ${job.system}/${job.tier}, run by a CronJob in cluster ${cluster.id}'s backup namespace (policy ${job.policy}).`,
  };
}

/** The flow of a site's Cinder backups (all its jobs, by id), or why it cannot be declared (one problem for them all). */
function cinderFlow(inv: Inventory, jobs: readonly BackupJob[], cluster: Inventory["clusters"][number], site: string): BackupFlow | BackupFlowProblem {
  const at = `${site}/${cluster.id}`;
  // One problem for the site's Cinder backups, named by what stays when jobs come and go.
  const group = `${site}/cinder-backup`;
  const what = `the Cinder backup jobs at site ${site}`;
  const sitePath = `sites.${inv.sites.findIndex((s) => s.id === site)}`;
  const external = externalCluster(group, cluster, at, sitePath, `${what} run`);
  if (external) return external;
  const api = cloudApiTier(inv, site);
  const ports = CLOUD_API_PORTS.map((a) => `tcp/${a.port} (${a.api})`).join(" and ");
  if (!api)
    return { job: group, cluster: at, path: sitePath, message: `${what} call the cloud's API on ${ports}, and no system hosted at ${site} has a tier of role cloud-api: declare the tier that serves the site's cloud API (bare metal, the controllers' VLAN) so their path can be declared` };
  const services: string[] = [];
  const missing: (typeof CLOUD_API_PORTS)[number][] = [];
  for (const a of CLOUD_API_PORTS) {
    const svc = serviceForPort(inv.services, a.port);
    if (svc) services.push(svc.name);
    else missing.push(a);
  }
  if (missing.length > 0) {
    const ports = missing.map((a) => `tcp/${a.port}`).join(" or ");
    const add = missing.map((a) => `{ name: ${a.service}, protocol: tcp, port: ${a.port} }`).join(" and ");
    return { job: group, cluster: at, path: api.path, message: `${what} call the cloud's API on ${api.system.id}/${api.tier.name}, and no service has ${ports}: add ${add} to services so their flow can be declared` };
  }
  return {
    name: `backup.${api.system.id}.${api.tier.name}`,
    method: "cinder-backup",
    site,
    cluster: cluster.id,
    clusterZone: cluster.zone,
    system: api.system.id,
    tier: api.tier.name,
    zone: api.tier.zone,
    services: [...new Set(services)].sort(),
    jobs: jobs.map((j) => j.id),
    justification: `The backup job plan's Cinder backups at ${site}, run by CronJobs in cluster ${cluster.id}'s backup namespace, call the cloud's identity and block-storage APIs on ${api.system.id}/${api.tier.name}.`,
  };
}

/**
 * The flows of a job plan: one per database dump a CronJob drives (its `backup` run), and one per site whose
 * CronJobs drive Cinder backups, sorted by site then name.
 * @param inv the inventory
 * @param jobs the province's job plan
 */
export function backupJobFlows(inv: Inventory, jobs: readonly BackupJob[]): { flows: BackupFlow[]; problems: BackupFlowProblem[] } {
  const flows: BackupFlow[] = [];
  const problems: BackupFlowProblem[] = [];
  // A site's Cinder backups share one flow: gathered per running cluster, declared after the loop.
  const cinder = new Map<string, { cluster: Inventory["clusters"][number]; site: string; jobs: BackupJob[] }>();
  const take = (r: BackupFlow | BackupFlowProblem | undefined): void => {
    if (r === undefined) return;
    if ("name" in r) addFlow(flows, r);
    else problems.push(r);
  };
  for (const job of jobs) {
    if (job.role !== "backup") continue;
    const where = cronJobCluster(job.driver);
    const cluster = where ? inv.clusters.find((c) => c.site === where.site && c.id === where.cluster) : undefined;
    if (!where || !cluster) continue;
    if (job.method === "database-dump") take(dumpFlow(inv, job, cluster, where.site));
    else if (job.method === "cinder-backup") {
      const key = `${where.site}\u0000${cluster.id}`;
      const group = cinder.get(key) ?? { cluster, site: where.site, jobs: [] };
      group.jobs.push(job);
      cinder.set(key, group);
    }
  }
  for (const g of cinder.values()) take(cinderFlow(inv, [...g.jobs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)), g.cluster, g.site));
  const key = (f: BackupFlow): string => `${f.site}\u0000${f.name}`;
  flows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  for (const f of flows) f.jobs.sort();
  const pkey = (p: BackupFlowProblem): string => `${p.cluster}\u0000${p.job}`;
  problems.sort((a, b) => (pkey(a) < pkey(b) ? -1 : pkey(a) > pkey(b) ? 1 : 0));
  return { flows, problems };
}

/**
 * The province's backup flows: those of its job plan, the CronJobs run where `backupJobHost` puts them.
 * @param inv the inventory
 */
export function provinceBackupFlows(inv: Inventory): { flows: BackupFlow[]; problems: BackupFlowProblem[] } {
  return backupJobFlows(inv, backupJobPlan(inv, backupJobHost(inv)));
}

/**
 * A site's backup flows as declared flows at zone level, for what reads flows by zone (the zone graph, the zone
 * baseline): the source is the running cluster's zone, where its nodes are; the rules stay the nodes' own.
 * @param flows the province's backup flows
 * @param site the site
 */
export function backupFlowsAsDeclared(flows: readonly BackupFlow[], site: string): Flow[] {
  return flows.filter((f) => f.site === site).map((f) => ({ name: f.name, from: { zone: f.clusterZone }, to: { system: f.system, tier: f.tier }, services: f.services, justification: f.justification, owner: "backup job plan" }));
}
