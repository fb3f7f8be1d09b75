import type { Inventory } from "../../model";
import { contains, formatPrefix, parsePrefix, type Prefix } from "../../addressing/prefix";
import type { RuleProblem } from "./ruleProblem";

const FAMILIES = ["ipv4", "ipv6"] as const;

/**
 * When the province declares its address space, every site aggregate lies inside it (the space is what
 * a merger allocates from, so an aggregate outside it would be invisible to the merge). Malformed
 * prefixes are reported by the address plan, not here.
 * @param inv a schema-valid inventory
 */
export function addressSpaceRules(inv: Inventory): RuleProblem[] {
  const space = inv.province.addressSpace;
  if (space === undefined) return [];
  const p: RuleProblem[] = [];
  for (const family of FAMILIES) {
    const blocks = space[family].map((t) => parsePrefix(t, family)).flatMap((r) => (r.ok ? [r.prefix] : []));
    space[family].forEach((t, i) => {
      const r = parsePrefix(t, family);
      if (!r.ok) p.push({ path: ["province", "addressSpace", family, i], message: r.message, found: JSON.stringify(t) });
    });
    inv.sites.forEach((s, si) =>
      s.aggregates[family].forEach((t, ai) => {
        const r = parsePrefix(t, family);
        if (r.ok && !blocks.some((b: Prefix) => contains(b, r.prefix)))
          p.push({
            path: ["sites", si, "aggregates", family, ai],
            message: `expected an aggregate inside the province's address space (${blocks.map(formatPrefix).join(", ")})`,
            found: JSON.stringify(t),
          });
      }),
    );
  }
  return p;
}
