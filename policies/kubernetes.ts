import type { Policy } from "@pulumi/policy";
import { Finding, ifAny, judged, resourcePolicy, stackPolicy } from "./lib/definePolicy";
import { familyOf, isAnywhere } from "./lib/prefixes";
import { Obj, POD_TEMPLATE_PATHS, ResourceView, T, asArr, asObj, dig, k8sName, namespaceOf, tagsOf } from "./lib/resourceView";

/** Kubernetes policies (K8S-*). */

const WORKLOAD_TYPES = Object.keys(POD_TEMPLATE_PATHS);

/**
 * The pod spec inside a workload object.
 * @param r a workload resource.
 */
export function podSpecOf(r: ResourceView): Obj | undefined {
  const path = POD_TEMPLATE_PATHS[r.type];
  return path ? asObj(dig(r.props, path)) : undefined;
}

/**
 * Every container of a pod spec (init and ephemeral included).
 * @param spec the pod spec.
 */
export function containersOf(spec: Obj): Obj[] {
  return [...asArr(spec.containers), ...asArr(spec.initContainers), ...asArr(spec.ephemeralContainers)].map(asObj).filter((c): c is Obj => c !== undefined);
}

/**
 * Pod Security Standards "restricted" violations of one pod spec, one text per violation.
 * @param spec the pod spec.
 */
export function restrictedViolations(spec: Obj): string[] {
  const out: string[] = [];
  for (const k of ["hostNetwork", "hostPID", "hostIPC"]) if (spec[k] === true) out.push(`${k} is true`);
  const podSc = asObj(spec.securityContext) ?? {};
  for (const v of asArr(spec.volumes)) if (asObj(v)?.hostPath) out.push(`volume ${String(asObj(v)?.name)} uses hostPath`);
  const podSeccomp = asObj(podSc.seccompProfile)?.type;
  for (const c of containersOf(spec)) {
    const name = String(c.name ?? "?");
    const sc = asObj(c.securityContext) ?? {};
    if (sc.privileged === true) out.push(`container ${name} is privileged`);
    if (sc.allowPrivilegeEscalation !== false) out.push(`container ${name} does not set allowPrivilegeEscalation: false`);
    if ((sc.runAsNonRoot ?? podSc.runAsNonRoot) !== true) out.push(`container ${name} does not set runAsNonRoot: true`);
    if ((sc.runAsUser ?? podSc.runAsUser) === 0) out.push(`container ${name} runs as user 0`);
    const seccomp = asObj(sc.seccompProfile)?.type ?? podSeccomp;
    if (seccomp !== "RuntimeDefault" && seccomp !== "Localhost") out.push(`container ${name} has no RuntimeDefault/Localhost seccomp profile`);
    const caps = asObj(sc.capabilities) ?? {};
    if (!asArr(caps.drop).includes("ALL")) out.push(`container ${name} does not drop ALL capabilities`);
    const added = asArr(caps.add).filter((a) => a !== "NET_BIND_SERVICE");
    if (added.length) out.push(`container ${name} adds capabilities ${added.join(", ")}`);
    for (const p of asArr(c.ports)) if (asObj(p)?.hostPort) out.push(`container ${name} uses hostPort ${String(asObj(p)?.hostPort)}`);
  }
  return out;
}

export const k8s01 = resourcePolicy("K8S-01", WORKLOAD_TYPES, (r) => {
  const spec = podSpecOf(r);
  return spec ? restrictedViolations(spec).map((text) => ({ text })) : [];
});

export const k8s02 = resourcePolicy("K8S-02", [T.namespace], (r) => {
  const labels = asObj(dig(r.props, ["metadata", "labels"])) ?? {};
  const missing = ["enforce", "audit", "warn"].filter((m) => labels[`pod-security.kubernetes.io/${m}`] !== "restricted");
  return missing.length ? [{ text: `pod-security.kubernetes.io/${missing.join(", ")} not set to restricted` }] : [];
});

/** Namespaces Kubernetes itself owns; the pack does not judge them. */
const SYSTEM_NAMESPACES = new Set(["kube-system", "kube-public", "kube-node-lease"]);

/**
 * True when a NetworkPolicy denies everything: empty pod selector, both types, no rules.
 * @param np the NetworkPolicy.
 */
export function isDefaultDeny(np: ResourceView): boolean {
  const spec = asObj(np.props.spec) ?? {};
  const sel = asObj(spec.podSelector);
  const emptySel = !sel || (Object.keys(asObj(sel.matchLabels) ?? {}).length === 0 && asArr(sel.matchExpressions).length === 0);
  const types = asArr(spec.policyTypes);
  return emptySel && types.includes("Ingress") && types.includes("Egress") && asArr(spec.ingress).length === 0 && asArr(spec.egress).length === 0;
}

export const k8s03 = stackPolicy("K8S-03", false, [T.namespace, T.networkPolicy], (plan) => {
  const nss = plan.ofType(T.namespace).filter((n) => !SYSTEM_NAMESPACES.has(k8sName(n)));
  const findings: Finding[] = [];
  for (const ns of nss) {
    const name = k8sName(ns);
    if (!plan.ofType(T.networkPolicy).some((np) => namespaceOf(np) === name && isDefaultDeny(np))) findings.push({ text: `namespace ${name} has no default-deny NetworkPolicy (Ingress and Egress)`, urn: ns.urn });
  }
  return judged(nss.length, findings, "namespaces");
});

export const k8s04 = stackPolicy("K8S-04", false, [T.networkPolicy, T.namespace], (plan) => {
  const nps = plan.ofType(T.networkPolicy);
  const findings: Finding[] = [];
  // IPv4/IPv6 twins may live in one rule or in sibling policies (one per family): parity is judged per
  // namespace, pod selector, direction and ports, across every policy.
  const families = new Map<string, { fams: Set<string>; urns: Set<string> }>();
  for (const np of nps) {
    const dmz = plan.zoneKind(np) === "dmz";
    const spec = asObj(np.props.spec) ?? {};
    for (const dir of ["ingress", "egress"] as const) {
      for (const rule of asArr(spec[dir])) {
        const peers = asArr(asObj(rule)?.[dir === "ingress" ? "from" : "to"]);
        const cidrs = peers.map((p) => dig(p, ["ipBlock", "cidr"])).filter((c): c is string => typeof c === "string");
        for (const c of cidrs) if (isAnywhere(c) && !dmz) findings.push({ text: `${dir} ipBlock ${c} outside a DMZ namespace`, urn: np.urn });
        if (cidrs.length === 0) continue;
        const key = JSON.stringify([namespaceOf(np), dir, spec.podSelector ?? {}, asObj(rule)?.ports ?? []]);
        const e = families.get(key) ?? { fams: new Set<string>(), urns: new Set<string>() };
        for (const c of cidrs) e.fams.add(familyOf(c));
        e.urns.add(np.urn);
        families.set(key, e);
      }
    }
  }
  for (const [key, e] of families) {
    if (e.fams.size !== 1) continue;
    const [, dir] = JSON.parse(key) as [string, string];
    const fam = [...e.fams][0];
    for (const urn of e.urns) findings.push({ text: `${dir} ipBlocks are ${fam} only, with no ${fam === "ipv4" ? "IPv6" : "IPv4"} twin for the same pods and ports`, urn });
  }
  return judged(nps.length, findings, "NetworkPolicies");
});

const RBAC_TYPES = [T.clusterRoleBinding, T.clusterRole, T.role8s];

export const k8s05 = resourcePolicy("K8S-05", RBAC_TYPES, (r, ctx) => {
  const f: Finding[] = [];
  if (r.type === T.clusterRoleBinding) {
    if (dig(r.props, ["roleRef", "name"]) !== "cluster-admin") return [];
    const allowed = ctx.params.strings("allowedClusterAdmins");
    for (const s of asArr(r.props.subjects)) {
      const id = `${String(asObj(s)?.kind)}/${String(asObj(s)?.name)}`;
      if (!allowed.includes(id)) f.push({ text: `${id} is bound to cluster-admin` });
    }
    return f;
  }
  for (const rule of asArr(r.props.rules)) {
    const o = asObj(rule) ?? {};
    for (const k of ["verbs", "resources", "apiGroups"]) if (asArr(o[k]).includes("*")) f.push({ text: `rule uses a wildcard in ${k}` });
    const risky = asArr(o.verbs).filter((v) => v === "bind" || v === "escalate" || v === "impersonate");
    if (risky.length) f.push({ text: `rule grants ${risky.join(", ")}` });
  }
  return f;
});

export const k8s06 = resourcePolicy("K8S-06", WORKLOAD_TYPES, (r) => {
  const spec = podSpecOf(r);
  return spec && spec.automountServiceAccountToken !== false ? [{ text: "pod template mounts the service-account token (set automountServiceAccountToken: false)" }] : [];
});

/** Names that hold credentials. */
const CREDENTIAL_NAME = /(password|passwd|secret|token|api[_-]?key|private[_-]?key)/i;

export const k8s07 = resourcePolicy("K8S-07", [...WORKLOAD_TYPES, T.configMap], (r) => {
  const f: Finding[] = [];
  if (r.type === T.configMap) {
    for (const [k, v] of Object.entries(asObj(r.props.data) ?? {})) if (CREDENTIAL_NAME.test(k) && typeof v === "string" && v !== "") f.push({ text: `ConfigMap key ${k} holds a credential` });
    return f;
  }
  const spec = podSpecOf(r);
  for (const c of spec ? containersOf(spec) : [])
    for (const e of asArr(c.env)) {
      const env = asObj(e) ?? {};
      if (CREDENTIAL_NAME.test(String(env.name)) && typeof env.value === "string" && env.value !== "") f.push({ text: `container ${String(c.name)} env ${String(env.name)} is a literal credential` });
    }
  return f;
});

/** Namespaced kinds checked for the default namespace. */
const NAMESPACED = [...WORKLOAD_TYPES, T.service, T.configMap, T.pvc, T.networkPolicy];

export const k8s08 = resourcePolicy("K8S-08", [...NAMESPACED, T.namespace], (r) => {
  if (r.type === T.namespace) {
    const t = tagsOf(r);
    const missing = ["zone", "system"].filter((k) => !t.has(k));
    return missing.length ? [{ text: `namespace lacks the ${missing.join(" and ")} label(s)` }] : [];
  }
  const ns = namespaceOf(r);
  return ns === undefined || ns === "default" ? [{ text: `object is in the default namespace` }] : [];
});

export const k8s09 = resourcePolicy("K8S-09", WORKLOAD_TYPES, (r, ctx) => {
  const spec = podSpecOf(r);
  const registries = ctx.params.strings("approvedRegistries");
  const f: Finding[] = [];
  for (const c of spec ? containersOf(spec) : []) {
    const image = String(c.image ?? "");
    if (!/@sha256:[0-9a-f]{64}$/.test(image)) f.push({ text: `image ${image} is not pinned by digest${/:latest(@|$)/.test(image) ? " (uses :latest)" : ""}` });
    if (registries.length && !registries.some((reg) => image.startsWith(`${reg}/`))) f.push({ text: `image ${image} is not from an approved registry (${registries.join(", ")})` });
  }
  return f;
});

export const k8s10 = stackPolicy("K8S-10", false, [T.deployment, T.statefulSet, T.pdb], (plan, ctx) => {
  const min = ctx.params.number("minReplicas");
  const workloads = [...plan.ofType(T.deployment), ...plan.ofType(T.statefulSet)];
  const findings: Finding[] = [];
  for (const w of workloads) {
    const replicas = dig(w.props, ["spec", "replicas"]);
    if (typeof replicas !== "number" || replicas < min) findings.push({ text: `runs ${String(replicas ?? 1)} replica(s); at least ${min}`, urn: w.urn });
    const labels = asObj(dig(w.props, ["spec", "template", "metadata", "labels"])) ?? {};
    const pdb = plan.ofType(T.pdb).find((p) => {
      if (namespaceOf(p) !== namespaceOf(w)) return false;
      const sel = asObj(dig(p.props, ["spec", "selector", "matchLabels"])) ?? {};
      return Object.keys(sel).length > 0 && Object.entries(sel).every(([k, v]) => labels[k] === v);
    });
    if (!pdb) findings.push({ text: "no PodDisruptionBudget selects it", urn: w.urn });
    const spec = podSpecOf({ ...w, type: T.deployment }) ?? {};
    if (asArr(spec.topologySpreadConstraints).length === 0 && !dig(spec, ["affinity", "podAntiAffinity"])) findings.push({ text: "no topologySpreadConstraints or pod anti-affinity", urn: w.urn });
  }
  return ifAny(workloads.length, findings, "Deployments or StatefulSets");
});

export const k8s11 = stackPolicy("K8S-11", false, [T.service, T.namespace], (plan) => {
  const svcs = plan.ofType(T.service);
  const findings: Finding[] = [];
  for (const s of svcs) {
    const type = dig(s.props, ["spec", "type"]);
    if (type !== "NodePort" && type !== "LoadBalancer") continue;
    const zone = plan.zoneKind(s);
    if (zone !== "dmz") findings.push({ text: `${String(type)} Service in a ${zone ?? "zone-less"} namespace (only the DMZ publishes)`, urn: s.urn });
    const fam = dig(s.props, ["spec", "ipFamilyPolicy"]);
    if (type === "LoadBalancer" && fam !== "PreferDualStack" && fam !== "RequireDualStack") findings.push({ text: "LoadBalancer Service is not dual-stack", urn: s.urn });
  }
  return ifAny(svcs.length, findings, "Services");
});

export const k8s12 = stackPolicy("K8S-12", false, [...WORKLOAD_TYPES, T.namespace, T.resourceQuota, T.limitRange], (plan) => {
  const findings: Finding[] = [];
  const workloads = WORKLOAD_TYPES.flatMap((t) => plan.ofType(t));
  for (const w of workloads) {
    const spec = podSpecOf(w);
    for (const c of spec ? containersOf(spec) : []) {
      const res = asObj(c.resources) ?? {};
      const missing = ["requests", "limits"].flatMap((k) => ["cpu", "memory"].filter((m) => asObj(res[k])?.[m] === undefined).map((m) => `${k}.${m}`));
      if (missing.length) findings.push({ text: `container ${String(c.name)} lacks ${missing.join(", ")}`, urn: w.urn });
    }
  }
  const nss = plan.ofType(T.namespace).filter((n) => !SYSTEM_NAMESPACES.has(k8sName(n)));
  for (const ns of nss) {
    const name = k8sName(ns);
    if (!plan.ofType(T.resourceQuota).some((q) => namespaceOf(q) === name)) findings.push({ text: `namespace ${name} has no ResourceQuota`, urn: ns.urn });
    if (!plan.ofType(T.limitRange).some((q) => namespaceOf(q) === name)) findings.push({ text: `namespace ${name} has no LimitRange`, urn: ns.urn });
  }
  return judged(workloads.length + nss.length, findings, "workloads or namespaces");
});

/** Every Kubernetes policy. */
export const kubernetesPolicies: Policy[] = [k8s01, k8s02, k8s03, k8s04, k8s05, k8s06, k8s07, k8s08, k8s09, k8s10, k8s11, k8s12];
