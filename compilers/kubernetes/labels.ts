/** Label keys and values shared by the Kubernetes compiler. */

/** The system a namespace or pod belongs to. */
export const LABEL_SYSTEM = "hatang.vn/system";
/** The security zone a namespace's tiers are placed in. */
export const LABEL_ZONE = "hatang.vn/zone";
/** The site (data center). */
export const LABEL_SITE = "hatang.vn/site";
/** The system tier a pod runs; allow policies select pods by it. */
export const LABEL_TIER = "hatang.vn/tier";
/** The flow an allow policy was compiled from (for reviewers and `kubectl get -l`). */
export const LABEL_FLOW = "hatang.vn/flow";
/** Set by the API server on every namespace since 1.21; selecting on it needs no label of our own. */
export const LABEL_NAMESPACE_NAME = "kubernetes.io/metadata.name";
/** Marks objects this program manages. */
export const MANAGED_BY: Record<string, string> = { "app.kubernetes.io/managed-by": "hatang" };
/** `system` label value of the platform namespaces (logging, backup). */
export const PLATFORM_SYSTEM = "platform";
