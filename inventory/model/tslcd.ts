import { z } from "zod";
import { AgencyCode, DateText, ExplicitPrefixes, PrefixText, Slug, Text } from "./common";

/**
 * The dedicated data-transmission network of Party and State bodies (mạng truyền số liệu chuyên dùng,
 * TSLCD; Decision 8/2023/QĐ-TTg, Circular 19/2023/TT-BTTTT). Level I is the national backbone (national
 * platforms NGSP/NDXP, ministries, the national monitoring centre); level II is the province's own
 * network to its departments and commune-level units (since 1 July 2025 directly, there are no districts),
 * both as L2/L3 VPNs over the carrier's aggregation. The carrier's plan assigns its addresses: they are
 * fixed inputs here; what the carrier leaves to the province (agency LANs, PE–CE links) is allocated from
 * the province's level-II blocks by the address plan.
 */

/** Level I (national backbone) or level II (the province's network). */
export const TslcdLevel = z.enum(["I", "II"]);
export type TslcdLevel = z.infer<typeof TslcdLevel>;

/** What a TSLCD prefix holds. */
export const TslcdHolds = z.enum(["national-platforms", "ministries", "monitoring-centre", "province-agencies"]);
export type TslcdHolds = z.infer<typeof TslcdHolds>;

/** A 2- or 4-byte autonomous system number (private ranges in examples). */
export const Asn = z.number().int().min(1).max(4294967294);

/** A dual-stack pair of prefixes the carrier's plan assigns: recorded, validated, never allocated. */
export const TslcdBlock = z
  .object({
    /** The IPv4 prefix. */
    prefix: PrefixText,
    /** Its IPv6 twin (every TSLCD prefix is dual-stack). */
    ipv6: PrefixText,
    /** Carrier (or plan owner, e.g. Cục Bưu điện Trung ương) that assigned it. */
    carrier: Text,
    /** Reference of the assignment document. */
    reference: Text,
    /** Date of the assignment. */
    assigned: DateText.optional(),
  })
  .strict();
export type TslcdBlock = z.infer<typeof TslcdBlock>;

/** A TSLCD prefix reachable at a site, from the carrier's plan: its level, what it holds, its IPv6 twin. */
export const TslcdPrefix = TslcdBlock.extend({
  /** Level I (national backbone) or II (the province's network). */
  level: TslcdLevel,
  /** What the addresses hold: `national-platforms` (NGSP/NDXP), `ministries`, `monitoring-centre`, `province-agencies`. */
  holds: TslcdHolds,
  /** What it is for, in the carrier's words. */
  purpose: Text,
}).strict();
export type TslcdPrefix = z.infer<typeof TslcdPrefix>;

/** A carrier VPN (VRF) of one TSLCD level that the province's sites and agencies attach to. */
export const TslcdVpn = z
  .object({
    /** Identity (e.g. `cap1`, `cap2-ninh-an`). */
    id: Slug,
    /** Human name. */
    name: Text,
    /** TSLCD level it belongs to. */
    level: TslcdLevel,
    /** VRF name on the carrier and on the DC edge routers (each VRF runs as its own routing instance). */
    vrf: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,14}$/, { message: "expected a VRF name of at most 15 letters, digits, '-' or '_' (e.g. \"TSLCD-CAP2\")" }),
    /** Carrier operating it. */
    carrier: Text,
    /** The carrier PEs' autonomous system for this VPN (eBGP from the CEs). */
    peAsn: Asn,
    /**
     * Prefixes a CE accepts at most from a PE before the session is torn down (and restarted after 5
     * minutes). Default: the declared prefixes of the VPN plus max(10, 20 %).
     */
    maxPrefixes: z.number().int().positive().optional(),
    /** VLAN (by name) of each site's `tslcd` zone where this VPN's routing instances meet the zone's firewall. Default: the zone's VLAN with the lowest id. */
    transitVlan: Slug.optional(),
  })
  .strict();
export type TslcdVpn = z.infer<typeof TslcdVpn>;

/**
 * A physical cable route (tuyến cáp), by identity: two circuits are diverse when their routes are
 * different and share no duct (diversity is decided on identities, never on free text).
 */
export const PhysicalRoute = z
  .object({
    /** Identity (e.g. `na1-north-duct`). */
    id: Slug,
    /** Where the route runs. */
    description: Text,
    /** Carrier owning the cable, when known. */
    carrier: Text.optional(),
    /** Ducts or shared segments it passes through (identities); two routes sharing one are not diverse. */
    ducts: z.array(Slug).default([]),
  })
  .strict();
export type PhysicalRoute = z.infer<typeof PhysicalRoute>;

/** The customer-edge device of an agency attachment. */
export const Cpe = z
  .object({
    /** Vendor and model (e.g. "MikroTik CCR2004", "Linux CPE (FRR 8.4)"). */
    model: Text,
    /** Router, or layer-3 switch. A CE that speaks BGP must be a router. */
    role: z.enum(["router", "l3-switch"]),
    /** `frr`: a Linux CPE running FRR gets a rendered configuration; `vendor`: the neutral record is the artefact. Default `vendor`. */
    platform: z.enum(["frr", "vendor"]).default("vendor"),
    /** `bgp` with the carrier PE, or `static` (the carrier routes the LAN statically). Default `bgp`. */
    routing: z.enum(["bgp", "static"]).default("bgp"),
  })
  .strict();
export type Cpe = z.infer<typeof Cpe>;

/** One circuit of an agency endpoint into a TSLCD VPN. */
export const TslcdAttachment = z
  .object({
    /** VPN (VRF) it belongs to (its level follows). */
    vpn: Slug,
    /** The carrier's circuit id (unique in the province). */
    circuit: Text,
    /** Physical route (id under `tslcd.routes`). */
    route: Slug,
    /** Committed bandwidth in Mbit/s. */
    bandwidthMbps: z.number().int().positive(),
    /** The CE at the agency. */
    cpe: Cpe,
    /** A second circuit kept as backup (lower preference) rather than shared equally. Default false. */
    backup: z.boolean().default(false),
    /** PE–CE link addresses when the carrier assigns them (/30–/31 and /126–/127, both families); allocated otherwise. */
    link: ExplicitPrefixes.optional(),
  })
  .strict();
export type TslcdAttachment = z.infer<typeof TslcdAttachment>;

/**
 * A place where an agency attaches to the TSLCD (a department's office, a commune's People's Committee):
 * its circuits and its LAN. An endpoint of a former unit (a district office, a pre-merger commune) now
 * belongs to the unit its lineage leads to.
 */
export const TslcdEndpoint = z
  .object({
    /** Identity (e.g. `snv`, `x-ninh-phuc`). */
    id: Slug,
    /** The agency whose endpoint it is (a former unit's endpoint follows its lineage to one unit in force). */
    agency: AgencyCode,
    /** Where it is (building, address). */
    location: Text.optional(),
    /** Hosts on the LAN; sizes the IPv4 LAN when it is allocated. Default 60. */
    hosts: z.number().int().min(1).max(65000).default(60),
    /** LAN prefixes the carrier assigned (either family); what is left out is allocated. */
    lan: ExplicitPrefixes.optional(),
    /** Circuits (one per VPN and path). */
    attachments: z.array(TslcdAttachment).min(1, { message: "an endpoint needs at least one circuit" }),
  })
  .strict();
export type TslcdEndpoint = z.infer<typeof TslcdEndpoint>;

/** How the DC edge pair shares the two paths of a level. */
export const TslcdPaths = z.enum(["preference", "ecmp"]);
export type TslcdPaths = z.infer<typeof TslcdPaths>;

/** The province's TSLCD: its VPNs, level-II blocks, autonomous systems, physical routes and edge routing. */
export const TslcdNetwork = z
  .object({
    /** The province's autonomous system (the DC edge routers of every site). */
    asn: Asn,
    /** The autonomous system of the agencies' CPEs (the carrier's PEs override it between sites). */
    cpeAsn: Asn,
    /** The province's level-II blocks from the carrier's plan: agency LANs and PE–CE links are allocated in them. */
    blocks: z.array(TslcdBlock).default([]),
    /** IPv6 prefix length of an allocated agency LAN. Default 56. */
    lanIpv6Length: z.number().int().min(48).max(64).default(56),
    /** The carrier VPNs (one or more per level). */
    vpns: z.array(TslcdVpn).min(1),
    /** Physical cable routes circuits name. */
    routes: z.array(PhysicalRoute).default([]),
    /** `preference`: the primary circuit carries traffic, the backup takes over; `ecmp`: both share it. Default `preference`. */
    paths: TslcdPaths.default("preference"),
    /** BFD timers on every PE session. */
    bfd: z
      .object({
        /** Transmit and receive interval in milliseconds. Default 300. */
        intervalMs: z.number().int().min(10).max(60000).default(300),
        /** Missed packets before the session is declared down. Default 3. */
        multiplier: z.number().int().min(2).max(255).default(3),
      })
      .strict()
      .default({ intervalMs: 300, multiplier: 3 }),
  })
  .strict();
export type TslcdNetwork = z.infer<typeof TslcdNetwork>;

/**
 * What a flow's `external: tslcd` end may narrow itself to (all optional, combined with "and"):
 * the level, what the prefixes hold, the agencies whose endpoints are meant.
 */
export const TslcdSelector = z
  .object({
    /** Only prefixes of this level (and endpoints attached at it). */
    level: TslcdLevel.optional(),
    /** Only prefixes holding one of these (`province-agencies` = the agencies' endpoint LANs). */
    holds: z.array(TslcdHolds).min(1).optional(),
    /** Only the LANs of these agencies' endpoints (units in force; the endpoints of their former units included). */
    agencies: z.array(AgencyCode).min(1).optional(),
  })
  .strict();
export type TslcdSelector = z.infer<typeof TslcdSelector>;
