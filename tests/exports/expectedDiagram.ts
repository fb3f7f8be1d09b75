/**
 * What the zone diagram of a site must show, computed straight from the inventory by a test's own reading of
 * the model (not by the compiler the export uses): the nodes, the services each way between every two nodes,
 * the services inside each zone, and the uplinks' lines.
 */
import type { Endpoint, Inventory } from "../../inventory/model";

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
    // The TSLCD and the national platforms behind it exist at a site only through the carrier's prefixes there.
    return here.tslcd.length > 0 ? [`external:${ep.external}`] : [];
  };
  const directed = new Map<string, Set<string>>();
  const within = new Map<string, Set<string>>();
  for (const f of inv.flows) {
    if (f.expires !== undefined && f.expires < asOf) continue;
    for (const a of nodesOf(f.from)) {
      for (const b of nodesOf(f.to)) {
        if (a === b) add(within, a.slice("zone:".length), f.services);
        else add(directed, `${a}→${b}`, f.services);
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
