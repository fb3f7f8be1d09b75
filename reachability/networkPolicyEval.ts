/**
 * Kubernetes NetworkPolicies: a direction of a pod is open until a policy of that type selects the
 * pod; then it allows the union of the matching rules of every selecting policy.
 * ipBlock never matches pods of the same cluster (that matching is CNI-specific; the compiler never
 * relies on it), selectors never match anything outside the cluster.
 */
import type { Family } from "./addresses";
import type { Host, PodIdentity } from "./endpointTypes";
import type { KubeModel, LabelSelector, NetworkPolicy, PolicyPeer, PolicyPort } from "./kubeModel";
import { emptySet, fullSet, singleSet, union, isEmpty, type PortSet } from "./portSet";
import { holds } from "./prefixCache";
import type { Contribution, PointVerdict } from "./verdictTypes";

/**
 * True when labels satisfy a selector (an empty selector selects everything).
 * @param sel the selector
 * @param labels the labels
 */
export function selectorMatches(sel: LabelSelector, labels: Readonly<Record<string, string>>): boolean {
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of sel.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    const values = e.values ?? [];
    if (e.operator === "In" && !(has && values.includes(labels[e.key]))) return false;
    if (e.operator === "NotIn" && has && values.includes(labels[e.key])) return false;
    if (e.operator === "Exists" && !has) return false;
    if (e.operator === "DoesNotExist" && has) return false;
  }
  return true;
}

/**
 * True when a policy peer matches the remote host.
 * @param peer the peer
 * @param policy the policy (its namespace scopes a bare podSelector)
 * @param remote the other host
 * @param family the family
 * @param namespaceLabels labels of a namespace of the policy's cluster
 */
export function peerMatches(peer: PolicyPeer, policy: Pick<NetworkPolicy, "cluster" | "namespace">, remote: Host, family: Family, namespaceLabels: (ns: string) => Record<string, string>): boolean {
  const pod = remote.pod && remote.pod.cluster === policy.cluster ? remote.pod : undefined;
  if (peer.ipBlock) {
    if (pod) return false;
    const addr = remote.address[family];
    if (addr === undefined || !holds(peer.ipBlock.cidr, addr)) return false;
    return !(peer.ipBlock.except ?? []).some((x) => holds(x, addr));
  }
  if (!pod) return false;
  if (peer.namespaceSelector) {
    if (!selectorMatches(peer.namespaceSelector, namespaceLabels(pod.namespace))) return false;
  } else if (pod.namespace !== policy.namespace) return false;
  return peer.podSelector ? selectorMatches(peer.podSelector, pod.labels) : true;
}

/**
 * The ports of a rule's port list (absent or empty: every port of every protocol). Named ports match
 * nothing here: resolving them needs the pods' container specs.
 * @param ports the list
 */
export function policyPortsSet(ports: PolicyPort[] | undefined): PortSet {
  if (!ports || ports.length === 0) return fullSet();
  return union(
    ...ports.map((p) => {
      const proto = (p.protocol ?? "TCP").toUpperCase();
      if (proto !== "TCP" && proto !== "UDP") return emptySet();
      const lower = proto === "TCP" ? "tcp" : "udp";
      if (p.port === undefined) return singleSet(lower);
      if (typeof p.port !== "number") return emptySet();
      return singleSet(lower, p.port, p.endPort ?? p.port);
    }),
  );
}

function selects(policy: NetworkPolicy, pod: PodIdentity): boolean {
  return policy.cluster === pod.cluster && policy.namespace === pod.namespace && selectorMatches(policy.podSelector, pod.labels);
}

/**
 * What the NetworkPolicies of a pod allow in one direction towards or from a peer.
 * @param model the Kubernetes model
 * @param host the pod host
 * @param direction `egress` (pod sends) or `ingress` (pod receives)
 * @param peer the other host
 * @param family the family
 */
export function networkPolicyVerdict(model: KubeModel, host: Host, direction: "ingress" | "egress", peer: Host, family: Family): PointVerdict {
  const pod = host.pod;
  if (!pod) throw new Error(`${host.id} is not a pod`);
  const type = direction === "ingress" ? "Ingress" : "Egress";
  const point = `${direction} of pods ${pod.namespace}/${Object.entries(pod.labels).map(([k, v]) => `${k}=${v}`).join(",")}`;
  const selecting = model.policies.filter((p) => p.policyTypes.includes(type) && selects(p, pod));
  if (selecting.length === 0) return { layer: "network-policy", point: `${point} (no policy isolates it)`, ref: `${pod.cluster}/${pod.namespace}`, allowed: fullSet(), contributions: [] };
  const nsLabels = (ns: string): Record<string, string> => model.namespaces.find((n) => n.cluster === pod.cluster && n.name === ns)?.labels ?? { "kubernetes.io/metadata.name": ns };
  const contributions: Contribution[] = [];
  for (const p of selecting) {
    for (const rule of direction === "ingress" ? p.ingress : p.egress) {
      const matches = !rule.peers || rule.peers.length === 0 || rule.peers.some((peerSpec) => peerMatches(peerSpec, p, peer, family, nsLabels));
      if (!matches) continue;
      const ports = policyPortsSet(rule.ports);
      if (!isEmpty(ports)) contributions.push({ ref: p.urn, flows: p.flow ? [p.flow] : [], ports });
    }
  }
  return { layer: "network-policy", point, ref: `${pod.cluster}/${pod.namespace}`, allowed: union(...contributions.map((c) => c.ports)), contributions };
}
