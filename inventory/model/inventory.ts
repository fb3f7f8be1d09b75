import { z } from "zod";
import { ProvinceInfo } from "./province";
import { SecurityParameters } from "./security";
import { Site } from "./site";
import { Zone } from "./zone";
import { Agency } from "./tenant";
import { HostedSystem } from "./system";
import { Flow, Service } from "./flow";
import { Device, Rack, Uplink } from "./plant";
import { SanFabric, StorageArray, StorageReplication } from "./san";
import { Cluster } from "./kubernetes";
import { BackupPolicy } from "./backup";
import { TslcdEndpoint, TslcdNetwork } from "./tslcd";

/**
 * A province's whole inventory. A province folder may split it across any number of YAML files:
 * each file holds some of these top-level keys, lists with the same key are concatenated, and
 * `province`/`security` may appear once.
 */
export const Inventory = z
  .object({
    /** Who the province is. */
    province: ProvinceInfo,
    /** Security parameters (every field has a documented default). */
    security: SecurityParameters.default(() => SecurityParameters.parse({})),
    /** Data centers. */
    sites: z.array(Site).min(1),
    /** Security zones per site. */
    zones: z.array(Zone).default([]),
    /** Agencies (tenants). */
    agencies: z.array(Agency).default([]),
    /** Hosted systems. */
    systems: z.array(HostedSystem).default([]),
    /** Named services used by flows. */
    services: z.array(Service).default([]),
    /** Allowed flows. */
    flows: z.array(Flow).default([]),
    /** Racks. */
    racks: z.array(Rack).default([]),
    /** Devices. */
    devices: z.array(Device).default([]),
    /** Uplinks. */
    uplinks: z.array(Uplink).default([]),
    /** SAN fabrics. */
    sanFabrics: z.array(SanFabric).default([]),
    /** Storage arrays and pools. */
    storageArrays: z.array(StorageArray).default([]),
    /** Array-to-array replication between sites. */
    storageReplication: z.array(StorageReplication).default([]),
    /** Kubernetes clusters. */
    clusters: z.array(Cluster).default([]),
    /** Backup policies. */
    backupPolicies: z.array(BackupPolicy).default([]),
    /** The province's TSLCD network (VPNs, level-II blocks, routes, edge routing); absent: no TSLCD is modelled. */
    tslcd: TslcdNetwork.optional(),
    /** Agency endpoints on the TSLCD and their circuits. */
    tslcdEndpoints: z.array(TslcdEndpoint).default([]),
  })
  .strict();
export type Inventory = z.infer<typeof Inventory>;

/** Top-level keys that hold lists (concatenated across files). */
export const LIST_KEYS = [
  "sites",
  "zones",
  "agencies",
  "systems",
  "services",
  "flows",
  "racks",
  "devices",
  "uplinks",
  "sanFabrics",
  "storageArrays",
  "storageReplication",
  "clusters",
  "backupPolicies",
  "tslcdEndpoints",
] as const;
export type ListKey = (typeof LIST_KEYS)[number];

/** Top-level keys that hold one object (may appear in one file only). */
export const SINGLE_KEYS = ["province", "security", "tslcd"] as const;
