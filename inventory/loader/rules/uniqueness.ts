import { vlanPhysnet, type Inventory, type Vlan } from "../../model";
import type { InventoryIndex } from "./inventoryIndex";
import { duplicates, type RuleProblem } from "./ruleProblem";

/** The physnet name a VLAN is on, for grouping (unknown sites and unresolved physnets group apart). */
function physnetName(idx: InventoryIndex, site: string, vlan: Vlan): string | undefined {
  const s = idx.sites.get(site);
  return s ? vlanPhysnet(s, vlan)?.name : undefined;
}

/**
 * Names and ids that must be unique: province-wide (sites, agencies, systems, services, flows, racks,
 * devices, uplinks, fabrics, arrays, pools, clusters, backup policies), per site (zones, VLAN names,
 * physnets, carrier entrances), per site and physnet (VLAN ids), per parent (tiers, node pools).
 * @param inv a schema-valid inventory
 * @param idx shared lookups (sites, to default a VLAN's physnet)
 */
export function uniquenessRules(inv: Inventory, idx: InventoryIndex): RuleProblem[] {
  const p: RuleProblem[] = [];
  const flat = <T>(key: keyof Inventory, items: readonly T[], field: string, keyOf: (t: T) => string, what: string): void => {
    p.push(...duplicates(items, keyOf, (i) => [key, i, field], (t) => `duplicate ${what} "${keyOf(t)}": it must be unique`));
  };
  flat("sites", inv.sites, "id", (s) => s.id, "site id");
  flat("agencies", inv.agencies, "code", (a) => a.code, "agency code");
  flat("systems", inv.systems, "id", (s) => s.id, "system id");
  flat("services", inv.services, "name", (s) => s.name, "service name");
  flat("flows", inv.flows, "name", (f) => f.name, "flow name");
  flat("racks", inv.racks, "id", (r) => r.id, "rack id");
  flat("devices", inv.devices, "name", (d) => d.name, "device name");
  flat("uplinks", inv.uplinks, "id", (u) => u.id, "uplink id");
  flat("sanFabrics", inv.sanFabrics, "id", (f) => f.id, "SAN fabric id");
  flat("storageArrays", inv.storageArrays, "id", (a) => a.id, "storage array id");
  flat("clusters", inv.clusters, "id", (c) => c.id, "cluster id");
  flat("backupPolicies", inv.backupPolicies, "id", (b) => b.id, "backup policy id");

  const scan = <T>(items: { item: T; path: (string | number)[] }[], keyOf: (t: T) => string | undefined, what: (t: T) => string): void => {
    p.push(...duplicates(items, (n) => keyOf(n.item), (i) => items[i].path, (n) => what(n.item)));
  };
  const pools = inv.storageArrays.flatMap((a, ai) => a.pools.map((pool, pi) => ({ item: pool, path: ["storageArrays", ai, "pools", pi, "id"] as (string | number)[] })));
  scan(pools, (pool) => pool.id, (pool) => `duplicate storage pool id "${pool.id}": it must be unique`);
  inv.systems.forEach((s, si) =>
    p.push(...duplicates(s.tiers, (t) => t.name, (i) => ["systems", si, "tiers", i, "name"], (t) => `duplicate tier name "${t.name}" in system "${s.id}"`)),
  );
  inv.clusters.forEach((c, ci) =>
    p.push(...duplicates(c.nodePools, (n) => n.name, (i) => ["clusters", ci, "nodePools", i, "name"], (n) => `duplicate node pool name "${n.name}" in cluster "${c.id}"`)),
  );
  inv.sites.forEach((s, si) => {
    p.push(...duplicates(s.physnets, (x) => x.name, (i) => ["sites", si, "physnets", i, "name"], (x) => `duplicate physnet "${x.name}" at site "${s.id}"`));
    p.push(...duplicates(s.carrierEntrances, (x) => x.id, (i) => ["sites", si, "carrierEntrances", i, "id"], (x) => `duplicate carrier entrance "${x.id}" at site "${s.id}"`));
  });

  const zones = inv.zones.map((item, zi) => ({ item, path: ["zones", zi, "id"] as (string | number)[] }));
  scan(zones, (z) => `${z.site}/${z.id}`, (z) => `duplicate zone id "${z.id}" at site "${z.site}"`);

  const vlans = inv.zones.flatMap((z, zi) =>
    z.vlans.map((v, vi) => ({ zone: z, vlan: v, base: ["zones", zi, "vlans", vi] as (string | number)[] })),
  );
  p.push(
    ...duplicates(vlans, (x) => `${x.zone.site}/${x.vlan.name}`, (i) => [...vlans[i].base, "name"], (x) => `duplicate VLAN name "${x.vlan.name}" at site "${x.zone.site}"`),
  );
  p.push(
    ...duplicates(
      vlans,
      (x) => {
        const physnet = physnetName(idx, x.zone.site, x.vlan);
        return physnet === undefined ? undefined : `${x.zone.site}/${physnet}/${x.vlan.id}`;
      },
      (i) => [...vlans[i].base, "id"],
      (x) => `duplicate VLAN id ${x.vlan.id} on physnet "${physnetName(idx, x.zone.site, x.vlan)}" at site "${x.zone.site}"`,
    ),
  );
  return p;
}
