/**
 * The core kinds the validator checks with kubernetes-models (apiVersion, kind, and the module path
 * of its model inside the package).
 */

/** A kind kubernetes-models ships a validator for. */
export interface CoreKind {
  /** e.g. `networking.k8s.io/v1`. */
  apiVersion: string;
  /** e.g. `NetworkPolicy`. */
  kind: string;
  /** Folder inside `kubernetes-models`, e.g. `networking.k8s.io/v1`. */
  module: string;
}

/** Every core kind this project emits (and a few it may). */
export const CORE_KINDS: readonly CoreKind[] = [
  { apiVersion: "v1", kind: "Namespace", module: "v1" },
  { apiVersion: "v1", kind: "ResourceQuota", module: "v1" },
  { apiVersion: "v1", kind: "LimitRange", module: "v1" },
  { apiVersion: "v1", kind: "ServiceAccount", module: "v1" },
  { apiVersion: "v1", kind: "ConfigMap", module: "v1" },
  { apiVersion: "v1", kind: "Service", module: "v1" },
  { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", module: "networking.k8s.io/v1" },
  { apiVersion: "apps/v1", kind: "DaemonSet", module: "apps/v1" },
  { apiVersion: "apps/v1", kind: "Deployment", module: "apps/v1" },
  { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", module: "rbac.authorization.k8s.io/v1" },
  { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRoleBinding", module: "rbac.authorization.k8s.io/v1" },
  { apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role", module: "rbac.authorization.k8s.io/v1" },
  { apiVersion: "rbac.authorization.k8s.io/v1", kind: "RoleBinding", module: "rbac.authorization.k8s.io/v1" },
];
