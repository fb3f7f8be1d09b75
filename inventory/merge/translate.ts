import { FAMILY_BITS, formatAddress, parseAddress, type Family } from "../addressing/address";
import { clusterIdentity, infraIdentity, linkIdentity, loopbackIdentity, vlanIdentity, zoneIdentity } from "../addressing/identity";
import type { LockEntry } from "../addressing/lockFile";
import { contains, formatPrefix, parsePrefix } from "../addressing/prefix";
import type { SitePlan } from "../addressing/types";
import type { AggregateMove } from "./space";
import { renamed, type Renames } from "./renames";

/**
 * Moving a block moves everything in it by one fixed amount: the host part of every address, the offset of
 * every subnet inside its zone block and of every zone inside the aggregate stay as they were. So a moved
 * site's lock, explicit prefixes and fixed addresses translate; the allocator then pins them as usual.
 */

/** Translates prefixes and addresses that lie in a moved block; anything else is returned as it is. */
export interface Translator {
  /** A prefix written as text. */
  prefix(text: string): string;
  /** An address written as text. */
  address(text: string): string;
}

/**
 * A translator for a set of moves (blocks that stay translate to themselves).
 * @param moves where each moved block lands
 */
export function translator(moves: readonly AggregateMove[]): Translator {
  const moving = moves.filter((m) => m.from.network !== m.to.network || m.from.length !== m.to.length);
  const shift = (value: bigint, family: Family, length: number): bigint | undefined => {
    const m = moving.find((x) => x.family === family && contains(x.from, { family, network: value, length }));
    return m === undefined ? undefined : value - m.from.network + m.to.network;
  };
  return {
    prefix(text) {
      const p = parsePrefix(text);
      if (!p.ok) return text;
      const moved = shift(p.prefix.network, p.prefix.family, p.prefix.length);
      return moved === undefined ? text : formatPrefix({ ...p.prefix, network: moved });
    },
    address(text) {
      const a = parseAddress(text);
      if (a === undefined) return text;
      const moved = shift(a.value, a.family, FAMILY_BITS[a.family]);
      return moved === undefined ? text : formatAddress(a.family, moved);
    },
  };
}

/**
 * The lock entries of a moved site as the merged province pins them: identities renamed (site, zones,
 * links, devices, clusters), prefixes translated. Built from the site's plan, so it holds exactly what the
 * former province allocated.
 * @param plan the site's plan in its former province
 * @param r the moved province's renames
 * @param t the translator of its moves
 */
export function translatedLock(plan: SitePlan, r: Renames, t: Translator): Record<string, LockEntry> {
  const site = renamed(r.sites, plan.site);
  const zone = (z: string): string => renamed(r.zones, z);
  const pair = (e: { ipv4: string; ipv6: string }): LockEntry => ({ ipv4: t.prefix(e.ipv4), ipv6: t.prefix(e.ipv6) });
  const out: Record<string, LockEntry> = {};
  for (const z of plan.zones) out[zoneIdentity(site, zone(z.zone))] = pair(z);
  for (const s of plan.subnets) out[vlanIdentity(site, zone(s.zone), s.vlanName)] = { ipv4: t.prefix(s.ipv4.prefix), ipv6: t.prefix(s.ipv6.prefix) };
  if (plan.infrastructure) out[infraIdentity(site)] = pair(plan.infrastructure);
  for (const l of plan.links) out[linkIdentity(site, renamed(r.uplinks, l.id))] = pair(l);
  for (const l of plan.loopbacks) out[loopbackIdentity(site, renamed(r.devices, l.device))] = pair(l);
  for (const c of plan.clusters) {
    const id = renamed(r.clusters, c.cluster);
    out[clusterIdentity(site, id, "pods")] = pair(c.pods);
    out[clusterIdentity(site, id, "services")] = pair(c.services);
  }
  return out;
}

/**
 * The moved province's TSLCD lock entries (agency LANs and PE–CE links, in the carrier's level-II blocks,
 * which never move) under their renamed identities: `tslcd/lan/<endpoint>`, `tslcd/link/<endpoint>/<circuit>`,
 * `tslcd/link/<site>/<uplink>/<vpn>`.
 * @param allocations the moved province's lock
 * @param r its renames
 */
export function translatedTslcdLock(allocations: Readonly<Record<string, LockEntry>>, r: Renames): Record<string, LockEntry> {
  const out: Record<string, LockEntry> = {};
  for (const [id, entry] of Object.entries(allocations)) {
    const parts = id.split("/");
    if (parts[0] !== "tslcd") continue;
    if (parts[1] === "lan" && parts.length === 3) out[`tslcd/lan/${renamed(r.endpoints, parts[2])}`] = entry;
    else if (parts[1] === "link" && parts.length === 4) out[`tslcd/link/${renamed(r.endpoints, parts[2])}/${parts[3]}`] = entry;
    else if (parts[1] === "link" && parts.length === 5) out[`tslcd/link/${renamed(r.sites, parts[2])}/${renamed(r.uplinks, parts[3])}/${renamed(r.vpns, parts[4])}`] = entry;
  }
  return out;
}
