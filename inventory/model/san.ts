import { z } from "zod";
import { PowerPath, Slug } from "./common";

/**
 * The storage area network: fabrics, arrays and their pools, Fibre Channel ports, the LUNs systems
 * own, and replication between arrays of two sites.
 */

/**
 * A Fibre Channel port name (WWPN): eight colon-separated hex bytes whose first digit is an NAA type
 * a port can carry (1, 2, 5 or 6), e.g. `10:00:00:10:9b:1a:2b:3c`. Zoning compares them case-insensitively.
 */
export const Wwpn = z.string().regex(/^[1256][0-9a-fA-F]:([0-9a-fA-F]{2}:){6}[0-9a-fA-F]{2}$/, {
  message: "expected a WWPN: 8 colon-separated hex bytes starting with NAA type 1, 2, 5 or 6 (e.g. \"10:00:00:10:9b:1a:2b:3c\")",
});

/** Canonical text of a WWPN (lower case), so `50:06:0E:…` and `50:06:0e:…` are the same port. */
export function canonicalWwpn(wwpn: string): string {
  return wwpn.toLowerCase();
}

/** One Fibre Channel port of a device on one fabric: an initiator (server, hypervisor) or a target (array controller). */
export const SanPort = z
  .object({
    /** Fabric id the port logs into. */
    fabric: Slug,
    /** The port's WWPN. */
    wwpn: Wwpn,
  })
  .strict();
export type SanPort = z.infer<typeof SanPort>;

/** The command language a fabric's switches speak; the zoning is rendered in it. */
export const ZoningCli = z.enum(["brocade-fos", "cisco-mds"]);
export type ZoningCli = z.infer<typeof ZoningCli>;

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
    /** CLI the switches speak; the zoning is also rendered as its commands. Left out: vendor-neutral JSON and CSV only. */
    cli: ZoningCli.optional(),
    /** VSAN the fabric's zones live in (Cisco MDS: required with `cli: cisco-mds`; 1 is the default VSAN and not accepted). */
    vsan: z.number().int().min(2).max(4093).optional(),
  })
  .strict();
export type SanFabric = z.infer<typeof SanFabric>;

/** What a pool is for; placement only ever picks `general` pools for a system (or pools reserved for it). */
export const PoolPurpose = z.enum(["general", "log-store", "backup"]);
export type PoolPurpose = z.infer<typeof PoolPurpose>;

/**
 * How Cinder encrypts the volumes of an encrypted pool (a volume type's encryption spec): LUKS
 * through the key manager. `front-end` encrypts on the hypervisor, so the array and the SAN only ever
 * carry cipher text.
 */
export const PoolEncryption = z
  .object({
    /** Encryption provider. Default `luks` (os-brick's LUKS encryptor). */
    provider: z.enum(["luks", "luks2"]).default("luks"),
    /** dm-crypt cipher. Default `aes-xts-plain64`. */
    cipher: z.enum(["aes-xts-plain64"]).default("aes-xts-plain64"),
    /** Key size in bits: 256 (AES-128-XTS) or 512 (AES-256-XTS). Default 512. */
    keySize: z.union([z.literal(256), z.literal(512)]).default(512),
    /** Where encryption happens. Default `front-end` (the compute host). */
    controlLocation: z.enum(["front-end", "back-end"]).default("front-end"),
  })
  .strict();
export type PoolEncryption = z.infer<typeof PoolEncryption>;

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
    /** The Cinder encryption spec of an encrypted pool's volume types (every field has a default). */
    encryption: PoolEncryption.default(() => PoolEncryption.parse({})),
    /**
     * What the pool is for. `general` (default): volumes and LUNs of systems. `log-store`: the SOC's log
     * store, reserved for the system that keeps the logs. `backup`: capacity of the backup or replication
     * targets, never placed for a system's volumes.
     */
    purpose: PoolPurpose.default("general"),
    /** The one system allowed to use the pool; its volume types are private to that system's project. Required for `log-store`. */
    reservedFor: Slug.optional(),
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
    /** Controller device names (an HA pair); their `sanPorts` are the array's target ports. */
    devices: z.array(Slug).min(1),
    /** Pools. */
    pools: z.array(StoragePool).min(1),
  })
  .strict();
export type StorageArray = z.infer<typeof StorageArray>;

/** A LUN a system owns on a SAN pool, presented to the hosts that need it (bare-metal servers, clusters). */
export const Lun = z
  .object({
    /** Name, unique within the system (e.g. `data`, `redo-1`). */
    name: Slug,
    /** Pool id the LUN is carved from (the pool's array and site follow). */
    pool: Slug,
    /** Size in GiB. */
    sizeGiB: z.number().int().min(1),
    /** Devices (servers) the LUN is masked to; every one needs SAN ports on the pool's site's fabrics. */
    hosts: z.array(Slug).min(1),
    /** Host LUN id the hosts see it by (1–4095). Default: derived from the LUN's identity, stable under insertions. */
    hostLunId: z.number().int().min(1).max(4095).optional(),
  })
  .strict();
export type Lun = z.infer<typeof Lun>;

/** Array-to-array replication between two sites (e.g. the primary's array to the DR site's). */
export const StorageReplication = z
  .object({
    /** Identity. */
    id: Slug,
    /** Source array id. */
    source: Slug,
    /** Target array id, at another site. */
    target: Slug,
    /** Synchronous (recovery point zero) or asynchronous (every `intervalMinutes`). */
    mode: z.enum(["synchronous", "asynchronous"]),
    /** Minutes between asynchronous replication cycles (the recovery point it gives). Required for `asynchronous`. */
    intervalMinutes: z.number().int().min(1).max(10080).optional(),
    /** Source pools replicated (ids). Default: every pool of the source array. */
    pools: z.array(Slug).optional(),
  })
  .strict();
export type StorageReplication = z.infer<typeof StorageReplication>;

/**
 * The fabrics a device is attached to: those it lists in `sanFabrics` and those its `sanPorts` log into.
 * @param device the device
 */
export function attachedFabrics(device: { sanFabrics: readonly string[]; sanPorts: readonly { fabric: string }[] }): string[] {
  return [...new Set([...device.sanFabrics, ...device.sanPorts.map((p) => p.fabric)])].sort();
}
