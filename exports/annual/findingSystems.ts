/**
 * Which hosted system a policy finding is about: its resource's `system:<id>` tag or `metadata.system` in the
 * plan, the inventory record its path names (`systems.<index>…`), or a subject that is a system's id. A
 * finding about none of them is about shared infrastructure.
 */
import type { Inventory } from "../../inventory/model";
import type { Plan } from "../../offline/planTypes";
import type { ReportFinding } from "../../offline/reports/reportTypes";

/**
 * URN → system id, for every plan resource that says which system it serves.
 * @param plan the stack's plan (absent: no resource is placed)
 */
export function resourceSystems(plan: Pick<Plan, "resources"> | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of plan?.resources ?? []) {
    const tags = Array.isArray(r.inputs.tags) ? (r.inputs.tags as unknown[]) : [];
    const tag = tags.find((t): t is string => typeof t === "string" && t.startsWith("system:"));
    const metadata = r.inputs.metadata as Record<string, unknown> | undefined;
    const system = tag?.slice("system:".length) ?? (typeof metadata?.system === "string" ? metadata.system : undefined);
    if (system) out.set(r.urn, system);
  }
  return out;
}

/**
 * The system a finding is about, or undefined for shared infrastructure.
 * @param finding the finding
 * @param byUrn URN → system (from `resourceSystems`)
 * @param inventory the inventory the report was made from
 */
export function findingSystem(finding: Pick<ReportFinding, "urn" | "name" | "inventoryPath">, byUrn: ReadonlyMap<string, string>, inventory: Pick<Inventory, "systems">): string | undefined {
  if (finding.urn && byUrn.has(finding.urn)) return byUrn.get(finding.urn);
  const m = /^systems\.(\d+)(\.|$)/.exec(finding.inventoryPath ?? "");
  if (m) return inventory.systems[Number(m[1])]?.id;
  if (finding.name && inventory.systems.some((s) => s.id === finding.name)) return finding.name;
  return undefined;
}
