import type { Policy } from "@pulumi/policy";
import { Finding, siteInScope, stackPolicy } from "./lib/definePolicy";
import { judgeEvidence } from "./lib/evidence";
import { T, tagsOf } from "./lib/resourceView";

/** Management policies (MGMT-*). */

export const mgmt01 = stackPolicy("MGMT-01", false, [], (_plan, ctx) => {
  const e = judgeEvidence("MGMT-01", ctx.evidence, ctx.asOf, undefined);
  if (e.state === "missing") return [{ text: "no approval decision of the level dossier in the evidence register", subject: "evidence/MGMT-01" }];
  if (e.state === "future") return [{ text: `the approval decision ${e.entry.reference} is dated ${e.entry.date}, after the evaluation date ${ctx.asOf}`, subject: "evidence/MGMT-01" }];
  return [];
});

export const mgmt04 = stackPolicy("MGMT-04", true, [T.instance], (plan, ctx) => {
  const inv = ctx.inventory!;
  const findings: Finding[] = inv.devices
    .map((d, i) => ({ d, i }))
    .filter(({ d }) => !d.serial && siteInScope(ctx, d.site))
    .map(({ d, i }) => ({ text: `device ${d.name} has no serial number`, subject: `device/${d.name}`, at: `devices.${i}` }));
  for (const i of plan.ofType(T.instance)) {
    const tags = tagsOf(i);
    // A cluster's node VMs belong to their cluster (a declared one), not to a system.
    const cluster = tags.get("cluster");
    const owned = tags.has("system") || (cluster !== undefined && inv.clusters.some((c) => c.id === cluster));
    const missing = [...(owned ? [] : ["system"]), ...(tags.has("zone") ? [] : ["zone"])];
    if (missing.length) findings.push({ text: `instance lacks the ${missing.join(" and ")} tag(s)`, urn: i.urn });
  }
  return findings;
});

/** Every management policy. */
export const managementPolicies: Policy[] = [mgmt01, mgmt04];
