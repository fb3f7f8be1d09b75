import type { Inventory } from "../model";

/** Counts of what an inventory holds, for the validator's summary. */
export interface InventorySummary {
  /** Province code. */
  province: string;
  /** Sites. */
  sites: number;
  /** Zones (all sites). */
  zones: number;
  /** VLANs (all zones). */
  vlans: number;
  /** Agencies. */
  agencies: number;
  /** Hosted systems. */
  systems: number;
  /** Tiers of all systems. */
  tiers: number;
  /** Services. */
  services: number;
  /** Flows. */
  flows: number;
  /** Racks. */
  racks: number;
  /** Devices. */
  devices: number;
  /** Uplinks. */
  uplinks: number;
  /** SAN fabrics. */
  sanFabrics: number;
  /** Storage arrays. */
  storageArrays: number;
  /** Storage pools. */
  storagePools: number;
  /** Kubernetes clusters. */
  clusters: number;
  /** Backup policies. */
  backupPolicies: number;
  /** TSLCD agency endpoints. */
  tslcdEndpoints: number;
}

/**
 * Counts what an inventory holds.
 * @param inv a validated inventory
 */
export function summarizeInventory(inv: Inventory): InventorySummary {
  return {
    province: inv.province.code,
    sites: inv.sites.length,
    zones: inv.zones.length,
    vlans: inv.zones.reduce((n, z) => n + z.vlans.length, 0),
    agencies: inv.agencies.length,
    systems: inv.systems.length,
    tiers: inv.systems.reduce((n, s) => n + s.tiers.length, 0),
    services: inv.services.length,
    flows: inv.flows.length,
    racks: inv.racks.length,
    devices: inv.devices.length,
    uplinks: inv.uplinks.length,
    sanFabrics: inv.sanFabrics.length,
    storageArrays: inv.storageArrays.length,
    storagePools: inv.storageArrays.reduce((n, a) => n + a.pools.length, 0),
    clusters: inv.clusters.length,
    backupPolicies: inv.backupPolicies.length,
    tslcdEndpoints: inv.tslcdEndpoints.length,
  };
}
