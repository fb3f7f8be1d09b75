import { z } from "zod";
import { DateText, PowerPath, PrefixText, Slug, Text } from "./common";
import { TslcdPrefix } from "./tslcd";
import { SiteRole } from "./siteRoles";

/** A carrier's cable entrance into the building; Tier III wants two, on diverse physical routes. */
export const CarrierEntrance = z
  .object({
    /** Identity within the site (e.g. `north`). */
    id: Slug,
    /** Carrier name (e.g. VNPT, Viettel). */
    carrier: Text,
    /** Physical route the fibre takes to the building (e.g. "Trần Hưng Đạo street duct"). */
    route: Text,
  })
  .strict();
export type CarrierEntrance = z.infer<typeof CarrierEntrance>;

/** What the building is designed to. An inventory can show a design consistent with a tier; it cannot certify one. */
export const Facility = z
  .object({
    /** Target tier (TIA-942 rating / Uptime tier / TCVN 9250 level), 1–4. */
    tierTarget: z.number().int().min(1).max(4),
    /** Standard the target refers to. */
    standard: z.enum(["TIA-942-B", "Uptime", "TCVN-9250-2021"]),
    /** Power paths feeding the racks; Tier III needs A and B. */
    powerPaths: z.array(PowerPath).min(1),
    /** UPS redundancy (e.g. "N+1", "2N"). */
    upsRedundancy: z.string().regex(/^(N|N\+1|N\+2|2N|2N\+1)$/, { message: "expected N, N+1, N+2, 2N or 2N+1" }),
    /** Cooling redundancy (e.g. "N+1"). */
    coolingRedundancy: z.string().regex(/^(N|N\+1|N\+2|2N|2N\+1)$/, { message: "expected N, N+1, N+2, 2N or 2N+1" }),
    /** Hours the generators run on stored fuel. */
    generatorAutonomyHours: z.number().positive().optional(),
  })
  .strict();
export type Facility = z.infer<typeof Facility>;

/** Where a site is. */
export const Location = z
  .object({
    /** Street address. */
    address: Text,
    /** Province or city. */
    city: Text,
    /** Who runs the building when it is rented space (e.g. "VNPT IDC"). */
    hostedBy: Text.optional(),
    /** Latitude, for distance between primary and DR. */
    latitude: z.number().min(-90).max(90),
    /** Longitude. */
    longitude: z.number().min(-180).max(180),
  })
  .strict();
export type Location = z.infer<typeof Location>;

/** Address space a site allocates from. */
export const Aggregates = z
  .object({
    /** Private IPv4 blocks (RFC 1918). */
    ipv4: z.array(PrefixText).min(1),
    /** IPv6 prefixes; a /48 per site is the norm. */
    ipv6: z.array(PrefixText).min(1),
  })
  .strict();
export type Aggregates = z.infer<typeof Aggregates>;

/**
 * The province's registered public address space at a site (from its RIR/VNNIC assignment): published
 * services get a public IPv4 address from it by destination NAT on the edge firewall, and are reached over
 * IPv6 directly (the DMZ's IPv6 prefix lies inside a registered public IPv6 prefix). Never allocated from
 * private space.
 */
export const PublicPrefixes = z
  .object({
    /** Public IPv4 prefixes (destination NAT addresses of published services come from them). */
    ipv4: z.array(PrefixText).default([]),
    /** Public IPv6 prefixes (the DMZ's IPv6 prefix must lie inside one). */
    ipv6: z.array(PrefixText).default([]),
  })
  .strict();
export type PublicPrefixes = z.infer<typeof PublicPrefixes>;

/** A physical network as Neutron knows it, with the VLAN range the DC's plan reserves on it. */
export const Physnet = z
  .object({
    /** Neutron physnet name (e.g. `physnet1`). */
    name: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_-]{0,63}$/, { message: "expected a physnet name such as \"physnet1\"" }),
    /** First VLAN id the plan allows on it. */
    vlanMin: z.number().int().min(1).max(4094),
    /** Last VLAN id the plan allows on it. */
    vlanMax: z.number().int().min(1).max(4094),
    /** MTU of the physical network. Default 1500. */
    mtu: z.number().int().min(1280).max(9216).default(1500),
  })
  .strict();
export type Physnet = z.infer<typeof Physnet>;

/** A data center: the primary at a carrier IDC, a secondary, a DR site, or a former DC being retired. */
export const Site = z
  .object({
    /** Stable identity; also the Pulumi stack name. */
    id: Slug,
    /** Human name. */
    name: Text,
    /** What the site is for (see `SiteRole`): one primary, any number of the others. */
    role: SiteRole,
    /** Date a `retiring` site is to be emptied and handed back; only with that role. */
    retireBy: DateText.optional(),
    /** Where it is. */
    location: Location,
    /** Facility design target. */
    facility: Facility,
    /** Carrier entrances. */
    carrierEntrances: z.array(CarrierEntrance).default([]),
    /** Address space allocated from. */
    aggregates: Aggregates,
    /** Registered public address space (published services). Default none. */
    publicPrefixes: PublicPrefixes.default({ ipv4: [], ipv6: [] }),
    /** TSLCD prefixes reachable at the site, fixed by the carrier's plan (each with its level, what it holds and its IPv6 twin). */
    tslcd: z.array(TslcdPrefix).default([]),
    /** Physical networks and their VLAN ranges. */
    physnets: z.array(Physnet).min(1),
    /** Domain suffix for the site's DNS names. */
    dnsDomain: z.string().regex(/^[a-z0-9.-]+$/).optional(),
  })
  .strict();
export type Site = z.infer<typeof Site>;
