/**
 * Egress NetworkPolicies of a cluster's backup namespace for the backup job plan's flows: one per flow the
 * cluster's nodes start (`cluster:<id>`, see `compilers/backup/jobFlowRules.ts`), to the flow's destination
 * prefixes on its port. The namespace is default-deny; without these a dump cannot reach its database. Pure.
 */
import type { Cluster } from "../../inventory/model";
import { clusterNodesLabel } from "../backup/jobFlowRules";
import type { ResolvedRule } from "../flows/types";
import { allowPolicyName } from "./names";
import { VELERO_NAMESPACE } from "./namespaces";
import { platformEgressPolicy, policyPorts, type PolicyPort } from "./networkPolicies";
import type { KubeObject } from "./types";

/**
 * The backup namespace's egress for the flows leaving the cluster's nodes, one policy per flow (named from the
 * flow, never a position), sorted by name; problems for what NetworkPolicy cannot say.
 * @param rules the resolved rules (any site; others are skipped)
 * @param cluster the cluster
 */
export function backupJobEgress(rules: readonly ResolvedRule[], cluster: Pick<Cluster, "id" | "site">): { policies: KubeObject[]; problems: string[] } {
  const byFlow = new Map<string, { prefixes: string[]; ports: PolicyPort[] }>();
  const problems: string[] = [];
  for (const r of rules) {
    if (r.site !== cluster.site || r.from.kind !== "prefixes" || r.from.label !== clusterNodesLabel(cluster.id)) continue;
    const ports = policyPorts(r);
    if (!ports.ok) {
      problems.push(`flow ${r.flow}: ${ports.reason}`);
      continue;
    }
    const entry = byFlow.get(r.flow) ?? { prefixes: [], ports: [] };
    entry.prefixes.push(...r.to.prefixes);
    for (const p of ports.ports ?? []) if (!entry.ports.some((q) => q.protocol === p.protocol && q.port === p.port && q.endPort === p.endPort)) entry.ports.push(p);
    byFlow.set(r.flow, entry);
  }
  const policies = [...byFlow.entries()].map(([flow, e]) => platformEgressPolicy(VELERO_NAMESPACE, allowPolicyName(`allow-${flow.replace(/[^a-z0-9-]+/g, "-")}`, "out", flow), e.prefixes, e.ports));
  return { policies: policies.sort((a, b) => a.metadata.name.localeCompare(b.metadata.name)), problems: [...new Set(problems)] };
}
