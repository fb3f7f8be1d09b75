/**
 * A cluster's own security groups, from the Kubernetes port matrix: the API (6443) from the
 * management zone, the declared automation hosts and the cluster's nodes; the RKE2 supervisor (9345)
 * from the nodes; etcd (2379–2380) between control-plane nodes only; the kubelet (10250) and the
 * CNI's ports between nodes; NodePorts (30000–32767) from the cluster's zone only where the model
 * allows them. IPv4 and IPv6 alike. Groups are created without Neutron's default rules, so each
 * ingress rule has its egress twin on the sending group. Pure.
 */
import { cniPorts, type Cluster, type Inventory } from "../../inventory/model";
import type { SitePlan } from "../../inventory/addressing/types";
import { contentHash, resourceName } from "../naming";
import { tierGroupKey, type SecurityGroupSpec, type SecurityRuleSpec } from "../openstack/securityGroups";
import type { ResolvedRule } from "../flows/types";
import { clusterNodesLabel } from "../backup/jobFlowRules";

/** The Kubernetes port matrix (upstream "Ports and Protocols", RKE2's inbound rules). */
export const K8S_PORTS = {
  api: 6443,
  rke2Supervisor: 9345,
  etcd: { min: 2379, max: 2380 },
  kubelet: 10250,
  nodePorts: { min: 30000, max: 32767 },
} as const;

/** Keys of a cluster's two groups: every node's, and the control plane's (which the VIP port carries too). */
export function clusterGroupKeys(cluster: string): { nodes: string; controlPlane: string } {
  return { nodes: resourceName("k8s", cluster, "nodes"), controlPlane: resourceName("k8s", cluster, "control-plane") };
}

/** One line of the matrix: who may reach which group on what, named by what it is for. */
interface MatrixLine {
  /** The receiving group. */
  to: string;
  protocol: "tcp" | "udp";
  min: number;
  max: number;
  /** Remote side: a group key, or prefixes per family. */
  from: { group: string } | { prefixes: { ipv4: string[]; ipv6: string[] } };
  /** What the rule is for (its description names it as the rule's flow). */
  purpose: string;
}

/** The site's management zones' blocks, per family. */
function managementPrefixes(inventory: Inventory, plan: SitePlan): { ipv4: string[]; ipv6: string[] } {
  const zones = new Set(inventory.zones.filter((z) => z.site === plan.site && z.kind === "management").map((z) => z.id));
  const blocks = plan.zones.filter((z) => zones.has(z.zone)).sort((a, b) => a.zone.localeCompare(b.zone));
  return { ipv4: blocks.map((b) => b.ipv4), ipv6: blocks.map((b) => b.ipv6) };
}

/** The matrix of one cluster. */
function matrix(inventory: Inventory, plan: SitePlan, c: Cluster): MatrixLine[] {
  const g = clusterGroupKeys(c.id);
  const lines: MatrixLine[] = [];
  const flow = (what: string): string => `k8s:${c.id}:${what}`;
  lines.push({ to: g.controlPlane, protocol: "tcp", min: K8S_PORTS.api, max: K8S_PORTS.api, from: { prefixes: managementPrefixes(inventory, plan) }, purpose: flow("api-management") });
  for (const h of [...c.automationHosts].sort((a, b) => `${a.system}/${a.tier}`.localeCompare(`${b.system}/${b.tier}`)))
    lines.push({ to: g.controlPlane, protocol: "tcp", min: K8S_PORTS.api, max: K8S_PORTS.api, from: { group: tierGroupKey(h.system, h.tier) }, purpose: flow(`api-automation-${h.system}-${h.tier}`) });
  lines.push({ to: g.controlPlane, protocol: "tcp", min: K8S_PORTS.api, max: K8S_PORTS.api, from: { group: g.nodes }, purpose: flow("api-nodes") });
  if (c.distribution === "rke2") lines.push({ to: g.controlPlane, protocol: "tcp", min: K8S_PORTS.rke2Supervisor, max: K8S_PORTS.rke2Supervisor, from: { group: g.nodes }, purpose: flow("rke2-supervisor") });
  lines.push({ to: g.controlPlane, protocol: "tcp", min: K8S_PORTS.etcd.min, max: K8S_PORTS.etcd.max, from: { group: g.controlPlane }, purpose: flow("etcd") });
  lines.push({ to: g.nodes, protocol: "tcp", min: K8S_PORTS.kubelet, max: K8S_PORTS.kubelet, from: { group: g.nodes }, purpose: flow("kubelet") });
  for (const p of cniPorts(c.cni)) lines.push({ to: g.nodes, protocol: p.protocol, min: p.port, max: p.portMax ?? p.port, from: { group: g.nodes }, purpose: flow(`cni-${c.cni.plugin}`) });
  if (c.nodePorts) {
    const zone = plan.zones.find((z) => z.zone === c.zone);
    const prefixes = zone ? { ipv4: [zone.ipv4], ipv6: [zone.ipv6] } : { ipv4: [], ipv6: [] };
    for (const protocol of ["tcp", "udp"] as const) lines.push({ to: g.nodes, protocol, min: K8S_PORTS.nodePorts.min, max: K8S_PORTS.nodePorts.max, from: { prefixes }, purpose: flow("nodeports") });
  }
  return lines;
}

/**
 * The security groups of the site's clusters the program builds (external clusters have none here),
 * with the site's zone and tier groups: an automation host's tier group gets the egress twin of its API
 * rule (without it the stateful groups let nothing leave the tier; the reachability proof found it).
 * Rules are keyed by a digest of their content, so adding a pool or an automation host adds rules and
 * never renames one.
 * @param inventory the inventory (validated)
 * @param plan the site's address plan
 * @param siteGroups the site's zone and tier groups (`compileSecurityGroups`), returned with the twins added (copies)
 * @param rules the site's resolved rules: those leaving a cluster's nodes (`cluster:<id>`, the backup jobs' dumps) get their egress on its nodes' group
 */
export function compileClusterSecurityGroups(inventory: Inventory, plan: SitePlan, siteGroups: readonly SecurityGroupSpec[] = [], rules: readonly ResolvedRule[] = []): SecurityGroupSpec[] {
  const senders = new Map(siteGroups.map((g) => [g.key, { ...g, rules: [...g.rules] }]));
  const touched = new Set<string>();
  const out: SecurityGroupSpec[] = [];
  for (const c of inventory.clusters.filter((x) => x.site === plan.site && !x.external).sort((a, b) => a.id.localeCompare(b.id))) {
    const keys = clusterGroupKeys(c.id);
    const groups = new Map<string, SecurityGroupSpec>([
      [keys.nodes, { key: keys.nodes, name: resourceName(plan.site, keys.nodes), description: `cluster ${c.id}: every node`, zone: c.zone, rules: [] }],
      [keys.controlPlane, { key: keys.controlPlane, name: resourceName(plan.site, keys.controlPlane), description: `cluster ${c.id}: control plane and API VIP`, zone: c.zone, rules: [] }],
    ]);
    const add = (group: SecurityGroupSpec, rule: Omit<SecurityRuleSpec, "key" | "flows">, purpose: string): void => {
      const key = contentHash({ group: group.key, ...rule });
      const existing = group.rules.find((r) => r.key === key);
      if (existing) {
        if (!existing.flows.includes(purpose)) existing.flows = [...existing.flows, purpose];
      } else group.rules.push({ key, ...rule, flows: [purpose] });
    };
    for (const line of matrix(inventory, plan, c)) {
      const ports = { protocol: line.protocol, portRangeMin: line.min, portRangeMax: line.max };
      for (const [family, ethertype] of [["ipv4", "IPv4"], ["ipv6", "IPv6"]] as const) {
        const to = groups.get(line.to) as SecurityGroupSpec;
        if ("group" in line.from) {
          add(to, { direction: "ingress", ethertype, ...ports, remoteGroupKey: line.from.group }, line.purpose);
          // The sender's egress twin: on the cluster's own groups, or on an automation host's tier group.
          const from = groups.get(line.from.group) ?? senders.get(line.from.group);
          if (from) add(from, { direction: "egress", ethertype, ...ports, remoteGroupKey: line.to }, line.purpose);
          if (!groups.has(line.from.group) && from) touched.add(from.key);
        } else {
          for (const prefix of line.from.prefixes[family]) add(to, { direction: "ingress", ethertype, ...ports, remoteIpPrefix: prefix }, line.purpose);
        }
      }
    }
    // Connections the cluster's nodes start (the destination's side holds the ingress): egress on the nodes' group.
    for (const r of rules) {
      if (r.site !== plan.site || r.from.kind !== "prefixes" || r.from.label !== clusterNodesLabel(c.id) || (r.protocol !== "tcp" && r.protocol !== "udp")) continue;
      const ports = r.portMin === undefined ? { protocol: r.protocol } : { protocol: r.protocol, portRangeMin: r.portMin, portRangeMax: r.portMax ?? r.portMin };
      const ethertype = r.family === "ipv4" ? "IPv4" : "IPv6";
      const remote = r.to.kind === "tier" && senders.has(tierGroupKey(r.to.system, r.to.tier)) ? [{ remoteGroupKey: tierGroupKey(r.to.system, r.to.tier) }] : r.to.prefixes.map((p) => ({ remoteIpPrefix: p }));
      for (const x of remote) add(groups.get(keys.nodes) as SecurityGroupSpec, { direction: "egress", ethertype, ...ports, ...x }, r.flow);
    }
    for (const g of groups.values()) {
      g.rules.sort((a, b) => a.key.localeCompare(b.key));
      for (const r of g.rules) r.flows.sort();
      out.push(g);
    }
  }
  for (const g of senders.values()) {
    if (touched.has(g.key)) g.rules.sort((a, b) => a.key.localeCompare(b.key));
    out.push(g);
  }
  return out.sort((a, b) => a.key.localeCompare(b.key));
}
