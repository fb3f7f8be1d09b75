import type { Inventory } from "../../model";
import type { RuleProblem } from "./ruleProblem";

/**
 * An HA group has at least two members; a group of one gives no redundancy and is almost always a
 * misspelt group name. Reported once, at the lone member.
 * @param inv a schema-valid inventory
 */
export function haGroupRules(inv: Inventory): RuleProblem[] {
  const members = new Map<string, number[]>();
  inv.devices.forEach((d, i) => {
    if (d.haGroup !== undefined) members.set(d.haGroup, [...(members.get(d.haGroup) ?? []), i]);
  });
  const p: RuleProblem[] = [];
  for (const [group, indexes] of members)
    if (indexes.length < 2)
      p.push({ path: ["devices", indexes[0], "haGroup"], message: `expected an HA group of at least two devices; "${group}" has only this one`, found: JSON.stringify(group) });
  return p;
}
