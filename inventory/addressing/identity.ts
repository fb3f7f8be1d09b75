/**
 * Stable identities of allocations. The lock file is keyed by these, never by list position: the
 * address a block gets must not depend on where in a file it was declared (awsx's rule, ours too).
 */

/** A zone's block: `<site>/zone/<zone>`. @param site site id @param zone zone id */
export function zoneIdentity(site: string, zone: string): string {
  return `${site}/zone/${zone}`;
}

/** A VLAN's subnet: `<site>/vlan/<zone>/<vlan name>`. @param site site id @param zone zone id @param vlan VLAN name */
export function vlanIdentity(site: string, zone: string, vlan: string): string {
  return `${site}/vlan/${zone}/${vlan}`;
}

/** A site's infrastructure block (links and loopbacks): `<site>/infrastructure`. @param site site id */
export function infraIdentity(site: string): string {
  return `${site}/infrastructure`;
}

/** A point-to-point link: `<site>/link/<uplink>`. @param site site id @param uplink uplink id */
export function linkIdentity(site: string, uplink: string): string {
  return `${site}/link/${uplink}`;
}

/** A device loopback: `<site>/loopback/<device>`. @param site site id @param device device name */
export function loopbackIdentity(site: string, device: string): string {
  return `${site}/loopback/${device}`;
}

/** A cluster range: `<site>/cluster/<id>/pods|services`. @param site site id @param cluster cluster id @param range which range */
export function clusterIdentity(site: string, cluster: string, range: "pods" | "services"): string {
  return `${site}/cluster/${cluster}/${range}`;
}

/** A published tier's public IPv4 address (destination NAT): `<site>/public/<system>/<tier>`. @param site site id @param system system id @param tier tier name */
export function publicIdentity(site: string, system: string, tier: string): string {
  return `${site}/public/${system}/${tier}`;
}

/** An agency endpoint's TSLCD LAN: `tslcd/lan/<endpoint>`. @param endpoint endpoint id */
export function tslcdLanIdentity(endpoint: string): string {
  return `tslcd/lan/${endpoint}`;
}

/**
 * A PE–CE link of one circuit in one VPN: `tslcd/link/<site>/<uplink>/<vpn>` for a DC circuit,
 * `tslcd/link/<endpoint>/<circuit>` for an agency's (an agency circuit is in one VPN).
 * @param attachedBy `site:<site>` or the endpoint id
 * @param circuit the DC uplink id or the agency circuit id
 * @param vpn the VPN (DC circuits only)
 */
export function tslcdLinkIdentity(attachedBy: string, circuit: string, vpn?: string): string {
  return attachedBy.startsWith("site:") ? `tslcd/link/${attachedBy.slice(5)}/${circuit}/${vpn ?? ""}` : `tslcd/link/${attachedBy}/${circuit}`;
}

/**
 * Code-unit order (not locale order): the same on every machine, so the plan is byte-identical everywhere.
 * @param a one string
 * @param b the other
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
