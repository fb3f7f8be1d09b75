import { renamed } from "../../inventory/merge/renames";
import { siteRenumbering, sortRows } from "../../inventory/merge/renumbering";
import type { MergeResult } from "../../inventory/merge/merge";
import { translator } from "../../inventory/merge/translate";
import type { RenumberRow } from "../../inventory/merge/types";
import { hostRows } from "./hostRows";

/**
 * The whole renumbering plan of a merger: every moved site before (its former province) and after (the
 * first stage, where the renumbering happens), down to each instance's fixed address, and the province-wide
 * resolvers and time servers that lie in moved blocks; in a stable order.
 * @param result the merger
 */
export function renumberingRows(result: MergeResult): RenumberRow[] {
  const first = result.stages[0].inventory;
  const firstPlan = result.plans[0].plan;
  const rows: RenumberRow[] = [];
  for (const m of result.moved) {
    const t = translator(m.moves);
    for (const before of m.input.plan.sites) {
      const after = firstPlan.sites.find((s) => s.site === renamed(m.renames.sites, before.site));
      if (after === undefined) continue;
      rows.push(...siteRenumbering(before, after, m.renames, m.input.inventory, first), ...hostRows(before, after, m.renames, m.input.inventory, first));
    }
    const base = { site: "(province)", formerSite: m.input.name, kind: "host" as const };
    for (const a of m.input.inventory.security.ntpServers) rows.push({ ...base, object: "NTP server", family: a.includes(":") ? "ipv6" : "ipv4", old: a, new: t.address(a) });
    for (const a of m.input.inventory.security.dnsServers) rows.push({ ...base, object: "DNS resolver", family: a.includes(":") ? "ipv6" : "ipv4", old: a, new: t.address(a) });
  }
  return sortRows(rows);
}
