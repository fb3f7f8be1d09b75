import { z } from "zod";
import { DateText, Protocol, Slug, Text } from "./common";

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

/** One end of a flow: a zone, a system's tier, or an external network. Exactly one of `zone`, `system`, `external`. */
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
