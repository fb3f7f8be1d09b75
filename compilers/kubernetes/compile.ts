/**
 * The Kubernetes zone compiler: inventory + address plan + resolved rules → every object of every
 * cluster, as plain manifests. Pure: the same input gives the same objects in the same order.
 */
import type { Cluster } from "../../inventory/model";
import type { ClusterRanges, SubnetPlan } from "../../inventory/addressing/types";
import { contentHash } from "./names";
import { clusterKey, LOGGING_NAMESPACE, namespaceObject, platformNamespaces, unplacedContainerTiers, VELERO_NAMESPACE, workloadNamespaces, type NamespacePlacement } from "./namespaces";
import { allowDnsPolicy, compileAllowPolicies, defaultDenyPolicy, platformEgressPolicy, type PolicyPort } from "./networkPolicies";
import { DEFAULT_QUOTAS, limitRange, platformPodLimit, resourceQuota } from "./quotas";
import { DIGEST_PINNED, fluentBitConfig, logShipperConfigMap, logShipperDaemonSet, logShipperRbac, parseSiemCollector } from "./logShipping";
import { veleroPlan } from "./velero";
import { backupJobHost, clusterBackupCronJobs } from "./backupCronJobs";
import { backupJobPlan } from "../backup/jobPlan";
import { provinceBackupFlows } from "../backup/jobFlows";
import { backupJobEgress } from "./backupJobEgress";
import { renderPlatformChart } from "./platformChart";
import type { ClusterManifests, KubeObject, KubernetesCompileResult, KubernetesProblem, KubernetesZoneInput, QuotaDefaults } from "./types";

/** Apply order of kinds: namespaces before what lives in them, policies before workloads. */
const KIND_ORDER = ["Namespace", "ClusterRole", "ClusterRoleBinding", "NetworkPolicy", "ResourceQuota", "LimitRange", "ServiceAccount", "ConfigMap", "DaemonSet", "BackupStorageLocation", "Schedule"];

/**
 * Sorts objects in apply order, then by namespace and name.
 * @param objects any objects
 */
export function sortObjects(objects: readonly KubeObject[]): KubeObject[] {
  const rank = (k: string): number => {
    const i = KIND_ORDER.indexOf(k);
    return i < 0 ? KIND_ORDER.length : i;
  };
  const key = (o: KubeObject): string => `${o.metadata.namespace ?? ""}/${o.metadata.name}`;
  return [...objects].sort((a, b) => rank(a.kind) - rank(b.kind) || a.kind.localeCompare(b.kind) || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** Prefixes of every VLAN of a zone at a site, both families. */
function zonePrefixes(subnets: readonly SubnetPlan[], site: string, zone: string): string[] {
  return subnets.filter((s) => s.site === site && s.zone === zone).flatMap((s) => [s.ipv4.prefix, s.ipv6.prefix]);
}

function portsOfUrl(url: string): PolicyPort[] {
  try {
    const u = new URL(url);
    const port = u.port !== "" ? Number(u.port) : u.protocol === "http:" ? 80 : 443;
    return [{ protocol: "TCP", port }];
  } catch {
    return [{ protocol: "TCP", port: 443 }];
  }
}

/**
 * Egress the platform namespaces need beyond DNS: the API server (node zone on 6443, the `kubernetes`
 * service on 443, since CNIs differ in whether they see the service or the endpoint address).
 * @param namespace platform namespace
 * @param nodePrefixes the cluster's node zone prefixes
 * @param ranges the cluster's ranges
 */
function apiServerEgress(namespace: string, nodePrefixes: string[], ranges: ClusterRanges | undefined): KubeObject[] {
  const out: KubeObject[] = [];
  if (nodePrefixes.length > 0) out.push(platformEgressPolicy(namespace, "allow-apiserver", nodePrefixes, [{ protocol: "TCP", port: 6443 }]));
  if (ranges) out.push(platformEgressPolicy(namespace, "allow-apiserver-service", [ranges.services.ipv4, ranges.services.ipv6], [{ protocol: "TCP", port: 443 }]));
  return out;
}

/**
 * Compiles one cluster.
 * @param input the whole input
 * @param cluster the cluster
 * @param quotas quota sizes
 */
export function compileCluster(input: KubernetesZoneInput, cluster: Cluster, quotas: QuotaDefaults): { manifests: ClusterManifests; problems: KubernetesProblem[] } {
  const { inventory, options } = input;
  const key = clusterKey(cluster);
  const problems: KubernetesProblem[] = [];
  const ranges = input.clusterRanges.find((r) => r.site === cluster.site && r.cluster === cluster.id);
  if (!ranges) problems.push({ severity: "warning", cluster: key, path: `clusters.${cluster.id}`, message: "the address plan has no pod/service ranges for this cluster; `anywhere` rules cannot exclude them" });
  const workload = workloadNamespaces(inventory, cluster);
  problems.push(...workload.problems);
  const platform = platformNamespaces(inventory, cluster);
  const all: NamespacePlacement[] = [...workload.placements, ...platform];
  const psaVersion = `v${cluster.version}`;

  const objects: KubeObject[] = [];
  for (const ns of all) objects.push(namespaceObject(ns, psaVersion), defaultDenyPolicy(ns.name), allowDnsPolicy(ns.name));
  for (const ns of workload.placements) objects.push(resourceQuota(ns, quotas), limitRange(ns, quotas));
  // Platform namespaces get quotas too (K8S-12): sized by the cluster's nodes, not by tiers.
  const nodes = cluster.nodePools.reduce((n, p) => n + p.count, 0);
  for (const ns of platform) objects.push(resourceQuota(ns, quotas, platformPodLimit(nodes)), limitRange(ns, quotas));

  const allow = compileAllowPolicies(input.rules, { site: cluster.site, clusterKey: key, placements: workload.placements, ranges });
  objects.push(...allow.policies);
  problems.push(...allow.problems);

  const nodePrefixes = zonePrefixes(input.subnets, cluster.site, cluster.zone);
  for (const ns of [LOGGING_NAMESPACE, VELERO_NAMESPACE]) objects.push(...apiServerEgress(ns, nodePrefixes, ranges));

  // Log shipping.
  const logShipping: KubeObject[] = [];
  const siem = inventory.security.siemCollector;
  if (siem === undefined) {
    problems.push({ severity: "warning", cluster: key, path: "security.siemCollector", message: "no SIEM collector is set; container logs are not shipped. Set security.siemCollector (host:port)" });
  } else if (!DIGEST_PINNED.test(options.logShipperImage)) {
    problems.push({ severity: "error", cluster: key, path: "options.logShipperImage", message: `expected an image pinned by digest (name@sha256:<64 hex>), found "${options.logShipperImage}"` });
  } else {
    const parsed = parseSiemCollector(siem);
    if (!parsed.ok) {
      problems.push({ severity: "error", cluster: key, path: "security.siemCollector", message: parsed.message });
    } else {
      const c = parsed.collector;
      logShipping.push(...logShipperRbac(), logShipperConfigMap(c), logShipperDaemonSet(options.logShipperImage, contentHash(fluentBitConfig(c), 16)));
      const siemPrefixes = c.family === "ipv4" ? [`${c.host}/32`] : c.family === "ipv6" ? [`${c.host}/128`] : inventory.zones.filter((z) => z.site === cluster.site && z.kind === "soc").flatMap((z) => zonePrefixes(input.subnets, cluster.site, z.id));
      if (siemPrefixes.length === 0) {
        problems.push({ severity: "warning", cluster: key, path: "security.siemCollector", message: `"${c.host}" is a host name and site ${cluster.site} has no SOC zone to allow egress to; write the collector as an address` });
      } else {
        objects.push(platformEgressPolicy(LOGGING_NAMESPACE, "allow-siem", siemPrefixes, [{ protocol: "TCP", port: c.port }]));
      }
    }
  }

  // Backups.
  const velero = veleroPlan(inventory, cluster, workload.placements, options);
  problems.push(...velero.problems);
  for (const t of velero.targets) {
    const prefixes = zonePrefixes(input.subnets, t.site, t.zone);
    if (prefixes.length === 0) {
      problems.push({ severity: "warning", cluster: key, path: `zones.${t.zone}`, message: `backup zone "${t.zone}" has no subnet at site ${t.site}; Velero cannot reach ${t.url}` });
      continue;
    }
    objects.push(platformEgressPolicy(VELERO_NAMESPACE, `allow-objects-${t.name}`.slice(0, 63).replace(/-+$/, ""), prefixes, portsOfUrl(t.url)));
  }
  objects.push(...renderPlatformChart({ cluster: cluster.id, logShipping, velero: [...velero.locations, ...velero.schedules] }));
  // The backup job plan's flows leaving this cluster's nodes (`compilers/backup/jobFlowRules.ts`): egress for the CronJobs' pods.
  const jobFlows = backupJobEgress(input.rules, cluster);
  objects.push(...jobFlows.policies);
  problems.push(...jobFlows.problems.map((message) => ({ severity: "warning" as const, cluster: key, path: "backupPolicies", message })));
  for (const p of provinceBackupFlows(inventory).problems) if (p.cluster === key) problems.push({ severity: "warning", cluster: key, path: p.path, message: p.message });
  // The backup job plan's Cinder-backup and database-dump runs this cluster drives (Velero covers its namespaces).
  const cronJobs = clusterBackupCronJobs(backupJobPlan(inventory, backupJobHost(inventory)), cluster.site, cluster.id, options.backupJobImage ?? "");
  if (cronJobs.length > 0 && !options.backupJobImage)
    problems.push({ severity: "warning", cluster: key, path: "options.backupJobImage", message: `${cronJobs.length} backup job(s) would run here (${cronJobs.map((c) => c.metadata.name).join(", ")}) but no CronJob is made: set the backup job image, pinned by digest (config hatang:backupJobImage)` });
  else objects.push(...cronJobs);

  return {
    manifests: { site: cluster.site, cluster: cluster.id, namespaces: all.map((n) => n.name).sort(), objects: sortObjects(objects) },
    problems,
  };
}

function problemKey(p: KubernetesProblem): string {
  return `${p.cluster}|${p.path}|${p.severity}|${p.message}`;
}

/**
 * Compiles every cluster of the inventory.
 * @param input inventory, address plan, resolved rules, options
 */
export function compileKubernetes(input: KubernetesZoneInput): KubernetesCompileResult {
  const quotas: QuotaDefaults = { ...DEFAULT_QUOTAS, ...input.options.quotas };
  const clusters = [...input.inventory.clusters].sort((a, b) => a.site.localeCompare(b.site) || a.id.localeCompare(b.id));
  const problems: KubernetesProblem[] = [...unplacedContainerTiers(input.inventory)];
  const manifests: ClusterManifests[] = [];
  for (const cluster of clusters) {
    const r = compileCluster(input, cluster, quotas);
    manifests.push(r.manifests);
    problems.push(...r.problems);
  }
  const unique = new Map(problems.map((p) => [problemKey(p), p]));
  return { clusters: manifests, problems: [...unique.values()].sort((a, b) => (problemKey(a) < problemKey(b) ? -1 : 1)) };
}
