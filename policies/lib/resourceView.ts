import type { Inventory } from "../../inventory/model";

/**
 * A resource as the policies see it: the same shape for a resource policy (one request) and a
 * stack policy (the whole stack). Props are the engine's (inputs offline, outputs in a real stack run).
 */
export interface ResourceView {
  /** Engine URN. */
  urn: string;
  /** Type token. */
  type: string;
  /** Logical name. */
  name: string;
  /** Properties. */
  props: Record<string, unknown>;
  /** URNs it depends on (explicit and through inputs). */
  dependencies: readonly string[];
}

/** Type tokens the pack reads. */
export const T = {
  network: "openstack:networking/network:Network",
  subnet: "openstack:networking/subnet:Subnet",
  port: "openstack:networking/port:Port",
  secGroup: "openstack:networking/secGroup:SecGroup",
  secGroupRule: "openstack:networking/secGroupRule:SecGroupRule",
  rbac: "openstack:networking/rbacPolicyV2:RbacPolicyV2",
  floatingIpAssoc: "openstack:networking/floatingIpAssociate:FloatingIpAssociate",
  computeFloatingIpAssoc: "openstack:compute/floatingIpAssociate:FloatingIpAssociate",
  instance: "openstack:compute/instance:Instance",
  serverGroup: "openstack:compute/serverGroup:ServerGroup",
  volume: "openstack:blockstorage/volume:Volume",
  volumeType: "openstack:blockstorage/volumeTypeV3:VolumeTypeV3",
  container: "openstack:objectstorage/container:Container",
  fwRule: "openstack:firewall/ruleV2:RuleV2",
  user: "openstack:identity/user:User",
  role: "openstack:identity/role:Role",
  roleAssignment: "openstack:identity/roleAssignment:RoleAssignment",
  namespace: "kubernetes:core/v1:Namespace",
  networkPolicy: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
  service: "kubernetes:core/v1:Service",
  configMap: "kubernetes:core/v1:ConfigMap",
  pvc: "kubernetes:core/v1:PersistentVolumeClaim",
  pdb: "kubernetes:policy/v1:PodDisruptionBudget",
  resourceQuota: "kubernetes:core/v1:ResourceQuota",
  limitRange: "kubernetes:core/v1:LimitRange",
  daemonSet: "kubernetes:apps/v1:DaemonSet",
  deployment: "kubernetes:apps/v1:Deployment",
  statefulSet: "kubernetes:apps/v1:StatefulSet",
  ingress: "kubernetes:networking.k8s.io/v1:Ingress",
  clusterRole: "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole",
  role8s: "kubernetes:rbac.authorization.k8s.io/v1:Role",
  clusterRoleBinding: "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding",
  veleroSchedule: "kubernetes:velero.io/v1:Schedule",
} as const;

/** Kubernetes types whose objects carry a pod template, and where it is. */
export const POD_TEMPLATE_PATHS: Readonly<Record<string, readonly string[]>> = {
  "kubernetes:core/v1:Pod": ["spec"],
  "kubernetes:apps/v1:Deployment": ["spec", "template", "spec"],
  "kubernetes:apps/v1:StatefulSet": ["spec", "template", "spec"],
  "kubernetes:apps/v1:DaemonSet": ["spec", "template", "spec"],
  "kubernetes:apps/v1:ReplicaSet": ["spec", "template", "spec"],
  "kubernetes:batch/v1:Job": ["spec", "template", "spec"],
  "kubernetes:batch/v1:CronJob": ["spec", "jobTemplate", "spec", "template", "spec"],
};

/** A plain object (not an array), for narrowing unknown props. */
export type Obj = Record<string, unknown>;

/**
 * Narrows to a plain object.
 * @param v any value.
 */
export function asObj(v: unknown): Obj | undefined {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : undefined;
}

/**
 * Narrows to an array (empty when absent).
 * @param v any value.
 */
export function asArr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/**
 * Reads a nested property.
 * @param v root value.
 * @param path keys to follow.
 */
export function dig(v: unknown, path: readonly string[]): unknown {
  let cur: unknown = v;
  for (const k of path) {
    const o = asObj(cur);
    if (!o) return undefined;
    cur = o[k];
  }
  return cur;
}

/**
 * Canonical tag key: `vn-zone`, `hatang.io/zone` and `zone` all read as `zone`, so the pack does not
 * depend on one component's spelling.
 * @param key raw key.
 */
export function canonicalTagKey(key: string): string {
  const last = key.slice(key.lastIndexOf("/") + 1).toLowerCase();
  return last.startsWith("vn-") ? last.slice(3) : last;
}

/**
 * The resource's tags as a map: OpenStack `tags` entries `key=value` or `key:value`, compute/volume
 * `metadata` maps, Kubernetes `metadata.labels`.
 * @param r the resource.
 */
export function tagsOf(r: Pick<ResourceView, "type" | "props">): Map<string, string> {
  const out = new Map<string, string>();
  if (r.type.startsWith("kubernetes:")) {
    const labels = asObj(dig(r.props, ["metadata", "labels"]));
    if (labels) for (const [k, v] of Object.entries(labels)) if (typeof v === "string") out.set(canonicalTagKey(k), v);
    return out;
  }
  for (const t of asArr(r.props.tags)) {
    if (typeof t !== "string") continue;
    const m = /^([^=:]+)[=:](.*)$/.exec(t);
    if (m) out.set(canonicalTagKey(m[1]), m[2]);
  }
  const meta = asObj(r.props.metadata);
  if (meta) for (const [k, v] of Object.entries(meta)) if (typeof v === "string") out.set(canonicalTagKey(k), v);
  return out;
}

/**
 * Kubernetes namespace of an object (`metadata.namespace`).
 * @param r the resource.
 */
export function namespaceOf(r: Pick<ResourceView, "props">): string | undefined {
  const ns = dig(r.props, ["metadata", "namespace"]);
  return typeof ns === "string" ? ns : undefined;
}

/**
 * Kubernetes object name (`metadata.name`, falling back to the logical name).
 * @param r the resource.
 */
export function k8sName(r: Pick<ResourceView, "props" | "name">): string {
  const n = dig(r.props, ["metadata", "name"]);
  return typeof n === "string" ? n : r.name;
}

/**
 * Maps a zone tag value to its zone kind: a zone id declared in the inventory, else the value itself
 * when it is already a kind (`dmz`), else undefined.
 * @param value tag value.
 * @param inventory inventory, when loaded.
 */
export function zoneKindOf(value: string | undefined, inventory: Inventory | undefined): string | undefined {
  if (!value) return undefined;
  const z = inventory?.zones.find((x) => x.id === value);
  if (z) return z.kind;
  const kinds = ["internal", "edge", "dmz", "internal-server", "wireless", "db-server", "management", "storage", "backup", "soc", "tslcd", "out-of-band"];
  return kinds.includes(value) ? value : undefined;
}
