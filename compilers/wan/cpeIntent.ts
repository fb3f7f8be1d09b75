/**
 * What an agency's CPE must do, from the same intent as the DC edge (`edgeIntent.ts`): eBGP to the carrier's
 * PE on each of its circuits (both families), announcing exactly its LAN, accepting exactly the DC prefixes
 * a flow in force opens to that agency (as the routes the edge announces for them, at every site carrying the
 * circuit's VPN), maximum-prefix, BFD and the preference of its two circuits. So a CPE never accepts a route
 * its edge does not announce, and never one no flow opens to its agency. Endpoints routed statically by the carrier have no BGP and get no intent.
 * Pure: the FRR text comes from `renderFrr.ts` (`renderCpeFrr`).
 */
import type { Inventory, TslcdEndpoint, TslcdVpn } from "../../inventory/model";
import type { AddressPlan, TslcdLanPlan, TslcdLinkPlan } from "../../inventory/addressing/types";
import { compareText, tslcdLinkIdentity } from "../../inventory/addressing/identity";
import { siteVpns, vpnMap } from "../../inventory/tslcd/attachments";
import { outermostPrefixes, selectsLan } from "../../inventory/tslcd/selector";
import type { Family } from "../flows/types";
import { contains, parsePrefix } from "../../inventory/addressing/prefix";
import { announcedPrefixes, dcPrefixesOpenedTo, defaultMaxPrefixes, tslcdOpenings, type BgpRouterIntent, type EdgeSession, type EdgeVrf, type PrefixSets, type TslcdOpening } from "./edgeIntent";

/** One agency CPE speaking BGP with the carrier. */
export interface CpeIntent extends BgpRouterIntent {
  /** The endpoint it serves. */
  endpoint: string;
  /** The unit in force owning the endpoint. */
  owner: string;
  /** `frr`: a Linux CPE that loads the rendered file; `vendor`: the neutral record is the artefact. */
  platform: "frr" | "vendor";
  /** Its LAN (announced on every circuit). */
  lan: PrefixSets;
}

/** What the CPE compiler reads. */
export interface CpeContext {
  inventory: Inventory;
  /** The province's plan (sites with their `tslcdLans`, the TSLCD links and LANs). */
  province: AddressPlan;
  /** Evaluation date: flows expired before it open nothing. Absent: every flow. */
  asOf?: string;
}

/** A problem that stops a CPE from being compiled (missing addressing). */
export interface CpeProblem {
  endpoint: string;
  message: string;
}

const FAMILIES: readonly Family[] = ["ipv4", "ipv6"];

/** The CPE's host name: `cpe-<endpoint>` (an endpoint id is a slug). */
export function cpeName(endpoint: string): string {
  return `cpe-${endpoint}`;
}

/** Per site carrying a VPN: the site's openings towards the TSLCD and what its edge announces per VPN (resolved once per compilation). */
type SiteOpenings = Array<{ site: string; vpns: ReadonlySet<string>; lans: ReadonlySet<string>; openings: TslcdOpening[]; announced: (vpn: string) => PrefixSets }>;

function siteOpenings(ctx: CpeContext): SiteOpenings {
  const vpnById = vpnMap(ctx.inventory);
  return ctx.province.sites
    .map((plan) => ({ plan, vpns: new Set(siteVpns(ctx.inventory, plan.site)) }))
    .filter((s) => s.vpns.size > 0)
    .map(({ plan, vpns }) => {
      const edge = { inventory: ctx.inventory, plan, province: ctx.province, asOf: ctx.asOf };
      const openings = tslcdOpenings(edge);
      const cache = new Map<string, PrefixSets>();
      const announced = (vpn: string): PrefixSets => {
        let sets = cache.get(vpn);
        if (sets === undefined) cache.set(vpn, (sets = announcedPrefixes(edge, vpnById.get(vpn)!, openings)));
        return sets;
      };
      return { site: plan.site, vpns, lans: new Set((plan.tslcdLans ?? []).map((l) => l.endpoint)), openings, announced };
    });
}

/** The announced prefixes (exact routes) that carry a set of opened prefixes: each opened one lies in one of them. */
function carrying(announced: readonly string[], opened: readonly string[]): string[] {
  const parsed = announced.map((text) => ({ text, p: parsePrefix(text) }));
  const out = new Set<string>();
  for (const o of opened) {
    const q = parsePrefix(o);
    for (const a of parsed) if (a.p.ok && q.ok && contains(a.p.prefix, q.prefix)) out.add(a.text);
  }
  return [...out];
}

/**
 * The DC routes one agency LAN accepts in one VPN: at every site whose circuits carry that VPN and reach
 * the LAN, the edge's announced prefixes that hold a DC prefix a flow in force opens to the LAN.
 * @param sites the sites' openings
 * @param lan the endpoint's LAN
 * @param vpn the VPN id
 */
function cpeAcceptedPrefixes(sites: SiteOpenings, lan: TslcdLanPlan, vpn: string): PrefixSets {
  const out: PrefixSets = { ipv4: [], ipv6: [] };
  for (const s of sites) {
    if (!s.vpns.has(vpn) || !s.lans.has(lan.endpoint)) continue;
    const sets = dcPrefixesOpenedTo(s.openings, (sel) => selectsLan(sel, lan));
    // The routes the edge announces that carry them (an announced zone block may hold the opened tier).
    const announced = s.announced(vpn);
    for (const f of FAMILIES) out[f].push(...carrying(announced[f], sets[f]));
  }
  return { ipv4: outermostPrefixes(out.ipv4), ipv6: outermostPrefixes(out.ipv6) };
}

/** Lookups built once per compilation (a province has hundreds of endpoints). */
interface Index {
  vpns: ReadonlyMap<string, TslcdVpn>;
  lans: ReadonlyMap<string, TslcdLanPlan>;
  links: ReadonlyMap<string, TslcdLinkPlan>;
  sites: SiteOpenings;
}

/**
 * One endpoint's CPE intent, or undefined when none of its circuits runs BGP.
 * @param ctx the province
 * @param index the province's lookups
 * @param e the endpoint
 * @param problems where missing addressing is reported
 */
function compileCpe(ctx: CpeContext, index: Index, e: TslcdEndpoint, problems: CpeProblem[]): CpeIntent | undefined {
  const net = ctx.inventory.tslcd!;
  const { vpns, lans, links, sites } = index;
  const bgp = e.attachments.filter((a) => a.cpe.routing === "bgp" && vpns.has(a.vpn));
  if (bgp.length === 0) return undefined;
  const lan = lans.get(e.id);
  if (lan === undefined) {
    problems.push({ endpoint: e.id, message: "no LAN in the address plan (run npm run addressplan)" });
    return undefined;
  }
  const vrfs = new Map<string, EdgeVrf>();
  for (const a of bgp) {
    const link = links.get(tslcdLinkIdentity(e.id, a.circuit));
    if (link === undefined) {
      problems.push({ endpoint: e.id, message: `no PE–CE link in the address plan for circuit "${a.circuit}" (run npm run addressplan)` });
      continue;
    }
    const vpn = vpns.get(a.vpn)!;
    let v = vrfs.get(vpn.id);
    if (v === undefined) {
      const accept = cpeAcceptedPrefixes(sites, lan, vpn.id);
      v = {
        vpn: vpn.id,
        vrf: vpn.vrf,
        level: vpn.level,
        peAsn: vpn.peAsn,
        sessions: [],
        accept,
        announce: { ipv4: [lan.ipv4], ipv6: [lan.ipv6] },
        maxPrefixes: { ipv4: vpn.maxPrefixes ?? defaultMaxPrefixes(accept.ipv4.length), ipv6: vpn.maxPrefixes ?? defaultMaxPrefixes(accept.ipv6.length) },
        ibgp: [],
      };
      vrfs.set(vpn.id, v);
    }
    for (const f of FAMILIES) {
      const s: EdgeSession = { family: f, local: link.ce[f], peer: link.pe[f], uplink: a.circuit, circuit: a.circuit, backup: net.paths === "preference" && a.backup };
      v.sessions.push(s);
    }
  }
  const list = [...vrfs.values()].sort((a, b) => compareText(a.vrf, b.vrf));
  if (list.length === 0) return undefined;
  for (const v of list) v.sessions.sort((a, b) => compareText(a.family, b.family) || compareText(a.uplink, b.uplink));
  const platforms = new Set(bgp.map((a) => a.cpe.platform));
  return {
    device: cpeName(e.id),
    endpoint: e.id,
    owner: lan.owner,
    platform: platforms.has("frr") ? "frr" : "vendor",
    asn: net.cpeAsn,
    routerId: list.flatMap((v) => v.sessions).find((s) => s.family === "ipv4")!.local,
    paths: net.paths,
    bfd: { intervalMs: net.bfd.intervalMs, multiplier: net.bfd.multiplier },
    vrfs: list,
    lan: { ipv4: [lan.ipv4], ipv6: [lan.ipv6] },
  };
}

/**
 * Every agency CPE that speaks BGP, sorted by endpoint; problems when the plan lacks a LAN or a link.
 * @param ctx the province
 */
export function compileCpeIntents(ctx: CpeContext): { cpes: CpeIntent[]; problems: CpeProblem[] } {
  if (ctx.inventory.tslcd === undefined) return { cpes: [], problems: [] };
  const problems: CpeProblem[] = [];
  const index: Index = {
    vpns: vpnMap(ctx.inventory),
    lans: new Map((ctx.province.tslcd?.lans ?? []).map((l) => [l.endpoint, l])),
    links: new Map((ctx.province.tslcd?.links ?? []).map((l) => [l.id, l])),
    sites: siteOpenings(ctx),
  };
  const cpes = ctx.inventory.tslcdEndpoints
    .map((e) => compileCpe(ctx, index, e, problems))
    .filter((c): c is CpeIntent => c !== undefined)
    .sort((a, b) => compareText(a.endpoint, b.endpoint));
  return { cpes, problems };
}
