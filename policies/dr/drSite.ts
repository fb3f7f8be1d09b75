import type { Inventory } from "../../inventory/model";
import { internetEdgeProblem, tslcdAccessProblem } from "../lib/edgeRedundancy";

/** One thing a DR site lacks to take over. */
export interface DrSiteFinding {
  text: string;
  /** `site/<id>` or `ha-group/<enforcer>`. */
  subject: string;
  /** Dotted inventory path (file:line). */
  at: string;
}

/**
 * Level-3 systems that recover at a site (their `disasterRecovery.site`), by id.
 * @param inv the inventory
 * @param site the site
 */
export function level3RecoveringAt(inv: Inventory, site: string): string[] {
  return inv.systems.filter((s) => s.securityLevel >= 3 && s.disasterRecovery?.site === site).map((s) => s.id);
}

/**
 * What a DR site lacks to carry level-3 systems after a disaster, as their production site did: an Internet edge
 * of two uplinks from different providers or entrances, TSLCD access over two diverse uplinks, and an HA pair
 * behind every zone's enforcer (a device alone, or an HA group with one member at the site, is one failure from
 * losing the zone).
 * @param inv the inventory
 * @param site the DR site
 */
export function judgeDrSite(inv: Inventory, site: string): DrSiteFinding[] {
  const si = inv.sites.findIndex((s) => s.id === site);
  const out: DrSiteFinding[] = [];
  const systems = level3RecoveringAt(inv, site);
  const because = `; level-3 system(s) ${systems.join(", ")} recover here`;
  const internet = internetEdgeProblem(inv, site);
  if (internet) out.push({ text: internet + because, subject: `site/${site}`, at: `sites.${si}` });
  const tslcd = tslcdAccessProblem(inv, site);
  if (tslcd) out.push({ text: tslcd + because, subject: `site/${site}`, at: `sites.${si}` });
  const here = inv.devices.map((d, i) => ({ d, i })).filter(({ d }) => d.site === site);
  const seen = new Set<string>();
  inv.zones.forEach((z, zi) => {
    if (z.site !== site || seen.has(z.enforcedBy)) return;
    seen.add(z.enforcedBy);
    const device = here.find(({ d }) => d.name === z.enforcedBy)?.d;
    const group = device ? device.haGroup : z.enforcedBy;
    const members = group === undefined ? [] : here.filter(({ d }) => d.haGroup === group);
    if (members.length < 2)
      out.push({
        text: `zone ${z.id} at DR site ${site} is enforced by ${z.enforcedBy}, ${group === undefined ? "a device in no HA group" : `HA group ${group} with ${members.length} member(s) at the site`}: one failure takes the zone${because}; fix: pair it (two devices in one HA group)`,
        subject: `ha-group/${z.enforcedBy}`,
        at: device ? `devices.${inv.devices.indexOf(device)}.haGroup` : `zones.${zi}.enforcedBy`,
      });
  });
  return out;
}
