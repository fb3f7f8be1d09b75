import { z } from "zod";
import { AddressText, PowerPath, Slug, Text } from "./common";
import { SanPort } from "./san";

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
    /** SAN fabrics the device's HBAs connect to (hosts and arrays); the fabrics of its `sanPorts` count too. */
    sanFabrics: z.array(Slug).default([]),
    /** For network taps: the zone whose boundary the tap is attached to (required for taps). */
    monitors: Slug.optional(),
    /** For firewalls that enforce a zone: how they take their rule base. Default `appliance`. */
    firewallPlatform: FirewallPlatform.optional(),
    /** Fibre Channel ports with their WWPNs: initiators of servers and hypervisors, targets of array controllers. */
    sanPorts: z.array(SanPort).default([]),
    /**
     * For routers terminating TSLCD circuits: `frr` (Linux with FRR: the Pulumi program loads the generated
     * configuration over SSH) or `vendor` (the rendered configuration and the neutral record are artefacts). Default `vendor`.
     */
    routerPlatform: z.enum(["frr", "vendor"]).optional(),
    /** Serial number (as-built). */
    serial: Text.optional(),
    /**
     * For hypervisors: the Nova availability zone of the host aggregate it belongs to (e.g. one per rack
     * row). The compiler spreads a cluster's control-plane nodes over the site's zones, which is what lets
     * a rack spread be scheduled rather than hoped for (K8S-13).
     */
    availabilityZone: Slug.optional(),
    /**
     * For devices holding backup copies: how the device keeps data unalterable until its retention ends, if it can —
     * S3 `object-lock`, `worm` media (write-once tape cartridges) or the appliance's `retention-lock`. Left out: it cannot,
     * so a copy on it declared immutable is not (DATA-12).
     */
    immutability: z.enum(["object-lock", "worm", "retention-lock"]).optional(),
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
    /** TSLCD uplinks: the carrier VPNs (ids under `tslcd.vpns`) the circuit carries, one routing instance each. Default none. */
    vpns: z.array(Slug).optional(),
    /** TSLCD uplinks: the carrier's circuit id (unique in the province). */
    circuit: Text.optional(),
    /** TSLCD uplinks: the physical route by identity (id under `tslcd.routes`), compared for diversity. */
    physicalRoute: Slug.optional(),
    /** TSLCD uplinks: the backup of the site's circuits on a level (lower preference when `tslcd.paths` is `preference`). Default false. */
    backup: z.boolean().optional(),
  })
  .strict();
export type Uplink = z.infer<typeof Uplink>;
