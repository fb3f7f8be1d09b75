/**
 * Whether a site's ways out are redundant: its Internet edge and its TSLCD access. One place for both
 * judgements: the production sites' controls (NET-08, NET-19) and the DR site's (DC-09) use them.
 */
import type { Inventory } from "../../inventory/model";
import { diversePair, notDiverse } from "../../inventory/tslcd/diversity";

/**
 * Why a site's Internet edge is not redundant (fewer than two uplinks, or all from one provider through one
 * entrance), or undefined when it is. NET-08 at production sites, DC-09 at a DR site.
 * @param inv the inventory
 * @param site the site
 */
export function internetEdgeProblem(inv: Inventory, site: string): string | undefined {
  const ups = inv.uplinks.filter((u) => u.site === site && u.kind === "internet");
  const diverse = new Set(ups.map((u) => u.provider)).size >= 2 || new Set(ups.map((u) => u.entrance)).size >= 2;
  return ups.length < 2 || !diverse ? `site ${site} has ${ups.length} Internet uplink(s)${ups.length >= 2 ? " from one provider through one entrance" : ""}` : undefined;
}

/**
 * Why a site's TSLCD access is not redundant (no two uplinks on different entrances and physical routes that
 * share no duct), or undefined when it is. NET-19 at production sites, DC-09 at a DR site.
 * @param inv the inventory
 * @param site the site
 */
export function tslcdAccessProblem(inv: Inventory, site: string): string | undefined {
  const routes = new Map((inv.tslcd?.routes ?? []).map((r) => [r.id, r]));
  const ups = inv.uplinks.filter((u) => u.site === site && u.kind === "tslcd").map((u) => ({ id: u.id, entrance: u.entrance, route: u.physicalRoute }));
  if (diversePair(ups, routes)) return undefined;
  // Diversity is decided on identities (entrances, route ids, shared ducts), never on the routes' free text.
  const why = ups.length < 2 ? `${ups.length} TSLCD uplink(s)` : `TSLCD uplinks ${ups.map((u) => u.id).join(", ")}, no two of them diverse (${notDiverse(ups[0], ups[1], routes)})`;
  return `site ${site} has ${why}; two on different entrances and physical routes that share no duct are needed`;
}
