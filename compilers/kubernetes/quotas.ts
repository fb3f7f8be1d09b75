/** ResourceQuota and LimitRange per workload namespace, with sizes a province can override. */
import { MANAGED_BY } from "./labels";
import type { NamespacePlacement } from "./namespaces";
import type { KubeObject, QuotaDefaults } from "./types";

/** Sizes used when the options leave them out. */
export const DEFAULT_QUOTAS: QuotaDefaults = {
  requestsCpu: "8",
  requestsMemory: "16Gi",
  limitsCpu: "16",
  limitsMemory: "32Gi",
  requestsStorage: "500Gi",
  podsPerInstance: 4,
  containerDefaultLimit: { cpu: "500m", memory: "512Mi" },
  containerDefaultRequest: { cpu: "100m", memory: "128Mi" },
  containerMax: { cpu: "4", memory: "8Gi" },
};

/**
 * Pods a namespace may run: `podsPerInstance` × the instances its tiers declare, at least 10, so
 * rolling updates and jobs fit while a runaway controller cannot fill the cluster.
 * @param placement the namespace
 * @param podsPerInstance headroom factor
 */
export function podLimit(placement: NamespacePlacement, podsPerInstance: number): number {
  const instances = placement.tiers.reduce((sum, t) => sum + t.instances, 0);
  return Math.max(10, instances * podsPerInstance);
}

/**
 * The namespace's ResourceQuota. Services of type LoadBalancer and NodePort are set to 0: exposure goes
 * through the DMZ's published ports (floating IPs, ingress), never through ad-hoc node ports.
 * @param placement the namespace
 * @param q sizes
 */
export function resourceQuota(placement: NamespacePlacement, q: QuotaDefaults, pods = podLimit(placement, q.podsPerInstance)): KubeObject {
  return {
    apiVersion: "v1",
    kind: "ResourceQuota",
    metadata: { name: "default-quota", namespace: placement.name, labels: { ...MANAGED_BY } },
    spec: {
      hard: {
        "requests.cpu": q.requestsCpu,
        "requests.memory": q.requestsMemory,
        "limits.cpu": q.limitsCpu,
        "limits.memory": q.limitsMemory,
        "requests.storage": q.requestsStorage,
        pods: String(pods),
        "services.loadbalancers": "0",
        "services.nodeports": "0",
      },
    },
  };
}

/**
 * The namespace's LimitRange: defaults for containers that set no resources (a quota on requests
 * rejects such pods otherwise) and a ceiling per container.
 * @param placement the namespace
 * @param q sizes
 */
export function limitRange(placement: NamespacePlacement, q: QuotaDefaults): KubeObject {
  return {
    apiVersion: "v1",
    kind: "LimitRange",
    metadata: { name: "default-limits", namespace: placement.name, labels: { ...MANAGED_BY } },
    spec: {
      limits: [
        {
          type: "Container",
          default: { ...q.containerDefaultLimit },
          defaultRequest: { ...q.containerDefaultRequest },
          max: { ...q.containerMax },
        },
      ],
    },
  };
}

/**
 * Pods a platform namespace may run: the log shipper runs one pod per node and a rolling update briefly
 * doubles that, so twice the cluster's nodes, at least 10.
 * @param nodes nodes in the cluster (all node pools)
 */
export function platformPodLimit(nodes: number): number {
  return Math.max(10, 2 * nodes);
}
