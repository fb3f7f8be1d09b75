/**
 * The evaluation date: one per run, shared by every stage (policy verdicts, waiver and flow expiry,
 * evidence age, exports). Today (UTC) unless the user gives `--as-of YYYY-MM-DD`, which must be a real
 * calendar date (2027-02-30 is refused).
 */

/** `YYYY-MM-DD` of a date, in UTC. */
export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/**
 * Checks an `--as-of` text: a real calendar date written YYYY-MM-DD.
 * @param text the value given
 * @returns the date text, or a message saying what is wrong
 */
export function parseAsOf(text: string): { ok: true; date: string } | { ok: false; message: string } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return { ok: false, message: `--as-of: expected a date written YYYY-MM-DD (found: ${JSON.stringify(text)})` };
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) {
    return { ok: false, message: `--as-of: ${text} is not a calendar date` };
  }
  return { ok: true, date: text };
}

/**
 * The run's evaluation date: the one given, else today.
 * @param given the `--as-of` value, if any
 * @param now the clock (tests pass a fixed one)
 */
export function evaluationDate(given: string | undefined, now: Date = new Date()): { ok: true; date: string } | { ok: false; message: string } {
  return given === undefined ? { ok: true, date: isoDate(now) } : parseAsOf(given);
}
