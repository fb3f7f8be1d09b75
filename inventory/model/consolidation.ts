import { z } from "zod";
import { DateText, Slug } from "./common";

/**
 * What a shared system is, for the kinds a province runs exactly one of. After a merger the province
 * runs two of some (two LGSPs, two portals, two e-mail systems): one survives, the other is marked
 * for consolidation into it. Sector applications, of which a province has many, carry no kind.
 */
export const SystemKind = z.enum([
  "lgsp",
  "web-portal",
  "public-service-portal",
  "document-management",
  "email",
  "identity",
  "civil-servant-db",
  "shared-db",
  "data-warehouse",
  "ioc",
  "siem",
]);
export type SystemKind = z.infer<typeof SystemKind>;

/** A system being consolidated into another of its kind: it runs until `retireBy`, then is removed. */
export const Consolidation = z
  .object({
    /** The system of the same kind that survives and takes over this one's data and users. */
    survivor: Slug,
    /** Date this system is to be switched off; the migration flows between the two expire then. */
    retireBy: DateText,
  })
  .strict();
export type Consolidation = z.infer<typeof Consolidation>;
