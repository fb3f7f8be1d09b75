/**
 * Which enforcing devices traffic crosses at a site (the path of `ruleBaseTypes.ts`): every zone's VLANs
 * have its enforcer as their gateway; the Internet enters at the enforcer of the site's edge zone, the
 * TSLCD and the national platforms at the enforcer of its TSLCD zone (the edge zone's when it has none), and
 * so does the interconnect to the province's other sites (a private WAN circuit, like the TSLCD: where a
 * province's systems reach each other over "zoned LANs or the TSLCD or another private network").
 */
import type { ExternalNetwork, Inventory, Zone } from "../../inventory/model";

/** A network outside the data centre: one a flow names, or the province's other sites over the interconnect. */
export type OutsideNetwork = ExternalNetwork | "interconnect";

/** A side of a flow at a site: a zone, or a network outside the data centre. */
export type Party = { zone: string } | { external: OutsideNetwork };

/** The enforcers of one site. */
export interface EnforcerMap {
  /** Site id. */
  site: string;
  /** Zone id → the enforcer that is its gateway. */
  zoneEnforcer: ReadonlyMap<string, string>;
  /** Zones routed by their own cloud router with an FWaaS group (`virtualFirewall`). */
  virtualZones: ReadonlySet<string>;
  /** Outside network → the enforcer it enters at (absent: the site has no zone to enter by). */
  externalEntry: Readonly<Partial<Record<OutsideNetwork, string>>>;
}

/** The zone an outside network enters by: the site's zone of the first kind listed that it has. */
const ENTRY_KINDS: Readonly<Record<OutsideNetwork, readonly Zone["kind"][]>> = {
  internet: ["edge"],
  tslcd: ["tslcd", "edge"],
  "national-platforms": ["tslcd", "edge"],
  interconnect: ["tslcd", "edge"],
};

/**
 * The enforcers of a site. When a site has several zones of an entry kind, the lowest zone id decides
 * (the loader requires them to share one enforcer, so the choice never matters).
 * @param inventory the validated inventory
 * @param site the site id
 */
export function enforcerMap(inventory: Inventory, site: string): EnforcerMap {
  const zones = inventory.zones.filter((z) => z.site === site).sort((a, b) => a.id.localeCompare(b.id));
  const zoneEnforcer = new Map(zones.map((z) => [z.id, z.enforcedBy]));
  const virtualZones = new Set(zones.filter((z) => z.cloud && z.virtualFirewall).map((z) => z.id));
  const externalEntry: Partial<Record<OutsideNetwork, string>> = {};
  for (const [net, kinds] of Object.entries(ENTRY_KINDS) as Array<[OutsideNetwork, readonly Zone["kind"][]]>) {
    for (const kind of kinds) {
      const z = zones.find((x) => x.kind === kind);
      if (z) {
        externalEntry[net] = z.enforcedBy;
        break;
      }
    }
  }
  return { site, zoneEnforcer, virtualZones, externalEntry };
}

/** The enforcer a party sits behind, if any. */
export function enforcerOf(map: EnforcerMap, party: Party): string | undefined {
  return "zone" in party ? map.zoneEnforcer.get(party.zone) : map.externalEntry[party.external];
}

/**
 * The physical enforcers a packet from one party to another crosses, in order, each once. Traffic inside
 * one zone crosses the zone's enforcer (it routes between the zone's VLANs) unless the zone is routed by
 * its own cloud router (FWaaS decides there, no physical device); two outside networks never meet here.
 * @param map the site's enforcers
 * @param from where the packet comes from
 * @param to where it goes
 */
export function enforcersOnPath(map: EnforcerMap, from: Party, to: Party): string[] {
  if ("external" in from && "external" in to) return [];
  if ("zone" in from && "zone" in to && from.zone === to.zone) {
    if (map.virtualZones.has(from.zone)) return [];
    const e = map.zoneEnforcer.get(from.zone);
    return e ? [e] : [];
  }
  const path: string[] = [];
  for (const e of [enforcerOf(map, from), enforcerOf(map, to)]) if (e !== undefined && !path.includes(e)) path.push(e);
  return path;
}

/**
 * Text of a party for sections and messages: the zone id, or `external:<network>` (a zone may be called
 * `tslcd` or `internet`: the prefix keeps the two apart).
 */
export function partyName(party: Party): string {
  return "zone" in party ? party.zone : `external:${party.external}`;
}
