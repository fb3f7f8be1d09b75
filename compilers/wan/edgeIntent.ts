/**
 * What a site's TSLCD edge routers must do, before any vendor's syntax: per router, per carrier VPN (one
 * routing instance each), the eBGP sessions to the carrier's PEs over its circuits (both families), the
 * prefixes accepted from the PE (exactly the declared ones of that VPN: the level's fixed prefixes of the
 * carrier's plan and the LANs of the agency endpoints attached to it) and the prefixes announced to it
 * (exactly the DC prefixes a flow in force opens to a TSLCD party of that VPN), the maximum-prefix limit,
 * the preference of each path, and the iBGP sessions between the two routers of the site's edge pair (same
 * HA group; from loopback to loopback, next-hop-self, both families) so the router whose circuit is cut keeps
 * the other's routes. Pure: the FRR text comes from `renderFrr.ts`.
 */
import type { Endpoint, Inventory, TslcdVpn } from "../../inventory/model";
import type { AddressPlan, FixedPrefix, SitePlan, TslcdLanPlan } from "../../inventory/addressing/types";
import { tslcdLinkIdentity, compareText } from "../../inventory/addressing/identity";
import { siteCircuits, vpnMap } from "../../inventory/tslcd/attachments";
import { outermostPrefixes, selectsFixed, selectsLan, tslcdSelection, type TslcdSelection } from "../../inventory/tslcd/selector";
import { activeFlows } from "../../inventory/zoning/flowLifetime";
import { resolveEndpoint, type SiteContext } from "../flows/resolve";
import type { Family } from "../flows/types";
import { comparePrefixes, formatPrefix, parsePrefix } from "../../inventory/addressing/prefix";

const FAMILIES: readonly Family[] = ["ipv4", "ipv6"];

/** Per family, a sorted list of prefixes. */
export type PrefixSets = Record<Family, string[]>;

/** One eBGP session (one family) from the DC's CE to the carrier's PE on one circuit. */
export interface EdgeSession {
  family: Family;
  /** The CE's (our) address on the PE–CE link. */
  local: string;
  /** The PE's address. */
  peer: string;
  /** The carrier's uplink id and circuit id (descriptions, tickets). */
  uplink: string;
  circuit: string;
  /** True on the circuit kept as backup: lower local preference, announcements prepended (`paths: preference`). */
  backup: boolean;
}

/** One iBGP session (one family) to the other router of the edge pair, loopback to loopback. */
export interface IbgpSession {
  family: Family;
  /** Our loopback address (update-source). */
  local: string;
  /** The other router's loopback address. */
  peer: string;
  /** The other router's device name. */
  device: string;
}

/** One carrier VPN on one edge router: its routing instance and what crosses it. */
export interface EdgeVrf {
  vpn: string;
  vrf: string;
  level: TslcdVpn["level"];
  peAsn: number;
  sessions: EdgeSession[];
  /** Prefixes accepted from the PE (exact matches), per family. */
  accept: PrefixSets;
  /** Prefixes announced to the PE (exact matches; originated by `network`), per family. */
  announce: PrefixSets;
  /** Maximum prefixes accepted per session, per family. */
  maxPrefixes: Record<Family, number>;
  /** iBGP to the other router of the pair when it carries the same VPN (none on a CPE or a lone router). */
  ibgp: IbgpSession[];
}

/** A router speaking eBGP with the carrier's PEs (a DC edge router or an agency's CPE). */
export interface BgpRouterIntent {
  /** Device name (plant) or the CPE's host name. */
  device: string;
  /** Its autonomous system. */
  asn: number;
  /** BGP router id. */
  routerId: string;
  /** `preference`: primary and backup circuits; `ecmp`: both carry traffic. */
  paths: "preference" | "ecmp";
  bfd: { intervalMs: number; multiplier: number };
  vrfs: EdgeVrf[];
}

/** One TSLCD edge router of a site. */
export interface EdgeRouterIntent extends BgpRouterIntent {
  site: string;
  /** `frr`: the Pulumi program may load the configuration; `vendor`: the rendered file is an artefact. */
  platform: "frr" | "vendor";
  /** The province's AS (every site's edge routers). */
  asn: number;
  /** BGP router id: the device's IPv4 loopback, else its first circuit address. */
  routerId: string;
}

/** What the edge compiler reads. */
export interface EdgeContext {
  inventory: Inventory;
  /** The site's plan (with `tslcd` and `tslcdLans` completed by the allocator). */
  plan: SitePlan;
  /** The province's plan (its `tslcd` holds the PE–CE links). */
  province: AddressPlan;
  /** Evaluation date: flows expired before it open nothing. Absent: every flow. */
  asOf?: string;
}

/** A problem that stops the edge from being compiled (missing addressing). */
export interface EdgeProblem {
  site: string;
  device: string;
  message: string;
}

const isFamily = (p: string, f: Family): boolean => (f === "ipv6") === p.includes(":");

/** Sorts and de-duplicates prefixes of one family in address order, normalised. */
function sortedPrefixes(list: readonly string[]): string[] {
  const parsed = [...new Set(list)].map((t) => parsePrefix(t)).filter((p): p is Extract<typeof p, { ok: true }> => p.ok);
  return [...new Set(parsed.sort((a, b) => comparePrefixes(a.prefix, b.prefix)).map((p) => formatPrefix(p.prefix)))];
}

/** The carrier's fixed prefixes of a VPN's level reachable at the site (the province's blocks are address space, not routes). */
export function vpnFixedPrefixes(plan: SitePlan, vpn: Pick<TslcdVpn, "level">): FixedPrefix[] {
  return plan.tslcd.filter((t) => t.block !== true && t.level === vpn.level);
}

/** The agency LANs attached to a VPN and reachable at the site. */
export function vpnLans(plan: SitePlan, vpn: Pick<TslcdVpn, "id">): TslcdLanPlan[] {
  return (plan.tslcdLans ?? []).filter((l) => l.vpns.includes(vpn.id));
}

/**
 * Exactly what the PE may announce in a VPN: the level's fixed prefixes and the attached agencies' LANs.
 * @param plan the site's plan
 * @param vpn the VPN
 */
export function acceptedPrefixes(plan: SitePlan, vpn: Pick<TslcdVpn, "id" | "level">): PrefixSets {
  const all = [...vpnFixedPrefixes(plan, vpn).map((t) => t.prefix), ...vpnLans(plan, vpn).flatMap((l) => [l.ipv4, l.ipv6])];
  return { ipv4: sortedPrefixes(all.filter((p) => isFamily(p, "ipv4"))), ipv6: sortedPrefixes(all.filter((p) => isFamily(p, "ipv6"))) };
}

/** Whether a flow end's TSLCD selection takes anything reached through a VPN at the site. */
function selectsVpn(plan: SitePlan, sel: TslcdSelection, vpn: Pick<TslcdVpn, "id" | "level">): boolean {
  return vpnFixedPrefixes(plan, vpn).some((t) => selectsFixed(sel, t)) || vpnLans(plan, vpn).some((l) => selectsLan(sel, l));
}

/** What one flow end in force opens: its TSLCD selection and the DC prefixes of the flow's other end. */
export interface TslcdOpening {
  sel: TslcdSelection;
  prefixes: PrefixSets;
}

/**
 * Every opening of the flows in force at a site towards the TSLCD (a flow opens in both directions: either
 * end may be the TSLCD one). Resolved once, filtered by each VPN or LAN.
 * @param ctx the site
 */
export function tslcdOpenings(ctx: EdgeContext): TslcdOpening[] {
  const flows = ctx.asOf === undefined ? ctx.inventory.flows : activeFlows(ctx.inventory.flows, ctx.asOf);
  const siteCtx: SiteContext = { inventory: ctx.inventory, plan: ctx.plan, province: ctx.province, asOf: ctx.asOf };
  const out: TslcdOpening[] = [];
  const take = (tslcdEnd: Endpoint, other: Endpoint): void => {
    const sel = tslcdSelection(tslcdEnd);
    if (sel === undefined || other.external !== undefined) return;
    const prefixes: PrefixSets = { ipv4: [], ipv6: [] };
    for (const f of FAMILIES) for (const r of resolveEndpoint(siteCtx, other, f)) if (r.kind !== "internet") prefixes[f].push(...r.prefixes);
    out.push({ sel, prefixes });
  };
  for (const f of flows) {
    take(f.from, f.to);
    take(f.to, f.from);
  }
  return out;
}

/**
 * The DC prefixes the openings give the TSLCD parties a predicate picks, outermost only.
 * @param openings the site's openings (`tslcdOpenings`)
 * @param picks whether a flow end's selection means the parties in question
 */
export function dcPrefixesOpenedTo(openings: readonly TslcdOpening[], picks: (sel: TslcdSelection) => boolean): PrefixSets {
  const out: PrefixSets = { ipv4: [], ipv6: [] };
  for (const o of openings) if (picks(o.sel)) for (const f of FAMILIES) out[f].push(...o.prefixes[f]);
  return { ipv4: outermostPrefixes(sortedPrefixes(out.ipv4)), ipv6: outermostPrefixes(sortedPrefixes(out.ipv6)) };
}

/**
 * The DC prefixes announced in a VPN: the other ends (zones, tiers) of every flow in force whose TSLCD
 * end selects something of that VPN. Nothing else of the DC is routed towards the TSLCD.
 * @param ctx the site
 * @param vpn the VPN
 * @param openings the site's openings, when already resolved
 */
export function announcedPrefixes(ctx: EdgeContext, vpn: Pick<TslcdVpn, "id" | "level">, openings: readonly TslcdOpening[] = tslcdOpenings(ctx)): PrefixSets {
  return dcPrefixesOpenedTo(openings, (sel) => selectsVpn(ctx.plan, sel, vpn));
}

/**
 * The default maximum-prefix limit: the declared prefixes plus max(10, 20 %) so a routine addition does not
 * tear the session down, while a leak of a full table does.
 * @param declared prefixes accepted in one family
 */
export function defaultMaxPrefixes(declared: number): number {
  return declared + Math.max(10, Math.ceil(declared * 0.2));
}

/**
 * Every TSLCD edge router of a site with its VPNs, sessions and prefix sets; problems when a circuit's
 * PE–CE link is missing from the plan. Sorted by device, VRF and session, whatever the inventory's order.
 * @param ctx the site
 */
export function compileEdgeIntent(ctx: EdgeContext): { routers: EdgeRouterIntent[]; problems: EdgeProblem[] } {
  const net = ctx.inventory.tslcd;
  const site = ctx.plan.site;
  if (net === undefined) return { routers: [], problems: [] };
  const vpns = vpnMap(ctx.inventory);
  const links = new Map((ctx.province.tslcd?.links ?? []).map((l) => [l.id, l]));
  const devices = new Map(ctx.inventory.devices.map((d) => [d.name, d]));
  const problems: EdgeProblem[] = [];
  const byDevice = new Map<string, Map<string, EdgeVrf>>();
  const vrfCache = new Map<string, { accept: PrefixSets; announce: PrefixSets }>();
  let openings: TslcdOpening[] | undefined;
  for (const u of siteCircuits(ctx.inventory, site)) {
    const vrfs = byDevice.get(u.device) ?? new Map<string, EdgeVrf>();
    byDevice.set(u.device, vrfs);
    for (const id of u.vpns ?? []) {
      const vpn = vpns.get(id);
      if (vpn === undefined) continue; // the loader reports unknown VPNs
      const link = links.get(tslcdLinkIdentity(`site:${site}`, u.id, id));
      if (link === undefined) {
        problems.push({ site, device: u.device, message: `no PE–CE link in the address plan for VPN "${id}" on circuit "${u.id}" (run npm run addressplan)` });
        continue;
      }
      let sets = vrfCache.get(id);
      if (sets === undefined) {
        openings ??= tslcdOpenings(ctx);
        sets = { accept: acceptedPrefixes(ctx.plan, vpn), announce: announcedPrefixes(ctx, vpn, openings) };
        vrfCache.set(id, sets);
      }
      const accept = sets.accept;
      const v: EdgeVrf = vrfs.get(id) ?? {
        vpn: id,
        vrf: vpn.vrf,
        level: vpn.level,
        peAsn: vpn.peAsn,
        sessions: [],
        accept,
        announce: sets.announce,
        maxPrefixes: { ipv4: vpn.maxPrefixes ?? defaultMaxPrefixes(accept.ipv4.length), ipv6: vpn.maxPrefixes ?? defaultMaxPrefixes(accept.ipv6.length) },
        ibgp: [],
      };
      vrfs.set(id, v);
      for (const f of FAMILIES) v.sessions.push({ family: f, local: link.ce[f], peer: link.pe[f], uplink: u.id, circuit: u.circuit ?? u.id, backup: net.paths === "preference" && u.backup === true });
    }
  }
  const routers: EdgeRouterIntent[] = [...byDevice.entries()]
    .map(([device, vrfs]) => {
      const list = [...vrfs.values()].sort((a, b) => compareText(a.vrf, b.vrf));
      for (const v of list) v.sessions.sort((a, b) => compareText(a.family, b.family) || compareText(a.uplink, b.uplink));
      const loopback = ctx.plan.loopbacks.find((l) => l.device === device)?.ipv4.split("/")[0];
      const first = list.flatMap((v) => v.sessions).find((s) => s.family === "ipv4")?.local;
      return {
        site,
        device,
        platform: devices.get(device)?.routerPlatform ?? "vendor",
        asn: net.asn,
        routerId: loopback ?? first ?? "0.0.0.0",
        paths: net.paths,
        bfd: { intervalMs: net.bfd.intervalMs, multiplier: net.bfd.multiplier },
        vrfs: list,
      };
    })
    .filter((r) => r.vrfs.length > 0)
    .sort((a, b) => compareText(a.device, b.device));
  problems.push(...pairEdgeRouters(ctx.plan, routers, devices));
  return { routers, problems };
}

/**
 * Adds the iBGP sessions of each edge pair: two routers of the site in one HA group carrying the same VPN
 * peer in that VPN's instance from loopback to loopback (IPv4 and IPv6). A group of another size, or a
 * router without loopback, is a problem: the pair could not keep each other's routes.
 * @param plan the site's plan (loopbacks)
 * @param routers the site's edge routers (changed in place)
 * @param devices the plant's devices by name
 */
function pairEdgeRouters(plan: SitePlan, routers: EdgeRouterIntent[], devices: ReadonlyMap<string, { haGroup?: string }>): EdgeProblem[] {
  const problems: EdgeProblem[] = [];
  const groups = new Map<string, EdgeRouterIntent[]>();
  for (const r of routers) {
    const g = devices.get(r.device)?.haGroup;
    if (g !== undefined) groups.set(g, [...(groups.get(g) ?? []), r]);
  }
  for (const [group, members] of [...groups.entries()].sort((a, b) => compareText(a[0], b[0]))) {
    if (members.length !== 2) {
      if (members.length > 2) for (const r of members) problems.push({ site: plan.site, device: r.device, message: `HA group "${group}" has ${members.length} TSLCD edge routers; an edge pair has two` });
      continue;
    }
    const loops = members.map((r) => plan.loopbacks.find((l) => l.device === r.device));
    if (loops.some((l) => l === undefined)) {
      for (const [i, r] of members.entries()) if (loops[i] === undefined) problems.push({ site: plan.site, device: r.device, message: "no loopback in the address plan for the edge pair's iBGP (run npm run addressplan)" });
      continue;
    }
    members.forEach((r, i) => {
      const other = members[1 - i];
      const [mine, theirs] = [loops[i]!, loops[1 - i]!];
      for (const v of r.vrfs) {
        if (!other.vrfs.some((w) => w.vpn === v.vpn)) continue;
        v.ibgp = FAMILIES.map((f) => ({ family: f, local: mine[f].split("/")[0], peer: theirs[f].split("/")[0], device: other.device }));
      }
    });
  }
  return problems;
}
