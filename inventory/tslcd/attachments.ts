/**
 * Who is attached to which TSLCD VPN: the data centres by their TSLCD uplinks, the agencies by their
 * endpoints. Pure lookups over the inventory, shared by the loader rules, the address plan and the WAN
 * generator.
 */
import { currentOwner, type AgencyMap, type Inventory, type TslcdEndpoint, type TslcdLevel, type TslcdVpn, type Uplink } from "../model";

/** VPNs by id (first definition wins; duplicates are reported by the loader). */
export function vpnMap(inv: Pick<Inventory, "tslcd">): Map<string, TslcdVpn> {
  const m = new Map<string, TslcdVpn>();
  for (const v of inv.tslcd?.vpns ?? []) if (!m.has(v.id)) m.set(v.id, v);
  return m;
}

/**
 * The TSLCD circuits of a site: its uplinks of kind `tslcd` that carry at least one VPN, by id.
 * @param inv the inventory
 * @param site the site id
 */
export function siteCircuits(inv: Pick<Inventory, "uplinks">, site: string): Uplink[] {
  return inv.uplinks.filter((u) => u.site === site && u.kind === "tslcd" && (u.vpns ?? []).length > 0).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The levels an endpoint is attached at, sorted.
 * @param vpns VPNs by id
 * @param e the endpoint
 */
export function endpointLevels(vpns: ReadonlyMap<string, TslcdVpn>, e: Pick<TslcdEndpoint, "attachments">): TslcdLevel[] {
  return [...new Set(e.attachments.map((a) => vpns.get(a.vpn)?.level).filter((l): l is TslcdLevel => l !== undefined))].sort();
}

/**
 * The unit in force an endpoint belongs to today: its agency, or the one unit its lineage leads to.
 * @param agencies agencies by code
 * @param e the endpoint
 */
export function endpointOwner(agencies: AgencyMap, e: Pick<TslcdEndpoint, "agency">): string | undefined {
  return currentOwner(agencies, e.agency);
}

/**
 * The VPNs a site's circuits carry, sorted.
 * @param inv the inventory
 * @param site the site id
 */
export function siteVpns(inv: Pick<Inventory, "uplinks">, site: string): string[] {
  return [...new Set(siteCircuits(inv, site).flatMap((u) => u.vpns ?? []))].sort();
}

/**
 * Sites hosting a system of security level 3 or above (their TSLCD access must be redundant).
 * @param inv the inventory
 */
export function level3Sites(inv: Pick<Inventory, "systems">): Set<string> {
  return new Set(inv.systems.filter((s) => s.securityLevel >= 3).flatMap((s) => s.sites));
}
