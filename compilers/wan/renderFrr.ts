/**
 * FRR (8.4) configuration of one TSLCD edge router from its intent (`edgeIntent.ts`): one BGP instance per
 * carrier VRF, IPv4 and IPv6 unicast sessions to the PE, inbound prefix lists that accept exactly the
 * declared prefixes, outbound prefix lists that announce exactly the DC's published ones (originated by
 * `network`, so they are announced whether or not the router's table holds them), maximum-prefix limits,
 * BFD on every session, and the preference of the two paths (local preference in, AS-path prepending out
 * on the backup circuit) or ECMP. Names come from the VRF and the family, never from positions.
 */
import type { Family } from "../flows/types";
import type { EdgeRouterIntent, EdgeSession, EdgeVrf } from "./edgeIntent";

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

/** Prefix-list lines; an empty list denies everything, explicitly. */
function prefixList(name: string, family: Family, prefixes: readonly string[]): string[] {
  if (prefixes.length === 0) return [`${FAM[family].ip} prefix-list ${name} seq 5 deny any`];
  return prefixes.map((p, i) => `${FAM[family].ip} prefix-list ${name} seq ${(i + 1) * 5} permit ${p}`);
}

/** Route-maps of one VRF, family and path role. */
function routeMaps(r: EdgeRouterIntent, v: EdgeVrf, family: Family, backup: boolean): string[] {
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

/** One BGP instance (one VRF). */
function bgpInstance(r: EdgeRouterIntent, v: EdgeVrf, vrfClause: boolean): string[] {
  const lines = [`router bgp ${r.asn}${vrfClause ? ` vrf ${v.vrf}` : ""}`, ` bgp router-id ${r.routerId}`, " no bgp default ipv4-unicast", " no bgp network import-check"];
  if (r.paths === "ecmp") lines.push(" bgp bestpath as-path multipath-relax");
  for (const s of v.sessions) {
    lines.push(` neighbor ${s.peer} remote-as ${v.peAsn}`, ` neighbor ${s.peer} description ${describe(v, s)}`, ` neighbor ${s.peer} update-source ${s.local}`, ` neighbor ${s.peer} bfd profile ${BFD_PROFILE}`);
  }
  for (const family of ["ipv4", "ipv6"] as const) {
    const sessions = v.sessions.filter((s) => s.family === family);
    if (sessions.length === 0) continue;
    lines.push(" !", ` address-family ${FAM[family].af}`);
    for (const p of v.announce[family]) lines.push(`  network ${p}`);
    for (const s of sessions) {
      lines.push(
        `  neighbor ${s.peer} activate`,
        `  neighbor ${s.peer} route-map ${routeMapName(v.vrf, "IN", family, s.backup)} in`,
        `  neighbor ${s.peer} route-map ${routeMapName(v.vrf, "OUT", family, s.backup)} out`,
        `  neighbor ${s.peer} maximum-prefix ${v.maxPrefixes[family]} restart ${MAX_PREFIX_RESTART_MINUTES}`,
      );
    }
    if (r.paths === "ecmp") lines.push("  maximum-paths 2");
    lines.push(" exit-address-family");
  }
  lines.push("exit", "!");
  return lines;
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
  const lines: string[] = [
    `! TSLCD edge router ${r.device} of site ${r.site}: generated by hatang from the inventory and the address plan; do not edit`,
    "frr version 8.4",
    "frr defaults traditional",
    `hostname ${r.device}`,
    "log syslog informational",
    "service integrated-vtysh-config",
    "!",
  ];
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
  for (const v of vrfs) lines.push(...bgpInstance(r, v, instances === "vrf"));
  lines.push(
    "bfd",
    ` profile ${BFD_PROFILE}`,
    `  detect-multiplier ${r.bfd.multiplier}`,
    `  receive-interval ${r.bfd.intervalMs}`,
    `  transmit-interval ${r.bfd.intervalMs}`,
    " exit",
    " !",
    "exit",
    "!",
    "end",
  );
  return `${lines.join("\n")}\n`;
}
