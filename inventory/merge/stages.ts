import { agencyMap, currentOwner, currentUnitsOfAll, type Flow, type HostedSystem, type Inventory } from "../model";
import { migrationFlows, type Duplicate, type MigrationZoning, type RefusedMigration, type WaivedMigration } from "./migrationFlows";
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

/**
 * Every stage of the consolidation.
 * @param first the merged province after interconnecting and renumbering
 * @param kept the kept province as it was
 * @param moved the moved provinces as they join (renamed, renumbered)
 * @param options the merger's dates
 * @param zoning the zone baseline and the waivers the migration flows are held to
 */
export function consolidationStages(
  joined: Inventory,
  kept: Inventory,
  moved: readonly Inventory[],
  options: MergeOptions,
  zoning: MigrationZoning,
): { stages: Stage[]; target: number; refused: RefusedMigration[]; waived: WaivedMigration[] } {
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
  const refused: RefusedMigration[] = [];
  const waived: WaivedMigration[] = [];
  duplicates.forEach((d) => {
    const migration = migrationFlows(current, d, options.retireBy, zoning);
    const flows = migration.flows;
    refused.push(...migration.refused);
    waived.push(...migration.waived);
    current = { ...current, flows: [...current.flows, ...flows] };
    stages.push({
      id: `${String(stages.length + 1).padStart(2, "0")}-migrate-${d.system}`.slice(0, 80),
      title: `Hợp nhất ${d.system} vào ${d.survivor} / Migrate ${d.system} into ${d.survivor}`,
      summary: [
        `${d.system} runs beside ${d.survivor} while its data and users move, and retires by ${options.retireBy}.`,
        flows.length > 0
          ? `Migration flows while both run: ${flows.map((f) => `${f.name} (${f.services.join(", ")}, expires ${f.expires ?? options.retireBy})`).join(", ")}.`
          : "No migration flow is opened (no tier of the survivor matches, or the zone baseline forbids them): the data moves by export and import.",
        ...migration.waived.map((w) => `${w.flow} is forbidden by the zone baseline and opened under waiver ${w.waiver.id} (approver ${w.waiver.approver}, expires ${w.waiver.expires}).`),
        ...migration.refused.map((r) => `${r.flow}: ${r.services.join(", ")} left out, forbidden by the zone baseline (${r.reasons.join("; ")}); a waiver of the baseline's control naming flow/${r.flow}, with an approver and an expiry, would open ${r.services.length === 1 ? "it" : "them"}.`),
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
  return { stages, target, refused, waived };
}
