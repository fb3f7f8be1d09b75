import { compilePlacements } from "../../compilers/openstack/placements";
import type { SitePlan } from "../../inventory/addressing/types";
import { renamed, type Renames } from "../../inventory/merge/renames";
import type { RenumberRow } from "../../inventory/merge/types";
import type { Inventory } from "../../inventory/model";

/**
 * The fixed addresses of a moved site's VMs before and after: each instance as its former province placed
 * it and as the merged province places it (its system may be renamed; its key is `<system>-<tier>-<n>`).
 * @param before the site's plan in its former province
 * @param after its plan in the merged province
 * @param r the moved province's renames
 * @param oldInv the former province
 * @param newInv the merged province
 */
export function hostRows(before: SitePlan, after: SitePlan, r: Renames, oldInv: Inventory, newInv: Inventory): RenumberRow[] {
  const old = compilePlacements(oldInv, before).instances;
  // An instance's key is `<system>-<tier>-<n>`: matched by system (renamed), tier and n.
  const index = (i: { system: string; tier: string; key: string }): string => i.key.slice(`${i.system}-${i.tier}-`.length);
  const now = new Map(compilePlacements(newInv, after).instances.map((i) => [`${i.system}/${i.tier}/${index(i)}`, i]));
  const rows: RenumberRow[] = [];
  for (const o of old) {
    const n = now.get(`${renamed(r.systems, o.system)}/${o.tier}/${index(o)}`);
    if (n === undefined) continue;
    const base = { site: after.site, formerSite: before.site, kind: "host" as const, object: `instance ${n.name}` };
    rows.push({ ...base, family: "ipv4", old: o.ipv4, new: n.ipv4 });
    if (o.ipv6 !== undefined && n.ipv6 !== undefined) rows.push({ ...base, family: "ipv6", old: o.ipv6, new: n.ipv6 });
  }
  return rows;
}
