/**
 * `hatang:kubernetes:KubernetesZone`: one cluster's compiled objects handed to Pulumi. Every decision
 * (namespaces, policies, quotas, platform chart) is made by `compilers/kubernetes`; this class only
 * checks its arguments and wires two `yaml.ConfigGroup`s: namespaces and cluster-scoped objects first,
 * everything namespaced after them (ConfigGroup v1 does not order a namespace before its contents).
 */
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import type { ClusterManifests, KubeObject } from "../../compilers/kubernetes/types";

/** Arguments of a KubernetesZone. */
export interface KubernetesZoneArgs {
  /**
   * The cluster's compiled objects: one entry of `compileKubernetes(...).clusters`. Required.
   * Its `namespaces` must each have a `default-deny` NetworkPolicy among `objects`; the component
   * refuses to deploy a namespace without one.
   */
  manifests: ClusterManifests;
  /**
   * Provider for this cluster. Required: there is no default, so objects can never land on whatever
   * cluster the ambient kubeconfig points at.
   */
  provider: k8s.Provider;
  /**
   * Prefix of the Pulumi names of the child resources (not of the Kubernetes names). Default
   * `<site>-<cluster>`, which keeps URNs unique when one stack deploys several clusters.
   */
  resourcePrefix?: string;
}

/**
 * Problems with the arguments, all at once (exported for testing).
 * @internal
 * @param args the component's arguments
 */
export function checkKubernetesZoneArgs(args: Partial<KubernetesZoneArgs>): string[] {
  const problems: string[] = [];
  if (!args.provider) problems.push("provider is required: pass the k8s.Provider of this cluster.");
  const m = args.manifests;
  if (!m) return [...problems, "manifests is required: pass one cluster of compileKubernetes(...).clusters."];
  if (m.objects.length === 0) problems.push(`manifests of ${m.site}/${m.cluster} hold no objects.`);
  for (const ns of m.namespaces) {
    if (!m.objects.some((o) => o.kind === "Namespace" && o.metadata.name === ns)) problems.push(`namespace "${ns}" is listed but has no Namespace object.`);
    if (!m.objects.some((o) => isDefaultDeny(o, ns))) problems.push(`namespace "${ns}" has no default-deny NetworkPolicy (podSelector {}, policyTypes Ingress and Egress).`);
  }
  return problems;
}

/**
 * True when `o` denies all ingress and egress of every pod in `namespace`.
 * @internal
 * @param o any object
 * @param namespace namespace name
 */
export function isDefaultDeny(o: KubeObject, namespace: string): boolean {
  if (o.kind !== "NetworkPolicy" || o.metadata.namespace !== namespace) return false;
  const spec = o.spec as { podSelector?: Record<string, unknown>; policyTypes?: string[]; ingress?: unknown[]; egress?: unknown[] } | undefined;
  if (!spec?.podSelector || Object.keys(spec.podSelector).length > 0) return false;
  const types = spec.policyTypes ?? [];
  return types.includes("Ingress") && types.includes("Egress") && (spec.ingress ?? []).length === 0 && (spec.egress ?? []).length === 0;
}

/**
 * Splits objects into those that must exist first (Namespaces, cluster-scoped RBAC) and the rest.
 * @internal
 * @param objects a cluster's objects
 */
export function splitByScope(objects: readonly KubeObject[]): { first: KubeObject[]; rest: KubeObject[] } {
  const first = objects.filter((o) => o.metadata.namespace === undefined);
  const rest = objects.filter((o) => o.metadata.namespace !== undefined);
  return { first, rest };
}

/** One cluster's namespaces, policies, quotas and platform workloads. */
export class KubernetesZone extends pulumi.ComponentResource {
  /** Namespaces this zone owns. */
  public readonly namespaces: string[];
  /** Number of Kubernetes objects registered. */
  public readonly objectCount: number;

  /**
   * @param name logical name
   * @param args see KubernetesZoneArgs
   * @param opts component options (the provider goes in args, not here)
   */
  constructor(name: string, args: KubernetesZoneArgs, opts?: pulumi.ComponentResourceOptions) {
    super("hatang:kubernetes:KubernetesZone", name, {}, opts);
    const problems = checkKubernetesZoneArgs(args);
    if (problems.length > 0) throw new pulumi.ResourceError(`KubernetesZone ${name}: ${problems.join(" ")}`, this);
    const prefix = args.resourcePrefix ?? `${args.manifests.site}-${args.manifests.cluster}`;
    const { first, rest } = splitByScope(args.manifests.objects);
    const scoped = new k8s.yaml.ConfigGroup(`${name}-cluster-scoped`, { objs: first, resourcePrefix: prefix }, { parent: this, provider: args.provider });
    new k8s.yaml.ConfigGroup(`${name}-namespaced`, { objs: rest, resourcePrefix: prefix }, { parent: this, provider: args.provider, dependsOn: [scoped] });
    this.namespaces = args.manifests.namespaces;
    this.objectCount = args.manifests.objects.length;
    this.registerOutputs({ namespaces: this.namespaces, objectCount: this.objectCount });
  }
}
