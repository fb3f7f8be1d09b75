import { z } from "zod";
import { AgencyCode, Text } from "./common";

/** A provincial agency: a department, a district, a commune, or the province's own offices (NetBox: Tenant). */
export const Agency = z
  .object({
    /** Stable code; never reused. */
    code: AgencyCode,
    /** Vietnamese name. */
    name: Text,
    /** English name. */
    nameEn: Text.optional(),
    /** Kind of agency. */
    kind: z.enum(["province-office", "department", "district", "commune", "sector"]),
    /** Parent agency code (a commune's district). */
    parent: AgencyCode.optional(),
  })
  .strict();
export type Agency = z.infer<typeof Agency>;
