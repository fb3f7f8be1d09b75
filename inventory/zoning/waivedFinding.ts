/**
 * A load-time finding of a level-3 control that a waiver lets through: the only way past the zone baseline
 * and the boundary controls. One place decides "waived, or a problem" for every such check.
 */
import type { FieldPath } from "../loader/types";
import type { RuleProblem } from "../loader/rules";
import { decideWaiver, type Waiver } from "../waivers/waivers";

/** A finding an active waiver lets through, reported apart. */
export interface WaivedFinding {
  /** The control (e.g. NET-20). */
  control: string;
  /** What the waiver names: `flow/<name>`, `zone/<site>/<zone>`. */
  subject: string;
  /** Where the subject is declared in the merged inventory. */
  path: FieldPath;
  /** Why it fails the control (the baseline entries, the missing device). */
  reasons: string[];
  /** The waiver. */
  waiver: { id: string; approver: string; expires: string; justification: string };
}

/**
 * Waived, or the problems back (with a note when a matching waiver has expired).
 * @param control the control
 * @param subject the waiver's `name` selector
 * @param path where the subject is declared
 * @param problems the findings, as problems, when not waived
 * @param reasons short reasons for the report when waived
 * @param waivers the province's waivers
 * @param asOf evaluation date
 */
export function waiveOrReport(
  control: string,
  subject: string,
  path: FieldPath,
  problems: readonly RuleProblem[],
  reasons: readonly string[],
  waivers: readonly Waiver[],
  asOf: string,
): { waived?: WaivedFinding; problems: RuleProblem[] } {
  if (problems.length === 0) return { problems: [] };
  const decision = decideWaiver({ control, name: subject }, waivers, asOf);
  if (decision.waived) {
    const w = decision.waiver;
    return { waived: { control, subject, path, reasons: [...reasons], waiver: { id: w.id, approver: w.approver, expires: w.expires, justification: w.justification } }, problems: [] };
  }
  const note = decision.expired ? ` (waiver ${decision.expired.id} expired on ${decision.expired.expires})` : "";
  return { problems: problems.map((p) => ({ ...p, message: `${p.message}${note}` })) };
}
