import { z } from "zod";
import { AddressText, PowerPath, Slug, Text } from "./common";

/** A rack and the power feeds that reach it (NetBox: Rack, Power feed). */
export const Rack = z
  .object({
    /** Identity, unique per province (e.g. `dc1-r01`). */
    id: Slug,
    /** Site it stands in. */
    site: Slug,
    /** Row or room label. */
    row: Text,
    /** Power paths feeding the rack's PDUs. */
    feeds: z.array(PowerPath).min(1),
    /** Rack units. Default 42. */
    units: z.number().int().min(1).max(60).default(42),
    /** Design power budget in kW. */
    powerKw: z.number().positive().optional(),
  })
  .strict();
export type Rack = z.infer<typeof Rack>;

/** Device roles (NetBox: Device role). */
export const DeviceRole = z.enum([
  "core-switch",
  "access-switch",
  "core-firewall",
  "edge-firewall",
  "waf",
  "db-firewall",
  "ips",
  "anti-ddos",
  "router",
  "load-balancer",
  "san-switch",
  "storage-array",
  "server",
  "hypervisor",
  "backup-appliance",
  "tape-library",
  "network-tap",
  "nac",
  "siem",
  "ntp-server",
  "jump-host",
  "console-server",
]);
export type DeviceRole = z.infer<typeof DeviceRole>;

/**
 * How an enforcing firewall takes its rule base: `nftables` (a Linux firewall; the Pulumi program loads the
 * generated ruleset over SSH), `fortios` (the generated FortiOS CLI is the artefact), `appliance` (any other:
 * the vendor-neutral JSON/CSV is the artefact).
 */
export const FirewallPlatform = z.enum(["nftables", "fortios", "appliance"]);
export type FirewallPlatform = z.infer<typeof FirewallPlatform>;

/** A physical device in a rack (NetBox: Device). */
export const Device = z
  .object({
    /** Name, unique per province (e.g. `na1-fw-core-01`). */
    name: Slug,
    /** Site. */
    site: Slug,
    /** Rack it is mounted in. */
    rack: Slug,
    /** Role. */
    role: DeviceRole,
    /** Vendor and model, as bought. */
    model: Text,
    /** HA group it belongs to (at least two members). */
    haGroup: Slug.optional(),
    /** Power supplies connected to each path, e.g. `{A: 1, B: 1}`; a single-corded device names one path. */
    powerSupplies: z.partialRecord(PowerPath, z.number().int().min(0).max(8)),
    /** Management address (out-of-band). Allocated from the management zone when left out. */
    mgmtAddress: AddressText.optional(),
    /** SAN fabrics the device's HBAs connect to (hosts and arrays). */
    sanFabrics: z.array(Slug).default([]),
    /** For network taps: the zone whose boundary the tap is attached to (required for taps). */
    monitors: Slug.optional(),
    /** For firewalls that enforce a zone: how they take their rule base. Default `appliance`. */
    firewallPlatform: FirewallPlatform.optional(),
    /** Serial number (as-built). */
    serial: Text.optional(),
  })
  .strict();
export type Device = z.infer<typeof Device>;

/** A link out of the DC (NetBox: Circuit). */
export const Uplink = z
  .object({
    /** Identity. */
    id: Slug,
    /** Site. */
    site: Slug,
    /** What it connects to. */
    kind: z.enum(["internet", "tslcd", "dr-link"]),
    /** Provider (carrier). */
    provider: Text,
    /** Carrier entrance (id within the site) the fibre comes in by. */
    entrance: Slug,
    /** Physical route description. */
    route: Text,
    /** Committed bandwidth in Mbit/s. */
    bandwidthMbps: z.number().int().positive(),
    /** Device terminating it. */
    device: Slug,
  })
  .strict();
export type Uplink = z.infer<typeof Uplink>;

/** A SAN fabric (A or B) and its switches. */
export const SanFabric = z
  .object({
    /** Identity (e.g. `dc1-fab-a`). */
    id: Slug,
    /** Site. */
    site: Slug,
    /** Fabric side. */
    side: PowerPath,
    /** Protocol. */
    protocol: z.enum(["fc", "iscsi", "nvme-of"]),
    /** SAN switches (device names). */
    switches: z.array(Slug).min(1),
  })
  .strict();
export type SanFabric = z.infer<typeof SanFabric>;

/** A storage pool on an array; becomes a Cinder backend / volume type. */
export const StoragePool = z
  .object({
    /** Identity, unique per province. */
    id: Slug,
    /** Media tier. */
    tier: z.enum(["nvme", "ssd", "sas", "nl-sas"]),
    /** Usable capacity, TiB. */
    capacityTiB: z.number().positive(),
    /** Cinder backend name serving the pool. */
    backend: Slug,
    /** Max IOPS per volume (QoS), if limited. */
    maxIopsPerVolume: z.number().int().positive().optional(),
    /** Volumes may attach to several servers (clusters). */
    multiattach: z.boolean().default(false),
    /** Volumes are encrypted. Default true. */
    encrypted: z.boolean().default(true),
  })
  .strict();
export type StoragePool = z.infer<typeof StoragePool>;

/** A storage array and its pools. */
export const StorageArray = z
  .object({
    /** Identity. */
    id: Slug,
    /** Site. */
    site: Slug,
    /** Controller device names (an HA pair). */
    devices: z.array(Slug).min(1),
    /** Pools. */
    pools: z.array(StoragePool).min(1),
  })
  .strict();
export type StorageArray = z.infer<typeof StorageArray>;
