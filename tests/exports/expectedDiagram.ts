/**
 * What the zone diagram of a site must show, computed straight from the inventory by a test's own reading of
 * the model (not by the compiler the export uses): the nodes, the services each way between every two nodes,
 * the services inside each zone, and the uplinks' lines.
 */
import { backupFlowsAsDeclared, provinceBackupFlows } from "../../compilers/backup/jobFlows";
import { agencyMap, currentOwner, type Endpoint, type Inventory } from "../../inventory/model";

/** The expected drawing. */
export interface ExpectedDiagram {
  /** Node ids: `zone:<id>`, `external:<net>`, `entrance:<id>`, `device:<name>`. */
  nodes: Set<string>;
  /** `from→to` → services, for flows between distinct nodes. */
  directed: Map<string, Set<string>>;
  /** zone id → services of flows inside it. */
  within: Map<string, Set<string>>;
  /** Uplink lines as unordered pairs `x|y` (sorted ends) → uplink ids. */
  uplinks: Map<string, Set<string>>;
}

function add(map: Map<string, Set<string>>, key: string, values: Iterable<string>): void {
  const set = map.get(key) ?? new Set<string>();
  for (const v of values) set.add(v);
  map.set(key, set);
}

/**
 * Whether a TSLCD end (`external: tslcd` narrowed or not by `level`, `holds`, `agencies`, or
 * `external: national-platforms`) takes anything reachable at a site, read straight off the model: a
 * prefix the carrier's plan gives the site (`sites[].tslcd`, each with its level and what it holds; not
 * when the end names agencies), or the LAN of an agency endpoint attached to a VPN one of the site's
 * TSLCD uplinks carries (a LAN holds `province-agencies`, is at the levels of the VPNs the endpoint is
 * attached to, and belongs to the unit in force its agency's lineage leads to).
 * @param inv the inventory
 * @param site the site id
 * @param ep the flow end
 */
export function tslcdMeansSomethingAt(inv: Inventory, site: string, ep: Endpoint): boolean {
  const here = inv.sites.find((s) => s.id === site);
  if (!here) return false;
  const national = ep.external === "national-platforms";
  const level = national ? "I" : ep.level;
  const holds: readonly string[] | undefined = national ? ["national-platforms"] : ep.holds;
  const agencies = national ? undefined : ep.agencies;
  if (agencies === undefined && here.tslcd.some((p) => (level === undefined || p.level === level) && (holds === undefined || holds.includes(p.holds)))) return true;
  if (holds !== undefined && !holds.includes("province-agencies")) return false;
  const vpnLevel = new Map((inv.tslcd?.vpns ?? []).map((v) => [v.id, v.level]));
  const carried = new Set(inv.uplinks.filter((u) => u.site === site && u.kind === "tslcd").flatMap((u) => u.vpns ?? []));
  const agencyIndex = agencyMap(inv.agencies);
  return inv.tslcdEndpoints.some((e) => {
    const vpns = e.attachments.map((a) => a.vpn);
    if (!vpns.some((v) => carried.has(v))) return false;
    if (level !== undefined && !vpns.some((v) => vpnLevel.get(v) === level)) return false;
    const owner = currentOwner(agencyIndex, e.agency);
    if (owner === undefined) return false;
    return agencies === undefined || agencies.includes(owner);
  });
}

/**
 * Reads the expected diagram of a site off the inventory.
 * @param inv the inventory
 * @param site the site id
 * @param asOf the evaluation date (flows expired before it are not drawn)
 */
export function expectedDiagram(inv: Inventory, site: string, asOf: string): ExpectedDiagram {
  const here = inv.sites.find((s) => s.id === site);
  if (!here) throw new Error(`no site ${site}`);
  const zoneIds = new Set(inv.zones.filter((z) => z.site === site).map((z) => z.id));
  const nodesOf = (ep: Endpoint): string[] => {
    if (ep.zone !== undefined) return zoneIds.has(ep.zone) ? [`zone:${ep.zone}`] : [];
    if (ep.system !== undefined) {
      const sys = inv.systems.find((s) => s.id === ep.system);
      if (!sys || !sys.sites.includes(site)) return [];
      return sys.tiers.filter((t) => ep.tier === undefined || t.name === ep.tier).map((t) => `zone:${t.zone}`);
    }
    if (ep.external === "internet") return ["external:internet"];
    return tslcdMeansSomethingAt(inv, site, ep) ? [`external:${ep.external}`] : [];
  };
  const directed = new Map<string, Set<string>>();
  const within = new Map<string, Set<string>>();
  // The backup job plan's flows are declared beside the inventory's (their source: the running cluster's zone).
  for (const f of [...inv.flows, ...backupFlowsAsDeclared(provinceBackupFlows(inv).flows, site)]) {
    if (f.expires !== undefined && f.expires < asOf) continue;
    for (const a of nodesOf(f.from)) {
      for (const b of nodesOf(f.to)) {
        if (a !== b) add(directed, `${a}→${b}`, f.services);
        else if (a.startsWith("zone:")) add(within, a.slice("zone:".length), f.services);
      }
    }
  }
  const nodes = new Set<string>([...zoneIds].map((z) => `zone:${z}`));
  for (const key of directed.keys()) for (const end of key.split("→")) nodes.add(end);
  if (here.tslcd.length > 0) nodes.add("external:tslcd");
  const uplinks = new Map<string, Set<string>>();
  for (const u of inv.uplinks.filter((x) => x.site === site)) {
    const net = `external:${u.kind}`;
    const entrance = `entrance:${u.entrance}`;
    const device = `device:${u.device}`;
    nodes.add(net).add(entrance).add(device);
    add(uplinks, [net, entrance].sort().join("|"), [u.id]);
    add(uplinks, [entrance, device].sort().join("|"), [u.id]);
  }
  return { nodes, directed, within, uplinks };
}
