/**
 * The flows the backup job plan needs: a database dump run by a CronJob in a cluster's backup namespace opens a
 * connection from the cluster's nodes (pods leave the cluster with their node's address) to the database tier on
 * its engine's port. Declared here, once, from the job plan; the site compiler resolves them with the inventory's
 * flows (security groups, zone rule bases, NetworkPolicies) and the reachability proof reads them as intent.
 * Cinder backups are not here: the model has no address for the cloud's block-storage API (the provider's
 * `openstack:authUrl` is stack configuration), so their path is the operators' to open. Pure.
 */
import type { Flow, Inventory, Service } from "../../inventory/model";
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

/** One flow a backup job needs, at one site. */
export interface BackupFlow {
  /** `backup.<system>.<tier>`: from identities; the dots keep it apart from every declared flow (slugs have none). */
  name: string;
  site: string;
  /** The cluster whose backup namespace runs the job. */
  cluster: string;
  /** The cluster's zone (its nodes' zone). */
  clusterZone: string;
  system: string;
  tier: string;
  /** The database tier's zone. */
  zone: string;
  /** The inventory's service for the engine's port. */
  service: string;
  /** The jobs it serves (ids). */
  jobs: string[];
  justification: string;
}

/** A dump job whose flow cannot be declared. */
export interface BackupFlowProblem {
  /** The job id. */
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
 * The flows of a job plan: one per database dump a CronJob drives (its `backup` run), sorted by site then name.
 * @param inv the inventory
 * @param jobs the province's job plan
 */
export function backupJobFlows(inv: Inventory, jobs: readonly BackupJob[]): { flows: BackupFlow[]; problems: BackupFlowProblem[] } {
  const flows: BackupFlow[] = [];
  const problems: BackupFlowProblem[] = [];
  for (const job of jobs) {
    if (job.role !== "backup" || job.method !== "database-dump") continue;
    const where = cronJobCluster(job.driver);
    if (!where) continue;
    const cluster = inv.clusters.find((c) => c.site === where.site && c.id === where.cluster);
    const si = inv.systems.findIndex((s) => s.id === job.system);
    const tier = si < 0 ? undefined : inv.systems[si].tiers.find((t) => t.name === job.tier);
    const engine = tier ? tierEngine(tier) : undefined;
    if (!cluster || !tier || !engine) continue;
    const path = `systems.${si}.tiers.${inv.systems[si].tiers.indexOf(tier)}`;
    const at = `${where.site}/${where.cluster}`;
    if (cluster.external) {
      problems.push({ job: job.id, cluster: at, path, message: `the dump of ${job.system}/${job.tier} runs on cluster ${cluster.id}, which is external: its nodes' addresses are not in the model, so no flow opens its path to the database; open it where that cluster is managed` });
      continue;
    }
    if (tier.form === "container" && tier.cluster === cluster.id) {
      // Pod to pod inside one cluster never carries the node's address, so a flow from the nodes would open nothing.
      problems.push({ job: job.id, cluster: at, path, message: `the dump of ${job.system}/${job.tier} runs on cluster ${cluster.id}, where the database's own pods run: pod-to-pod traffic is not the nodes' flow, so no path is opened; back the namespace up with Velero or run the database outside the cluster` });
      continue;
    }
    const port = ENGINE_PORT[engine];
    const service = serviceForPort(inv.services, port);
    if (!service) {
      problems.push({ job: job.id, cluster: at, path, message: `the dump of ${job.system}/${job.tier} (${engine}) connects on tcp/${port}, and no service has that port: add one to services (e.g. { name: ${engine}, protocol: tcp, port: ${port} }) so its flow can be declared` });
      continue;
    }
    const name = `backup.${job.system}.${job.tier}`;
    const known = flows.find((f) => f.site === where.site && f.name === name);
    if (known) {
      known.jobs.push(job.id);
      continue;
    }
    flows.push({
      name,
      site: where.site,
      cluster: cluster.id,
      clusterZone: cluster.zone,
      system: job.system,
      tier: job.tier,
      zone: tier.zone,
      service: service.name,
      jobs: [job.id],
      justification: `The backup job plan's ${job.tool ?? "dump"} of ${job.system}/${job.tier}, run by a CronJob in cluster ${cluster.id}'s backup namespace (policy ${job.policy}).`,
    });
  }
  const key = (f: BackupFlow): string => `${f.site}\u0000${f.name}`;
  flows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  for (const f of flows) f.jobs.sort();
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
  return flows.filter((f) => f.site === site).map((f) => ({ name: f.name, from: { zone: f.clusterZone }, to: { system: f.system, tier: f.tier }, services: [f.service], justification: f.justification, owner: "backup job plan" }));
}
