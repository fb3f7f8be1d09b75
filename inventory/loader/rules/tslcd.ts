import { agencyMap, currentUnits, type Endpoint, type Inventory, type PhysicalRoute, type TslcdLevel } from "../../model";
import { endpointOwner, level3Sites, siteCircuits, vpnMap } from "../../tslcd/attachments";
import { diversePair, notDiverse } from "../../tslcd/diversity";
import type { InventoryIndex } from "./inventoryIndex";
import { duplicates, unknownReference, type RuleProblem } from "./ruleProblem";

type Path = (string | number)[];

const isIpv6 = (p: string): boolean => p.includes(":");

/**
 * The TSLCD (dedicated network) model holds together:
 * - every TSLCD prefix and block is dual-stack: `prefix` is IPv4 and `ipv6` its IPv6 twin; carrier-assigned
 *   PE–CE links give both families; explicit LANs are written in their own family;
 * - VPNs, VRF names, routes, endpoints and circuit ids are unique; endpoints, circuits and flows name
 *   VPNs, routes and agencies that exist; an endpoint of a former unit leads to one unit in force;
 * - CE devices have the router role: a DC circuit ends on a `router` device of its site, and an agency CPE
 *   that speaks BGP is a router;
 * - at every site hosting a level-3 system, each level the province has VPNs of is reached by two circuits
 *   on different entrances and diverse physical routes (identities, not text: QĐ 8/2023/QĐ-TTg, TT 19/2023);
 * - a flow's `level`, `holds` and `agencies` narrow `external: tslcd` only, name agencies in force, and
 *   select at least one prefix of the province.
 * Address overlaps (LANs and links against each other and against the DC's space) are the address plan's.
 * @param inv a schema-valid inventory
 * @param idx shared lookups
 */
export function tslcdRules(inv: Inventory, idx: InventoryIndex): RuleProblem[] {
  const p: RuleProblem[] = [];
  p.push(...prefixFamilyProblems(inv));
  p.push(...flowSelectorProblems(inv, idx));
  const net = inv.tslcd;
  if (net === undefined) {
    if (inv.tslcdEndpoints.length > 0)
      p.push({ path: ["tslcdEndpoints", 0], message: "expected the province's `tslcd` section (VPNs, level-II blocks, routes) before any TSLCD endpoint", found: `${inv.tslcdEndpoints.length} endpoint(s)` });
    inv.uplinks.forEach((u, i) => {
      if ((u.vpns ?? []).length > 0) p.push({ path: ["uplinks", i, "vpns"], message: "expected the province's `tslcd` section to define these VPNs", found: JSON.stringify(u.vpns) });
    });
    return p;
  }
  const vpns = vpnMap(inv);
  const routes = new Map<string, PhysicalRoute>();
  for (const r of net.routes) if (!routes.has(r.id)) routes.set(r.id, r);
  p.push(...duplicates(net.vpns, (v) => v.id, (i) => ["tslcd", "vpns", i, "id"], (v) => `duplicate VPN id "${v.id}"`));
  p.push(...duplicates(net.vpns, (v) => v.vrf, (i) => ["tslcd", "vpns", i, "vrf"], (v) => `duplicate VRF name "${v.vrf}": each VPN runs as its own routing instance`));
  p.push(...duplicates(net.routes, (r) => r.id, (i) => ["tslcd", "routes", i, "id"], (r) => `duplicate physical route id "${r.id}"`));
  p.push(...duplicates(inv.tslcdEndpoints, (e) => e.id, (i) => ["tslcdEndpoints", i, "id"], (e) => `duplicate TSLCD endpoint id "${e.id}"`));
  const vpnRef = (path: Path, id: string): void => {
    if (!vpns.has(id)) p.push(unknownReference(path, id, "a VPN id defined under tslcd.vpns", vpns.keys()));
  };
  const routeRef = (path: Path, id: string): void => {
    if (!routes.has(id)) p.push(unknownReference(path, id, "a physical route id defined under tslcd.routes", routes.keys()));
  };

  // Circuit ids are unique across the province (the carrier's key for every ticket and invoice).
  const circuits: Array<{ id: string; path: Path }> = [];
  const agencies = agencyMap(inv.agencies);
  inv.tslcdEndpoints.forEach((e, ei) => {
    const base: Path = ["tslcdEndpoints", ei];
    if (!idx.agencies.has(e.agency)) p.push(unknownReference([...base, "agency"], e.agency, "an agency code defined under agencies", idx.agencies));
    else if (endpointOwner(agencies, e) === undefined) {
      const now = currentUnits(agencies, e.agency);
      p.push({
        path: [...base, "agency"],
        message:
          now.length === 0
            ? `expected an agency whose lineage leads to a unit in force; "${e.agency}" ceased and leads nowhere`
            : `expected one unit in force; "${e.agency}" ceased on ${agencies.get(e.agency)?.ceased ?? "?"} and its lineage leads to ${now.join(", ")}: name the unit that owns the endpoint now`,
        found: JSON.stringify(e.agency),
      });
    }
    if (e.lan?.ipv4 !== undefined && isIpv6(e.lan.ipv4)) p.push({ path: [...base, "lan", "ipv4"], message: "expected an IPv4 prefix", found: e.lan.ipv4 });
    if (e.lan?.ipv6 !== undefined && !isIpv6(e.lan.ipv6)) p.push({ path: [...base, "lan", "ipv6"], message: "expected an IPv6 prefix", found: e.lan.ipv6 });
    e.attachments.forEach((a, ai) => {
      const at: Path = [...base, "attachments", ai];
      vpnRef([...at, "vpn"], a.vpn);
      routeRef([...at, "route"], a.route);
      circuits.push({ id: a.circuit, path: [...at, "circuit"] });
      if (a.cpe.routing === "bgp" && a.cpe.role !== "router")
        p.push({ path: [...at, "cpe", "role"], message: "expected a router: a CE that speaks BGP with the carrier's PE has the router role (an L3 switch takes `routing: static`)", found: JSON.stringify(a.cpe.role) });
      if (a.cpe.platform === "frr" && a.cpe.routing !== "bgp")
        p.push({ path: [...at, "cpe", "routing"], message: "expected `bgp`: the FRR rendering of a Linux CPE peers with the PE", found: JSON.stringify(a.cpe.routing) });
      if (a.link !== undefined) {
        if (a.link.ipv4 === undefined || a.link.ipv6 === undefined)
          p.push({ path: [...at, "link"], message: "expected both ipv4 and ipv6: a carrier-assigned PE–CE link is dual-stack (leave `link` out to allocate it)", found: JSON.stringify(a.link) });
        if (a.link.ipv4 !== undefined && isIpv6(a.link.ipv4)) p.push({ path: [...at, "link", "ipv4"], message: "expected an IPv4 prefix", found: a.link.ipv4 });
        if (a.link.ipv6 !== undefined && !isIpv6(a.link.ipv6)) p.push({ path: [...at, "link", "ipv6"], message: "expected an IPv6 prefix", found: a.link.ipv6 });
      }
    });
  });

  inv.uplinks.forEach((u, ui) => {
    const base: Path = ["uplinks", ui];
    const carried = u.vpns ?? [];
    if (u.kind !== "tslcd") {
      if (carried.length > 0) p.push({ path: [...base, "vpns"], message: "expected no VPNs: only a `tslcd` uplink carries TSLCD VPNs", found: JSON.stringify(carried) });
      return;
    }
    if (carried.length === 0) {
      p.push({ path: [...base, "vpns"], message: "expected the TSLCD VPNs this circuit carries (ids under tslcd.vpns)", found: "none" });
      return;
    }
    carried.forEach((v, vi) => vpnRef([...base, "vpns", vi], v));
    if (u.circuit === undefined) p.push({ path: base, message: "expected `circuit`: the carrier's circuit id of a TSLCD uplink" });
    else circuits.push({ id: u.circuit, path: [...base, "circuit"] });
    if (u.physicalRoute === undefined) p.push({ path: base, message: "expected `physicalRoute`: the identity of the cable route (id under tslcd.routes), compared for diversity" });
    else routeRef([...base, "physicalRoute"], u.physicalRoute);
    const d = idx.devices.get(u.device);
    if (d && d.role !== "router")
      p.push({ path: [...base, "device"], message: `expected a router: the CE of a TSLCD circuit has the router role; "${u.device}" is a ${d.role}`, found: JSON.stringify(u.device) });
  });
  p.push(...duplicates(circuits, (c) => c.id, (i) => circuits[i].path, (c) => `duplicate circuit id "${c.id}": the carrier's circuit ids are unique`));
  p.push(...redundancyProblems(inv, routes));
  return p;
}

/** `prefix` is IPv4 and `ipv6` its twin, on every site TSLCD prefix and level-II block. */
function prefixFamilyProblems(inv: Inventory): RuleProblem[] {
  const p: RuleProblem[] = [];
  const check = (base: Path, t: { prefix: string; ipv6: string }): void => {
    if (isIpv6(t.prefix)) p.push({ path: [...base, "prefix"], message: "expected the IPv4 prefix (write its IPv6 twin under `ipv6` of the same entry)", found: t.prefix });
    if (!isIpv6(t.ipv6)) p.push({ path: [...base, "ipv6"], message: "expected the IPv6 twin of the prefix", found: t.ipv6 });
  };
  inv.sites.forEach((s, si) => s.tslcd.forEach((t, ti) => check(["sites", si, "tslcd", ti], t)));
  inv.tslcd?.blocks.forEach((b, bi) => check(["tslcd", "blocks", bi], b));
  return p;
}

/**
 * At every site hosting a level-3 system, each level with a VPN in the province is reached by two
 * circuits on different entrances and diverse routes.
 */
function redundancyProblems(inv: Inventory, routes: ReadonlyMap<string, PhysicalRoute>): RuleProblem[] {
  const p: RuleProblem[] = [];
  const vpns = vpnMap(inv);
  const levels = [...new Set(inv.tslcd?.vpns.map((v) => v.level) ?? [])].sort();
  const hosting = level3Sites(inv);
  inv.sites.forEach((s, si) => {
    if (!hosting.has(s.id)) return;
    for (const level of levels) {
      const on = siteCircuits(inv, s.id).filter((u) => (u.vpns ?? []).some((v) => vpns.get(v)?.level === level));
      const paths = on.map((u) => ({ id: u.id, entrance: u.entrance, route: u.physicalRoute }));
      if (diversePair(paths, routes)) continue;
      const why =
        paths.length < 2
          ? `${paths.length} circuit(s)${paths.length === 1 ? ` (${paths[0].id})` : ""}`
          : `circuits ${paths.map((c) => c.id).join(", ")} that are not diverse (${notDiverse(paths[0], paths[1], routes) ?? "?"})`;
      p.push({
        path: ["sites", si],
        message: `expected two TSLCD level-${level} circuits on different entrances and physical routes at site "${s.id}", which hosts level-3 systems (QĐ 8/2023/QĐ-TTg, TT 19/2023/TT-BTTTT); found ${why}`,
      });
    }
  });
  return p;
}

/** A flow's TSLCD narrowing is used on `external: tslcd` only, names agencies in force, and selects something. */
function flowSelectorProblems(inv: Inventory, idx: InventoryIndex): RuleProblem[] {
  const p: RuleProblem[] = [];
  const agencies = agencyMap(inv.agencies);
  const vpns = vpnMap(inv);
  const levelsOf = (e: Inventory["tslcdEndpoints"][number]): TslcdLevel[] => e.attachments.map((a) => vpns.get(a.vpn)?.level).filter((l): l is TslcdLevel => l !== undefined);
  const fixed = inv.sites.flatMap((s) => s.tslcd);
  inv.flows.forEach((f, fi) => {
    for (const side of ["from", "to"] as const) {
      const ep: Endpoint = f[side];
      const base: Path = ["flows", fi, side];
      const narrowing = (["level", "holds", "agencies"] as const).filter((k) => ep[k] !== undefined);
      if (narrowing.length === 0 && ep.external !== "national-platforms") continue;
      if (ep.external !== "tslcd" && narrowing.length > 0) {
        p.push({
          path: [...base, narrowing[0]],
          message: ep.external === "national-platforms" ? "expected no narrowing: `national-platforms` is the level-I national platforms (write `external: tslcd` with `level`/`holds` for other TSLCD prefixes)" : "expected `external: tslcd` with `level`, `holds` or `agencies`",
          found: narrowing.join(", "),
        });
        continue;
      }
      let agencyProblem = false;
      ep.agencies?.forEach((code, ci) => {
        if (!idx.agencies.has(code)) {
          p.push(unknownReference([...base, "agencies", ci], code, "an agency code defined under agencies", idx.agencies));
          agencyProblem = true;
        } else if (agencies.get(code)?.ceased !== undefined) {
          p.push({ path: [...base, "agencies", ci], message: `expected a unit in force; "${code}" ceased on ${agencies.get(code)?.ceased} (name ${currentUnits(agencies, code).join(", ") || "its successor"}: its endpoints follow the lineage)`, found: JSON.stringify(code) });
          agencyProblem = true;
        }
      });
      if (agencyProblem) continue;
      const level = ep.external === "national-platforms" ? "I" : ep.level;
      const holds = ep.external === "national-platforms" ? ["national-platforms"] : ep.holds;
      const fixedHit = ep.agencies === undefined && fixed.some((t) => (level === undefined || t.level === level) && (holds === undefined || holds.includes(t.holds)));
      const lanHit = inv.tslcdEndpoints.some((e) => {
        const owner = endpointOwner(agencies, e);
        return (
          owner !== undefined &&
          (level === undefined || levelsOf(e).includes(level)) &&
          (holds === undefined || holds.includes("province-agencies")) &&
          (ep.agencies === undefined || ep.agencies.includes(owner))
        );
      });
      if (!fixedHit && !lanHit)
        p.push({
          path: ep.external === "national-platforms" ? [...base, "external"] : base,
          message: `expected the TSLCD end to select at least one prefix of the province: no site TSLCD prefix${ep.agencies ? "" : ` of ${level ? `level ${level}` : "any level"}${holds ? ` holding ${holds.join(" or ")}` : ""}`} and no agency endpoint matches`,
          found: JSON.stringify({ external: ep.external, ...(ep.level ? { level: ep.level } : {}), ...(ep.holds ? { holds: ep.holds } : {}), ...(ep.agencies ? { agencies: ep.agencies } : {}) }),
        });
    }
  });
  return p;
}
