/**
 * The backup job plan's flows (`jobFlows.ts`) resolved at one site into rules like any declared flow's: from the
 * running cluster's nodes (their fixed addresses, `cluster:<id>` in the cluster's zone) to the destination tier
 * (the database, or the cloud-api tier) as the flow resolver sees it, on each of the flow's services, in both
 * families. Pure.
 */
import type { ClusterSpec } from "../kubernetes/clusterNodes";
import { resolveEndpoint, servicePorts, type SiteContext } from "../flows/resolve";
import type { Family, ResolvedEndpoint, ResolvedRule } from "../flows/types";
import type { BackupFlow } from "./jobFlows";

/** The label of a cluster's nodes as a rule end. */
export function clusterNodesLabel(cluster: string): string {
  return `cluster:${cluster}`;
}

/** What a cluster's nodes are as a source: their ports' addresses, and the API VIP the control plane holds. */
export type ClusterSource = Pick<ClusterSpec, "cluster" | "zone" | "nodes"> & { api?: ClusterSpec["api"] };

/**
 * A cluster's nodes as a rule end in one family (host prefixes, sorted): every node's address and the API VIP
 * (an address of whichever control-plane node holds it, so a connection may leave from it).
 * @param cluster the cluster's compiled nodes
 * @param family the family
 */
export function clusterNodesEndpoint(cluster: ClusterSource, family: Family): ResolvedEndpoint {
  const hosts: Array<{ ipv4: string; ipv6: string }> = [...cluster.nodes, ...(cluster.api?.kind === "vip" ? [cluster.api.vip] : [])];
  const prefixes = hosts.map((n) => (family === "ipv4" ? `${n.ipv4}/32` : `${n.ipv6}/128`)).sort();
  return { kind: "prefixes", label: clusterNodesLabel(cluster.cluster), zone: cluster.zone, prefixes: [...new Set(prefixes)] };
}

/**
 * The rules of the backup flows at the context's site, sorted like `resolveFlows` (by flow, then content).
 * @param ctx the site context (the same the declared flows are resolved with)
 * @param flows the province's backup flows (others' sites are skipped)
 * @param clusters the site's compiled clusters (their nodes' addresses)
 */
export function resolveBackupFlows(ctx: SiteContext, flows: readonly BackupFlow[], clusters: readonly ClusterSource[]): ResolvedRule[] {
  const services = new Map(ctx.inventory.services.map((s) => [s.name, s]));
  const rules: ResolvedRule[] = [];
  for (const f of flows) {
    if (f.site !== ctx.plan.site) continue;
    const cluster = clusters.find((c) => c.cluster === f.cluster);
    if (!cluster || cluster.nodes.length === 0) continue;
    for (const svc of f.services.map((name) => services.get(name))) {
      if (!svc) continue;
      for (const family of ["ipv4", "ipv6"] as const) {
        const from = clusterNodesEndpoint(cluster, family);
        for (const to of resolveEndpoint(ctx, { system: f.system, tier: f.tier }, family)) rules.push({ flow: f.name, site: f.site, family, ...servicePorts(svc), from, to });
      }
    }
  }
  const key = (r: ResolvedRule): string => `${r.flow}\u0000${r.family}\u0000${r.to.label}\u0000${r.to.prefixes.join(",")}\u0000${r.protocol}\u0000${String(r.portMin ?? "").padStart(5, "0")}`;
  return rules.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
