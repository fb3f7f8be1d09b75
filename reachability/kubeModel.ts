/**
 * Kubernetes as the plan declares it: namespaces with their labels and NetworkPolicies, per cluster.
 */
import type { Plan, PlannedResource } from "../offline/planTypes";
import { arr, obj, ofType, str, T } from "./planInputs";

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
  /** Namespaces selected. */
  namespaceSelector?: LabelSelector;
  /** Pods selected. */
  podSelector?: LabelSelector;
}

/** A NetworkPolicy port. */
export interface PolicyPort {
  /** TCP (default), UDP or SCTP. */
  protocol?: string;
  /** Number, or a name (named ports cannot be resolved without pods: they match nothing here). */
  port?: number | string;
  /** Last port of a range. */
  endPort?: number;
}

/** One ingress or egress rule: peers (absent = everyone) and ports (absent = all). */
export interface PolicyRule {
  /** Peers; undefined or empty = all. */
  peers?: PolicyPeer[];
  /** Ports; undefined or empty = all. */
  ports?: PolicyPort[];
}

/** A NetworkPolicy. */
export interface NetworkPolicy {
  /** Resource URN. */
  urn: string;
  /** Cluster key (the KubernetesZone the policy belongs to). */
  cluster: string;
  /** Namespace. */
  namespace: string;
  /** Name. */
  name: string;
  /** Pods the policy applies to. */
  podSelector: LabelSelector;
  /** Directions it isolates. */
  policyTypes: Array<"Ingress" | "Egress">;
  /** Ingress rules. */
  ingress: PolicyRule[];
  /** Egress rules. */
  egress: PolicyRule[];
  /** Flow it was compiled from (`hatang.vn/flow` label), if any. */
  flow?: string;
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
  /** Policies. */
  policies: NetworkPolicy[];
}

function labelsOf(v: unknown): Record<string, string> {
  const o = obj(v) ?? {};
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(o)) if (typeof x === "string") out[k] = x;
  return out;
}

function selectorOf(v: unknown): LabelSelector | undefined {
  const o = obj(v);
  if (!o) return undefined;
  const exprs = arr(o, "matchExpressions")
    .map(obj)
    .filter((e): e is Record<string, unknown> => e !== undefined)
    .map((e) => ({ key: str(e, "key") ?? "", operator: str(e, "operator") ?? "", values: arr(e, "values").filter((x): x is string => typeof x === "string") }));
  return { matchLabels: labelsOf(o["matchLabels"]), matchExpressions: exprs };
}

function rulesOf(list: unknown[], peerKey: "from" | "to"): PolicyRule[] {
  return list.map(obj).filter((r): r is Record<string, unknown> => r !== undefined).map((r) => ({
    peers: r[peerKey] === undefined ? undefined : arr(r, peerKey).map(obj).filter((p): p is Record<string, unknown> => p !== undefined).map((p) => {
      const ib = obj(p["ipBlock"]);
      const cidr = ib ? str(ib, "cidr") : undefined;
      return {
        ipBlock: ib && cidr ? { cidr, except: arr(ib, "except").filter((x): x is string => typeof x === "string") } : undefined,
        namespaceSelector: selectorOf(p["namespaceSelector"]),
        podSelector: selectorOf(p["podSelector"]),
      };
    }),
    ports: r["ports"] === undefined ? undefined : arr(r, "ports").map(obj).filter((p): p is Record<string, unknown> => p !== undefined).map((p) => {
      const port = p["port"];
      const endPort = p["endPort"];
      return { protocol: str(p, "protocol"), port: typeof port === "number" || typeof port === "string" ? port : undefined, endPort: typeof endPort === "number" ? endPort : undefined };
    }),
  }));
}

/**
 * The cluster a Kubernetes resource belongs to: the name of the nearest `hatang:kubernetes:KubernetesZone`
 * ancestor (`<site>-<cluster>`), else `default` (hand-made plans without components).
 * @param r the resource
 * @param byUrn every resource by URN
 */
export function clusterOf(r: PlannedResource, byUrn: ReadonlyMap<string, PlannedResource>): string {
  let cur: PlannedResource | undefined = r;
  for (let i = 0; cur && i < 20; i++) {
    if (cur.type === T.kubernetesZone) return cur.name;
    cur = cur.parent ? byUrn.get(cur.parent) : undefined;
  }
  return "default";
}

/**
 * Reads the Kubernetes side of a plan.
 * @param plan the plan
 */
export function kubeModel(plan: Plan): KubeModel {
  const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
  const namespaces = ofType(plan, T.namespace).map((r) => {
    const meta = obj(r.inputs["metadata"]) ?? {};
    const name = str(meta, "name") ?? r.name;
    return { cluster: clusterOf(r, byUrn), name, labels: { ...labelsOf(meta["labels"]), "kubernetes.io/metadata.name": name } };
  });
  const policies = ofType(plan, T.networkPolicy).map((r): NetworkPolicy => {
    const meta = obj(r.inputs["metadata"]) ?? {};
    const spec = obj(r.inputs["spec"]) ?? {};
    const egress = rulesOf(arr(spec, "egress"), "to");
    const types = arr(spec, "policyTypes").filter((t): t is "Ingress" | "Egress" => t === "Ingress" || t === "Egress");
    // The API's default: Ingress always, Egress when the policy has egress rules.
    const policyTypes: Array<"Ingress" | "Egress"> = types.length > 0 ? types : spec["egress"] !== undefined ? ["Ingress", "Egress"] : ["Ingress"];
    return {
      urn: r.urn,
      cluster: clusterOf(r, byUrn),
      namespace: str(meta, "namespace") ?? "default",
      name: str(meta, "name") ?? r.name,
      podSelector: selectorOf(spec["podSelector"]) ?? {},
      policyTypes,
      ingress: rulesOf(arr(spec, "ingress"), "from"),
      egress,
      flow: labelsOf(meta["labels"])["hatang.vn/flow"],
    };
  });
  return { namespaces, policies };
}
