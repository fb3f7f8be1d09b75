/**
 * The zone diagram as a graph, before any geometry: what the model and the plan say about one site's zones,
 * the networks outside it, how the carriers' links come in, and which zones may talk to which.
 *
 * - Nodes: every zone of the site (with its enforcing device or HA group and the devices in line on its
 *   boundary), every outside network the site is linked to or allowed to talk to (Internet, TSLCD, national
 *   platforms, the other sites over the DR links), every carrier entrance an uplink comes in by, and every
 *   device an uplink terminates on.
 * - Edges: uplinks (outside network → entrance → terminating device, per kind), and the allowed flows
 *   aggregated per pair of nodes: one edge per unordered pair, with the services each way. Flows inside one
 *   zone are listed in the zone's box instead of drawn.
 * Flows come from the compiler's resolved rules (the flows in force at the site on the evaluation date).
 */
import { ZoneKind, type Device, type Endpoint, type Flow, type Uplink, type Zone } from "../../inventory/model";
import { backupFlowsAsDeclared, provinceBackupFlows } from "../../compilers/backup/jobFlows";
import type { AsBuiltInput } from "../input";
import type { ResolvedEndpoint } from "../../compilers/flows/types";
import { compareText } from "../table";
import { ZONE_KIND_NAMES } from "../zoneNames";
import { roleLabel } from "../deviceRoles";

/** What a node stands for. */
export type GraphNodeKind = "external" | "entrance" | "termination" | "zone";

/** One box of the diagram. */
export interface GraphNode {
  /** Stable identity: `zone:<id>`, `external:<network>`, `entrance:<id>`, `device:<name>`. */
  id: string;
  kind: GraphNodeKind;
  /** Horizontal band, top to bottom: outside networks, entrances, terminating devices, then zones outside in. */
  band: number;
  /** Order inside the band (compared as text). */
  order: string;
  /** First line, bold. */
  title: string;
  /** Further lines. */
  lines: string[];
  /** Colour class (zone kind, or the node kind). */
  tone: string;
}

/** One line of the diagram between two nodes. */
export interface GraphEdge {
  /** `a|b`, from the two node ids in band order. */
  id: string;
  kind: "flow" | "uplink";
  /** The end drawn first (earlier band, then order). */
  a: string;
  /** The other end. */
  b: string;
  /** Services allowed from `a` to `b` (sorted names; empty: none that way). */
  forward: string[];
  /** Services allowed from `b` to `a`. */
  backward: string[];
  /** Flow names behind the edge, or uplink ids. */
  sources: string[];
}

/** The whole graph. */
export interface ZoneGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Services allowed inside each zone (zone id → sorted service names), shown in its box. */
  withinZone: Map<string, string[]>;
}

/** Bands of the zone kinds: perimeter, servers, data — so flows mostly run downwards. */
const ZONE_BAND: Readonly<Record<ZoneKind, number>> = {
  edge: 3,
  dmz: 3,
  tslcd: 3,
  wireless: 3,
  internal: 3,
  "internal-server": 4,
  management: 4,
  soc: 4,
  "db-server": 5,
  storage: 5,
  backup: 5,
  "out-of-band": 5,
};

/** Outside networks: what the diagram calls them, in their band's order. */
const EXTERNALS: Readonly<Record<string, { order: string; vi: string; en: string }>> = {
  internet: { order: "1", vi: "Internet", en: "Internet" },
  tslcd: { order: "2", vi: "Mạng truyền số liệu chuyên dùng (TSLCD)", en: "Dedicated government network (TSLCD)" },
  "national-platforms": { order: "3", vi: "Nền tảng quốc gia (NDXP/NGSP), qua TSLCD", en: "National platforms, over the TSLCD" },
  "dr-link": { order: "4", vi: "Các điểm khác của tỉnh (kênh DR)", en: "The province's other sites (DR links)" },
};

/** Uplink kind → the outside network it reaches. */
const UPLINK_NETWORK: Readonly<Record<Uplink["kind"], string>> = { internet: "internet", tslcd: "tslcd", "dr-link": "dr-link" };

/**
 * The node one end of a flow's rule is drawn as: a tier in its zone's box, a zone in its own, and an outside
 * network in its box whatever the end narrows: a TSLCD end naming a level, what the prefixes hold or agencies
 * (`tslcd:II`, `tslcd:I/ministries`, `tslcd:agencies=…`) is the TSLCD all the same; the national platforms
 * have their own box. Read off the flow's declared end, never off the resolved label's text.
 * @param resolved the rule's end, as the flow compiler resolved it
 * @param declared the same end as the flow declares it
 */
export function endpointNode(resolved: ResolvedEndpoint, declared: Endpoint): string {
  if (resolved.kind === "tier") return `zone:${resolved.zone}`;
  if (declared.zone !== undefined) return `zone:${declared.zone}`;
  if (declared.external !== undefined) return `external:${declared.external}`;
  // A system end always resolves to tiers; nothing else is left.
  return `external:${resolved.label}`;
}

/**
 * The devices a zone names as its enforcer: the device itself, or the members of the HA group.
 * @param name a device name or HA group
 * @param devices the site's devices
 */
export function enforcerDevices(name: string, devices: readonly Device[]): Device[] {
  const own = devices.filter((d) => d.name === name);
  return (own.length > 0 ? own : devices.filter((d) => d.haGroup === name)).sort((x, y) => compareText(x.name, y.name));
}

/**
 * "na1-fw-core (HA: na1-fw-core-01 @ dc1-a02, na1-fw-core-02 @ dc1-b02)", or the device with its rack.
 * @param name a device name or HA group
 * @param devices the site's devices
 */
export function enforcerText(name: string, devices: readonly Device[]): string {
  const members = enforcerDevices(name, devices);
  if (members.length === 1 && members[0].name === name) return `${name} @ ${members[0].rack}`;
  if (members.length === 0) return name;
  return `${name} (HA: ${members.map((d) => `${d.name} @ ${d.rack}`).join(", ")})`;
}

/** The lines of a zone's box. */
function zoneLines(zone: Zone, input: AsBuiltInput, devices: readonly Device[], within: readonly string[]): string[] {
  const block = input.plan.zones.find((b) => b.zone === zone.id);
  const kind = ZONE_KIND_NAMES[zone.kind];
  const lines = [zone.name, `${kind.vi} / ${kind.en}`, `Thực thi / Enforced by: ${enforcerText(zone.enforcedBy, devices)}`];
  if (zone.inline.length > 0) lines.push(`Nội tuyến / In line: ${zone.inline.map((n) => enforcerText(n, devices)).join(" → ")}`);
  if (zone.virtualFirewall) lines.push("Tường lửa ảo / Virtual firewall: FWaaS");
  if (block) lines.push(`IPv4 ${block.ipv4}`, `IPv6 ${block.ipv6}`);
  lines.push(`VLAN: ${[...zone.vlans].sort((x, y) => x.id - y.id).map((v) => v.id).join(", ")}`);
  if (within.length > 0) lines.push(`Trong vùng / Within: ${within.join(", ")}`);
  return lines;
}

/** The lines of an outside network's box. */
function externalLines(network: string, input: AsBuiltInput): string[] {
  if (network === "internet") {
    const pub = input.plan.publicPrefixes ?? input.site.publicPrefixes;
    const prefixes = [...pub.ipv4, ...pub.ipv6];
    return prefixes.length > 0 ? [`Dải công khai / Public: ${prefixes.join(", ")}`] : [];
  }
  // Both levels share the box: each prefix says its level, and the agencies' LANs reached here are counted.
  if (network === "tslcd") {
    const lans = input.plan.tslcdLans ?? [];
    const fixed = input.plan.tslcd.map((t) => `${t.level ? `[${t.level}] ` : ""}${t.prefix} — ${t.purpose}`);
    return lans.length > 0 ? [...fixed, `LAN đơn vị / Agency LANs: ${lans.length}`] : fixed;
  }
  if (network === "dr-link") {
    const others = input.inventory.sites.filter((s) => s.id !== input.site.id).sort((x, y) => compareText(x.id, y.id));
    return others.map((s) => `${s.id} (${s.role})`);
  }
  return [];
}

/** The set under a key, created empty when missing. */
function bucket(map: Map<string, Set<string>>, key: string): Set<string> {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  return set;
}

/**
 * Builds one site's zone graph.
 * @param input the site's as-built input (inventory, address plan, compiled rules)
 */
export function zoneGraph(input: AsBuiltInput): ZoneGraph {
  const siteId = input.site.id;
  const zones = input.inventory.zones.filter((z) => z.site === siteId);
  const devices = input.inventory.devices.filter((d) => d.site === siteId);
  const uplinks = input.inventory.uplinks.filter((u) => u.site === siteId).sort((x, y) => compareText(x.id, y.id));
  // The backup job plan's flows are compiled with the inventory's (`compilers/backup/jobFlows.ts`).
  const declared = [...input.inventory.flows, ...backupFlowsAsDeclared(provinceBackupFlows(input.inventory).flows, siteId)];
  const flows = new Map<string, Flow>(declared.map((f) => [f.name, f]));
  const services = new Map(declared.map((f) => [f.name, f.services]));

  // Directed pairs from the resolved rules: node → node → flows.
  const directed = new Map<string, Set<string>>();
  const within = new Map<string, Set<string>>();
  for (const r of input.compiled.rules) {
    const flow = flows.get(r.flow);
    // The compiler resolves only the inventory's and the backup plan's flows: a rule without one is our bug, never drawn silently.
    if (!flow) throw new Error(`zone graph: rule of unknown flow ${r.flow}`);
    const from = endpointNode(r.from, flow.from);
    const to = endpointNode(r.to, flow.to);
    if (from === to) {
      if (from.startsWith("zone:")) for (const s of services.get(r.flow) ?? []) bucket(within, from.slice(5)).add(s);
      continue;
    }
    bucket(directed, `${from}\u0000${to}`).add(r.flow);
  }

  const nodes = new Map<string, GraphNode>();
  const rank = (id: string): [number, string] => {
    const n = nodes.get(id);
    return n ? [n.band, n.order] : [99, id];
  };
  for (const z of zones) {
    const inside = [...(within.get(z.id) ?? [])].sort(compareText);
    nodes.set(`zone:${z.id}`, {
      id: `zone:${z.id}`,
      kind: "zone",
      band: ZONE_BAND[z.kind],
      order: `${String(ZoneKind.options.indexOf(z.kind)).padStart(2, "0")} ${z.id}`,
      title: z.id,
      lines: zoneLines(z, input, devices, inside),
      tone: z.kind,
    });
  }
  const addExternal = (network: string): void => {
    const known = EXTERNALS[network];
    if (nodes.has(`external:${network}`) || !known) return;
    nodes.set(`external:${network}`, { id: `external:${network}`, kind: "external", band: 0, order: known.order, title: `${known.vi} / ${known.en}`, lines: externalLines(network, input), tone: "external" });
  };
  for (const key of directed.keys()) for (const end of key.split("\u0000")) if (end.startsWith("external:")) addExternal(end.slice(9));
  if (input.plan.tslcd.length > 0) addExternal("tslcd");

  const edges = new Map<string, GraphEdge>();
  const edgeFor = (x: string, y: string, kind: GraphEdge["kind"]): { edge: GraphEdge; forward: boolean } => {
    const [rx, ry] = [rank(x), rank(y)];
    const forward = rx[0] !== ry[0] ? rx[0] < ry[0] : rx[1] !== ry[1] ? rx[1] < ry[1] : x < y;
    const [a, b] = forward ? [x, y] : [y, x];
    const id = `${a}|${b}`;
    const edge = edges.get(id) ?? { id, kind, a, b, forward: [], backward: [], sources: [] };
    edges.set(id, edge);
    return { edge, forward };
  };

  for (const u of uplinks) {
    const network = UPLINK_NETWORK[u.kind];
    addExternal(network);
    const entrance = input.site.carrierEntrances.find((e) => e.id === u.entrance);
    const entranceId = `entrance:${u.entrance}`;
    if (!nodes.has(entranceId)) {
      nodes.set(entranceId, { id: entranceId, kind: "entrance", band: 1, order: u.entrance, title: `Điểm vào cáp / Entrance ${u.entrance}`, lines: entrance ? [entrance.carrier] : [], tone: "entrance" });
    }
    const device = devices.find((d) => d.name === u.device);
    const deviceId = `device:${u.device}`;
    if (!nodes.has(deviceId)) {
      const lines = device ? [roleLabel(device.role), `${device.rack}${device.haGroup ? ` · HA ${device.haGroup}` : ""}`] : [];
      nodes.set(deviceId, { id: deviceId, kind: "termination", band: 2, order: u.device, title: u.device, lines, tone: "termination" });
    }
  }
  for (const u of uplinks) {
    const label = `${u.id}: ${u.provider}, ${u.bandwidthMbps} Mbit/s`;
    for (const [x, y] of [
      [`external:${UPLINK_NETWORK[u.kind]}`, `entrance:${u.entrance}`],
      [`entrance:${u.entrance}`, `device:${u.device}`],
    ]) {
      const { edge, forward } = edgeFor(x, y, "uplink");
      (forward ? edge.forward : edge.backward).push(label);
      edge.sources.push(u.id);
    }
  }

  for (const [key, flows] of [...directed.entries()].sort((p, q) => compareText(p[0], q[0]))) {
    const [from, to] = key.split("\u0000");
    if (!nodes.has(from) || !nodes.has(to)) continue;
    const { edge, forward } = edgeFor(from, to, "flow");
    const list = forward ? edge.forward : edge.backward;
    for (const f of flows) {
      edge.sources.push(f);
      for (const s of services.get(f) ?? []) if (!list.includes(s)) list.push(s);
    }
  }
  const sortedEdges = [...edges.values()].map((e) => ({
    ...e,
    forward: [...new Set(e.forward)].sort(compareText),
    backward: [...new Set(e.backward)].sort(compareText),
    sources: [...new Set(e.sources)].sort(compareText),
  }));
  sortedEdges.sort((x, y) => compareText(x.kind, y.kind) || compareText(x.id, y.id));
  const sortedNodes = [...nodes.values()].sort((x, y) => x.band - y.band || compareText(x.order, y.order) || compareText(x.id, y.id));
  return { nodes: sortedNodes, edges: sortedEdges, withinZone: new Map([...within.entries()].map(([z, s]) => [z, [...s].sort(compareText)])) };
}
