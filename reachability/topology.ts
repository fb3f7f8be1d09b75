/**
 * The site as the zone firewalls see it: zones and their enforcers, where the outside enters, and
 * which devices a packet crosses between two places (compilers/firewall/ruleBaseTypes.ts, "the path"):
 * - one VLAN: none (layer 2); pods of one cluster: none (the cluster's own network);
 * - two VLANs of one zone: the zone's enforcer once; none for a zone with `virtualFirewall`, whose own
 *   Neutron router (FWaaS) routes between its VLANs;
 * - two zones: the source zone's enforcer, then the destination zone's (once when it is one device);
 * - the Internet enters at the enforcer of the site's `edge` zone; TSLCD and the national platforms at
 *   the `tslcd` zone's (the edge's when there is none), and so do the province's other sites (the interconnect);
 * - two places outside the DC: none (the DC is not on the path).
 */
import type { Inventory } from "../inventory/model";
import type { SitePlan } from "../inventory/addressing/types";
import { formatAddress } from "../inventory/addressing/address";
import { parseNet } from "./addresses";
import type { Location } from "./endpointTypes";

/** A zone as the path sees it. */
export interface ZoneInfo {
  /** Zone id. */
  id: string;
  /** Zone kind. */
  kind: string;
  /** Enforcing device or HA group. */
  enforcedBy: string;
  /** Routed by its own Neutron router with FWaaS between its VLANs. */
  virtualFirewall: boolean;
}

/** The site's zones and entries. */
export interface SiteTopology {
  /** Site id. */
  site: string;
  /** Zones by id. */
  zones: Map<string, ZoneInfo>;
  /** Where the Internet enters (the edge zone's enforcer). */
  internetEntry?: string;
  /** Where TSLCD and the national platforms enter, and the province's other sites over the interconnect. */
  tslcdEntry?: string;
  /** VLAN subnets of the site (canonical prefixes) with their VLAN key `<zone>/<vlan>`. */
  vlanOfPrefix: Map<string, string>;
}

/**
 * Canonical text of a prefix (host bits cleared), or the text itself when it does not parse.
 * @param prefix prefix text
 */
export function canonicalPrefix(prefix: string): string {
  const n = parseNet(prefix);
  if (!n) return prefix;
  return `${formatAddress(n.family, n.network)}/${n.length}`;
}

/**
 * The topology of a site.
 * @param inventory the inventory
 * @param sitePlan the site's address plan
 */
export function siteTopology(inventory: Inventory, sitePlan: SitePlan): SiteTopology {
  const zones = new Map<string, ZoneInfo>();
  for (const z of inventory.zones.filter((x) => x.site === sitePlan.site).sort((a, b) => a.id.localeCompare(b.id))) {
    zones.set(z.id, { id: z.id, kind: z.kind, enforcedBy: z.enforcedBy, virtualFirewall: z.virtualFirewall });
  }
  const firstOfKind = (kind: string): ZoneInfo | undefined => [...zones.values()].find((z) => z.kind === kind);
  const edge = firstOfKind("edge");
  const tslcd = firstOfKind("tslcd") ?? edge;
  const vlanOfPrefix = new Map<string, string>();
  for (const s of sitePlan.subnets) {
    for (const f of ["ipv4", "ipv6"] as const) vlanOfPrefix.set(canonicalPrefix(s[f].prefix), `${s.zone}/${s.vlanName}`);
  }
  return { site: sitePlan.site, zones, internetEntry: edge?.enforcedBy, tslcdEntry: tslcd?.enforcedBy, vlanOfPrefix };
}

function enforcerAt(topo: SiteTopology, l: Location): string | undefined {
  if (l.external === "internet") return topo.internetEntry;
  if (l.external === "tslcd" || l.external === "interconnect") return topo.tslcdEntry;
  return l.zone !== undefined ? topo.zones.get(l.zone)?.enforcedBy : undefined;
}

/**
 * The enforcing devices a packet crosses from `a` to `b`, in order, each once.
 * @param topo the site
 * @param a where the packet starts
 * @param b where it goes
 */
export function devicePath(topo: SiteTopology, a: Location, b: Location): string[] {
  if (a.external !== undefined && b.external !== undefined) return [];
  if (a.cluster !== undefined && a.cluster === b.cluster) return [];
  if (a.vlan !== undefined && a.vlan === b.vlan) return [];
  if (a.zone !== undefined && a.zone === b.zone) {
    const z = topo.zones.get(a.zone);
    return z && !z.virtualFirewall ? [z.enforcedBy] : [];
  }
  const first = enforcerAt(topo, a);
  const second = enforcerAt(topo, b);
  const out: string[] = [];
  if (first !== undefined) out.push(first);
  if (second !== undefined && second !== first) out.push(second);
  return out;
}

/**
 * True when both places lie outside the DC (no device of the site is on the path).
 * @param a one place
 * @param b the other
 */
export function bothOutside(a: Location, b: Location): boolean {
  return a.external !== undefined && b.external !== undefined;
}
