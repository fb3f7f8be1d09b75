/**
 * Kubernetes network policy, both directions of a pod, in the order the API defines:
 * 1. AdminNetworkPolicies selecting the pod, by priority (lower first), rules in order: the first rule
 *    matching a packet decides — Allow (accepted, NetworkPolicies are not consulted), Deny (dropped), or
 *    Pass (skip the remaining admin policies; NetworkPolicies decide);
 * 2. NetworkPolicies: once a policy of that direction selects the pod, only what some rule of a
 *    selecting policy allows passes; a rule with no peers matches every peer, with no ports every port
 *    (any protocol, ICMP included); named ports resolve against the destination pod's container ports;
 * 3. when no NetworkPolicy isolates the pod: the BaselineAdminNetworkPolicy's first matching rule
 *    (Allow or Deny); otherwise the traffic is allowed.
 * ipBlock and `networks` peers never match pods of the policy's own cluster (that matching is
 * CNI-specific; pods are matched by selectors).
 */
import type { Family } from "./addresses";
import type { CompiledAdminPolicy, CompiledNetworkPolicy, Dataplane } from "./dataplane";
import type { Host, PodIdentity } from "./endpointTypes";
import type { AdminPolicy, AdminPort, PolicyPort } from "./kubeModel";
import { selectorMatches, type MatchOracle } from "./matchers";
import { emptySet, fullSet, intersect, isEmpty, singleSet, subtract, union, type PortSet, type Proto } from "./portSet";
import type { Contribution, PointVerdict } from "./verdictTypes";

function protoOf(text: string | undefined): Proto | undefined {
  const p = (text ?? "TCP").toUpperCase();
  return p === "TCP" ? "tcp" : p === "UDP" ? "udp" : p === "SCTP" ? "sctp" : undefined;
}

/**
 * The container port numbers of a pod with a name and protocol.
 * @param pod the destination pod (undefined: not a pod, so no named port matches)
 * @param name the port name
 * @param proto the protocol
 */
export function namedPortNumbers(pod: PodIdentity | undefined, name: string, proto: Proto): number[] {
  if (!pod) return [];
  return pod.containerPorts.filter((c) => c.name === name && protoOf(c.protocol) === proto).map((c) => c.containerPort);
}

/**
 * The ports of a NetworkPolicy rule's port list for a destination pod (absent or empty list: every port
 * of every protocol). A named port takes the numbers the destination pod gives that name.
 * @param ports the list
 * @param destination the pod receiving the traffic (undefined: not a pod)
 */
export function policyPortsFor(ports: readonly PolicyPort[] | undefined, destination: PodIdentity | undefined): PortSet {
  if (!ports || ports.length === 0) return fullSet();
  return union(
    ...ports.map((p) => {
      const proto = protoOf(p.protocol);
      if (!proto) return emptySet();
      if (p.port === undefined) return singleSet(proto);
      if (typeof p.port === "number") return singleSet(proto, p.port, p.endPort ?? p.port);
      return union(...namedPortNumbers(destination, p.port, proto).map((n) => singleSet(proto, n)));
    }),
  );
}

/**
 * The ports of an admin policy rule's port list for a destination pod (absent: all traffic).
 * @param ports the list
 * @param destination the pod receiving the traffic
 */
export function adminPortsFor(ports: readonly AdminPort[] | undefined, destination: PodIdentity | undefined): PortSet {
  if (!ports) return fullSet();
  return union(
    ...ports.map((p) => {
      if (p.portNumber) {
        const proto = protoOf(p.portNumber.protocol);
        return proto ? singleSet(proto, p.portNumber.port) : emptySet();
      }
      if (p.portRange) {
        const proto = protoOf(p.portRange.protocol);
        return proto ? singleSet(proto, p.portRange.start, p.portRange.end) : emptySet();
      }
      if (p.namedPort !== undefined && destination) {
        return union(...destination.containerPorts.filter((c) => c.name === p.namedPort).map((c) => singleSet(protoOf(c.protocol) ?? "tcp", c.containerPort)));
      }
      return emptySet();
    }),
  );
}

/**
 * True when an admin policy's subject holds the pod.
 * @param p the policy
 * @param pod the pod
 * @param nsLabels labels of the pod's namespace
 */
export function adminSubjectHolds(p: Pick<AdminPolicy, "cluster" | "subject">, pod: PodIdentity, nsLabels: Readonly<Record<string, string>>): boolean {
  if (p.cluster !== pod.cluster) return false;
  if (p.subject.namespaces) return selectorMatches(p.subject.namespaces, nsLabels);
  if (p.subject.pods) return selectorMatches(p.subject.pods.namespaceSelector, nsLabels) && selectorMatches(p.subject.pods.podSelector, pod.labels);
  return false;
}

/** The policies that apply to one pod and direction. */
interface PodPolicies {
  admin: CompiledAdminPolicy[];
  isolating: CompiledNetworkPolicy[];
  baseline: CompiledAdminPolicy[];
}

const podCache = new WeakMap<Dataplane, Map<string, PodPolicies>>();

/**
 * The admin policies, isolating NetworkPolicies and baseline policies of a pod in one direction (cached).
 * @param dp the dataplane
 * @param pod the pod
 * @param direction the direction
 */
export function policiesOfPod(dp: Dataplane, pod: PodIdentity, direction: "ingress" | "egress"): PodPolicies {
  let cache = podCache.get(dp);
  if (!cache) podCache.set(dp, (cache = new Map()));
  const key = `${direction}|${pod.cluster}|${pod.namespace}|${JSON.stringify(pod.labels)}`;
  let found = cache.get(key);
  if (!found) {
    const type = direction === "ingress" ? "Ingress" : "Egress";
    const ns = dp.nsLabels(pod.cluster, pod.namespace);
    found = {
      admin: dp.adminPolicies.filter((p) => adminSubjectHolds(p.policy, pod, ns)),
      isolating: dp.networkPolicies.filter(
        (p) => p.policy.cluster === pod.cluster && p.policy.namespace === pod.namespace && p.policy.policyTypes.includes(type) && selectorMatches(p.policy.podSelector, pod.labels),
      ),
      baseline: dp.baselinePolicies.filter((p) => adminSubjectHolds(p.policy, pod, ns)),
    };
    cache.set(key, found);
  }
  return found;
}

function describePod(pod: PodIdentity): string {
  const labels = Object.entries(pod.labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`)
    .join(",");
  return `${pod.namespace}/${labels || "(no labels)"}`;
}

/**
 * Admin policies' rules in order over the ports still undecided, the first match deciding each port:
 * Allow adds them to what is allowed, Pass hands them to NetworkPolicies, Deny drops them.
 * @param policies admin (or baseline) policies, in precedence order
 * @param direction the direction
 * @param peer the other host
 * @param family the family
 * @param oracle decides matchers
 * @param destination the pod receiving the traffic (named ports)
 * @param undecided the ports still undecided
 * @param contributions where each decision is recorded
 */
function firstMatch(
  policies: readonly CompiledAdminPolicy[],
  direction: "ingress" | "egress",
  peer: Host,
  family: Family,
  oracle: MatchOracle,
  destination: PodIdentity | undefined,
  undecided: PortSet,
  contributions: Contribution[],
): { allowed: PortSet; passed: PortSet; rest: PortSet } {
  let rest = undecided;
  let allowed = emptySet();
  let passed = emptySet();
  for (const p of policies) {
    for (const r of direction === "ingress" ? p.ingress : p.egress) {
      if (isEmpty(rest)) break;
      if (!r.peers.some((m) => oracle.test(m, peer, family))) continue;
      const ports = adminPortsFor(r.rule.ports, destination);
      const hit = intersect(rest, ports);
      if (isEmpty(hit)) continue;
      const action = r.rule.action === "Allow" ? "allow" : r.rule.action === "Pass" ? "pass" : "deny";
      if (action === "allow") allowed = union(allowed, hit);
      if (action === "pass") passed = union(passed, hit);
      const kind = p.policy.kind === "AdminNetworkPolicy" ? `AdminNetworkPolicy ${p.policy.name} (priority ${p.policy.priority})` : `BaselineAdminNetworkPolicy ${p.policy.name}`;
      contributions.push({ ref: p.policy.ref, label: `${kind} ${direction} rule ${r.rule.name}: ${r.rule.action}`, action, ports: hit, flows: [] });
      rest = subtract(rest, ports);
    }
  }
  return { allowed, passed, rest };
}

/**
 * What Kubernetes network policy allows for a pod in one direction towards or from a peer.
 * @param dp the dataplane
 * @param oracle decides matchers
 * @param host the pod host
 * @param direction `egress` (pod sends) or `ingress` (pod receives)
 * @param peer the other host
 * @param family the family
 */
export function networkPolicyVerdict(dp: Dataplane, oracle: MatchOracle, host: Host, direction: "ingress" | "egress", peer: Host, family: Family): PointVerdict {
  const pod = host.pod;
  if (!pod) throw new Error(`${host.id} is not a pod`);
  const destination = direction === "ingress" ? pod : peer.pod && peer.pod.cluster === pod.cluster ? peer.pod : undefined;
  const { admin, isolating, baseline } = policiesOfPod(dp, pod, direction);
  const contributions: Contribution[] = [];
  const first = firstMatch(admin, direction, peer, family, oracle, destination, fullSet(), contributions);
  let allowed = first.allowed;
  const remaining = first.rest;
  const passed = first.passed;
  const toPolicies = union(remaining, passed);
  const point = `${direction} of pods ${describePod(pod)}`;
  if (isolating.length > 0) {
    for (const p of isolating) {
      for (const r of direction === "ingress" ? p.ingress : p.egress) {
        if (r.peers && !r.peers.some((m) => oracle.test(m, peer, family))) continue;
        const hit = intersect(toPolicies, policyPortsFor(r.rule.ports, destination));
        if (isEmpty(hit)) continue;
        allowed = union(allowed, hit);
        contributions.push({ ref: p.policy.ref, label: `NetworkPolicy ${p.policy.name} ${direction} rule #${r.index + 1}`, action: "allow", ports: hit, flows: p.policy.flow ? [p.policy.flow] : [] });
      }
    }
    const names = isolating.map((p) => p.policy.name).join(", ");
    return { layer: "network-policy", point: `${point} (isolated by ${names})`, ref: `${pod.cluster}/${pod.namespace}`, allowed, contributions, otherwise: "deny" };
  }
  const base = firstMatch(baseline, direction, peer, family, oracle, destination, toPolicies, contributions);
  allowed = union(allowed, base.allowed);
  const rest = base.rest;
  allowed = union(allowed, rest);
  return { layer: "network-policy", point: `${point} (no NetworkPolicy isolates it)`, ref: `${pod.cluster}/${pod.namespace}`, allowed, contributions, otherwise: "allow" };
}
