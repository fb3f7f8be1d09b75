/**
 * NetworkPolicies: default-deny per namespace, DNS egress so pods still resolve, and one allow policy
 * per resolved rule, direction and local tier (a zone endpoint stands for every tier placed in it),
 * compiled from the same flow intent as the security groups.
 */
import type { ClusterRanges } from "../../inventory/addressing/types";
import type { Family, ResolvedEndpoint, ResolvedRule } from "../flows/types";
import { LABEL_FLOW, LABEL_NAMESPACE_NAME, LABEL_TIER, LABEL_ZONE, MANAGED_BY } from "./labels";
import { allowPolicyName } from "./names";
import { localTiers, zoneOfEndpoint, type LocalTier } from "./localTiers";
import type { NamespacePlacement } from "./namespaces";
import type { KubeObject, KubernetesProblem } from "./types";

/** A NetworkPolicy port (NetworkPolicy cannot match ICMP). */
export interface PolicyPort {
  /** Protocol. */
  protocol: "TCP" | "UDP";
  /** First port; absent means every port of the protocol. */
  port?: number;
  /** Last port of a range (only when larger than `port`). */
  endPort?: number;
}

/** A pod selector: equal labels, or a label that must exist. */
export type PodSelector = { matchLabels: Record<string, string> } | { matchExpressions: Array<{ key: string; operator: "Exists" }> };

/** A NetworkPolicy peer: addresses, or pods selected by namespace and tier. */
export type PolicyPeer =
  | { ipBlock: { cidr: string; except?: string[] } }
  | { namespaceSelector: { matchLabels: Record<string, string> }; podSelector: PodSelector };

/** What a policy compiler needs to know about the cluster. */
export interface PolicyContext {
  /** Site id; rules for other sites are ignored. */
  site: string;
  /** `<site>/<cluster>`, for problems. */
  clusterKey: string;
  /** Workload namespaces of the cluster. */
  placements: NamespacePlacement[];
  /** The cluster's pod and service ranges (kept out of `anywhere`, so it never means "any pod"). */
  ranges?: ClusterRanges;
}

function policy(namespace: string, name: string, labels: Record<string, string>, spec: Record<string, unknown>): KubeObject {
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name, namespace, labels: { ...MANAGED_BY, ...labels } },
    spec,
  };
}

/**
 * Denies every ingress and egress of every pod in the namespace; allow policies add to it.
 * @param namespace namespace name
 */
export function defaultDenyPolicy(namespace: string): KubeObject {
  return policy(namespace, "default-deny", {}, { podSelector: {}, policyTypes: ["Ingress", "Egress"] });
}

/**
 * Lets every pod of the namespace query the cluster DNS (kube-dns in kube-system) on UDP and TCP 53;
 * without it default-deny egress breaks name resolution for everything.
 * @param namespace namespace name
 */
export function allowDnsPolicy(namespace: string): KubeObject {
  return policy(namespace, "allow-dns", {}, {
    podSelector: {},
    policyTypes: ["Egress"],
    egress: [
      {
        to: [{ namespaceSelector: { matchLabels: { [LABEL_NAMESPACE_NAME]: "kube-system" } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }],
        ports: [
          { protocol: "UDP", port: 53 },
          { protocol: "TCP", port: 53 },
        ],
      },
    ],
  });
}

/**
 * The ports of a rule as NetworkPolicy writes them; `undefined` ports means every protocol and port.
 * ICMP cannot be expressed (NetworkPolicy matches TCP, UDP and SCTP only) and is reported instead.
 * @param rule the resolved rule
 */
export function policyPorts(rule: Pick<ResolvedRule, "protocol" | "portMin" | "portMax">): { ok: true; ports?: PolicyPort[] } | { ok: false; reason: string } {
  if (rule.protocol === "any") return { ok: true };
  if (rule.protocol === "icmp") return { ok: false, reason: "NetworkPolicy cannot match ICMP; the ICMP part of this flow is not allowed between pods" };
  const protocol = rule.protocol === "tcp" ? "TCP" : "UDP";
  if (rule.portMin === undefined) return { ok: true, ports: [{ protocol }] };
  const max = rule.portMax ?? rule.portMin;
  return { ok: true, ports: [max > rule.portMin ? { protocol, port: rule.portMin, endPort: max } : { protocol, port: rule.portMin }] };
}

/**
 * Family of a prefix written as text.
 * @param prefix e.g. `10.0.0.0/24` or `2001:db8::/64`
 */
export function prefixFamily(prefix: string): Family {
  return prefix.includes(":") ? "ipv6" : "ipv4";
}

/**
 * True when a rule only opens ports the local tier publishes from the DMZ (the one case `anywhere` is allowed).
 * @param rule the resolved rule
 * @param local the tier receiving the traffic
 */
export function isPublishedDmzPort(rule: ResolvedRule, local: LocalTier): boolean {
  if (local.placement.zoneKind !== "dmz") return false;
  if (rule.protocol !== "tcp" && rule.protocol !== "udp") return false;
  if (rule.portMin === undefined || (rule.portMax ?? rule.portMin) !== rule.portMin) return false;
  return local.tier.publish.some((p) => p.protocol === rule.protocol && p.port === rule.portMin);
}

function ipBlocks(prefixes: readonly string[], family: Family): PolicyPeer[] {
  return [...new Set(prefixes.filter((p) => prefixFamily(p) === family))].sort().map((cidr) => ({ ipBlock: { cidr } }));
}

function internetBlock(remote: Extract<ResolvedEndpoint, { kind: "internet" }>, family: Family): PolicyPeer {
  const cidr = family === "ipv4" ? "0.0.0.0/0" : "::/0";
  // The province's own space (cluster ranges included) is cut out: "the Internet" never means a zone, a
  // TSLCD prefix or the pods of the cluster.
  const except = remote.except.filter((p) => p.includes(":") === (family === "ipv6"));
  return { ipBlock: except.length > 0 ? { cidr, except } : { cidr } };
}

/**
 * The peers of a rule seen from the local tier: selectors for tiers on this cluster, ipBlocks for prefixes
 * and for tiers elsewhere, both for a zone holding tiers on this cluster, `anywhere` only for published
 * DMZ ports (ingress).
 * @param remote the other endpoint of the rule
 * @param rule the rule
 * @param local the local tier
 * @param direction `in` when the local tier receives
 * @param ctx the cluster
 */
export function peersFor(
  remote: ResolvedEndpoint,
  rule: ResolvedRule,
  local: LocalTier,
  direction: "in" | "out",
  ctx: PolicyContext,
): { ok: true; peers: PolicyPeer[] } | { ok: false; severity: "error" | "warning"; reason: string } {
  if (remote.kind === "internet") {
    // Out to the Internet is exact (the province is cut out); in from it only on what a DMZ tier publishes.
    if (direction === "out" || isPublishedDmzPort(rule, local)) return { ok: true, peers: [internetBlock(remote, rule.family)] };
    return {
      ok: false,
      severity: "error",
      reason: `the Internet may only reach ports a DMZ tier publishes; ${local.placement.system}/${local.tier.name} does not publish ${rule.protocol}/${rule.portMin ?? "*"}. Narrow the flow to a named network, or publish the port from a DMZ tier`,
    };
  }
  const tiers = localTiers(remote, ctx.placements);
  const zone = zoneOfEndpoint(remote);
  // A tier on this cluster is matched by selector only (ipBlock matching of pods is CNI-specific); a
  // zone is matched by its prefixes for everything outside the cluster AND by one selector for every
  // tier pod this cluster places in it (one peer, not one per tier: a policy stays the same size
  // however many systems the zone holds, and a new tier in the zone needs no policy change).
  const selectors = tiers.length === 0 ? [] : zone !== undefined ? [zoneSelector(zone)] : tiers.map(tierSelector);
  const blocks = remote.kind === "tier" && selectors.length > 0 ? [] : ipBlocks(remote.prefixes, rule.family);
  const peers = [...blocks, ...selectors];
  if (peers.length === 0) return { ok: false, severity: "warning", reason: `"${remote.label}" has no ${rule.family} prefix; nothing to allow for this family` };
  return { ok: true, peers };
}

/**
 * The peer that selects every tier pod of a zone on this cluster: namespaces carry their tiers' zone
 * (`hatang.vn/zone`), tier pods carry `hatang.vn/tier`; platform pods, which carry no tier, stay out.
 * @param zone zone id
 */
export function zoneSelector(zone: string): PolicyPeer {
  return { namespaceSelector: { matchLabels: { [LABEL_ZONE]: zone } }, podSelector: { matchExpressions: [{ key: LABEL_TIER, operator: "Exists" }] } };
}

/**
 * The peer that selects one tier's pods in its namespace.
 * @param local the tier on this cluster
 */
export function tierSelector(local: LocalTier): PolicyPeer {
  return {
    namespaceSelector: { matchLabels: { [LABEL_NAMESPACE_NAME]: local.placement.name } },
    podSelector: { matchLabels: { [LABEL_TIER]: local.tier.name } },
  };
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * One allow policy for one rule seen from one of its ends. Its name hashes its whole content, so the
 * IPv4 and IPv6 twins of a pod-to-pod rule (identical selectors) collapse into one object.
 * @param rule the rule
 * @param local the tier in this cluster
 * @param direction `in`: ingress to `local`; `out`: egress from it
 * @param peers the other end
 * @param ports ports (undefined: all)
 */
export function allowPolicy(rule: ResolvedRule, local: LocalTier, direction: "in" | "out", peers: PolicyPeer[], ports: PolicyPort[] | undefined): KubeObject {
  const podSelector = { matchLabels: { [LABEL_TIER]: local.tier.name } };
  const sortedPeers = [...peers].sort((a, b) => (canonical(a) < canonical(b) ? -1 : 1));
  const body = ports ? { ports } : {};
  const spec =
    direction === "in"
      ? { podSelector, policyTypes: ["Ingress"], ingress: [{ from: sortedPeers, ...body }] }
      : { podSelector, policyTypes: ["Egress"], egress: [{ to: sortedPeers, ...body }] };
  const name = allowPolicyName(rule.flow, direction, canonical({ flow: rule.flow, namespace: local.placement.name, spec }));
  return policy(local.placement.name, name, { [LABEL_FLOW]: rule.flow }, spec);
}

/**
 * Every allow policy of a cluster: ingress to each local tier a rule's `to` stands for, egress from
 * each one its `from` stands for (a tier on this cluster, or every tier this cluster places in a zone).
 * Output sorted by namespace and name; problems deduplicated.
 * @param rules resolved rules (any site; others are ignored)
 * @param ctx the cluster
 */
export function compileAllowPolicies(rules: readonly ResolvedRule[], ctx: PolicyContext): { policies: KubeObject[]; problems: KubernetesProblem[] } {
  const policies = new Map<string, KubeObject>();
  const problems = new Map<string, KubernetesProblem>();
  const report = (rule: ResolvedRule, severity: "error" | "warning", message: string): void => {
    const p: KubernetesProblem = { severity, cluster: ctx.clusterKey, path: `flows.${rule.flow}`, message };
    problems.set(`${p.path}|${message}`, p);
  };
  for (const rule of rules) {
    if (rule.site !== ctx.site) continue;
    const ends: Array<["in" | "out", ResolvedEndpoint, ResolvedEndpoint]> = [
      ["in", rule.to, rule.from],
      ["out", rule.from, rule.to],
    ];
    for (const [direction, near, far] of ends) {
      const locals = localTiers(near, ctx.placements);
      if (locals.length === 0) continue;
      const ports = policyPorts(rule);
      if (!ports.ok) {
        report(rule, "warning", ports.reason);
        continue;
      }
      for (const local of locals) {
        const peers = peersFor(far, rule, local, direction, ctx);
        if (!peers.ok) {
          report(rule, peers.severity, peers.reason);
          continue;
        }
        const object = allowPolicy(rule, local, direction, peers.peers, ports.ports);
        policies.set(`${object.metadata.namespace}/${object.metadata.name}`, object);
      }
    }
  }
  const sorted = [...policies.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, o]) => o);
  return { policies: sorted, problems: [...problems.values()] };
}

/**
 * Egress for a platform namespace to address ranges on given ports (object storage, SIEM, API server).
 * @param namespace platform namespace
 * @param name policy name (stable: it names the purpose)
 * @param prefixes destination prefixes (both families)
 * @param ports destination ports
 */
export function platformEgressPolicy(namespace: string, name: string, prefixes: readonly string[], ports: PolicyPort[]): KubeObject {
  const to = [...new Set(prefixes)].sort().map((cidr) => ({ ipBlock: { cidr } }));
  return policy(namespace, name, {}, { podSelector: {}, policyTypes: ["Egress"], egress: [{ to, ports }] });
}
