import { z } from "zod";
import { ExplicitPrefixes, Slug, Text } from "./common";

/**
 * Kinds of zone. The first seven are the level-3 zones of Circular 12/2022 Annex III (wireless only
 * where there is wireless); the rest are the zones the provincial architectures add.
 */
export const ZoneKind = z.enum([
  "internal",
  "edge",
  "dmz",
  "internal-server",
  "wireless",
  "db-server",
  "management",
  "storage",
  "backup",
  "soc",
  "tslcd",
  "out-of-band",
]);
export type ZoneKind = z.infer<typeof ZoneKind>;

/** The level-3 zones every site must have (wireless is optional). */
export const LEVEL3_ZONE_KINDS: readonly ZoneKind[] = ["internal", "edge", "dmz", "internal-server", "db-server", "management"];

/** How IPv6 hosts get addresses. SLAAC needs a /64. */
export const Ipv6Mode = z.enum(["slaac", "dhcpv6-stateful"]);
export type Ipv6Mode = z.infer<typeof Ipv6Mode>;

/** A VLAN inside a zone (NetBox: VLAN). */
export const Vlan = z
  .object({
    /** 802.1Q id, 1–4094, unique per site and physnet. */
    id: z.number().int().min(1, { message: "expected a VLAN id from 1 to 4094" }).max(4094, { message: "expected a VLAN id from 1 to 4094" }),
    /** Name, unique per site. */
    name: Slug,
    /** What runs on it. */
    purpose: Text,
    /** Hosts expected; sizes the IPv4 subnet (with headroom). */
    hosts: z.number().int().min(1).max(1_000_000),
    /** Physnet carrying it. Default: the site's only physnet, else the one whose VLAN range holds the id (see `vlanPhysnet`). */
    physnet: z.string().optional(),
    /** IPv6 addressing. Default SLAAC. */
    ipv6Mode: Ipv6Mode.default("slaac"),
    /** Prefixes fixed by the operator instead of allocated. */
    prefix: ExplicitPrefixes.optional(),
    /** DHCP for IPv4. Default true. */
    dhcp: z.boolean().default(true),
  })
  .strict();
export type Vlan = z.infer<typeof Vlan>;

/** A security zone at one site, with its VLANs and the device that enforces its boundary. */
export const Zone = z
  .object({
    /** Identity, unique per site; the same id at two sites means the same role (e.g. `dmz`). */
    id: Slug,
    /** Site it belongs to. */
    site: Slug,
    /** Which kind of zone this is. */
    kind: ZoneKind,
    /** Human name. */
    name: Text,
    /** Device (by name) or HA group that enforces the boundary (e.g. the core firewall pair). */
    enforcedBy: Slug,
    /**
     * Devices or HA groups in line on the zone's boundary besides its enforcer, in the order traffic entering
     * the zone meets them (anti-DDoS, IPS, WAF). Published HTTP(S) services need a WAF here.
     */
    inline: z.array(Slug).default([]),
    /** Zone block fixed by the operator instead of allocated. */
    prefix: ExplicitPrefixes.optional(),
    /** VLANs in the zone. */
    vlans: z.array(Vlan).min(1, { message: "a zone needs at least one VLAN" }),
    /**
     * The zone's VLANs are OpenStack provider networks (VMs attach to them; their gateway is the zone's
     * enforcer, never a router shared with another zone); bare-metal-only zones set false. Default true.
     */
    cloud: z.boolean().default(true),
    /**
     * The zone gets its own cloud router (joining this zone's subnets only, its uplink toward the
     * zone's enforcer) with an FWaaS v2 firewall group on its zone ports allowing exactly the flows to
     * and from the zone (defence in depth in front of `enforcedBy`). Needs `cloud`. Default false.
     */
    virtualFirewall: z.boolean().default(false),
    /**
     * The zone's object store (where backup copies kept in the zone go) supports S3 Object Lock, so a copy there can be
     * made unalterable until its retention ends. Default false (DATA-12 then refuses immutable copies in the zone).
     */
    objectLock: z.boolean().optional(),
    /**
     * The storage policy (Swift policy or RGW placement target) of the zone's object store, on disks apart from
     * production's: the site's backup containers of a policy targeting this zone are created in it (DATA-08
     * checks they are). Without it they land in the default policy, production's ring.
     */
    objectStoragePolicy: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, { message: "expected a storage policy name such as \"backup\" (letters, digits, _ . -)" }).optional(),
  })
  .strict();
export type Zone = z.infer<typeof Zone>;
