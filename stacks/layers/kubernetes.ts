import * as pulumi from "@pulumi/pulumi";
import type { Inventory } from "../../inventory/model";
import type { AddressPlan } from "../../inventory/addressing/types";
import type { ResolvedRule } from "../../compilers/flows/types";
import type { ClusterManifests } from "../../compilers/kubernetes/types";
import { compileKubernetes } from "../../compilers/kubernetes/compile";
import { KubernetesZone } from "../../components/kubernetes/kubernetesZone";
import { kubernetesProvider } from "../credentials";
import type { CompiledSite } from "../../compilers/site";
import type { NodeServices } from "../../compilers/kubernetes/nodeUserData";
import { ClusterNodes, type NodeAccess } from "../../components/kubernetes/clusterNodes";
import type { NetworkLayer } from "./network";

/** The Kubernetes intent of one site, compiled, with its problems (reported with every other layer's). */
export interface KubernetesIntent {
  /** The site's clusters' objects. */
  clusters: ClusterManifests[];
  /** Problems that stop the stack, as `<cluster> <path>: <message>`. */
  errors: string[];
  /** Problems shown as warnings. */
  warnings: string[];
}

/**
 * Compiles the Kubernetes intent of a site. The compiler sees the whole province (a system's tiers
 * may sit on clusters at both sites, and backups go off-site); this keeps only the site's clusters
 * and problems. Pure.
 */
export function compileKubernetesIntent(inventory: Inventory, plan: AddressPlan, site: string, rules: ResolvedRule[], options: { logShipperImage: string; backupJobImage?: string; objectStorageUrl?: string }): KubernetesIntent {
  if (!inventory.clusters.some((c) => c.site === site)) return { clusters: [], errors: [], warnings: [] };
  const all = compileKubernetes({
    inventory,
    clusterRanges: plan.sites.flatMap((s) => s.clusters),
    subnets: plan.sites.flatMap((s) => s.subnets),
    rules,
    options,
  });
  const problems = all.problems.filter((p) => p.cluster.startsWith(`${site}/`));
  const text = (p: (typeof problems)[number]): string => `${p.cluster} ${p.path}: ${p.message}`;
  return {
    clusters: all.clusters.filter((c) => c.site === site),
    errors: problems.filter((p) => p.severity === "error").map(text),
    warnings: problems.filter((p) => p.severity === "warning").map(text),
  };
}

/**
 * The Kubernetes layer: per cluster at the site, an explicit provider (never the ambient kubeconfig)
 * and a KubernetesZone with the namespaces, policies, quotas and platform workloads compiled from the
 * same flow intent as the security groups. A cluster the stack builds is reached with the kubeconfig
 * read from it (`builtKubeconfigs`), so one `pulumi up` builds the cluster and then fills it; any
 * other (external) cluster with the secret config `hatang:kubeconfig-<cluster>`. Call after the
 * intent's errors were reported.
 */
export function kubernetesLayer(site: string, intent: KubernetesIntent, builtKubeconfigs: Readonly<Record<string, pulumi.Output<string>>> = {}): Record<string, { namespaces: string[]; objects: number }> {
  for (const w of intent.warnings) pulumi.log.warn(w);
  const out: Record<string, { namespaces: string[]; objects: number }> = {};
  for (const manifests of intent.clusters) {
    const provider = kubernetesProvider(site, manifests.cluster, Object.hasOwn(builtKubeconfigs, manifests.cluster) ? builtKubeconfigs[manifests.cluster] : undefined);
    const zone = new KubernetesZone(`${site}-${manifests.cluster}`, { manifests, provider });
    out[manifests.cluster] = { namespaces: zone.namespaces, objects: zone.objectCount };
  }
  return out;
}

/** What the clusters the stack builds give the layers above, by cluster id. */
export interface BuiltClusters {
  /** The API server URL. */
  apiServers: Record<string, string>;
  /** The cluster-admin kubeconfig read from the cluster, a secret. */
  kubeconfigs: Record<string, pulumi.Output<string>>;
}

/**
 * The clusters the program builds at the site: per cluster a ClusterNodes (API VIP, server groups,
 * node ports and servers with their bootstrap, the admin kubeconfig read back), on the network
 * layer's networks and groups. The join token is the secret config `hatang:joinToken-<cluster>` (and a
 * kubeadm cluster's etcd key `hatang:etcdEncryptionKey-<cluster>`); the nodes' SSH access
 * `hatang:nodeSshUser`, `hatang:nodeSshPublicKey` and the secret `hatang:nodeSshPrivateKey`. The node
 * and VIP ports are the deployer's: `opts` must make them wait for its Neutron quota (`net.quota`).
 */
export function clusterNodesLayer(compiled: CompiledSite, net: NetworkLayer, services: NodeServices, opts: pulumi.ComponentResourceOptions = {}): BuiltClusters {
  const out: BuiltClusters = { apiServers: {}, kubeconfigs: {} };
  const cfg = new pulumi.Config("hatang");
  // Read only when the site builds a cluster: a site without one needs no node key.
  const nodeAccess = (): NodeAccess => ({ user: cfg.require("nodeSshUser"), publicKey: cfg.require("nodeSshPublicKey"), privateKey: cfg.requireSecret("nodeSshPrivateKey") });
  for (const cluster of compiled.clusters.clusters) {
    const nodes = new ClusterNodes(`${compiled.site}-${cluster.cluster}-nodes`, {
      site: compiled.site,
      cluster,
      networkIds: net.networkIds,
      subnetIds: net.subnetIds,
      groupIds: net.groupIds,
      joinToken: cfg.requireSecret(`joinToken-${cluster.cluster}`),
      etcdEncryptionKey: cluster.distribution === "kubeadm" ? cfg.requireSecret(`etcdEncryptionKey-${cluster.cluster}`) : undefined,
      services,
      nodeAccess: nodeAccess(),
    }, opts);
    out.apiServers[cluster.cluster] = nodes.apiServer;
    out.kubeconfigs[cluster.cluster] = nodes.kubeconfig;
  }
  return out;
}
