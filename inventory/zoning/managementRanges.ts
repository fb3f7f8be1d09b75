/**
 * One fact for "where administration comes from". `security.managementRanges` is what the policy pack
 * judges administration ports against (NET-04), while the rules the compilers write for administration
 * (the cluster API, jump hosts) open the management zones' blocks. When the two disagree, a rule the
 * compilers wrote fails NET-04, or NET-04 passes a source no management zone holds. So every management
 * zone's block, in both families, must lie inside the declared ranges; a province that declares none
 * leaves NET-04 to say so. Pure.
 */
import type { Inventory } from "../model";
import type { AddressPlan } from "../addressing/types";
import type { RuleProblem } from "../loader/rules";
import { contains, parsePrefix, type Prefix } from "../addressing/prefix";

const FAMILIES = ["ipv4", "ipv6"] as const;

/**
 * Every management zone block of the address plan that no declared management range holds.
 * @param inventory the validated inventory
 * @param plan the province's allocated address plan
 */
export function checkManagementRanges(inventory: Inventory, plan: AddressPlan): RuleProblem[] {
  const declared = inventory.security.managementRanges;
  if (declared.length === 0) return [];
  const ranges = declared.map((text) => parsePrefix(text)).flatMap((r) => (r.ok ? [r.prefix] : []));
  const problems: RuleProblem[] = [];
  const management = inventory.zones.filter((z) => z.kind === "management");
  for (const zone of management) {
    const block = plan.sites.find((s) => s.site === zone.site)?.zones.find((b) => b.zone === zone.id);
    if (!block) continue;
    for (const family of FAMILIES) {
      const parsed = parsePrefix(block[family]);
      if (!parsed.ok) continue;
      const inside = ranges.some((r: Prefix) => contains(r, parsed.prefix));
      if (inside) continue;
      const sameFamily = declared.filter((d) => (family === "ipv6") === d.includes(":"));
      problems.push({
        path: ["security", "managementRanges"],
        message:
          `management zone "${zone.id}" at site ${zone.site} has the ${family === "ipv4" ? "IPv4" : "IPv6"} block ${block[family]}, outside every management range: ` +
          `add a range holding it (NET-04 judges administration ports against these ranges, while the generated administration rules open the zone's block)`,
        found: sameFamily.length > 0 ? sameFamily.join(", ") : `no ${family === "ipv4" ? "IPv4" : "IPv6"} range`,
      });
    }
  }
  return problems;
}
