import type { Endpoint, Inventory } from "../../model";
import type { InventoryIndex } from "./inventoryIndex";
import { unknownReference, type RuleProblem } from "./ruleProblem";

type Path = (string | number)[];

/**
 * Flows name services and endpoints that exist. An endpoint is exactly one of a zone, a system
 * (optionally one of its tiers) or an external network.
 * @param inv a schema-valid inventory
 * @param idx shared lookups
 */
export function flowRules(inv: Inventory, idx: InventoryIndex): RuleProblem[] {
  const p: RuleProblem[] = [];
  inv.flows.forEach((f, fi) => {
    f.services.forEach((name, i) => {
      if (!idx.services.has(name)) p.push(unknownReference(["flows", fi, "services", i], name, "a service name defined under services", idx.services));
    });
    p.push(...endpointProblems(f.from, ["flows", fi, "from"], idx));
    p.push(...endpointProblems(f.to, ["flows", fi, "to"], idx));
  });
  return p;
}

/**
 * Problems of one flow endpoint.
 * @param e the endpoint
 * @param base its path
 * @param idx shared lookups
 */
export function endpointProblems(e: Endpoint, base: Path, idx: InventoryIndex): RuleProblem[] {
  const given = (["zone", "system", "external"] as const).filter((k) => e[k] !== undefined);
  if (given.length !== 1)
    return [
      {
        path: base,
        message: "expected exactly one of zone, system or external",
        found: given.length === 0 ? "none of them" : given.join(" and "),
      },
    ];
  if (e.tier !== undefined && e.system === undefined) return [{ path: [...base, "tier"], message: 'expected "system" with "tier": a tier belongs to a system', found: JSON.stringify(e.tier) }];
  if (e.zone !== undefined && !idx.zoneIds.has(e.zone)) return [unknownReference([...base, "zone"], e.zone, "a zone id defined under zones", idx.zoneIds)];
  if (e.system !== undefined) {
    const system = idx.systems.get(e.system);
    if (!system) return [unknownReference([...base, "system"], e.system, "a system id defined under systems", idx.systems.keys())];
    if (e.tier !== undefined && !system.tiers.some((t) => t.name === e.tier))
      return [unknownReference([...base, "tier"], e.tier, `a tier of system "${system.id}"`, system.tiers.map((t) => t.name))];
  }
  return [];
}
