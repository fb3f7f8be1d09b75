import type { Device, DeviceRole, Inventory, Zone } from "../../model";
import { zoneKey, type InventoryIndex } from "./inventoryIndex";
import type { RuleProblem } from "./ruleProblem";

/** Roles that may enforce a zone's boundary: a firewall with IPS between zones (Circular 12/2022 Annex III II.1.b.ii). */
export const FIREWALL_ROLES: readonly DeviceRole[] = ["core-firewall", "edge-firewall", "db-firewall"];

/** TCP ports that carry HTTP(S): a tier publishing one is a web application behind a WAF (Annex III II.1.b.vii). */
export const HTTP_PORTS: readonly number[] = [80, 443, 8080, 8443];

/** Devices a name stands for at a site: the device itself, or the members of the HA group of that name. */
export function devicesAt(idx: InventoryIndex, site: string, name: string): Device[] {
  const d = idx.devices.get(name);
  if (d && d.site === site) return [d];
  return (idx.haGroups.get(name) ?? []).filter((m) => m.site === site);
}

function roleList(devices: readonly Device[]): string {
  return [...new Set(devices.map((d) => d.role))].join(", ");
}

/**
 * Zone boundaries, structurally: every zone's enforcer (its VLANs' gateway) is a firewall at its site;
 * devices in line exist at the site; a tier that publishes runs as VMs; every network tap names the zone
 * boundary it is attached to; an enforcer's members agree on how they take their rule base; the Internet
 * and the TSLCD each enter a site at one enforcer. (The database firewall and the WAF the law asks for are
 * checked with the waivers, `inventory/zoning/boundaryControls.ts`.)
 * @param inv a schema-valid inventory
 * @param idx shared lookups
 */
export function boundaryRules(inv: Inventory, idx: InventoryIndex): RuleProblem[] {
  const p: RuleProblem[] = [];
  inv.zones.forEach((z, zi) => {
    if (!idx.sites.has(z.site)) return;
    const enforcers = devicesAt(idx, z.site, z.enforcedBy);
    // A name that is not at the site is reported by the network rules.
    if (enforcers.length > 0 && enforcers.some((d) => !FIREWALL_ROLES.includes(d.role))) {
      p.push({
        path: ["zones", zi, "enforcedBy"],
        message: `expected a firewall (role ${FIREWALL_ROLES.join(", ")}) or an HA group of firewalls to enforce zone "${z.id}": it is its VLANs' gateway and the firewall with IPS between zones; "${z.enforcedBy}" is ${roleList(enforcers)}`,
        found: JSON.stringify(z.enforcedBy),
      });
    }
    z.inline.forEach((name, ii) => {
      if (devicesAt(idx, z.site, name).length === 0) p.push({ path: ["zones", zi, "inline", ii], message: `expected a device name or HA group at site "${z.site}" in line on zone "${z.id}"'s boundary`, found: JSON.stringify(name) });
    });
  });
  inv.systems.forEach((s, si) => {
    s.tiers.forEach((t, ti) => {
      if (t.publish.length > 0 && t.form !== "vm") {
        p.push({
          path: ["systems", si, "tiers", ti, "publish"],
          message: `${s.id}/${t.name} publishes ports but runs as ${t.form}: the edge firewall's destination NAT needs the fixed addresses of VM instances (publish a VM tier, e.g. a reverse proxy in front of it)`,
          found: t.form,
        });
      }
    });
  });
  inv.devices.forEach((d, di) => {
    if (d.role === "network-tap") {
      if (d.monitors === undefined) p.push({ path: ["devices", di], message: `network tap "${d.name}" must name the zone boundary it is attached to (monitors: <zone id>)` });
      else if (!idx.zones.has(zoneKey(d.site, d.monitors)))
        p.push({ path: ["devices", di, "monitors"], message: `expected a zone id at site "${d.site}" (the boundary the tap is attached to)`, found: JSON.stringify(d.monitors) });
    } else if (d.monitors !== undefined) {
      p.push({ path: ["devices", di, "monitors"], message: `only network taps monitor a boundary; "${d.name}" is a ${d.role}`, found: JSON.stringify(d.monitors) });
    }
    if (d.firewallPlatform !== undefined && !FIREWALL_ROLES.includes(d.role)) {
      p.push({ path: ["devices", di, "firewallPlatform"], message: `only firewalls take a rule base; "${d.name}" is a ${d.role}`, found: JSON.stringify(d.firewallPlatform) });
    }
  });
  for (const [group, members] of idx.haGroups) {
    const platforms = new Set(members.map((m) => m.firewallPlatform ?? "appliance"));
    if (platforms.size > 1) {
      const at = inv.devices.findIndex((d) => d.name === members[members.length - 1].name);
      p.push({ path: ["devices", at, "firewallPlatform"], message: `the members of HA group "${group}" must take their rule base the same way (found ${[...platforms].sort().join(" and ")})`, found: JSON.stringify(members[members.length - 1].firewallPlatform ?? "appliance") });
    }
  }
  p.push(...entryRules(inv));
  return p;
}

/** Outside networks enter a site at one enforcer: zones of an entry kind at a site share their enforcer. */
function entryRules(inv: Inventory): RuleProblem[] {
  const p: RuleProblem[] = [];
  for (const kind of ["edge", "tslcd"] as const) {
    const bySite = new Map<string, Array<{ z: Zone; i: number }>>();
    inv.zones.forEach((z, i) => {
      if (z.kind === kind) bySite.set(z.site, [...(bySite.get(z.site) ?? []), { z, i }]);
    });
    for (const [site, zones] of bySite) {
      const enforcers = new Set(zones.map((x) => x.z.enforcedBy));
      if (enforcers.size > 1) {
        const last = zones[zones.length - 1];
        p.push({
          path: ["zones", last.i, "enforcedBy"],
          message: `the ${kind} zones of site "${site}" (${zones.map((x) => x.z.id).join(", ")}) are where ${kind === "edge" ? "the Internet" : "the TSLCD"} enters: they must share one enforcer (found ${[...enforcers].sort().join(", ")})`,
          found: JSON.stringify(last.z.enforcedBy),
        });
      }
    }
  }
  return p;
}
