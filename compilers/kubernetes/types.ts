/**
 * Types the Kubernetes compiler produces and consumes: plain manifests (what `kubectl apply` or a
 * Pulumi `yaml.ConfigGroup({objs})` takes) and the problems found while compiling.
 */
import type { Inventory } from "../../inventory/model";
import type { ClusterRanges, SubnetPlan } from "../../inventory/addressing/types";
import type { ResolvedRule } from "../flows/types";

/** Object metadata as the compiler writes it (only the fields it sets). */
export interface KubeMetadata {
  /** Object name (DNS-1123 label for everything this compiler emits). */
  name: string;
  /** Namespace; absent for cluster-scoped objects (Namespace). */
  namespace?: string;
  /** Labels. */
  labels?: Record<string, string>;
  /** Annotations. */
  annotations?: Record<string, string>;
}

/** A plain Kubernetes manifest. Fields other than apiVersion/kind/metadata depend on the kind. */
export interface KubeObject {
  /** e.g. `v1`, `networking.k8s.io/v1`, `velero.io/v1`. */
  apiVersion: string;
  /** e.g. `Namespace`, `NetworkPolicy`. */
  kind: string;
  /** Name, namespace, labels. */
  metadata: KubeMetadata;
  /** The kind's own fields (spec, data, ...). */
  [field: string]: unknown;
}

/** Something the compiler could not (or would not) turn into objects. */
export interface KubernetesProblem {
  /** `error`: intent that was refused (e.g. `anywhere` to a port that is not published); `warning`: intent NetworkPolicy cannot express. */
  severity: "error" | "warning";
  /** Cluster id (`<site>/<cluster>`) the problem concerns. */
  cluster: string;
  /** Where the intent came from, e.g. `flows.web-to-app` or `systems.portal.tiers.web`. */
  path: string;
  /** What is wrong and what to do. */
  message: string;
}

/** Resource sizes written into every workload namespace (Kubernetes quantity strings). */
export interface QuotaDefaults {
  /** Sum of CPU requests per namespace. Default "8". */
  requestsCpu: string;
  /** Sum of memory requests per namespace. Default "16Gi". */
  requestsMemory: string;
  /** Sum of CPU limits per namespace. Default "16". */
  limitsCpu: string;
  /** Sum of memory limits per namespace. Default "32Gi". */
  limitsMemory: string;
  /** Sum of storage requested by PVCs. Default "500Gi". */
  requestsStorage: string;
  /** Pods per tier instance declared in the model (rolling updates need headroom). Default 4, floor 10 per namespace. */
  podsPerInstance: number;
  /** Container default limit when a pod sets none. Default cpu "500m", memory "512Mi". */
  containerDefaultLimit: { cpu: string; memory: string };
  /** Container default request when a pod sets none. Default cpu "100m", memory "128Mi". */
  containerDefaultRequest: { cpu: string; memory: string };
  /** Largest container allowed. Default cpu "4", memory "8Gi". */
  containerMax: { cpu: string; memory: string };
}

/** Choices the model does not hold, with their defaults. */
export interface KubernetesOptions {
  /**
   * Log shipper image, pinned by digest (`name[:tag]@sha256:<64 hex>`). Required: a digest cannot be
   * guessed, it comes from the province's mirror of the image it has reviewed.
   */
  logShipperImage: string;
  /**
   * S3 endpoint of the object storage in a backup zone. `{site}`, `{zone}` and `{domain}` are replaced
   * (domain: the site's `dnsDomain`, else `<site>.internal`). Default `https://s3.{zone}.{domain}`.
   */
  objectStorageUrl?: string;
  /** Bucket Velero writes to; `{site}` and `{cluster}` are replaced. Default `velero-{site}-{cluster}`. */
  objectStorageBucket?: string;
  /** Secret (in the `velero` namespace) holding the object storage credentials, key `cloud`. Default `velero-object-storage`. Created by operators, never by this program. */
  objectStorageSecret?: string;
  /**
   * Image of the backup CronJobs (Cinder backups, database dumps), pinned by digest: its entry point takes
   * the job's arguments. Required where a cluster drives backup jobs.
   */
  backupJobImage?: string;
  /** Quota and limit sizes; any field left out keeps its default. */
  quotas?: Partial<QuotaDefaults>;
}

/** Everything the Kubernetes compiler reads. */
export interface KubernetesZoneInput {
  /** The validated site model. */
  inventory: Inventory;
  /** Pod and service ranges of every cluster (address plan). */
  clusterRanges: ClusterRanges[];
  /** Every VLAN's subnets (address plan): the backup zone and the cluster's node zone come from here. */
  subnets: SubnetPlan[];
  /** Resolved flow rules (both families). */
  rules: ResolvedRule[];
  /** Options the model does not hold. */
  options: KubernetesOptions;
}

/** One cluster's compiled objects. */
export interface ClusterManifests {
  /** Site id. */
  site: string;
  /** Cluster id. */
  cluster: string;
  /** Namespaces this program owns in the cluster (workload and platform), sorted. */
  namespaces: string[];
  /** Every object, in apply order (namespaces first), deterministic. */
  objects: KubeObject[];
}

/** What compiling a whole inventory gives. */
export interface KubernetesCompileResult {
  /** Per cluster, sorted by site then id. */
  clusters: ClusterManifests[];
  /** Every problem at once, sorted. */
  problems: KubernetesProblem[];
}
