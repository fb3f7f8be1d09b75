/**
 * The generated edge configuration on real FRR routers (namespaces, this run's prefix): the DC edge pair of
 * the small overlay's site dc1 (level-II VPN, rendered as the default instance: one router per VPN), the
 * carrier's level-II PE, and two agency CPEs (one department, one commune with both circuits). The PE and
 * the CPEs are the carrier's and the agencies' side, written here. Checks: IPv4 and IPv6 sessions come up;
 * each edge router learns exactly the declared LANs and never the undeclared prefix a CPE announces; the
 * agencies reach the DC over IPv4 and IPv6; cutting the primary circuit keeps them reaching it (the
 * convergence time is printed, not asserted).
 */
import { loadTslcdProvince } from "../wan/support/fixture";
import { compileEdgeIntent, type EdgeRouterIntent } from "../../compilers/wan/edgeIntent";
import { renderEdgeFrr } from "../../compilers/wan/renderFrr";
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
const links = province.addressPlan.tslcd!.links;
const lengthOf = (p: string): string => p.slice(p.indexOf("/"));
const linkOf = (id: string): TslcdLinkPlan => links.find((l) => l.id === id)!;
const lanOf = (endpoint: string) => province.addressPlan.tslcd!.lans.find((l) => l.endpoint === endpoint)!;
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
const dcTarget = { ipv4: "", ipv6: "" };
let primaryPeSide = "";

function peConfig(neighbors: Array<{ peer: string; asn: number; agency: boolean }>): string {
  const lines = ["hostname pe-cap2", "router bgp 64513", " bgp router-id 192.0.2.254", " no bgp ebgp-requires-policy", " no bgp default ipv4-unicast"];
  for (const n of neighbors) lines.push(` neighbor ${n.peer} remote-as ${n.asn}`, ...(n.agency ? [] : [` neighbor ${n.peer} bfd`]));
  for (const fam of ["ipv4", "ipv6"] as const) {
    lines.push(` address-family ${fam} unicast`);
    // The agencies share one AS: the carrier's PE overrides it so one agency accepts another's routes.
    for (const n of neighbors.filter((x) => x.peer.includes(":") === (fam === "ipv6"))) lines.push(`  neighbor ${n.peer} activate`, ...(n.agency ? [`  neighbor ${n.peer} as-override`] : []));
    lines.push(" exit-address-family");
  }
  return `${lines.join("\n")}\nexit\n`;
}

function cpeConfig(name: string, asn: number, peers: string[], announce: string[]): string {
  const lines = [`hostname ${name}`, `router bgp ${asn}`, " no bgp ebgp-requires-policy", " no bgp default ipv4-unicast", " no bgp network import-check"];
  for (const p of peers) lines.push(` neighbor ${p} remote-as 64513`);
  for (const fam of ["ipv4", "ipv6"] as const) {
    lines.push(` address-family ${fam} unicast`);
    for (const a of announce.filter((x) => x.includes(":") === (fam === "ipv6"))) lines.push(`  network ${a}`);
    for (const p of peers.filter((x) => x.includes(":") === (fam === "ipv6"))) lines.push(`  neighbor ${p} activate`);
    lines.push(" exit-address-family");
  }
  return `${lines.join("\n")}\nexit\n`;
}

/** Prefixes of one family a router's BGP table holds. */
function bgpPrefixes(router: string, family: "ipv4" | "ipv6"): string[] {
  const t = lab.show(router, `show bgp ${family} unicast json`) as { routes?: Record<string, unknown> };
  return Object.keys(t.routes ?? {}).sort();
}

function established(router: string): boolean {
  const s = lab.show(router, "show bgp summary json") as Record<string, { peers?: Record<string, { state: string }> }>;
  const peers = [...Object.values(s.ipv4Unicast?.peers ?? {}), ...Object.values(s.ipv6Unicast?.peers ?? {})];
  return peers.length > 0 && peers.every((p) => p.state === "Established");
}

beforeAll(async () => {
  expect(edges.map((e) => e.device).sort()).toEqual(Object.keys(EDGE_NAMES));
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
    // The DC's published LAN behind the pair, stood in for by the same address on both routers' loopbacks.
    dcTarget.ipv4 = firstHost(v.announce.ipv4[0]);
    dcTarget.ipv6 = firstHost(v.announce.ipv6[0]);
    lab.loopback(name, [`${dcTarget.ipv4}/32`, `${dcTarget.ipv6}/128`]);
  }
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
    await lab.start(a.router, cpeConfig(a.router, province.inventory.tslcd!.cpeAsn, peers, [lan.ipv4, lan.ipv6, UNDECLARED.ipv4, UNDECLARED.ipv6]));
  }
  await lab.start("pe", peConfig(peNeighbors));
  for (const e of edges) await lab.start(EDGE_NAMES[e.device], renderEdgeFrr(e, { instances: "default", only: VPN }));
});

afterAll(async () => {
  await lab.destroy();
});

it("brings up every IPv4 and IPv6 session of the edge pair, the PE and the CPEs", async () => {
  for (const r of ["e1", "e2", "pe", "c-sttt", "c-xakh"]) await waitFor(`${r}'s sessions`, 90_000, () => established(r));
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

it("the agencies reach the DC over IPv4 and IPv6, and still do after the primary circuit is cut", async () => {
  const probes = AGENCIES.flatMap((a) => (["ipv4", "ipv6"] as const).map((f) => ({ router: a.router, src: firstHost(lanOf(a.endpoint)[f]), dst: dcTarget[f] })));
  for (const p of probes) await waitFor(`${p.router} to reach ${p.dst}`, 60_000, () => lab.ping(p.router, p.src, p.dst));
  expect(primaryPeSide).not.toBe("");
  lab.exec("pe", ["ip", "link", "set", primaryPeSide, "down"]);
  const start = process.hrtime.bigint();
  for (const p of probes) await waitFor(`${p.router} to reach ${p.dst} after the cut`, 90_000, () => lab.ping(p.router, p.src, p.dst));
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  console.log(`TSLCD convergence after cutting the primary circuit: every agency reaches the DC again (IPv4 and IPv6) after ${ms.toFixed(0)} ms`);
  expect(established("e2")).toBe(true);
});
