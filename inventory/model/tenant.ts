import { z } from "zod";
import { AgencyCode, DateText, Text } from "./common";

/**
 * Kinds of agency. Since 1 July 2025 local government has two tiers (Resolution 202/2025/QH15, the 2025
 * Law on the Organisation of Local Government): province-level bodies and commune-level units (commune,
 * ward, special zone). Districts and townships exist only as history: a unit of those kinds must carry
 * the date it ceased and the unit(s) it became.
 */
export const AgencyKind = z.enum([
  // Province level.
  "province-office",
  "department",
  "sector",
  // Commune level.
  "commune",
  "ward",
  "special-zone",
  // Former only (abolished on 2025-07-01).
  "district",
  "township",
]);
export type AgencyKind = z.infer<typeof AgencyKind>;

/** The tier of government an agency kind belongs to; `former` kinds no longer exist as units in force. */
export type AgencyTier = "province" | "commune" | "former";

/** Tier of each kind. */
export const AGENCY_TIER: Readonly<Record<AgencyKind, AgencyTier>> = {
  "province-office": "province",
  department: "province",
  sector: "province",
  commune: "commune",
  ward: "commune",
  "special-zone": "commune",
  district: "former",
  township: "former",
};

/**
 * Digits of the official administrative-unit code (mã đơn vị hành chính, Decision 124/2004/QĐ-TTg and its
 * 2025 successor lists) by kind: 5 for commune-level units (and former townships), 3 for former districts,
 * 2 for the province's People's Committee. Departments and sector agencies have none.
 */
export const ADMIN_CODE_DIGITS: Readonly<Partial<Record<AgencyKind, number>>> = {
  "province-office": 2,
  commune: 5,
  ward: 5,
  "special-zone": 5,
  township: 5,
  district: 3,
};

/** A provincial agency: a province-level body or a commune-level unit, in force or former (NetBox: Tenant). */
export const Agency = z
  .object({
    /** Stable code; never reused, not even after the unit ceases. */
    code: AgencyCode,
    /** Vietnamese name. */
    name: Text,
    /** English name. */
    nameEn: Text.optional(),
    /** Kind of agency (its tier follows from it, see `AGENCY_TIER`). */
    kind: AgencyKind,
    /** Official administrative-unit code, for administrative units (digits by kind, see `ADMIN_CODE_DIGITS`). */
    adminCode: z.string().regex(/^\d{2,5}$/, { message: "expected the official administrative-unit code, digits only (e.g. \"25261\")" }).optional(),
    /** Parent agency code: the province's People's Committee for departments and commune-level units; a former commune's former district. */
    parent: AgencyCode.optional(),
    /** Date the unit ceased to exist (merged, dissolved, abolished); a unit without it is in force. */
    ceased: DateText.optional(),
    /** Units it became (needed with `ceased`): systems, tenants and TSLCD attachments that name it follow these. */
    successors: z.array(AgencyCode).default([]),
  })
  .strict();
export type Agency = z.infer<typeof Agency>;

/**
 * The tier of an agency as it is today: its kind's tier, or `former` once it has ceased.
 * @param agency the agency
 */
export function agencyTier(agency: Pick<Agency, "kind" | "ceased">): AgencyTier {
  return agency.ceased !== undefined ? "former" : AGENCY_TIER[agency.kind];
}
