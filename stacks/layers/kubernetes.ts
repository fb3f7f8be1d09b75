import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import type { Inventory } from "../../inventory/model";
import type { AddressPlan } from "../../inventory/addressing/types";
import type { ResolvedRule } from "../../compilers/flows/types";
import { compileKubernetes } from "../../compilers/kubernetes/compile";
import { KubernetesZone } from "../../components/kubernetes/kubernetesZone";

/**
 * The Kubernetes layer: per cluster at the site, an explicit provider (kubeconfig from the secret
 * config `hatang:kubeconfig-<cluster>`; never the ambient one) and a KubernetesZone with the
 * namespaces, policies, quotas and platform workloads compiled from the same flow intent as the
 * security groups.
 */
export function kubernetesLayer(inventory: Inventory, plan: AddressPlan, site: string, rules: ResolvedRule[], cfg: pulumi.Config): Record<string, { namespaces: string[]; objects: number }> {
  if (!inventory.clusters.some((c) => c.site === site)) return {};
  // The compiler sees the whole province (a system's tiers may sit on clusters at both sites, and
  // backups go off-site); this stack keeps only its own site's clusters and problems.
  const all = compileKubernetes({
    inventory,
    clusterRanges: plan.sites.flatMap((s) => s.clusters),
    subnets: plan.sites.flatMap((s) => s.subnets),
    rules,
    options: { logShipperImage: cfg.require("logShipperImage"), objectStorageUrl: cfg.get("objectStorageUrl") },
  });
  const compiled = { clusters: all.clusters.filter((c) => c.site === site), problems: all.problems.filter((p) => p.cluster.startsWith(`${site}/`)) };
  const errors = compiled.problems.filter((p) => p.severity === "error");
  if (errors.length > 0) {
    throw new pulumi.RunError(`Kubernetes intent of ${site} cannot be compiled:\n${errors.map((p) => `${p.cluster} ${p.path}: ${p.message}`).join("\n")}`);
  }
  for (const w of compiled.problems.filter((p) => p.severity === "warning")) pulumi.log.warn(`${w.cluster} ${w.path}: ${w.message}`);
  const out: Record<string, { namespaces: string[]; objects: number }> = {};
  for (const manifests of compiled.clusters) {
    const provider = new k8s.Provider(`${site}-${manifests.cluster}-k8s`, {
      kubeconfig: cfg.getSecret(`kubeconfig-${manifests.cluster}`),
      enableServerSideApply: true,
    });
    const zone = new KubernetesZone(`${site}-${manifests.cluster}`, { manifests, provider });
    out[manifests.cluster] = { namespaces: zone.namespaces, objects: zone.objectCount };
  }
  return out;
}
