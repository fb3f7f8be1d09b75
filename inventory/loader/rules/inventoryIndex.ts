import type { Device, HostedSystem, Inventory, Site, StoragePool, Zone } from "../../model";

/** Lookups the rules share, built once per inventory (first definition wins; duplicates are reported elsewhere). */
export interface InventoryIndex {
  /** Sites by id. */
  sites: Map<string, Site>;
  /** Zones by `site/zone` id. */
  zones: Map<string, Zone>;
  /** Zone ids at any site. */
  zoneIds: Set<string>;
  /** Devices by name. */
  devices: Map<string, Device>;
  /** HA group names to their member devices. */
  haGroups: Map<string, Device[]>;
  /** Rack ids to site ids. */
  rackSites: Map<string, string>;
  /** Agency codes. */
  agencies: Set<string>;
  /** Systems by id. */
  systems: Map<string, HostedSystem>;
  /** Backup policy ids. */
  backupPolicies: Set<string>;
  /** Storage pools by id. */
  pools: Map<string, StoragePool>;
  /** Cluster ids to site ids. */
  clusterSites: Map<string, string>;
  /** SAN fabric ids to site ids. */
  fabricSites: Map<string, string>;
  /** Service names. */
  services: Set<string>;
}

/** Key of a zone in `InventoryIndex.zones`. */
export const zoneKey = (site: string, zone: string): string => `${site}/${zone}`;

function firstWins<K, V>(map: Map<K, V>, key: K, value: V): void {
  if (!map.has(key)) map.set(key, value);
}

/**
 * Builds the shared lookups.
 * @param inv a schema-valid inventory
 */
export function indexInventory(inv: Inventory): InventoryIndex {
  const idx: InventoryIndex = {
    sites: new Map(),
    zones: new Map(),
    zoneIds: new Set(inv.zones.map((z) => z.id)),
    devices: new Map(),
    haGroups: new Map(),
    rackSites: new Map(),
    agencies: new Set(inv.agencies.map((a) => a.code)),
    systems: new Map(),
    backupPolicies: new Set(inv.backupPolicies.map((b) => b.id)),
    pools: new Map(),
    clusterSites: new Map(),
    fabricSites: new Map(),
    services: new Set(inv.services.map((s) => s.name)),
  };
  for (const s of inv.sites) firstWins(idx.sites, s.id, s);
  for (const z of inv.zones) firstWins(idx.zones, zoneKey(z.site, z.id), z);
  for (const d of inv.devices) {
    firstWins(idx.devices, d.name, d);
    if (d.haGroup) idx.haGroups.set(d.haGroup, [...(idx.haGroups.get(d.haGroup) ?? []), d]);
  }
  for (const r of inv.racks) firstWins(idx.rackSites, r.id, r.site);
  for (const s of inv.systems) firstWins(idx.systems, s.id, s);
  for (const a of inv.storageArrays) for (const p of a.pools) firstWins(idx.pools, p.id, p);
  for (const c of inv.clusters) firstWins(idx.clusterSites, c.id, c.site);
  for (const f of inv.sanFabrics) firstWins(idx.fabricSites, f.id, f.site);
  return idx;
}
