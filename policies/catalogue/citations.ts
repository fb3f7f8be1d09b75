import type { Citation, References } from "./schema";

/**
 * How references read in reports (compliance matrix, SARIF, policy metadata): one place, so every
 * output cites a control the same way.
 */

/**
 * One reference as text: "TT 12/2022/TT-BTTTT PL III II.1.b.xii", "TCVN 14423:2026 5.11 [F3]", or
 * "default: <what> (source: <source>)".
 * @param c the reference.
 */
export function formatCitation(c: Citation): string {
  if (c.basis === "default") return `default: ${c.what} (source: ${c.source})`;
  return `${c.doc} ${c.clause}${c.grade ? ` [${c.grade}]` : ""}`;
}

/**
 * A list of references joined with "; ".
 * @param cs the references (absent: empty text).
 */
export function formatCitations(cs: readonly Citation[] | undefined): string {
  return (cs ?? []).map(formatCitation).join("; ");
}

/**
 * The clauses of one document among a control's references (e.g. every TCVN 14423:2026 clause).
 * @param refs the control's references.
 * @param doc document name.
 */
export function clausesOf(refs: References, doc: string): string[] {
  return [...refs.legacy, ...refs.current, ...(refs.other ?? [])].filter((c) => c.basis === "legal" && c.doc === doc).map((c) => c.clause!);
}
