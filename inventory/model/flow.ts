import { z } from "zod";
import { AgencyCode, DateText, Protocol, Slug, Text } from "./common";
import { TslcdHolds, TslcdLevel } from "./tslcd";

/** A named service: protocol and ports, defined once and used by flows (Aerleon's service definitions). */
export const Service = z
  .object({
    /** Name used by flows (e.g. `https`). */
    name: Slug,
    /** Protocol. */
    protocol: Protocol,
    /** Single port. Not with `portMin`/`portMax`. */
    port: z.number().int().min(1).max(65535).optional(),
    /** First port of a range. */
    portMin: z.number().int().min(1).max(65535).optional(),
    /** Last port of a range. */
    portMax: z.number().int().min(1).max(65535).optional(),
  })
  .strict();
export type Service = z.infer<typeof Service>;

/** Networks outside the DC that flows can name. */
export const ExternalNetwork = z.enum(["internet", "tslcd", "national-platforms"]);
export type ExternalNetwork = z.infer<typeof ExternalNetwork>;

/**
 * One end of a flow: a zone, a system's tier, or an external network. Exactly one of `zone`, `system`,
 * `external`. `external: tslcd` alone means every TSLCD prefix reachable at the site (both levels and every
 * agency endpoint); `level`, `holds` and `agencies` narrow it (combined with "and"), e.g.
 * `{ external: tslcd, level: II }` (the agencies' endpoints) or `{ external: tslcd, holds: [monitoring-centre] }`.
 * `external: national-platforms` is the level-I prefixes holding the national platforms.
 */
export const Endpoint = z
  .object({
    /** A zone id (every VLAN of it). */
    zone: Slug.optional(),
    /** A system id. */
    system: Slug.optional(),
    /** A tier of that system; default all its tiers. */
    tier: Slug.optional(),
    /** An external network. */
    external: ExternalNetwork.optional(),
    /** With `external: tslcd`: only this TSLCD level. */
    level: TslcdLevel.optional(),
    /** With `external: tslcd`: only prefixes holding one of these (`province-agencies`: the agencies' endpoint LANs). */
    holds: z.array(TslcdHolds).min(1).optional(),
    /** With `external: tslcd`: only the endpoint LANs of these agencies (units in force; their former units' endpoints included). */
    agencies: z.array(AgencyCode).min(1).optional(),
  })
  .strict();
export type Endpoint = z.infer<typeof Endpoint>;

/** An allowed flow; everything not allowed is denied. */
export const Flow = z
  .object({
    /** Unique name, used in rule names and reports. */
    name: Slug,
    /** Where connections start. */
    from: Endpoint,
    /** Where they go. */
    to: Endpoint,
    /** Services allowed. */
    services: z.array(Slug).min(1),
    /** Why the flow exists. */
    justification: Text,
    /** Who owns the flow (agency code or team). */
    owner: Text.optional(),
    /** The flow lapses after this date (reports flag it). */
    expires: DateText.optional(),
  })
  .strict();
export type Flow = z.infer<typeof Flow>;
