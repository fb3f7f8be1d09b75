/**
 * FRR (8.4) configuration of one TSLCD edge router from its intent (`edgeIntent.ts`): one BGP instance per
 * carrier VRF, IPv4 and IPv6 unicast sessions to the PE, inbound prefix lists that accept exactly the
 * declared prefixes, outbound prefix lists that announce exactly the DC's published ones (originated by
 * `network`, so they are announced whether or not the router's table holds them), maximum-prefix limits,
 * BFD on every session, and the preference of the two paths (local preference in, AS-path prepending out
 * on the backup circuit) or ECMP, and the iBGP session to the other router of the edge pair (loopback to
 * loopback, next-hop-self, the same inbound prefix list, multihop BFD with its own profile so a dead peer is
 * dropped in BFD time, not after the hold timer).
 * An agency CPE (`cpeIntent.ts`) is rendered by the same code, every VPN in one default instance.
 * Names come from the VRF and the family, never from positions.
 */
import type { Family } from "../flows/types";
import type { BgpRouterIntent, EdgeRouterIntent, EdgeSession, EdgeVrf } from "./edgeIntent";
import type { CpeIntent } from "./cpeIntent";

/** Local preference of routes learnt on the primary and on the backup circuit. */
export const LOCAL_PREF = { primary: 200, backup: 100 } as const;
/** How many times the backup circuit prepends the province's AS to what it announces. */
export const BACKUP_PREPEND = 2;
/** Minutes a session torn down by its maximum-prefix limit waits before it restarts. */
export const MAX_PREFIX_RESTART_MINUTES = 5;

/** How the VRFs are written. */
export interface FrrRenderOptions {
  /**
   * `vrf` (default): `router bgp ASN vrf NAME` per VPN, as on the production routers. `default`: only the
   * VPN named in `only`, as the default instance (a router per VPN, e.g. one network namespace per VRF on a
   * kernel without VRF devices).
   */
  instances?: "vrf" | "default";
  /** With `instances: default`: the VPN id to render. */
  only?: string;
}

const FAM: Record<Family, { ip: string; tag: string; af: string }> = {
  ipv4: { ip: "ip", tag: "V4", af: "ipv4 unicast" },
  ipv6: { ip: "ipv6", tag: "V6", af: "ipv6 unicast" },
};

/** Prefix-list name of a VRF, direction and family (`PL-TSLCD-CAP1-IN-V4`). */
export function prefixListName(vrf: string, dir: "IN" | "OUT", family: Family): string {
  return `PL-${vrf}-${dir}-${FAM[family].tag}`;
}

/** Route-map name of a VRF, direction, family and path role (`RM-TSLCD-CAP1-IN-V4-BAK`). */
export function routeMapName(vrf: string, dir: "IN" | "OUT", family: Family, backup: boolean): string {
  return `RM-${vrf}-${dir}-${FAM[family].tag}-${backup ? "BAK" : "PRI"}`;
}

/** The BFD profile every PE session uses. */
export const BFD_PROFILE = "tslcd-pe";
/** The BFD profile of the edge pair's iBGP (loopback to loopback: FRR runs it as multihop BFD). */
export const IBGP_BFD_PROFILE = "tslcd-ibgp";

/** Prefix-list lines; an empty list denies everything, explicitly. */
function prefixList(name: string, family: Family, prefixes: readonly string[]): string[] {
  if (prefixes.length === 0) return [`${FAM[family].ip} prefix-list ${name} seq 5 deny any`];
  return prefixes.map((p, i) => `${FAM[family].ip} prefix-list ${name} seq ${(i + 1) * 5} permit ${p}`);
}

/** Route-maps of one VRF, family and path role. */
function routeMaps(r: BgpRouterIntent, v: EdgeVrf, family: Family, backup: boolean): string[] {
  const ip = FAM[family].ip;
  const prefer = r.paths === "preference";
  return [
    `route-map ${routeMapName(v.vrf, "IN", family, backup)} permit 10`,
    ` match ${ip} address prefix-list ${prefixListName(v.vrf, "IN", family)}`,
    ...(prefer ? [` set local-preference ${backup ? LOCAL_PREF.backup : LOCAL_PREF.primary}`] : []),
    "exit",
    "!",
    `route-map ${routeMapName(v.vrf, "OUT", family, backup)} permit 10`,
    ` match ${ip} address prefix-list ${prefixListName(v.vrf, "OUT", family)}`,
    ...(prefer && backup ? [` set as-path prepend ${Array(BACKUP_PREPEND).fill(r.asn).join(" ")}`] : []),
    "exit",
    "!",
  ];
}

/** A session's description (circuit and uplink; no secrets, no free text from outside the inventory). */
function describe(v: EdgeVrf, s: EdgeSession): string {
  return `PE ${v.vpn} circuit ${s.circuit} (${s.uplink}${s.backup ? ", backup" : ""})`.replace(/[^\p{L}\p{N} ()._,:/-]/gu, "_");
}

/** One BGP instance: one VRF (`vrf` its name) or, in the default instance, the VRFs given. */
function bgpInstance(r: BgpRouterIntent, vrfs: readonly EdgeVrf[], vrf: string | undefined): string[] {
  const lines = [`router bgp ${r.asn}${vrf !== undefined ? ` vrf ${vrf}` : ""}`, ` bgp router-id ${r.routerId}`, " no bgp default ipv4-unicast", " no bgp network import-check"];
  if (r.paths === "ecmp") lines.push(" bgp bestpath as-path multipath-relax");
  for (const v of vrfs)
    for (const s of v.sessions) {
      lines.push(` neighbor ${s.peer} remote-as ${v.peAsn}`, ` neighbor ${s.peer} description ${describe(v, s)}`, ` neighbor ${s.peer} update-source ${s.local}`, ` neighbor ${s.peer} bfd profile ${BFD_PROFILE}`);
    }
  const ibgp = [...new Map(vrfs.flatMap((v) => v.ibgp.map((s) => [s.peer, { s, v }] as const))).values()];
  for (const { s } of ibgp) lines.push(` neighbor ${s.peer} remote-as ${r.asn}`, ` neighbor ${s.peer} description iBGP edge pair ${s.device}`.replace(/[^\p{L}\p{N} ()._,:/-]/gu, "_"), ` neighbor ${s.peer} update-source ${s.local}`, ` neighbor ${s.peer} bfd profile ${IBGP_BFD_PROFILE}`);
  for (const family of ["ipv4", "ipv6"] as const) {
    const sessions = vrfs.flatMap((v) => v.sessions.filter((s) => s.family === family).map((s) => ({ s, v })));
    if (sessions.length === 0) continue;
    lines.push(" !", ` address-family ${FAM[family].af}`);
    for (const p of [...new Set(vrfs.flatMap((v) => v.announce[family]))]) lines.push(`  network ${p}`);
    for (const { s, v } of sessions) {
      lines.push(
        `  neighbor ${s.peer} activate`,
        `  neighbor ${s.peer} route-map ${routeMapName(v.vrf, "IN", family, s.backup)} in`,
        `  neighbor ${s.peer} route-map ${routeMapName(v.vrf, "OUT", family, s.backup)} out`,
        `  neighbor ${s.peer} maximum-prefix ${v.maxPrefixes[family]} restart ${MAX_PREFIX_RESTART_MINUTES}`,
      );
    }
    for (const { s, v } of ibgp.filter((x) => x.s.family === family))
      lines.push(`  neighbor ${s.peer} activate`, `  neighbor ${s.peer} next-hop-self`, `  neighbor ${s.peer} prefix-list ${prefixListName(v.vrf, "IN", family)} in`);
    if (r.paths === "ecmp") lines.push("  maximum-paths 2");
    lines.push(" exit-address-family");
  }
  lines.push("exit", "!");
  return lines;
}

/** The prefix lists and route-maps of the VRFs given. */
function policies(r: BgpRouterIntent, vrfs: readonly EdgeVrf[]): string[] {
  const lines: string[] = [];
  for (const v of vrfs) {
    for (const family of ["ipv4", "ipv6"] as const) {
      lines.push(...prefixList(prefixListName(v.vrf, "IN", family), family, v.accept[family]));
      lines.push(...prefixList(prefixListName(v.vrf, "OUT", family), family, v.announce[family]));
    }
    lines.push("!");
    for (const family of ["ipv4", "ipv6"] as const) {
      const roles = [...new Set(v.sessions.filter((s) => s.family === family).map((s) => s.backup))].sort();
      for (const backup of roles) lines.push(...routeMaps(r, v, family, backup));
    }
  }
  return lines;
}

/** The file's head (what generated it, the FRR dialect, the host name). */
function head(title: string, hostname: string): string[] {
  return [`! ${title}: generated by hatang from the inventory and the address plan; do not edit`, "frr version 8.4", "frr defaults traditional", `hostname ${hostname}`, "log syslog informational", "service integrated-vtysh-config", "!"];
}

/** One BFD profile (the province's timers). */
function bfdProfile(r: BgpRouterIntent, name: string): string[] {
  return [` profile ${name}`, `  detect-multiplier ${r.bfd.multiplier}`, `  receive-interval ${r.bfd.intervalMs}`, `  transmit-interval ${r.bfd.intervalMs}`, " exit", " !"];
}

/** The BFD profile blocks (the iBGP one only when a VRF written has an iBGP session) and the end of the file. */
function tail(r: BgpRouterIntent, vrfs: readonly EdgeVrf[]): string[] {
  const ibgp = vrfs.some((v) => v.ibgp.length > 0);
  return ["bfd", ...bfdProfile(r, BFD_PROFILE), ...(ibgp ? bfdProfile(r, IBGP_BFD_PROFILE) : []), "exit", "!", "end"];
}

/**
 * The FRR configuration text of an agency CPE: every VPN it is attached to in the default instance (a CPE
 * has one LAN and no VRF of its own), each with its prefix lists and route-maps.
 * @param c the CPE's intent
 */
export function renderCpeFrr(c: CpeIntent): string {
  const lines = [...head(`TSLCD CPE ${c.device} of endpoint ${c.endpoint} (${c.owner})`, c.device), ...policies(c, c.vrfs), ...bgpInstance(c, c.vrfs, undefined), ...tail(c, c.vrfs)];
  return `${lines.join("\n")}\n`;
}

/**
 * The FRR configuration text of one edge router.
 * @param r the router's intent
 * @param options how VRFs are written (production: one `router bgp … vrf` each)
 */
export function renderEdgeFrr(r: EdgeRouterIntent, options: FrrRenderOptions = {}): string {
  const instances = options.instances ?? "vrf";
  const vrfs = instances === "vrf" ? r.vrfs : r.vrfs.filter((v) => v.vpn === options.only);
  if (instances === "default" && vrfs.length !== 1) throw new Error(`renderEdgeFrr: router ${r.device} has no VPN "${options.only ?? ""}" to render as the default instance`);
  const lines = [...head(`TSLCD edge router ${r.device} of site ${r.site}`, r.device), ...policies(r, vrfs)];
  for (const v of vrfs) lines.push(...bgpInstance(r, [v], instances === "vrf" ? v.vrf : undefined));
  lines.push(...tail(r, vrfs));
  return `${lines.join("\n")}\n`;
}
