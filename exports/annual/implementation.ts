/**
 * How far a control is implemented for one system, in the annual report's words (Circular 12/2022 Art. 14:
 * fully / partly / not implemented), from the control's result at the site and the findings that concern the
 * system. A finding concerns a system when its resource belongs to it, and every system when it belongs to
 * none (shared infrastructure: the zones, the firewalls, the platform the systems share).
 */
import type { Bilingual } from "../../policies/catalogue/schema";
import type { ControlResult } from "../../offline/reports/reportTypes";

/** The five answers. "Not assessed" is never counted as implemented. */
export type Implementation = "full" | "partial" | "none" | "not-applicable" | "not-assessed";

/** Vietnamese and English words of each answer. */
export const IMPLEMENTATION_LABEL: Readonly<Record<Implementation, Bilingual>> = {
  full: { vi: "Đã triển khai đầy đủ", en: "Fully implemented" },
  partial: { vi: "Triển khai một phần", en: "Partly implemented" },
  none: { vi: "Chưa triển khai", en: "Not implemented" },
  "not-applicable": { vi: "Không áp dụng", en: "Not applicable" },
  "not-assessed": { vi: "Chưa đánh giá", en: "Not assessed" },
};

/** The answers in the report's column order. */
export const IMPLEMENTATIONS: readonly Implementation[] = ["full", "partial", "none", "not-applicable", "not-assessed"];

/** The control's findings as they bear on one system. */
export interface FindingsFor {
  /** Unwaived findings on the system's resources or on shared ones. */
  unwaived: number;
  /** Waived findings on the system's resources or on shared ones. */
  waived: number;
  /** Findings of the control anywhere at the site (any system, waived or not). */
  atSite: number;
  /** Unwaived findings of the control anywhere at the site. */
  unwaivedAtSite: number;
}

/**
 * The answer for one system.
 * - Not applicable and not assessed stay what they are.
 * - A failure that no unwaived finding explains (missing or stale evidence, nothing deployed) is every
 *   system's: not implemented when everything the control judged failed (or it judged nothing), partly otherwise.
 * - A failing finding that concerns the system: the same. Only waived findings, or a waiver the report lists
 *   without a finding: partly (an accepted exception is not full implementation).
 * - Findings only on other systems' resources: fully, for this one.
 * @param control the control's result at the site
 * @param findings its findings as they bear on the system
 */
export function implementationFor(control: Pick<ControlResult, "status" | "evaluated" | "failures">, findings: FindingsFor): Implementation {
  if (control.status === "not-applicable" || control.status === "not-assessed") return control.status;
  const degree = control.evaluated > 0 && control.failures < control.evaluated ? "partial" : "none";
  if (control.status === "fail" && findings.unwaivedAtSite === 0) return degree;
  if (findings.unwaived > 0) return degree;
  if (findings.waived > 0 || (control.status === "pass-waived" && findings.atSite === 0)) return "partial";
  return "full";
}
