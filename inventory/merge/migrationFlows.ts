import { agencyMap, currentOwner, type Endpoint, type Flow, type HostedSystem, type Inventory, type Tier } from "../model";
import { decidePair, type BaselineEnd, type ZoneBaseline } from "../zoning/baseline";
import { endsAtSite, serviceRange } from "../zoning/checkFlows";
import { decideWaiver, type Waiver } from "../waivers/waivers";

/**
 * The flows a duplicate system needs while it runs beside its survivor (data sync and replication from each of
 * its tiers into the survivor's matching tier), held to the level-3 zone baseline like any declared flow. The
 * two systems sit in different former DCs, so the pair is judged on the zone kinds of both ends wherever each
 * runs: a service the baseline forbids stays only under an active waiver of the baseline's control naming the
 * flow (with its approver; the flow then lapses with the waiver if that comes first), else it is left out and
 * reported (a merger conflict), and a flow left with no service is not opened.
 */

/** A duplicate to consolidate: the system that goes and the one that stays. */
export interface Duplicate {
  system: string;
  survivor: string;
}

/** What the baseline judgement needs. */
export interface MigrationZoning {
  baseline: ZoneBaseline;
  /** Waivers that may let a forbidden migration flow through (`match: { name: "flow/<migration flow>" }`). */
  waivers: readonly Waiver[];
  /** Evaluation date of the waivers. */
  asOf: string;
}

/** A migration the baseline forbids in whole or in part, without a waiver. */
export interface RefusedMigration {
  /** The flow's name (what a waiver names: `flow/<name>`). */
  flow: string;
  from: { system: string; tier: string };
  to: { system: string; tier: string };
  /** Services left out. */
  services: string[];
  /** Why: the baseline entries and their verdicts. */
  reasons: string[];
  /** Whether the flow was still opened with the services the baseline allows. */
  opened: boolean;
}

/** A forbidden migration flow an active waiver lets through. */
export interface WaivedMigration {
  flow: string;
  waiver: { id: string; approver: string; expires: string };
}

/** The migration of one duplicate. */
export interface Migration {
  flows: Flow[];
  refused: RefusedMigration[];
  waived: WaivedMigration[];
}

/** The zone kind of a tier (its zone id's kind at any site). */
function zoneKind(inv: Inventory, t: Tier): string | undefined {
  return inv.zones.find((z) => z.id === t.zone)?.kind;
}

/** The survivor's tier a duplicate's tier migrates into: same name, else same zone kind, else same role. */
function matchingTier(inv: Inventory, from: Tier, survivor: HostedSystem): Tier | undefined {
  return (
    survivor.tiers.find((t) => t.name === from.name) ??
    survivor.tiers.find((t) => zoneKind(inv, t) === zoneKind(inv, from)) ??
    (from.role !== undefined ? survivor.tiers.find((t) => t.role === from.role) : undefined)
  );
}

/** An end as the baseline sees it at every site where it exists (one per distinct zone kind, role and publication). */
function endsAnywhere(inv: Inventory, ep: Endpoint): BaselineEnd[] {
  const seen = new Map<string, BaselineEnd>();
  for (const s of inv.sites) for (const e of endsAtSite(inv, s.id, ep)) seen.set(JSON.stringify(e), e);
  return [...seen.values()];
}

/** Why the baseline forbids one service between the ends (empty: allowed). */
function forbidden(zoning: MigrationZoning, inv: Inventory, froms: readonly BaselineEnd[], tos: readonly BaselineEnd[], service: string): string[] {
  const svc = inv.services.find((s) => s.name === service);
  if (svc === undefined) return [];
  const out = new Set<string>();
  for (const a of froms)
    for (const b of tos) {
      const d = decidePair(zoning.baseline, a, b, [{ name: service, range: serviceRange(svc) }]);
      if (!d.ok) out.add(`zone baseline entry "${d.entry.id}": ${d.because}`);
    }
  return [...out];
}

/**
 * The migration flows of one duplicate: from each of its tiers to the survivor's matching tier, on the services
 * the survivor's tier is reached on today (its replication and data ports), expiring when it retires, each
 * service held to the zone baseline.
 * @param inv the merged province
 * @param dup the duplicate and its survivor
 * @param retireBy the retirement date
 * @param zoning the baseline and the waivers
 */
export function migrationFlows(inv: Inventory, dup: Duplicate, retireBy: string, zoning: MigrationZoning): Migration {
  const from = inv.systems.find((s) => s.id === dup.system);
  const to = inv.systems.find((s) => s.id === dup.survivor);
  const out: Migration = { flows: [], refused: [], waived: [] };
  if (from === undefined || to === undefined) return out;
  const names = new Set(inv.flows.map((f) => f.name));
  const owner = currentOwner(agencyMap(inv.agencies), to.owner) ?? to.owner;
  for (const t of from.tiers) {
    const target = matchingTier(inv, t, to);
    if (target === undefined) continue;
    const services = [
      ...new Set(inv.flows.filter((f) => f.to.system === to.id && (f.to.tier === undefined || f.to.tier === target.name)).flatMap((f) => f.services)),
    ].sort();
    if (services.length === 0) continue;
    let name = `migrate-${from.id}-${t.name}-to-${to.id}`.slice(0, 63);
    for (let n = 2; names.has(name); n++) name = `${`migrate-${from.id}-${t.name}-to-${to.id}`.slice(0, 60)}-${n}`;
    names.add(name);
    const ends = { from: { system: from.id, tier: t.name }, to: { system: to.id, tier: target.name } };
    const [froms, tos] = [endsAnywhere(inv, ends.from), endsAnywhere(inv, ends.to)];
    const verdicts = services.map((s) => ({ service: s, reasons: forbidden(zoning, inv, froms, tos, s) }));
    const denied = verdicts.filter((v) => v.reasons.length > 0);
    let allowed = services;
    let expires = retireBy;
    if (denied.length > 0) {
      const decision = decideWaiver({ control: zoning.baseline.control, name: `flow/${name}` }, zoning.waivers, zoning.asOf);
      if (decision.waived) {
        const w = decision.waiver;
        out.waived.push({ flow: name, waiver: { id: w.id, approver: w.approver, expires: w.expires } });
        if (w.expires < expires) expires = w.expires;
      } else {
        allowed = verdicts.filter((v) => v.reasons.length === 0).map((v) => v.service);
        out.refused.push({ flow: name, ...ends, services: denied.map((v) => v.service), reasons: [...new Set(denied.flatMap((v) => v.reasons))].sort(), opened: allowed.length > 0 });
      }
    }
    if (allowed.length === 0) continue;
    out.flows.push({
      name,
      ...ends,
      services: allowed,
      justification: `Migration of ${from.id}/${t.name} into ${to.id}/${target.name} while both run (consolidation after the merger); the flow expires when ${from.id} retires.`,
      owner,
      expires,
    });
  }
  return out;
}
