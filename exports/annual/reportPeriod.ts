/**
 * The annual report's period (Circular 12/2022 Art. 13; Decree 331/2026 Art. 35–36): 15 December to 14
 * December. A report made on a date covers the period that ends on 14 December of that date's year: in the
 * reporting weeks after it (15–31 December) the period just ended; before it, the period in progress (then
 * the report is a draft of the year so far, and says so).
 */

/** A report period, both ends included. */
export interface ReportPeriod {
  /** First day, YYYY-MM-DD (15 December). */
  from: string;
  /** Last day, YYYY-MM-DD (14 December). */
  to: string;
  /** Whether the period had ended on the evaluation date. */
  ended: boolean;
}

/**
 * The period a report made on `asOf` covers.
 * @param asOf the evaluation date, YYYY-MM-DD
 */
export function reportPeriod(asOf: string): ReportPeriod {
  const year = Number(asOf.slice(0, 4));
  const to = `${String(year).padStart(4, "0")}-12-14`;
  return { from: `${String(year - 1).padStart(4, "0")}-12-15`, to, ended: asOf > to };
}

/**
 * "15/12/2025 – 14/12/2026", as Vietnamese documents write dates.
 * @param p the period
 */
export function periodText(p: ReportPeriod): string {
  const vn = (d: string): string => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
  return `${vn(p.from)} – ${vn(p.to)}`;
}
