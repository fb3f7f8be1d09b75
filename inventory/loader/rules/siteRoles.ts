import type { Inventory } from "../../model";
import type { RuleProblem } from "./ruleProblem";

/**
 * Site roles for any number of sites: exactly one primary (another site serving production is a
 * `secondary`); a `retiring` site gives the date it is to be emptied by, and only such a site gives one.
 * @param inv a schema-valid inventory
 */
export function siteRoleRules(inv: Inventory): RuleProblem[] {
  const p: RuleProblem[] = [];
  const primaries = inv.sites.map((s, i) => ({ s, i })).filter((x) => x.s.role === "primary");
  if (primaries.length === 0 && inv.sites.length > 0)
    p.push({ path: ["sites"], message: 'expected exactly one site with role "primary"', found: `roles ${[...new Set(inv.sites.map((s) => s.role))].sort().join(", ")}` });
  for (const { s, i } of primaries.slice(1))
    p.push({
      path: ["sites", i, "role"],
      message: `expected one primary site; "${primaries[0].s.id}" is the primary already (another site serving production is "secondary")`,
      found: JSON.stringify(s.role),
    });
  inv.sites.forEach((s, i) => {
    if (s.role === "retiring" && s.retireBy === undefined)
      p.push({ path: ["sites", i, "retireBy"], message: 'missing required field "retireBy": a retiring site gives the date it is to be emptied by' });
    if (s.role !== "retiring" && s.retireBy !== undefined)
      p.push({ path: ["sites", i, "retireBy"], message: `expected no retireBy: only a "retiring" site has one (this one is "${s.role}")`, found: JSON.stringify(s.retireBy) });
  });
  return p;
}
