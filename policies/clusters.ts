import type { Policy } from "@pulumi/policy";
import type { Cluster, Device, Inventory } from "../inventory/model";
import { EvalContext, Finding, Outcome, siteInScope, stackPolicy } from "./lib/definePolicy";
import { ruleRemote, rulePorts, type PlanIndex } from "./lib/planIndex";
import { isAnywhere, prefixContains } from "./lib/prefixes";
import { T, asArr, asObj, tagsOf, type ResourceView } from "./lib/resourceView";

/**
 * The Kubernetes clusters the program builds, judged as VMs on the site's cloud (K8S-13, K8S-14): what
 * Nova is told in the plan (server groups, scheduler hints, availability zones, node counts per pool)
 * against the plant the inventory declares (hypervisors, their racks and zones) and the container tiers
 * the clusters run. Read from the plan and the inventory only, never from the compiler that builds them.
 */

/** The pool name the plan gives control-plane nodes. */
const CONTROL_PLANE = "control-plane";

/** One node VM of the plan. */
export interface PlannedNode {
  cluster: string;
  pool: string;
  urn: string;
  /** Server group policies and per-host limit of the group its scheduler hint names (none: no hint). */
  group?: { policies: string[]; maxPerHost: number };
  /** Availability zone it asks for. */
  availabilityZone?: string;
}

/**
 * The node VMs of the plan: instances tagged with a cluster and a pool, with their server group.
 * @param plan the plan
 */
export function plannedNodes(plan: PlanIndex): PlannedNode[] {
  const out: PlannedNode[] = [];
  for (const i of plan.ofType(T.instance)) {
    const tags = tagsOf(i);
    const cluster = tags.get("cluster");
    const pool = tags.get("pool");
    if (cluster === undefined || pool === undefined) continue;
    const hinted = asArr(i.props.schedulerHints).some((h) => asObj(h)?.group !== undefined);
    const sg = hinted ? plan.dependencyOfType(i, T.serverGroup) : undefined;
    const max = asObj(sg?.props.rules)?.maxServerPerHost;
    out.push({
      cluster,
      pool,
      urn: i.urn,
      group: sg ? { policies: asArr(sg.props.policies).map(String), maxPerHost: typeof max === "number" && max > 0 ? max : 1 } : undefined,
      availabilityZone: typeof i.props.availabilityZone === "string" && i.props.availabilityZone !== "" ? i.props.availabilityZone : undefined,
    });
  }
  return out;
}

/** The clusters the program builds whose site is judged in this run. */
function builtClustersInScope(ctx: EvalContext): Cluster[] {
  return ctx.inventory!.clusters.filter((c) => !c.external && siteInScope(ctx, c.site));
}

/** Where the cluster is declared, for file:line. */
function clusterAt(inv: Inventory, c: Cluster): string {
  return `clusters.${inv.clusters.indexOf(c)}`;
}

/**
 * A rack in which every node could be placed at once, given their zones and one node per hypervisor
 * (the anti-affinity the caller has checked), or undefined when none can hold them all. Zones partition
 * the hypervisors, so nodes of a zone need that many of its hypervisors in the rack, and all nodes together
 * need that many hypervisors in the rack (nodes without a zone take what is left).
 * @param hypervisors the site's hypervisors
 * @param zones the zone each node asks for (undefined: any)
 */
export function rackHoldingAll(hypervisors: readonly Pick<Device, "rack" | "availabilityZone">[], zones: readonly (string | undefined)[]): string | undefined {
  const racks = [...new Set(hypervisors.map((h) => h.rack))].sort();
  const wanted = new Map<string, number>();
  for (const z of zones) if (z !== undefined) wanted.set(z, (wanted.get(z) ?? 0) + 1);
  return racks.find((rack) => {
    const inRack = hypervisors.filter((h) => h.rack === rack);
    if (inRack.length < zones.length) return false;
    return [...wanted].every(([z, n]) => inRack.filter((h) => h.availabilityZone === z).length >= n);
  });
}

/**
 * K8S-13: at Tier III sites, each built cluster's control plane is at least three nodes that Nova must put
 * on three different hypervisors (a hard anti-affinity group, one per host, every node hinted to it) and
 * cannot put all in one rack (their availability zones, over the racks of the site's hypervisors).
 */
export const k8s13 = stackPolicy("K8S-13", true, [T.instance, T.serverGroup], (plan, ctx): Outcome => {
  const inv = ctx.inventory!;
  const clusters = builtClustersInScope(ctx).filter((c) => (inv.sites.find((s) => s.id === c.site)?.facility.tierTarget ?? 0) >= 3);
  if (clusters.length === 0) return { notApplicable: "no cluster the program builds is at a Tier III site" };
  const nodes = plannedNodes(plan);
  const out: Finding[] = [];
  for (const c of clusters) {
    const at = clusterAt(inv, c);
    const subject = `cluster/${c.id}`;
    const cp = nodes.filter((n) => n.cluster === c.id && n.pool === CONTROL_PLANE);
    if (cp.length < 3) {
      out.push({ text: `cluster ${c.id} has ${cp.length} control-plane node(s) in the plan; at least three are needed on three hypervisors`, subject, at: `${at}.controlPlane` });
      continue;
    }
    const loose = cp.filter((n) => !n.group || !n.group.policies.includes("anti-affinity") || n.group.maxPerHost > 1);
    for (const n of loose)
      out.push({
        text: !n.group
          ? `control-plane node of cluster ${c.id} has no scheduler hint to a server group: two nodes may share a hypervisor`
          : `control-plane node of cluster ${c.id} is in a server group with policy ${n.group.policies.join(", ") || "none"} and ${n.group.maxPerHost} per host: two nodes may share a hypervisor`,
        urn: n.urn,
      });
    if (loose.length > 0) continue;
    const hypervisors = inv.devices.filter((d) => d.site === c.site && d.role === "hypervisor");
    const zones = cp.map((n) => n.availabilityZone);
    const unknown = [...new Set(zones.filter((z): z is string => z !== undefined && !hypervisors.some((h) => h.availabilityZone === z)))];
    if (unknown.length > 0) {
      out.push({ text: `control-plane nodes of cluster ${c.id} ask for availability zone(s) ${unknown.join(", ")} that no hypervisor of ${c.site} declares`, subject, at: `${at}.controlPlane` });
      continue;
    }
    const usable = hypervisors.filter((h) => zones.some((z) => z === undefined || z === h.availabilityZone));
    if (usable.length < cp.length) {
      out.push({ text: `cluster ${c.id} has ${cp.length} control-plane nodes but ${c.site} declares ${usable.length} hypervisor(s) they may run on: one per hypervisor cannot be scheduled`, subject, at: `${at}.controlPlane` });
      continue;
    }
    const rack = rackHoldingAll(hypervisors, zones);
    if (rack !== undefined)
      out.push({
        text: `all ${cp.length} control-plane nodes of cluster ${c.id} may be placed in rack ${rack} (${zones.every((z) => z === undefined) ? "no availability zones" : `zones ${zones.map((z) => z ?? "any").join(", ")}`}): declare availability zones per rack row on the site's hypervisors so the nodes spread over two racks`,
        subject,
        at: `${at}.controlPlane`,
      });
  }
  return out;
});

/** Taint effects that keep the container tiers (which declare no tolerations) off a pool. */
const REPELLING = new Set(["NoSchedule", "NoExecute"]);

/** A container tier a cluster runs, with what its sizing needs. */
export interface ClusterTier {
  id: string;
  instances: number;
  level: number;
  ha: boolean;
  systemIndex: number;
}

/**
 * The container tiers a cluster runs: tiers naming it, of systems running at its site.
 * @param inv the inventory
 * @param c the cluster
 */
export function clusterTiers(inv: Pick<Inventory, "systems">, c: Pick<Cluster, "id" | "site">): ClusterTier[] {
  return inv.systems.flatMap((s, systemIndex) =>
    s.sites.includes(c.site) ? s.tiers.filter((t) => t.form === "container" && t.cluster === c.id).map((t) => ({ id: `${s.id}/${t.name}`, instances: t.instances, level: s.securityLevel, ha: s.ha, systemIndex })) : [],
  );
}

/** A worker pool as the plan builds it. */
export interface PoolSize {
  pool: string;
  nodes: number;
  /** Most nodes of the pool one hypervisor may hold: the group's limit, or every node without a hard anti-affinity group. */
  perHost: number;
}

/**
 * Nodes of the pools left after losing the one hypervisor that holds the most of them.
 * @param pools the pools a tier may run on
 */
export function survivingNodes(pools: readonly PoolSize[]): number {
  return pools.reduce((sum, p) => sum + p.nodes - Math.min(p.perHost, p.nodes), 0);
}

/**
 * The worker pools of a cluster in the plan: nodes counted per pool, the per-host limit from the server
 * group every node of the pool is hinted to (a node without a hard anti-affinity group lets the whole pool
 * share one hypervisor).
 * @param nodes the plan's nodes
 * @param cluster the cluster id
 */
export function poolSizes(nodes: readonly PlannedNode[], cluster: string): PoolSize[] {
  const pools = new Map<string, PlannedNode[]>();
  for (const n of nodes) if (n.cluster === cluster && n.pool !== CONTROL_PLANE) pools.set(n.pool, [...(pools.get(n.pool) ?? []), n]);
  return [...pools]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([pool, ns]) => ({
      pool,
      nodes: ns.length,
      perHost: ns.some((n) => !n.group || !n.group.policies.includes("anti-affinity")) ? ns.length : Math.max(...ns.map((n) => n.group!.maxPerHost)),
    }));
}

/**
 * K8S-14: the worker pools of each built cluster keep every container tier it runs at its declared size
 * when one hypervisor is lost, and no level-3 tier runs on a pool of one node.
 */
export const k8s14 = stackPolicy("K8S-14", true, [T.instance, T.serverGroup], (plan, ctx): Outcome => {
  const inv = ctx.inventory!;
  const clusters = builtClustersInScope(ctx).filter((c) => clusterTiers(inv, c).length > 0);
  if (clusters.length === 0) return { notApplicable: "no cluster the program builds runs a container tier here" };
  const nodes = plannedNodes(plan);
  const out: Finding[] = [];
  for (const c of clusters) {
    const sizes = poolSizes(nodes, c.id);
    const schedulable = new Set(c.nodePools.filter((p) => !p.taints.some((t) => REPELLING.has(t.effect))).map((p) => p.name));
    const pools = sizes.filter((p) => schedulable.has(p.pool));
    const at = clusterAt(inv, c);
    for (const t of clusterTiers(inv, c)) {
      const subject = `tier/${t.id}`;
      if (pools.length === 0) {
        out.push({ text: `cluster ${c.id} has no worker pool without a NoSchedule/NoExecute taint in the plan: tier ${t.id} has nowhere to run`, subject, at: `${at}.nodePools` });
        continue;
      }
      const left = survivingNodes(pools);
      if ((t.instances >= 2 || t.level >= 3 || t.ha) && left < t.instances)
        out.push({
          text: `tier ${t.id} declares ${t.instances} instance(s) on cluster ${c.id}, but losing one hypervisor leaves ${left} node(s) of pools ${pools.map((p) => `${p.pool} (${p.nodes} node(s), ${p.perHost} per hypervisor)`).join(", ")}`,
          subject,
          at: `${at}.nodePools`,
        });
      if (t.level >= 3)
        for (const p of pools.filter((x) => x.nodes === 1))
          out.push({ text: `pool ${p.pool} of cluster ${c.id} has one node and runs level-${t.level} tier ${t.id}`, subject, at: `${at}.nodePools.${c.nodePools.findIndex((x) => x.name === p.pool)}.count` });
    }
  }
  return out;
});

/** Providers that encrypt Secrets in etcd (Kubernetes' EncryptionConfiguration; `identity` does not). */
export const ETCD_ENCRYPTION_PROVIDERS: ReadonlySet<string> = new Set(["aescbc", "aesgcm", "secretbox", "kms"]);

/**
 * K8S-15: etcd encrypted at rest and in the backup plan. Each built cluster names a backup policy for its
 * etcd (`etcdBackupPolicy`); every control-plane node of the plan declares (instance metadata, the
 * user-data being a secret) an encrypting provider and snapshots on that policy's schedule. Where the
 * snapshots' copies go is judged with every other dataset (DATA-07/08/09, the cluster's etcd dataset).
 */
export const k8s15 = stackPolicy("K8S-15", true, [T.instance], (plan, ctx): Outcome => {
  const inv = ctx.inventory!;
  const clusters = builtClustersInScope(ctx);
  if (clusters.length === 0) return { notApplicable: "no cluster the program builds is judged here" };
  const out: Finding[] = [];
  for (const c of clusters) {
    const at = clusterAt(inv, c);
    const policy = inv.backupPolicies.find((b) => b.id === c.etcdBackupPolicy);
    if (c.etcdBackupPolicy === undefined) out.push({ text: `cluster ${c.id} names no backup policy for its etcd (etcdBackupPolicy): its snapshots are in no backup plan`, subject: `cluster/${c.id}`, at });
    const cp = plan.ofType(T.instance).filter((i) => tagsOf(i).get("cluster") === c.id && tagsOf(i).get("pool") === CONTROL_PLANE);
    if (cp.length === 0) out.push({ text: `cluster ${c.id} has no control-plane node in the plan: nothing shows its etcd encrypted at rest`, subject: `cluster/${c.id}`, at: `${at}.controlPlane` });
    for (const i of cp) {
      const meta = asObj(i.props.metadata) ?? {};
      const enc = meta["etcd-encryption"];
      if (typeof enc !== "string" || !ETCD_ENCRYPTION_PROVIDERS.has(enc))
        out.push({ text: `control-plane node of cluster ${c.id} declares no etcd encryption at rest (metadata etcd-encryption is ${JSON.stringify(enc ?? null)}; expected one of ${[...ETCD_ENCRYPTION_PROVIDERS].join(", ")})`, urn: i.urn });
      const cron = meta["etcd-snapshot-cron"];
      if (policy && cron !== policy.schedule) out.push({ text: `control-plane node of cluster ${c.id} snapshots etcd on ${JSON.stringify(cron ?? null)}, not on the schedule "${policy.schedule}" of its backup policy ${policy.id}`, urn: i.urn });
    }
  }
  return out;
});

/** The API server and the RKE2 supervisor (which also serves the cluster's join and certificates). */
export const API_PORTS: readonly number[] = [6443, 9345];

/** Zone kinds the API must not be reached from (with the Internet): the published zone and Wi-Fi. */
export const API_FORBIDDEN_ZONE_KINDS: ReadonlySet<string> = new Set(["dmz", "wireless"]);

/** Whether two prefixes share an address (one holds the other: prefixes never overlap partially). */
function overlapping(a: string, b: string): boolean {
  return prefixContains(a, b) || prefixContains(b, a);
}

/**
 * Why an ingress rule of a cluster's API ports admits a forbidden source, or undefined when it does not.
 * A remote group is judged by its zone; a remote prefix by the plan's subnets it overlaps and by the
 * province's own space (a prefix outside every site's aggregates and the declared management ranges is
 * the Internet, or a network the province does not administer from).
 * @param plan the plan
 * @param rule the ingress rule
 * @param space the province's aggregates and management ranges, both families
 */
export function forbiddenApiSource(plan: PlanIndex, rule: ResourceView, space: readonly string[]): string | undefined {
  const remote = ruleRemote(rule.props);
  if (remote.kind === "none") return "from anywhere (no remote)";
  if (remote.kind === "group") {
    const g = plan.ruleGroups(rule).remote;
    const kind = g ? plan.zoneKind(g) : undefined;
    return kind !== undefined && API_FORBIDDEN_ZONE_KINDS.has(kind) ? `from the security group of zone ${plan.zone(g!)} (${kind})` : undefined;
  }
  const prefix = remote.prefix;
  if (isAnywhere(prefix)) return `from anywhere (${prefix})`;
  for (const s of plan.ofType(T.subnet)) {
    const cidr = s.props.cidr;
    const kind = plan.zoneKind(s);
    if (typeof cidr === "string" && kind !== undefined && API_FORBIDDEN_ZONE_KINDS.has(kind) && overlapping(cidr, prefix)) return `from ${prefix}, which reaches subnet ${cidr} of zone ${plan.zone(s)} (${kind})`;
  }
  if (!space.some((a) => prefixContains(a, prefix))) return `from ${prefix}, outside the province's aggregates and management ranges (the Internet)`;
  return undefined;
}

export const k8s16 = stackPolicy("K8S-16", true, [T.port, T.secGroup, T.secGroupRule, T.subnet], (plan, ctx): Outcome => {
  const inv = ctx.inventory!;
  const clusters = builtClustersInScope(ctx);
  if (clusters.length === 0) return { notApplicable: "no cluster the program builds is judged here" };
  const space = [...inv.sites.flatMap((s) => [...s.aggregates.ipv4, ...s.aggregates.ipv6]), ...inv.security.managementRanges];
  const out: Finding[] = [];
  for (const c of clusters) {
    const ports = plan.ofType(T.port).filter((p) => tagsOf(p).get("cluster") === c.id && ["control-plane", "api-vip"].includes(tagsOf(p).get("role") ?? ""));
    if (ports.length === 0) {
      out.push({ text: `cluster ${c.id} has no control-plane or API VIP port in the plan: nothing shows who reaches its API`, subject: `cluster/${c.id}`, at: clusterAt(inv, c) });
      continue;
    }
    const groups = new Set(ports.flatMap((p) => plan.dependenciesOfType(p, T.secGroup).map((g) => g.urn)));
    for (const r of plan.ofType(T.secGroupRule)) {
      if (r.props.direction !== "ingress" || !groups.has(plan.ruleGroups(r).own?.urn ?? "")) continue;
      const protocol = typeof r.props.protocol === "string" ? r.props.protocol : "";
      const { min, max } = rulePorts(r.props);
      const api = API_PORTS.filter((p) => (protocol === "" || protocol === "tcp") && (min ?? 1) <= p && p <= (max ?? 65535));
      if (api.length === 0) continue;
      const why = forbiddenApiSource(plan, r, space);
      if (why) out.push({ text: `the API of cluster ${c.id} (port ${api.join(", ")}) is open ${why}`, urn: r.urn });
    }
  }
  return out;
});

/** Every cluster policy. */
export const clusterPolicies: Policy[] = [k8s13, k8s14, k8s15, k8s16];
