/**
 * Every declared flow held to the level-3 zone baseline, at every site where both its ends exist. A flow
 * the baseline forbids is a load error at the flow's file and line, naming the baseline entry, unless an
 * active waiver of the baseline's control names it (`match: { name: "flow/<name>" }`): then it passes and
 * is reported apart. A flow whose `expires` date is before the evaluation date is not checked: it
 * compiles to nothing and is listed.
 */
import type { Endpoint, Flow, Inventory, Service } from "../model";
import type { RuleProblem } from "../loader/rules";
import type { Waiver } from "../waivers/waivers";
import { waiveOrReport, type WaivedFinding } from "./waivedFinding";
import { decidePair, type BaselineEnd, type PortRange, type ZoneBaseline } from "./baseline";
import { flowExpired } from "./flowLifetime";
import { crossSiteReach } from "./crossSite";

/** A flow past its expiry date. */
export interface ExpiredFlow {
  /** Flow name. */
  flow: string;
  /** Index in the merged inventory. */
  index: number;
  /** Its `expires` date. */
  expires: string;
}

/** What the check finds. */
export interface ZoningResult {
  /** Forbidden flows without an active waiver (path `flows[i]`). */
  problems: RuleProblem[];
  /** Forbidden flows an active waiver lets through (subject `flow/<name>`). */
  waived: WaivedFinding[];
  /** Flows that compile to nothing because they expired. */
  expired: ExpiredFlow[];
}

/** What the check needs. */
export interface ZoningInput {
  inventory: Inventory;
  baseline: ZoneBaseline;
  /** The province's waivers. */
  waivers: readonly Waiver[];
  /** Evaluation date (YYYY-MM-DD). */
  asOf: string;
  /** Where the waivers live, for the message (e.g. `policies/waivers/ninh-an.yaml`). */
  waiverFile: string;
}

/** The ends of a flow endpoint at one site, as baseline parties; empty when it does not exist there. */
export function endsAtSite(inv: Inventory, site: string, ep: Endpoint): BaselineEnd[] {
  if (ep.external !== undefined) return [{ party: `external:${ep.external}`, tier: false, published: [] }];
  if (ep.zone !== undefined) {
    const zone = inv.zones.find((z) => z.site === site && z.id === ep.zone);
    return zone ? [{ party: zone.kind, tier: false, published: [] }] : [];
  }
  const system = inv.systems.find((s) => s.id === ep.system);
  if (!system || !system.sites.includes(site)) return [];
  const ends: BaselineEnd[] = [];
  for (const t of system.tiers) {
    if (ep.tier !== undefined && t.name !== ep.tier) continue;
    const zone = inv.zones.find((z) => z.site === site && z.id === t.zone);
    if (!zone) continue;
    ends.push({ party: zone.kind, tier: true, ...(t.role !== undefined ? { role: t.role } : {}), published: t.publish.map((p) => ({ protocol: p.protocol, portMin: p.port, portMax: p.port })) });
  }
  return ends;
}

/**
 * The baseline parties a flow pairs at a site, over the interconnect between sites included (`crossSiteReach`):
 * its own ends here; its source here with the destination system's tiers at their sites; and the source system's
 * tiers at the sites lacking the destination with the destination here. Each as [sources, destinations].
 */
export function pairsAtSite(inv: Inventory, site: string, flow: Pick<Flow, "from" | "to">): Array<[BaselineEnd[], BaselineEnd[]]> {
  const froms = endsAtSite(inv, site, flow.from);
  const tos = endsAtSite(inv, site, flow.to);
  const out: Array<[BaselineEnd[], BaselineEnd[]]> = [[froms, tos]];
  const reach = crossSiteReach(inv, site, flow);
  const here = froms.filter((e) => !e.party.startsWith("external:"));
  if (here.length > 0) for (const y of reach.to) out.push([here, endsAtSite(inv, y, flow.to)]);
  const there = tos.filter((e) => !e.party.startsWith("external:"));
  for (const x of reach.from) out.push([endsAtSite(inv, x, flow.from), there]);
  return out;
}

/** A service as a port range. */
export function serviceRange(s: Service): PortRange {
  if (s.protocol === "icmp" || s.protocol === "any") return { protocol: s.protocol };
  const lo = s.port ?? s.portMin;
  const hi = s.port ?? s.portMax ?? lo;
  return { protocol: s.protocol, portMin: lo, portMax: hi };
}

function describeEndpoint(ep: Endpoint): string {
  if (ep.external !== undefined) return ep.external;
  if (ep.zone !== undefined) return `zone ${ep.zone}`;
  return ep.tier !== undefined ? `${ep.system}/${ep.tier}` : `system ${ep.system ?? "?"}`;
}

/**
 * Checks every flow against the baseline. Pure: the caller reads the files.
 * @param input inventory, baseline, waivers, evaluation date
 */
export function checkFlowZoning(input: ZoningInput): ZoningResult {
  const { inventory: inv, baseline } = input;
  const services = new Map(inv.services.map((s) => [s.name, s]));
  const problems: RuleProblem[] = [];
  const waived: WaivedFinding[] = [];
  const expired: ExpiredFlow[] = [];
  inv.flows.forEach((flow: Flow, index) => {
    if (flowExpired(flow, input.asOf)) {
      expired.push({ flow: flow.name, index, expires: flow.expires as string });
      return;
    }
    const svc = flow.services.map((n) => services.get(n)).filter((s): s is Service => s !== undefined).map((s) => ({ name: s.name, range: serviceRange(s) }));
    // One message per (entry, reason), with the sites where it applies.
    const failures = new Map<string, { entry: string; text: string; sites: string[] }>();
    for (const site of [...inv.sites.map((s) => s.id)].sort()) {
      for (const [froms, tos] of pairsAtSite(inv, site, flow)) {
        for (const a of froms) {
          for (const b of tos) {
            const d = decidePair(baseline, a, b, svc);
            if (d.ok) continue;
            const refs = [...d.entry.references.legacy, ...d.entry.references.current].join("; ");
            const text = `entry "${d.entry.id}": ${d.because} — ${d.entry.reason.en} (${refs})`;
            const f = failures.get(text) ?? { entry: d.entry.id, text, sites: [] };
            if (!f.sites.includes(site)) f.sites.push(site);
            failures.set(text, f);
          }
        }
      }
    }
    const found = `${describeEndpoint(flow.from)} → ${describeEndpoint(flow.to)}: ${flow.services.join(", ")}`;
    const flowProblems: RuleProblem[] = [...failures.values()].map((f) => ({
      path: ["flows", index],
      message:
        `flow "${flow.name}" (${describeEndpoint(flow.from)} → ${describeEndpoint(flow.to)}, at ${f.sites.join(", ")}) is forbidden by the level-3 zone baseline, ${f.text}. ` +
        `Remove the flow, or waive ${baseline.control} for it in ${input.waiverFile} (match: { name: "flow/${flow.name}" }) with a justification, an approver and an expiry`,
      found,
    }));
    const entries = [...new Set([...failures.values()].map((f) => f.entry))].sort();
    const r = waiveOrReport(baseline.control, `flow/${flow.name}`, ["flows", index], flowProblems, entries.map((e) => `zone baseline entry ${e}`), input.waivers, input.asOf);
    if (r.waived) waived.push(r.waived);
    problems.push(...r.problems);
  });
  return { problems, waived, expired };
}
