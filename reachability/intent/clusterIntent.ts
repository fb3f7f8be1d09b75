/**
 * The proof's own reading of what a built cluster's nodes and API intend, from the inventory's cluster
 * model (the Kubernetes "Ports and Protocols" matrix and RKE2's inbound rules, written here apart from the
 * compiler that opens them):
 * - the API (6443/tcp) to the control plane (its nodes and its VIP) from every management zone of the
 *   site, every declared automation host's tier and every node of the cluster; RKE2's supervisor
 *   (9345/tcp) from the nodes;
 * - etcd (2379–2380/tcp) between control-plane nodes only;
 * - the kubelet (10250/tcp) and the CNI's ports between the cluster's nodes;
 * - NodePorts (30000–32767, TCP and UDP) from the cluster's zone to its nodes, only when the model allows them.
 * The VIP is an address the control-plane nodes hold: it stands wherever a control-plane node does.
 */
import { cniPorts, type Cluster, type Inventory } from "../../inventory/model";
import type { SitePlan } from "../../inventory/addressing/types";
import type { SourceMap } from "../../inventory/loader/types";
import { singleSet, union, type PortSet } from "../portSet";
import { builtClustersAt } from "../clusterEndpoints";
import type { FlowLocation, IntentEnd, IntentRule } from "./resolver";

/** The upstream port matrix, as the proof reads it. */
export const CLUSTER_PORTS = {
  api: 6443,
  rke2Supervisor: 9345,
  etcd: [2379, 2380],
  kubelet: 10250,
  nodePorts: [30000, 32767],
} as const;

/**
 * The name of a cluster's intent: `k8s:<cluster>:<what>`.
 * @param cluster the cluster id
 * @param what api-management, api-automation-<system>-<tier>, api-nodes, rke2-supervisor, etcd, kubelet, cni-<plugin>, nodeports (the names the plan's rules record, so a report pairs them)
 */
export function clusterFlowName(cluster: string, what: string): string {
  return `k8s:${cluster}:${what}`;
}

/** The rules one cluster intends, in both families. */
function rulesOf(inventory: Inventory, site: string, c: Cluster): IntentRule[] {
  const cp: IntentEnd = { kind: "cluster", cluster: c.id, scope: "control-plane" };
  const nodes: IntentEnd = { kind: "cluster", cluster: c.id, scope: "nodes" };
  const tcp = (min: number, max = min): PortSet => singleSet("tcp", min, max);
  const lines: Array<{ what: string; ports: PortSet; from: IntentEnd; to: IntentEnd }> = [];
  for (const z of inventory.zones.filter((x) => x.site === site && x.kind === "management").sort((a, b) => a.id.localeCompare(b.id)))
    lines.push({ what: "api-management", ports: tcp(CLUSTER_PORTS.api), from: { kind: "zone", zone: z.id }, to: cp });
  for (const h of c.automationHosts) {
    const system = inventory.systems.find((s) => s.id === h.system);
    if (!system || !system.sites.includes(site) || !system.tiers.some((t) => t.name === h.tier)) continue;
    lines.push({ what: `api-automation-${h.system}-${h.tier}`, ports: tcp(CLUSTER_PORTS.api), from: { kind: "tier", system: h.system, tier: h.tier }, to: cp });
  }
  lines.push({ what: "api-nodes", ports: tcp(CLUSTER_PORTS.api), from: nodes, to: cp });
  if (c.distribution === "rke2") lines.push({ what: "rke2-supervisor", ports: tcp(CLUSTER_PORTS.rke2Supervisor), from: nodes, to: cp });
  lines.push({ what: "etcd", ports: tcp(CLUSTER_PORTS.etcd[0], CLUSTER_PORTS.etcd[1]), from: cp, to: cp });
  lines.push({ what: "kubelet", ports: tcp(CLUSTER_PORTS.kubelet), from: nodes, to: nodes });
  lines.push({ what: `cni-${c.cni.plugin}`, ports: union(...cniPorts(c.cni).map((p) => singleSet(p.protocol, p.port, p.portMax ?? p.port))), from: nodes, to: nodes });
  if (c.nodePorts) {
    const [min, max] = CLUSTER_PORTS.nodePorts;
    lines.push({ what: "nodeports", ports: union(singleSet("tcp", min, max), singleSet("udp", min, max)), from: { kind: "zone", zone: c.zone }, to: nodes });
  }
  return (["ipv4", "ipv6"] as const).flatMap((family) => lines.map((l) => ({ flow: clusterFlowName(c.id, l.what), family, ports: l.ports, from: l.from, to: l.to })));
}

/**
 * What the site's built clusters intend, and where each cluster is declared (its flows' location).
 * @param inventory the inventory
 * @param sitePlan the site's address plan
 * @param sources where the inventory's fields are written
 */
export function clusterIntent(inventory: Inventory, sitePlan: SitePlan, sources?: SourceMap): { rules: IntentRule[]; locations: FlowLocation[] } {
  const rules: IntentRule[] = [];
  const locations: FlowLocation[] = [];
  for (const c of builtClustersAt(inventory, sitePlan.site)) {
    const at = sources?.locate(["clusters", inventory.clusters.indexOf(c)]);
    const own = rulesOf(inventory, sitePlan.site, c);
    rules.push(...own);
    for (const flow of new Set(own.map((r) => r.flow))) locations.push({ flow, file: at?.file, line: at?.line });
  }
  return { rules, locations };
}
