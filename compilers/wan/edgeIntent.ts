/**
 * What a site's TSLCD edge routers must do, before any vendor's syntax: per router, per carrier VPN (one
 * routing instance each), the eBGP sessions to the carrier's PEs over its circuits (both families), the
 * prefixes accepted from the PE (exactly the declared ones of that VPN: the level's fixed prefixes of the
 * carrier's plan and the LANs of the agency endpoints attached to it) and the prefixes announced to it
 * (exactly the DC prefixes a flow in force opens to a TSLCD party of that VPN), the maximum-prefix limit,
 * and the preference of each path. Pure: the FRR text comes from `renderFrr.ts`.
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
}

/** One TSLCD edge router of a site. */
export interface EdgeRouterIntent {
  site: string;
  /** Device name (plant). */
  device: string;
  /** `frr`: the Pulumi program may load the configuration; `vendor`: the rendered file is an artefact. */
  platform: "frr" | "vendor";
  /** The province's AS (every site's edge routers). */
  asn: number;
  /** BGP router id: the device's IPv4 loopback, else its first circuit address. */
  routerId: string;
  /** `preference`: primary and backup circuits; `ecmp`: both carry traffic. */
  paths: "preference" | "ecmp";
  bfd: { intervalMs: number; multiplier: number };
  vrfs: EdgeVrf[];
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

/**
 * The DC prefixes announced in a VPN: the other ends (zones, tiers) of every flow in force whose TSLCD
 * end selects something of that VPN. Nothing else of the DC is routed towards the TSLCD.
 * @param ctx the site
 * @param vpn the VPN
 */
export function announcedPrefixes(ctx: EdgeContext, vpn: Pick<TslcdVpn, "id" | "level">): PrefixSets {
  const flows = ctx.asOf === undefined ? ctx.inventory.flows : activeFlows(ctx.inventory.flows, ctx.asOf);
  const siteCtx: SiteContext = { inventory: ctx.inventory, plan: ctx.plan, province: ctx.province, asOf: ctx.asOf };
  const out: PrefixSets = { ipv4: [], ipv6: [] };
  const take = (tslcdEnd: Endpoint, other: Endpoint): void => {
    const sel = tslcdSelection(tslcdEnd);
    if (sel === undefined || other.external !== undefined || !selectsVpn(ctx.plan, sel, vpn)) return;
    for (const f of FAMILIES) for (const r of resolveEndpoint(siteCtx, other, f)) if (r.kind !== "internet") out[f].push(...r.prefixes);
  };
  for (const f of flows) {
    take(f.from, f.to);
    take(f.to, f.from);
  }
  return { ipv4: outermostPrefixes(sortedPrefixes(out.ipv4)), ipv6: outermostPrefixes(sortedPrefixes(out.ipv6)) };
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
        sets = { accept: acceptedPrefixes(ctx.plan, vpn), announce: announcedPrefixes(ctx, vpn) };
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
  return { routers, problems };
}
