import { agencyMap, currentOwner, currentUnitsOfAll, type Flow, type HostedSystem, type Inventory, type Tier } from "../model";
import type { MergeOptions, Stage } from "./types";

/**
 * The consolidation, stage by stage, each stage a complete province:
 * 1. interconnect and renumber: the moved DCs join the merged province at their new addresses and VLAN
 *    ids, each with an interconnect to the kept primary; their agencies are the merged province's history;
 *    each duplicate is marked for consolidation into the survivor of its kind (a province runs one);
 * 2. merged tenancy: the moved systems name their owners and consumers as they are today;
 * 3. one stage per duplicated system: the migration flows it and its survivor need while both run
 *    (expiring on the retirement date) — the last of these is the target, the merged province;
 * 4. retire: the duplicates and their flows are gone.
 */

/** A duplicate to consolidate: the system that goes and the one that stays. */
export interface Duplicate {
  system: string;
  survivor: string;
}

/**
 * The duplicates of a merged province: for each kind run by several systems not yet consolidated, the
 * kept province's system survives (else the first one), and every other goes.
 * @param inv the merged province
 * @param keptSystems ids of the kept province's systems
 */
export function findDuplicates(inv: Inventory, keptSystems: ReadonlySet<string>): Duplicate[] {
  const byKind = new Map<string, HostedSystem[]>();
  for (const s of inv.systems) if (s.kind !== undefined && s.consolidation === undefined) byKind.set(s.kind, [...(byKind.get(s.kind) ?? []), s]);
  const out: Duplicate[] = [];
  for (const [, systems] of [...byKind].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (systems.length < 2) continue;
    const survivor = systems.find((s) => keptSystems.has(s.id)) ?? systems[0];
    for (const s of systems) if (s !== survivor) out.push({ system: s.id, survivor: survivor.id });
  }
  return out;
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

/**
 * The flows a duplicate needs while it runs beside its survivor: from each of its tiers to the survivor's
 * matching tier, on the services the survivor's tier is reached on today; they expire when it retires.
 * @param inv the merged province
 * @param dup the duplicate and its survivor
 * @param retireBy the retirement date
 */
export function migrationFlows(inv: Inventory, dup: Duplicate, retireBy: string): Flow[] {
  const from = inv.systems.find((s) => s.id === dup.system);
  const to = inv.systems.find((s) => s.id === dup.survivor);
  if (from === undefined || to === undefined) return [];
  const names = new Set(inv.flows.map((f) => f.name));
  const owner = currentOwner(agencyMap(inv.agencies), to.owner) ?? to.owner;
  const out: Flow[] = [];
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
    out.push({
      name,
      from: { system: from.id, tier: t.name },
      to: { system: to.id, tier: target.name },
      services,
      justification: `Migration of ${from.id}/${t.name} into ${to.id}/${target.name} while both run (consolidation after the merger); the flow expires when ${from.id} retires.`,
      owner,
      expires: retireBy,
    });
  }
  return out;
}

/**
 * Every stage of the consolidation.
 * @param first the merged province after interconnecting and renumbering
 * @param kept the kept province as it was
 * @param moved the moved provinces as they join (renamed, renumbered)
 * @param options the merger's dates
 */
export function consolidationStages(joined: Inventory, kept: Inventory, moved: readonly Inventory[], options: MergeOptions): { stages: Stage[]; target: number } {
  // A province runs one system of each kind: the duplicates are marked from the first stage on (the decision),
  // and each gets its migration flows in a stage of its own.
  const duplicates = findDuplicates(joined, new Set(kept.systems.map((s) => s.id)));
  const first: Inventory = {
    ...joined,
    systems: joined.systems.map((s) => {
      const d = duplicates.find((x) => x.system === s.id);
      return d === undefined ? s : { ...s, consolidation: { survivor: d.survivor, retireBy: options.retireBy } };
    }),
  };
  const movedSystems = new Set(moved.flatMap((m) => m.systems.map((s) => s.id)));
  const movedFlows = new Set(moved.flatMap((m) => m.flows.map((f) => f.name)));
  const movedCodes = new Set(moved.flatMap((m) => m.agencies.map((a) => a.code)));
  const stages: Stage[] = [
    {
      id: "01-interconnect-renumber",
      title: "Kết nối và đánh lại địa chỉ / Interconnect and renumber",
      summary: [
        "The former provinces' DCs join the merged province at their new addresses and VLAN ids; each gets an interconnect to the kept primary.",
        "Their identities that clash are renamed; their agencies become the merged province's history (ceased on the merger date, with successors).",
        "Their former primary serves on as a secondary site.",
        duplicates.length > 0
          ? `Duplicates of one kind are marked for consolidation into the survivor, retiring by ${options.retireBy}: ${duplicates.map((d) => `${d.system} → ${d.survivor}`).join(", ")}.`
          : "No two systems are of one kind: nothing to consolidate.",
      ],
      inventory: first,
    },
  ];
  const agencies = agencyMap(first.agencies);
  const tenancy: Inventory = {
    ...first,
    systems: first.systems.map((s) =>
      movedSystems.has(s.id) ? { ...s, owner: currentOwner(agencies, s.owner) ?? s.owner, consumers: currentUnitsOfAll(agencies, s.consumers) } : s,
    ),
    flows: first.flows.map((f) =>
      movedFlows.has(f.name) && f.owner !== undefined && movedCodes.has(f.owner) ? { ...f, owner: currentOwner(agencies, f.owner) ?? f.owner } : f,
    ),
  };
  stages.push({
    id: "02-merged-tenancy",
    title: "Đưa hệ thống vào tổ chức sau sáp nhập / Bring the systems under the merged tenancy",
    summary: ["The moved systems name their owners and consumers as they are today (the units their former agencies became)."],
    inventory: tenancy,
  });
  let current = tenancy;
  duplicates.forEach((d) => {
    const flows = migrationFlows(current, d, options.retireBy);
    current = { ...current, flows: [...current.flows, ...flows] };
    stages.push({
      id: `${String(stages.length + 1).padStart(2, "0")}-migrate-${d.system}`.slice(0, 80),
      title: `Hợp nhất ${d.system} vào ${d.survivor} / Migrate ${d.system} into ${d.survivor}`,
      summary: [
        `${d.system} runs beside ${d.survivor} while its data and users move, and retires by ${options.retireBy}.`,
        flows.length > 0 ? `Migration flows while both run: ${flows.map((f) => f.name).join(", ")} (expire ${options.retireBy}).` : "No tier of the survivor matches: the data moves by export and import, no flow is opened.",
      ],
      inventory: current,
    });
  });
  const target = stages.length - 1;
  if (duplicates.length > 0) {
    const going = new Set(duplicates.map((d) => d.system));
    const names = (e: Flow["from"]): boolean => e.system !== undefined && going.has(e.system);
    stages.push({
      id: `${String(stages.length + 1).padStart(2, "0")}-retire`,
      title: "Ngừng hệ thống trùng / Retire the duplicates",
      summary: [`${[...going].sort().join(", ")} are switched off with their flows (migration flows included).`],
      inventory: { ...current, systems: current.systems.filter((s) => !going.has(s.id)), flows: current.flows.filter((f) => !names(f.from) && !names(f.to)) },
    });
  }
  return { stages, target };
}
