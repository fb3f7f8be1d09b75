/**
 * `hatang:kubernetes:KubernetesZone`: one cluster's compiled objects handed to Pulumi. Every decision
 * (namespaces, policies, quotas, platform chart) is made by `compilers/kubernetes`; this class only
 * checks its arguments and registers each object as its own resource, in the engine's dependency
 * graph: every namespaced object depends on its Namespace, every custom resource on the
 * CustomResourceDefinition that defines its kind when the zone holds it. (`yaml.ConfigGroup` v1
 * creates its children inside a promise, so it cannot guarantee that order.)
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
 * The Pulumi type token of an object: `kubernetes:<group>/<version>:<Kind>`, `core` for the core
 * group (`v1`), as the provider's typed resources use.
 * @internal
 * @param o the object
 */
export function typeToken(o: Pick<KubeObject, "apiVersion" | "kind">): string {
  return `kubernetes:${o.apiVersion.includes("/") ? o.apiVersion : `core/${o.apiVersion}`}:${o.kind}`;
}

/**
 * The Pulumi name of an object under a prefix: `<prefix>-<name>` cluster-scoped, `<prefix>-<namespace>/<name>`
 * namespaced (the names `yaml.ConfigGroup` gave them, so state carries over).
 * @internal
 */
export function objectResourceName(prefix: string, o: KubeObject): string {
  return o.metadata.namespace === undefined ? `${prefix}-${o.metadata.name}` : `${prefix}-${o.metadata.namespace}/${o.metadata.name}`;
}

/**
 * What each object must wait for, by index into `objects`: its Namespace, and the CRD of its kind
 * when `objects` holds one. Pure.
 * @internal
 * @param objects a cluster's objects
 */
export function objectDependencies(objects: readonly KubeObject[]): number[][] {
  const namespaces = new Map<string, number>();
  const crds = new Map<string, number>();
  objects.forEach((o, i) => {
    if (o.kind === "Namespace" && o.apiVersion === "v1") namespaces.set(o.metadata.name, i);
    if (o.kind === "CustomResourceDefinition" && o.apiVersion.startsWith("apiextensions.k8s.io/")) {
      const spec = o.spec as { group?: string; names?: { kind?: string } } | undefined;
      if (spec?.group && spec.names?.kind) crds.set(`${spec.group}/${spec.names.kind}`, i);
    }
  });
  return objects.map((o) => {
    const deps: number[] = [];
    const ns = o.metadata.namespace === undefined ? undefined : namespaces.get(o.metadata.namespace);
    if (ns !== undefined) deps.push(ns);
    const group = o.apiVersion.includes("/") ? o.apiVersion.slice(0, o.apiVersion.indexOf("/")) : "";
    const crd = crds.get(`${group}/${o.kind}`);
    if (crd !== undefined) deps.push(crd);
    return deps;
  });
}

/**
 * One Kubernetes object as a resource of its own type token, as the provider's typed classes
 * register it (`kubernetes:core/v1:Namespace`, `kubernetes:velero.io/v1:Schedule`…).
 */
class KubeObjectResource extends pulumi.CustomResource {
  constructor(o: KubeObject, name: string, opts: pulumi.CustomResourceOptions) {
    super(typeToken(o), name, { ...o }, opts);
  }
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
    const objects = args.manifests.objects;
    const deps = objectDependencies(objects);
    // Earlier releases registered the objects under two ConfigGroups: aliases keep their state.
    const groups = [`${name}-cluster-scoped`, `${name}-namespaced`].map((g) => pulumi.createUrn(g, "kubernetes:yaml:ConfigGroup", this));
    // Dependencies first: a Namespace or CRD is registered before what waits for it.
    const created: Array<KubeObjectResource | undefined> = [];
    const register = (i: number): KubeObjectResource => {
      const done = created[i];
      if (done) return done;
      const o = objects[i] as KubeObject;
      const after = (deps[i] as number[]).map(register);
      const r = new KubeObjectResource(o, objectResourceName(prefix, o), {
        parent: this,
        provider: args.provider,
        ...(after.length > 0 ? { dependsOn: after } : {}),
        aliases: [{ parent: o.metadata.namespace === undefined ? groups[0] : groups[1] }],
      });
      created[i] = r;
      return r;
    };
    objects.forEach((_, i) => register(i));
    this.namespaces = args.manifests.namespaces;
    this.objectCount = args.manifests.objects.length;
    this.registerOutputs({ namespaces: this.namespaces, objectCount: this.objectCount });
  }
}
