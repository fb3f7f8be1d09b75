/**
 * The generated configurations on real FRR routers (namespaces, this run's prefix): the DC edge pair of the
 * small overlay's site dc1 (level-II VPN, rendered as the default instance: one router per VPN) joined by
 * their interconnect for the iBGP between their loopbacks, the carrier's level-II PE (the carrier's side,
 * written here; it also leaks an undeclared prefix), and two agency CPEs whose configurations are generated
 * from the same intent (one department, one commune with both circuits; the department's vendor CPE runs
 * the FRR rendering as its stand-in). Checks: IPv4 and IPv6 sessions come up; each edge router learns exactly
 * the declared LANs, each CPE exactly the DC prefixes its flows open, never the leaked prefix; the agencies
 * reach the DC over IPv4 and IPv6; cutting the primary circuit keeps them reaching it, and the router whose
 * circuit was cut keeps every LAN through its pair (both convergence times are printed, not asserted).
 */
import { loadTslcdProvince } from "../wan/support/fixture";
import { compileEdgeIntent, type EdgeRouterIntent } from "../../compilers/wan/edgeIntent";
import { compileCpeIntents, type CpeIntent } from "../../compilers/wan/cpeIntent";
import { renderCpeFrr, renderEdgeFrr } from "../../compilers/wan/renderFrr";
import type { TslcdLinkPlan } from "../../inventory/addressing/types";
import { FrrLab, waitFor } from "./support/frrLab";

jest.setTimeout(180_000);

const VPN = "cap2";
const UNDECLARED = { ipv4: "198.18.7.0/24", ipv6: "2001:db8:dead:7::/64" };
const lab = new FrrLab();

const loaded = loadTslcdProvince();
if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join("\n"));
const province = loaded.province;
const plan = province.addressPlan.sites.find((s) => s.site === "dc1")!;
const edges: EdgeRouterIntent[] = compileEdgeIntent({ inventory: province.inventory, plan, province: province.addressPlan }).routers;
const cpes: CpeIntent[] = compileCpeIntents({ inventory: province.inventory, province: province.addressPlan }).cpes;
const links = province.addressPlan.tslcd!.links;
const lengthOf = (p: string): string => p.slice(p.indexOf("/"));
const linkOf = (id: string): TslcdLinkPlan => links.find((l) => l.id === id)!;
const lanOf = (endpoint: string) => province.addressPlan.tslcd!.lans.find((l) => l.endpoint === endpoint)!;
const loopbackOf = (device: string) => {
  const l = plan.loopbacks.find((x) => x.device === device)!;
  return { ipv4: l.ipv4.split("/")[0], ipv6: l.ipv6.split("/")[0] };
};
/** The first host address of a prefix (the lab's LAN stand-in on a loopback). */
function firstHost(p: string): string {
  const addr = p.slice(0, p.indexOf("/"));
  if (addr.includes(":")) return addr.endsWith("::") ? `${addr}1` : `${addr}:1`.replace(/:0:1$/, ":1");
  const o = addr.split(".").map(Number);
  return [o[0], o[1], o[2], o[3] + 1].join(".");
}
const AGENCIES = [
  { endpoint: "sttt", router: "c-sttt", circuits: ["L2-0001"] },
  { endpoint: "xa-kh", router: "c-xakh", circuits: ["L2-0002", "L2-0003"] },
];
const EDGE_NAMES: Record<string, string> = { "dc1-rt-tslcd-01": "e1", "dc1-rt-tslcd-02": "e2" };
let primaryPeSide = "";
let pairSide = { e1: "", e2: "" };

function peConfig(neighbors: Array<{ peer: string; asn: number; agency: boolean }>): string {
  const lines = ["hostname pe-cap2", "router bgp 64513", " bgp router-id 192.0.2.254", " no bgp ebgp-requires-policy", " no bgp default ipv4-unicast", " no bgp network import-check"];
  for (const n of neighbors) lines.push(` neighbor ${n.peer} remote-as ${n.asn}`, ...(n.agency ? [] : [` neighbor ${n.peer} bfd`]));
  for (const fam of ["ipv4", "ipv6"] as const) {
    lines.push(` address-family ${fam} unicast`);
    // A leak on the carrier's side: every CE must drop it.
    lines.push(`  network ${UNDECLARED[fam]}`);
    // The agencies share one AS: the carrier's PE overrides it so one agency accepts another's routes.
    for (const n of neighbors.filter((x) => x.peer.includes(":") === (fam === "ipv6"))) lines.push(`  neighbor ${n.peer} activate`, ...(n.agency ? [`  neighbor ${n.peer} as-override`] : []));
    lines.push(" exit-address-family");
  }
  return `${lines.join("\n")}\nexit\n`;
}

/** Prefixes of one family a router's BGP table holds. */
function bgpPrefixes(router: string, family: "ipv4" | "ipv6"): string[] {
  const t = lab.show(router, `show bgp ${family} unicast json`) as { routes?: Record<string, unknown> };
  return Object.keys(t.routes ?? {}).sort();
}

/** The next hops of the best path of one prefix in a router's BGP table. */
function bestNextHops(router: string, family: "ipv4" | "ipv6", prefix: string): string[] {
  const t = lab.show(router, `show bgp ${family} unicast ${prefix} json`) as { paths?: Array<{ bestpath?: { overall?: boolean }; nexthops?: Array<{ ip: string }> }> };
  return (t.paths ?? []).filter((p) => p.bestpath?.overall === true).flatMap((p) => (p.nexthops ?? []).map((n) => n.ip));
}

/** What a CPE accepts of what the lab's edge pair announces. */
function reachable(endpoint: string, f: "ipv4" | "ipv6"): string[] {
  const announced = edges[0].vrfs.find((v) => v.vpn === VPN)!.announce[f];
  return cpes.find((c) => c.endpoint === endpoint)!.vrfs.find((v) => v.vpn === VPN)!.accept[f].filter((p) => announced.includes(p));
}

function established(router: string): boolean {
  const s = lab.show(router, "show bgp summary json") as Record<string, { peers?: Record<string, { state: string }> }>;
  const peers = [...Object.values(s.ipv4Unicast?.peers ?? {}), ...Object.values(s.ipv6Unicast?.peers ?? {})];
  return peers.length > 0 && peers.every((p) => p.state === "Established");
}

beforeAll(async () => {
  expect(edges.map((e) => e.device).sort()).toEqual(Object.keys(EDGE_NAMES));
  expect(edges.every((e) => e.vrfs.find((v) => v.vpn === VPN)!.ibgp.length === 2)).toBe(true);
  lab.addRouter("pe");
  const peNeighbors: Array<{ peer: string; asn: number; agency: boolean }> = [];
  for (const e of edges) {
    const name = EDGE_NAMES[e.device];
    lab.addRouter(name);
    const v = e.vrfs.find((x) => x.vpn === VPN)!;
    const uplink = v.sessions[0].uplink;
    const l = linkOf(`tslcd/link/dc1/${uplink}/${VPN}`);
    const ifs = lab.link({ router: "pe", addrs: [l.pe.ipv4 + lengthOf(l.ipv4), l.pe.ipv6 + lengthOf(l.ipv6)] }, { router: name, addrs: [l.ce.ipv4 + lengthOf(l.ipv4), l.ce.ipv6 + lengthOf(l.ipv6)] });
    if (!v.sessions[0].backup) primaryPeSide = ifs.a;
    peNeighbors.push({ peer: l.ce.ipv4, asn: e.asn, agency: false }, { peer: l.ce.ipv6, asn: e.asn, agency: false });
    // The DC's published LANs behind the pair, each stood in for by its first address on both routers' loopbacks.
    lab.loopback(name, [...v.announce.ipv4.map((p) => `${firstHost(p)}/32`), ...v.announce.ipv6.map((p) => `${firstHost(p)}/128`)]);
  }
  // The pair's interconnect: each router's loopback addresses, the other's reachable over it.
  const [l1, l2] = ["dc1-rt-tslcd-01", "dc1-rt-tslcd-02"].map(loopbackOf);
  const ifs = lab.pointToPoint({ router: "e1", addrs: [l1.ipv4, l1.ipv6] }, { router: "e2", addrs: [l2.ipv4, l2.ipv6] });
  pairSide = { e1: ifs.a, e2: ifs.b };
  for (const a of AGENCIES) {
    lab.addRouter(a.router);
    const lan = lanOf(a.endpoint);
    const peers: string[] = [];
    for (const c of a.circuits) {
      const l = linkOf(`tslcd/link/${a.endpoint}/${c}`);
      lab.link({ router: "pe", addrs: [l.pe.ipv4 + lengthOf(l.ipv4), l.pe.ipv6 + lengthOf(l.ipv6)] }, { router: a.router, addrs: [l.ce.ipv4 + lengthOf(l.ipv4), l.ce.ipv6 + lengthOf(l.ipv6)] });
      peers.push(l.pe.ipv4, l.pe.ipv6);
      peNeighbors.push({ peer: l.ce.ipv4, asn: province.inventory.tslcd!.cpeAsn, agency: true }, { peer: l.ce.ipv6, asn: province.inventory.tslcd!.cpeAsn, agency: true });
    }
    lab.loopback(a.router, [`${firstHost(lan.ipv4)}/32`, `${firstHost(lan.ipv6)}/128`]);
    const cpe = cpes.find((c) => c.endpoint === a.endpoint)!;
    expect(cpe.vrfs.flatMap((v) => v.sessions.map((x) => x.peer)).sort()).toEqual([...peers].sort());
    await lab.start(a.router, renderCpeFrr(cpe));
  }
  await lab.start("pe", peConfig(peNeighbors));
  for (const e of edges) await lab.start(EDGE_NAMES[e.device], renderEdgeFrr(e, { instances: "default", only: VPN }));
});

afterAll(async () => {
  await lab.destroy();
});

/** The edge router's BFD peers that are up: `<peer> multihop|singlehop`. */
function bfdUp(router: string): string[] {
  const peers = lab.show(router, "show bfd peers json") as Array<{ peer: string; multihop: boolean; status: string }>;
  return peers.filter((p) => p.status === "up").map((p) => `${p.peer} ${p.multihop ? "multihop" : "singlehop"}`).sort();
}

it("brings up every IPv4 and IPv6 session of the edge pair, the PE and the CPEs", async () => {
  for (const r of ["e1", "e2", "pe", "c-sttt", "c-xakh"]) await waitFor(`${r}'s sessions`, 90_000, () => established(r));
});

it("runs BFD on the edge pair's iBGP, loopback to loopback (multihop), in both families", async () => {
  const loops = { e1: loopbackOf("dc1-rt-tslcd-01"), e2: loopbackOf("dc1-rt-tslcd-02") };
  for (const [r, other] of [["e1", loops.e2], ["e2", loops.e1]] as const) {
    const expected = [`${other.ipv4} multihop`, `${other.ipv6} multihop`];
    await waitFor(`${r}'s BFD sessions to its pair`, 60_000, () => expected.every((e) => bfdUp(r).includes(e)));
  }
});

it("each edge router learns exactly the declared agency LANs, never the undeclared prefix", async () => {
  const declared = { ipv4: AGENCIES.map((a) => lanOf(a.endpoint).ipv4).sort(), ipv6: AGENCIES.map((a) => lanOf(a.endpoint).ipv6).sort() };
  for (const r of ["e1", "e2"])
    for (const f of ["ipv4", "ipv6"] as const) {
      await waitFor(`${r} to learn the ${f} LANs`, 60_000, () => declared[f].every((p) => bgpPrefixes(r, f).includes(p)));
      // Besides the LANs, only what the router originates itself (the other edge's copy carries our AS: a loop, refused).
      const own = edges.find((e) => EDGE_NAMES[e.device] === r)!.vrfs.find((v) => v.vpn === VPN)!.announce[f];
      expect(bgpPrefixes(r, f)).toEqual([...new Set([...declared[f], ...own])].sort());
      expect(bgpPrefixes(r, f)).not.toContain(UNDECLARED[f]);
    }
  // The carrier itself carried the undeclared prefix: it was the edge's filter that dropped it.
  expect(bgpPrefixes("pe", "ipv4")).toContain(UNDECLARED.ipv4);
  expect(bgpPrefixes("pe", "ipv6")).toContain(UNDECLARED.ipv6);
});

it("each CPE learns exactly the DC prefixes its agency's flows open, never another agency's LAN or the leak", async () => {
  for (const a of AGENCIES) {
    for (const f of ["ipv4", "ipv6"] as const) {
      // What it accepts from the DC site in the lab (its accept list also holds the other site's prefixes).
      const accept = reachable(a.endpoint, f);
      expect(accept.length).toBeGreaterThan(0);
      await waitFor(`${a.router} to learn its ${f} DC prefixes`, 60_000, () => accept.every((p) => bgpPrefixes(a.router, f).includes(p)));
      expect(bgpPrefixes(a.router, f)).toEqual([...new Set([...accept, lanOf(a.endpoint)[f]])].sort());
    }
  }
  // The commune's own flow opens the LGSP to it alone: the department, on the same VPN, is offered it and drops it.
  expect(reachable("xa-kh", "ipv4").filter((p) => !reachable("sttt", "ipv4").includes(p)).length).toBeGreaterThan(0);
});

it("the agencies reach the DC over IPv4 and IPv6; after the primary circuit is cut they still do, and its router keeps every LAN through its pair", async () => {
  const probes = AGENCIES.flatMap((a) => (["ipv4", "ipv6"] as const).flatMap((f) => reachable(a.endpoint, f).map((p) => ({ router: a.router, src: firstHost(lanOf(a.endpoint)[f]), dst: firstHost(p) }))));
  expect(probes.length).toBeGreaterThanOrEqual(AGENCIES.length * 2);
  for (const p of probes) await waitFor(`${p.router} to reach ${p.dst}`, 60_000, () => lab.ping(p.router, p.src, p.dst));
  // What no flow opens to an agency is not routed to it: the department cannot reach the commune's LGSP.
  const closed = edges[0].vrfs.find((v) => v.vpn === VPN)!.announce.ipv4.filter((p) => !reachable("sttt", "ipv4").includes(p));
  expect(closed.length).toBeGreaterThan(0);
  for (const p of closed) expect(lab.ping("c-sttt", firstHost(lanOf("sttt").ipv4), firstHost(p))).toBe(false);
  expect(primaryPeSide).not.toBe("");
  const primary = edges.find((e) => !e.vrfs.find((v) => v.vpn === VPN)!.sessions[0].backup)!;
  const cutRouter = EDGE_NAMES[primary.device];
  const other = loopbackOf(edges.find((e) => e !== primary)!.device);
  const lans = AGENCIES.flatMap((a) => (["ipv4", "ipv6"] as const).map((f) => ({ f, prefix: lanOf(a.endpoint)[f] })));
  lab.exec("pe", ["ip", "link", "set", primaryPeSide, "down"]);
  const start = process.hrtime.bigint();
  for (const p of probes) await waitFor(`${p.router} to reach ${p.dst} after the cut`, 90_000, () => lab.ping(p.router, p.src, p.dst));
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  for (const l of lans) await waitFor(`${cutRouter} to reach ${l.prefix} through its pair`, 90_000, () => bestNextHops(cutRouter, l.f, l.prefix).includes(other[l.f]));
  const ibgpMs = Number(process.hrtime.bigint() - start) / 1e6;
  console.log(
    `TSLCD convergence after cutting the primary circuit: every agency reaches the DC again (IPv4 and IPv6) after ${ms.toFixed(0)} ms; ` +
      `the cut router reaches every agency LAN through its pair (iBGP, next-hop-self) after ${ibgpMs.toFixed(0)} ms`,
  );
  // The kernel forwards the cut router's traffic to the agencies over the pair's interconnect.
  for (const l of lans) expect(lab.exec(cutRouter, ["ip", ...(l.f === "ipv6" ? ["-6"] : []), "route", "get", firstHost(l.prefix)])).toContain(`dev ${pairSide[cutRouter as "e1" | "e2"]}`);
  expect(established(EDGE_NAMES[edges.find((e) => e !== primary)!.device])).toBe(true);
});
