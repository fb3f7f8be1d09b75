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
import { ClusterNodes } from "../../components/kubernetes/clusterNodes";
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
export function compileKubernetesIntent(inventory: Inventory, plan: AddressPlan, site: string, rules: ResolvedRule[], options: { logShipperImage: string; objectStorageUrl?: string }): KubernetesIntent {
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
 * The Kubernetes layer: per cluster at the site, an explicit provider (kubeconfig from the secret
 * config `hatang:kubeconfig-<cluster>`; never the ambient one) and a KubernetesZone with the
 * namespaces, policies, quotas and platform workloads compiled from the same flow intent as the
 * security groups. Call after the intent's errors were reported.
 */
export function kubernetesLayer(site: string, intent: KubernetesIntent): Record<string, { namespaces: string[]; objects: number }> {
  for (const w of intent.warnings) pulumi.log.warn(w);
  const out: Record<string, { namespaces: string[]; objects: number }> = {};
  for (const manifests of intent.clusters) {
    const provider = kubernetesProvider(site, manifests.cluster);
    const zone = new KubernetesZone(`${site}-${manifests.cluster}`, { manifests, provider });
    out[manifests.cluster] = { namespaces: zone.namespaces, objects: zone.objectCount };
  }
  return out;
}

/**
 * The clusters the program builds at the site: per cluster a ClusterNodes (API VIP, server groups,
 * node ports and servers with their bootstrap), on the network layer's networks and groups. The join
 * token is the secret config `hatang:joinToken-<cluster>` (and a kubeadm cluster's etcd key `hatang:etcdEncryptionKey-<cluster>`). The node and VIP ports are the deployer's:
 * `opts` must make them wait for its Neutron quota (`net.quota`). Returns each cluster's API server URL.
 */
export function clusterNodesLayer(compiled: CompiledSite, net: NetworkLayer, services: NodeServices, opts: pulumi.ComponentResourceOptions = {}): Record<string, string> {
  const out: Record<string, string> = {};
  const cfg = new pulumi.Config("hatang");
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
    }, opts);
    out[cluster.cluster] = nodes.apiServer;
  }
  return out;
}
