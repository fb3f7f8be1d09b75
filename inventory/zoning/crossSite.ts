/**
 * Which other sites a flow reaches across, seen from one site: a system at site x reaches the other end at x when
 * it is there, else at every site it is at (over the interconnect between sites). The one statement of that rule
 * for the compilers (`flowEnds`) and the zone baseline (`pairsAtSite`); the reachability proof reads it on its own.
 */
import type { Endpoint, Flow, Inventory } from "../model";

/**
 * True when a flow end exists at a site: a system hosted there, a zone declared there; an outside network is
 * everywhere.
 * @param inv the inventory
 * @param site the site
 * @param ep the flow end
 */
export function endAt(inv: Inventory, site: string, ep: Endpoint): boolean {
  if (ep.system !== undefined) return inv.systems.some((s) => s.id === ep.system && s.sites.includes(site));
  if (ep.zone !== undefined) return inv.zones.some((z) => z.site === site && z.id === ep.zone);
  return true;
}

/**
 * The other sites a flow crosses to from a site: `to`, the destination system's sites (when the destination is not
 * here; this site's source reaches it there); `from`, the source system's sites that lack the destination (their
 * copies reach the destination here). Sorted.
 * @param inv the inventory
 * @param site the site
 * @param flow the flow
 */
export function crossSiteReach(inv: Inventory, site: string, flow: Pick<Flow, "from" | "to">): { to: string[]; from: string[] } {
  const sitesOf = (ep: Endpoint): string[] => (ep.system === undefined ? [] : (inv.systems.find((s) => s.id === ep.system)?.sites ?? []).filter((x) => x !== site));
  const here = endAt(inv, site, flow.to);
  return {
    to: here ? [] : [...sitesOf(flow.to)].sort(),
    from: here ? sitesOf(flow.from).filter((x) => !endAt(inv, x, flow.to)).sort() : [],
  };
}
