/**
 * Kubernetes network objects as the proof evaluates them, read from plan resources or from manifests:
 * namespaces, workloads (their pods' labels and container ports), NetworkPolicies (with the API's
 * defaults applied), AdminNetworkPolicies and the BaselineAdminNetworkPolicy
 * (policy.networking.k8s.io/v1alpha1).
 */
import { arr, obj, str } from "./planInputs";

/** A label selector (matchLabels and matchExpressions). */
export interface LabelSelector {
  /** Labels that must be equal. */
  matchLabels?: Record<string, string>;
  /** Set-based requirements. */
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
}

/** A NetworkPolicy peer. */
export interface PolicyPeer {
  /** Address block with exceptions. */
  ipBlock?: { cidr: string; except?: string[] };
  /** Namespaces selected (absent: the policy's own namespace). */
  namespaceSelector?: LabelSelector;
  /** Pods selected (absent: every pod of the selected namespaces). */
  podSelector?: LabelSelector;
}

/** A NetworkPolicy port: a protocol and a number, a range (`endPort`) or a container port name. */
export interface PolicyPort {
  /** TCP (default), UDP or SCTP. */
  protocol?: string;
  /** Number, or a name resolved against the destination pod's container ports. */
  port?: number | string;
  /** Last port of a range (numeric `port` only). */
  endPort?: number;
}

/** One ingress or egress rule: peers (absent or empty = everyone) and ports (absent or empty = all). */
export interface PolicyRule {
  /** Peers. */
  peers?: PolicyPeer[];
  /** Ports. */
  ports?: PolicyPort[];
}

/** Where an object was declared, for explanations (a plan URN, or a manifest file and line). */
export interface ObjectRef {
  /** URN, or `file:line`. */
  ref: string;
  /** `namespace/name` or `name`. */
  name: string;
}

/** A NetworkPolicy. */
export interface NetworkPolicy extends ObjectRef {
  /** Cluster key (policies of other clusters never select a pod). */
  cluster: string;
  /** Namespace. */
  namespace: string;
  /** Pods the policy applies to. */
  podSelector: LabelSelector;
  /** Directions it isolates (defaulted as the API server does). */
  policyTypes: Array<"Ingress" | "Egress">;
  /** Ingress rules. */
  ingress: PolicyRule[];
  /** Egress rules. */
  egress: PolicyRule[];
  /** Flow it was compiled from (`hatang.vn/flow` label), if any. */
  flow?: string;
}

/** An (Baseline)AdminNetworkPolicy peer. */
export interface AdminPeer {
  /** Every pod of the namespaces matching. */
  namespaces?: LabelSelector;
  /** Pods matching, in namespaces matching. */
  pods?: { namespaceSelector: LabelSelector; podSelector: LabelSelector };
  /** Addresses outside the cluster (egress only). */
  networks?: string[];
  /** Nodes (egress only); the proof knows no nodes, so this matches nothing. */
  nodes?: LabelSelector;
}

/** An (Baseline)AdminNetworkPolicy port. */
export interface AdminPort {
  /** One port. */
  portNumber?: { protocol: string; port: number };
  /** A range. */
  portRange?: { protocol: string; start: number; end: number };
  /** A container port name of the destination pod. */
  namedPort?: string;
}

/** An (Baseline)AdminNetworkPolicy rule. */
export interface AdminRule {
  /** Rule name. */
  name: string;
  /** Allow, Deny, or Pass (ANP only: hand the traffic to NetworkPolicies). */
  action: "Allow" | "Deny" | "Pass";
  /** Peers (at least one). */
  peers: AdminPeer[];
  /** Ports (absent: all traffic). */
  ports?: AdminPort[];
}

/** An AdminNetworkPolicy, or the BaselineAdminNetworkPolicy (no priority). */
export interface AdminPolicy extends ObjectRef {
  /** Cluster key. */
  cluster: string;
  /** `AdminNetworkPolicy` or `BaselineAdminNetworkPolicy`. */
  kind: "AdminNetworkPolicy" | "BaselineAdminNetworkPolicy";
  /** Precedence (lower first); 0 for the baseline. */
  priority: number;
  /** Pods it applies to. */
  subject: { namespaces?: LabelSelector; pods?: { namespaceSelector: LabelSelector; podSelector: LabelSelector } };
  /** Ingress rules, in order. */
  ingress: AdminRule[];
  /** Egress rules, in order. */
  egress: AdminRule[];
}

/** A container port of a pod. */
export interface ContainerPort {
  /** Name (what named ports refer to). */
  name?: string;
  /** Number. */
  containerPort: number;
  /** TCP (default), UDP or SCTP. */
  protocol: string;
}

/** A workload: pods with one label set and container ports. */
export interface Workload extends ObjectRef {
  /** Cluster key. */
  cluster: string;
  /** Namespace. */
  namespace: string;
  /** Workload name as analyzers print it (the owner's name for owned pods). */
  workload: string;
  /** Kind (Deployment, StatefulSet, Pod, ...). */
  kind: string;
  /** Labels of its pods. */
  labels: Record<string, string>;
  /** Container ports of its pods. */
  containerPorts: ContainerPort[];
}

/** A namespace. */
export interface KubeNamespace {
  /** Cluster key. */
  cluster: string;
  /** Name. */
  name: string;
  /** Labels, including `kubernetes.io/metadata.name` (the API server sets it). */
  labels: Record<string, string>;
}

/** Everything Kubernetes-side the proof needs. */
export interface KubeModel {
  /** Namespaces. */
  namespaces: KubeNamespace[];
  /** NetworkPolicies. */
  policies: NetworkPolicy[];
  /** AdminNetworkPolicies and BaselineAdminNetworkPolicies. */
  adminPolicies: AdminPolicy[];
  /** Workloads (pods' labels and container ports). */
  workloads: Workload[];
}

/** Workload kinds and where their pod template sits. */
export const WORKLOAD_KINDS: Readonly<Record<string, readonly string[]>> = {
  Pod: [],
  Deployment: ["spec", "template"],
  StatefulSet: ["spec", "template"],
  DaemonSet: ["spec", "template"],
  ReplicaSet: ["spec", "template"],
  ReplicationController: ["spec", "template"],
  Job: ["spec", "template"],
  CronJob: ["spec", "jobTemplate", "spec", "template"],
};

/**
 * Labels of a metadata object (string values only).
 * @param v the `labels` value
 */
export function labelsOf(v: unknown): Record<string, string> {
  const o = obj(v) ?? {};
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(o)) if (typeof x === "string") out[k] = x;
  return out;
}

/**
 * A label selector object, or undefined when absent.
 * @param v the selector value
 */
export function selectorOf(v: unknown): LabelSelector | undefined {
  const o = obj(v);
  if (!o) return undefined;
  const exprs = arr(o, "matchExpressions")
    .map(obj)
    .filter((e): e is Record<string, unknown> => e !== undefined)
    .map((e) => ({ key: str(e, "key") ?? "", operator: str(e, "operator") ?? "", values: arr(e, "values").filter((x): x is string => typeof x === "string") }));
  return { matchLabels: labelsOf(o["matchLabels"]), matchExpressions: exprs };
}

function portsOf(list: unknown): PolicyPort[] | undefined {
  if (!Array.isArray(list)) return undefined;
  return list.map(obj).filter((p): p is Record<string, unknown> => p !== undefined).map((p) => {
    const port = p["port"];
    const endPort = p["endPort"];
    return { protocol: str(p, "protocol"), port: typeof port === "number" || typeof port === "string" ? port : undefined, endPort: typeof endPort === "number" ? endPort : undefined };
  });
}

function rulesOf(list: unknown[], peerKey: "from" | "to"): PolicyRule[] {
  return list.map(obj).filter((r): r is Record<string, unknown> => r !== undefined).map((r) => ({
    peers: Array.isArray(r[peerKey])
      ? arr(r, peerKey).map(obj).filter((p): p is Record<string, unknown> => p !== undefined).map((p) => {
          const ib = obj(p["ipBlock"]);
          const cidr = ib ? str(ib, "cidr") : undefined;
          return {
            ipBlock: ib && cidr ? { cidr, except: arr(ib, "except").filter((x): x is string => typeof x === "string") } : undefined,
            namespaceSelector: selectorOf(p["namespaceSelector"]),
            podSelector: selectorOf(p["podSelector"]),
          };
        })
      : undefined,
    ports: portsOf(r["ports"]),
  }));
}

/**
 * A NetworkPolicy object in the proof's terms; `policyTypes` defaulted as the API server does
 * (Ingress always, Egress when the policy has at least one egress rule).
 * @param o the object (apiVersion, kind, metadata, spec)
 * @param cluster its cluster key
 * @param ref where it was declared
 */
export function networkPolicyOf(o: Record<string, unknown>, cluster: string, ref: string): NetworkPolicy {
  const meta = obj(o["metadata"]) ?? {};
  const spec = obj(o["spec"]) ?? {};
  const egressList = arr(spec, "egress");
  const types = arr(spec, "policyTypes").filter((t): t is "Ingress" | "Egress" => t === "Ingress" || t === "Egress");
  const policyTypes: Array<"Ingress" | "Egress"> = types.length > 0 ? [...new Set(types)] : egressList.length > 0 ? ["Ingress", "Egress"] : ["Ingress"];
  const namespace = str(meta, "namespace") ?? "default";
  const name = str(meta, "name") ?? "";
  return {
    ref,
    name: `${namespace}/${name}`,
    cluster,
    namespace,
    podSelector: selectorOf(spec["podSelector"]) ?? {},
    policyTypes,
    ingress: rulesOf(arr(spec, "ingress"), "from"),
    egress: rulesOf(egressList, "to"),
    flow: labelsOf(meta["labels"])["hatang.vn/flow"],
  };
}

function adminPeerOf(p: Record<string, unknown>): AdminPeer {
  const ns = obj(p["namespaces"]);
  // Early v1alpha1 drafts nested the selector as `namespaces.namespaceSelector`.
  const nsSel = ns && obj(ns["namespaceSelector"]) ? selectorOf(ns["namespaceSelector"]) : selectorOf(ns);
  const pods = obj(p["pods"]);
  const podNs = pods ? obj(pods["namespaceSelector"]) ?? obj(obj(pods["namespaces"])?.["namespaceSelector"]) ?? obj(pods["namespaces"]) : undefined;
  return {
    namespaces: ns ? nsSel : undefined,
    pods: pods ? { namespaceSelector: selectorOf(podNs) ?? {}, podSelector: selectorOf(pods["podSelector"]) ?? {} } : undefined,
    networks: Array.isArray(p["networks"]) ? arr(p, "networks").filter((x): x is string => typeof x === "string") : undefined,
    nodes: obj(p["nodes"]) ? selectorOf(p["nodes"]) : undefined,
  };
}

function adminPortsOf(list: unknown): AdminPort[] | undefined {
  if (!Array.isArray(list)) return undefined;
  return list.map(obj).filter((p): p is Record<string, unknown> => p !== undefined).map((p) => {
    const pn = obj(p["portNumber"]);
    const pr = obj(p["portRange"]);
    const named = p["namedPort"];
    return {
      portNumber: pn ? { protocol: str(pn, "protocol") ?? "TCP", port: Number(pn["port"]) } : undefined,
      portRange: pr ? { protocol: str(pr, "protocol") ?? "TCP", start: Number(pr["start"]), end: Number(pr["end"]) } : undefined,
      namedPort: typeof named === "string" ? named : undefined,
    };
  });
}

function adminRulesOf(list: unknown[], peerKey: "from" | "to"): AdminRule[] {
  return list.map(obj).filter((r): r is Record<string, unknown> => r !== undefined).map((r, i) => {
    const action = str(r, "action");
    return {
      name: str(r, "name") ?? `rule-${i}`,
      action: action === "Allow" || action === "Pass" ? action : "Deny",
      peers: arr(r, peerKey).map(obj).filter((p): p is Record<string, unknown> => p !== undefined).map(adminPeerOf),
      ports: adminPortsOf(r["ports"]),
    };
  });
}

/**
 * An AdminNetworkPolicy or BaselineAdminNetworkPolicy object in the proof's terms.
 * @param o the object
 * @param cluster its cluster key
 * @param ref where it was declared
 */
export function adminPolicyOf(o: Record<string, unknown>, cluster: string, ref: string): AdminPolicy {
  const meta = obj(o["metadata"]) ?? {};
  const spec = obj(o["spec"]) ?? {};
  const kind = str(o, "kind") === "BaselineAdminNetworkPolicy" ? "BaselineAdminNetworkPolicy" : "AdminNetworkPolicy";
  const subject = obj(spec["subject"]) ?? {};
  const sPods = obj(subject["pods"]);
  return {
    ref,
    name: str(meta, "name") ?? "",
    cluster,
    kind,
    priority: kind === "AdminNetworkPolicy" ? Number(spec["priority"] ?? 0) : 0,
    subject: {
      namespaces: obj(subject["namespaces"]) ? selectorOf(subject["namespaces"]) : undefined,
      pods: sPods ? { namespaceSelector: selectorOf(sPods["namespaceSelector"]) ?? {}, podSelector: selectorOf(sPods["podSelector"]) ?? {} } : undefined,
    },
    ingress: adminRulesOf(arr(spec, "ingress"), "from"),
    egress: adminRulesOf(arr(spec, "egress"), "to"),
  };
}

/**
 * A Namespace object in the proof's terms (with the name label the API server adds).
 * @param o the object
 * @param cluster its cluster key
 */
export function namespaceOf(o: Record<string, unknown>, cluster: string): KubeNamespace {
  const meta = obj(o["metadata"]) ?? {};
  const name = str(meta, "name") ?? "";
  return { cluster, name, labels: { ...labelsOf(meta["labels"]), "kubernetes.io/metadata.name": name } };
}

/**
 * The pod template of a workload object (the object itself for a Pod), or undefined.
 * @param o the object
 */
export function podTemplateOf(o: Record<string, unknown>): Record<string, unknown> | undefined {
  const path = WORKLOAD_KINDS[str(o, "kind") ?? ""];
  if (!path) return undefined;
  let cur: Record<string, unknown> | undefined = o;
  for (const k of path) cur = cur ? obj(cur[k]) : undefined;
  return cur;
}

/**
 * A workload object in the proof's terms (pods owned by a controller take the owner's name and kind).
 * @param o the object
 * @param cluster its cluster key
 * @param ref where it was declared
 */
export function workloadOf(o: Record<string, unknown>, cluster: string, ref: string): Workload | undefined {
  const template = podTemplateOf(o);
  if (!template) return undefined;
  const meta = obj(o["metadata"]) ?? {};
  const tmeta = obj(template["metadata"]) ?? {};
  const tspec = obj(template["spec"]) ?? {};
  const namespace = str(meta, "namespace") ?? "default";
  let kind = str(o, "kind") ?? "Pod";
  let workload = str(meta, "name") ?? "";
  if (kind === "Pod") {
    const owner = arr(meta, "ownerReferences").map(obj).find((r) => r !== undefined && r["controller"] !== false);
    if (owner && str(owner, "name") && str(owner, "kind")) {
      workload = str(owner, "name") as string;
      kind = str(owner, "kind") as string;
    }
  }
  const containers = [...arr(tspec, "containers"), ...arr(tspec, "initContainers")].map(obj).filter((c): c is Record<string, unknown> => c !== undefined);
  const containerPorts: ContainerPort[] = containers.flatMap((c) =>
    arr(c, "ports")
      .map(obj)
      .filter((p): p is Record<string, unknown> => p !== undefined && typeof p["containerPort"] === "number")
      .map((p) => ({ name: str(p, "name"), containerPort: p["containerPort"] as number, protocol: (str(p, "protocol") ?? "TCP").toUpperCase() })),
  );
  return { ref, name: `${namespace}/${workload}`, cluster, namespace, workload, kind, labels: labelsOf(tmeta["labels"]), containerPorts };
}

/** An empty model. */
export function emptyKubeModel(): KubeModel {
  return { namespaces: [], policies: [], adminPolicies: [], workloads: [] };
}

/**
 * Adds one Kubernetes object to a model (other kinds are ignored).
 * @param model the model (changed in place)
 * @param o the object
 * @param cluster its cluster key
 * @param ref where it was declared
 */
export function addKubeObject(model: KubeModel, o: Record<string, unknown>, cluster: string, ref: string): void {
  const kind = str(o, "kind") ?? "";
  if (kind === "Namespace") model.namespaces.push(namespaceOf(o, cluster));
  else if (kind === "NetworkPolicy") model.policies.push(networkPolicyOf(o, cluster, ref));
  else if (kind === "AdminNetworkPolicy" || kind === "BaselineAdminNetworkPolicy") model.adminPolicies.push(adminPolicyOf(o, cluster, ref));
  else if (WORKLOAD_KINDS[kind]) {
    const w = workloadOf(o, cluster, ref);
    if (w) model.workloads.push(w);
  }
}
