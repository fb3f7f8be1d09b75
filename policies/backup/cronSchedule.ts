/**
 * What a 5-field cron schedule implies for recovery points: the longest time between two runs. Exact for
 * minutes, hours, days of month, months and days of week (lists, ranges, steps, names), with cron's rule
 * that a day matches when either restricted day field matches. Local time without DST (Viet Nam has none).
 */

/** The fields of a schedule as sets of allowed values. */
export interface CronFields {
  minutes: number[];
  hours: number[];
  daysOfMonth: Set<number>;
  months: Set<number>;
  /** 0 = Sunday … 6 (7 is read as 0). */
  daysOfWeek: Set<number>;
  /** Whether the day-of-month field is restricted (not `*`). */
  domRestricted: boolean;
  /** Whether the day-of-week field is restricted (not `*`). */
  dowRestricted: boolean;
}

const MONTH_NAMES = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const DAY_NAMES = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

/**
 * The values one field allows, or an error text.
 * @param text the field
 * @param min smallest value
 * @param max largest value
 * @param names names of the values from `min` on (months, days), or none
 */
function field(text: string, min: number, max: number, names: readonly string[] = []): Set<number> | string {
  const out = new Set<number>();
  const value = (v: string): number => {
    const named = names.indexOf(v.toLowerCase());
    return named >= 0 ? named + min : /^\d+$/.test(v) ? Number(v) : Number.NaN;
  };
  for (const item of text.split(",")) {
    const m = /^(\*|[0-9a-zA-Z]+(?:-[0-9a-zA-Z]+)?)(?:\/(\d+))?$/.exec(item);
    if (!m) return `"${item}" is not a cron value, range or step`;
    const step = m[2] === undefined ? 1 : Number(m[2]);
    let lo = min;
    let hi = max;
    if (m[1] !== "*") {
      const [a, b] = m[1].split("-");
      lo = value(a);
      hi = b === undefined ? (m[2] === undefined ? lo : max) : value(b);
    }
    if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo < min || hi > max || lo > hi || step < 1) return `"${item}" is outside ${min}–${max}`;
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return out;
}

/**
 * Parses a 5-field schedule.
 * @param cron the schedule, e.g. `30 0 * * *`
 */
export function parseCron(cron: string): CronFields | { error: string } {
  const f = cron.trim().split(/\s+/);
  if (f.length !== 5) return { error: `expected 5 fields, found ${f.length}` };
  const minutes = field(f[0], 0, 59);
  const hours = field(f[1], 0, 23);
  const dom = field(f[2], 1, 31);
  const months = field(f[3], 1, 12, MONTH_NAMES);
  const dow = field(f[4], 0, 7, DAY_NAMES);
  for (const x of [minutes, hours, dom, months, dow]) if (typeof x === "string") return { error: x };
  const days = new Set([...(dow as Set<number>)].map((d) => d % 7));
  return {
    minutes: [...(minutes as Set<number>)].sort((a, b) => a - b),
    hours: [...(hours as Set<number>)].sort((a, b) => a - b),
    daysOfMonth: dom as Set<number>,
    months: months as Set<number>,
    daysOfWeek: days,
    domRestricted: !f[2].startsWith("*"),
    dowRestricted: !f[4].startsWith("*"),
  };
}

/** First day (UTC midnight) of the window: 28 years from 2001 repeat every weekday/date alignment without a skipped leap year. */
const WINDOW_START = Date.UTC(2001, 0, 1);
const WINDOW_DAYS = 28 * 365 + 7;
const DAY_MS = 86_400_000;

/**
 * Whether the schedule runs on a day.
 * @param c the parsed schedule
 * @param t the day's UTC midnight, in ms
 */
function runsOn(c: CronFields, t: number): boolean {
  const d = new Date(t);
  if (!c.months.has(d.getUTCMonth() + 1)) return false;
  const dom = c.daysOfMonth.has(d.getUTCDate());
  const dow = c.daysOfWeek.has(d.getUTCDay());
  if (c.domRestricted && c.dowRestricted) return dom || dow;
  return dom && dow;
}

/**
 * The longest time between two consecutive runs of a schedule, in hours: the worst recovery point it gives
 * (a failure just before a run loses everything since the one before). Infinity when it runs less than twice
 * in 28 years, or does not parse.
 * @param cron the schedule
 */
export function cronMaxGapHours(cron: string): number {
  const known = gapCache.get(cron);
  if (known !== undefined) return known;
  const gap = maxGapHours(cron);
  if (gapCache.size > 1024) gapCache.clear();
  gapCache.set(cron, gap);
  return gap;
}

/** Answers by schedule text: a province has a handful of schedules and many datasets. */
const gapCache = new Map<string, number>();

/**
 * `cronMaxGapHours` without the cache.
 * @param cron the schedule
 */
function maxGapHours(cron: string): number {
  const c = parseCron(cron);
  if ("error" in c || c.minutes.length === 0 || c.hours.length === 0) return Number.POSITIVE_INFINITY;
  // Minutes of the day it runs at, sorted; the same on every day it runs.
  const times = c.hours.flatMap((h) => c.minutes.map((m) => h * 60 + m));
  let within = 0;
  for (let i = 1; i < times.length; i++) within = Math.max(within, times[i] - times[i - 1]);
  let gap = 0;
  let previous: number | undefined;
  let runs = 0;
  for (let day = 0; day < WINDOW_DAYS; day++) {
    if (!runsOn(c, WINDOW_START + day * DAY_MS)) continue;
    runs += times.length;
    if (previous !== undefined) gap = Math.max(gap, (day - previous) * 1440 - times[times.length - 1] + times[0]);
    previous = day;
  }
  if (runs < 2) return Number.POSITIVE_INFINITY;
  return Math.max(gap, within) / 60;
}
