import type { Policy } from "@pulumi/policy";
import type { Endpoint, Inventory } from "../inventory/model";
import { flowExpired } from "../inventory/zoning/flowLifetime";
import { selectsFixed, tslcdSelection } from "../inventory/tslcd/selector";
import { Finding, judged, stackPolicy } from "./lib/definePolicy";

/**
 * TSLCD policies (WAN-*), judged on the flow intent of the inventory (flows in force on the evaluation date):
 * - WAN-01: only the integration platform (a system of kind `lgsp`) reaches the national platforms, and is
 *   reached from them — every other system goes through it;
 * - WAN-02: the SOC reaches nothing on the TSLCD but the national monitoring centre's prefixes.
 */

/** Whether a flow end's TSLCD selection takes a national-platform prefix of some site. */
function reachesNationalPlatforms(inv: Inventory, ep: Endpoint): boolean {
  const sel = tslcdSelection(ep);
  return sel !== undefined && inv.sites.some((s) => s.tslcd.some((t) => t.holds === "national-platforms" && selectsFixed(sel, t)));
}

/** Whether a flow end is (a tier of) the integration platform. */
function isIntegrationPlatform(inv: Inventory, ep: Endpoint): boolean {
  return ep.system !== undefined && inv.systems.find((s) => s.id === ep.system)?.kind === "lgsp";
}

/** Whether a flow end is the SOC: a zone of kind `soc`, a tier placed in one, or a system of kind `siem`. */
function isSoc(inv: Inventory, ep: Endpoint): boolean {
  const socZones = new Set(inv.zones.filter((z) => z.kind === "soc").map((z) => z.id));
  if (ep.zone !== undefined) return socZones.has(ep.zone);
  const system = inv.systems.find((s) => s.id === ep.system);
  if (!system) return false;
  if (system.kind === "siem") return true;
  return system.tiers.some((t) => (ep.tier === undefined || t.name === ep.tier) && socZones.has(t.zone));
}

/** Whether a TSLCD end selects the monitoring centre's prefixes and nothing else. */
function onlyMonitoringCentre(ep: Endpoint): boolean {
  const sel = tslcdSelection(ep);
  return sel !== undefined && sel.agencies === undefined && sel.holds !== undefined && sel.holds.every((h) => h === "monitoring-centre");
}

const describeEnd = (ep: Endpoint): string => ep.zone !== undefined ? `zone ${ep.zone}` : ep.system !== undefined ? `${ep.system}${ep.tier ? `/${ep.tier}` : ""}` : ep.external ?? "?";

/**
 * WAN-01 findings: flows between the national platforms and anything but the integration platform.
 * @param inv the inventory
 * @param asOf the evaluation date (expired flows are not judged)
 */
export function nationalPlatformFindings(inv: Inventory, asOf: string): { examined: number; findings: Finding[] } {
  const findings: Finding[] = [];
  let examined = 0;
  inv.flows.forEach((f, i) => {
    if (flowExpired(f, asOf)) return;
    for (const [national, other, verb] of [[f.to, f.from, "reach"], [f.from, f.to, "be reached from"]] as const) {
      if (!reachesNationalPlatforms(inv, national)) continue;
      examined++;
      if (!isIntegrationPlatform(inv, other))
        findings.push({ text: `flow ${f.name} lets ${describeEnd(other)} ${verb} the national platforms directly; only the integration platform (LGSP) may`, subject: `flow/${f.name}`, at: `flows.${i}` });
    }
  });
  return { examined, findings };
}

/**
 * WAN-02 findings: flows from the SOC to TSLCD prefixes other than the national monitoring centre's.
 * @param inv the inventory
 * @param asOf the evaluation date (expired flows are not judged)
 */
export function socTslcdFindings(inv: Inventory, asOf: string): { examined: number; findings: Finding[] } {
  const findings: Finding[] = [];
  let examined = 0;
  inv.flows.forEach((f, i) => {
    if (flowExpired(f, asOf) || !isSoc(inv, f.from) || tslcdSelection(f.to) === undefined) return;
    examined++;
    if (!onlyMonitoringCentre(f.to))
      findings.push({ text: `flow ${f.name} opens the SOC (${describeEnd(f.from)}) to TSLCD prefixes beyond the national monitoring centre's (write the end as { external: tslcd, level: I, holds: [monitoring-centre] })`, subject: `flow/${f.name}`, at: `flows.${i}.to` });
  });
  return { examined, findings };
}

export const wan01 = stackPolicy("WAN-01", true, [], (_plan, ctx) => {
  const { examined, findings } = nationalPlatformFindings(ctx.inventory!, ctx.asOf);
  return judged(examined, findings, "flows to or from the national platforms");
});

export const wan02 = stackPolicy("WAN-02", true, [], (_plan, ctx) => {
  const { examined, findings } = socTslcdFindings(ctx.inventory!, ctx.asOf);
  return judged(examined, findings, "flows from the SOC over the TSLCD");
});

/** Every TSLCD policy, in catalogue order. */
export const tslcdPolicies: Policy[] = [wan01, wan02];
