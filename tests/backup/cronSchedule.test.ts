import fc from "fast-check";
import { cronMaxGapHours, parseCron } from "../../policies/backup/cronSchedule";

/**
 * The longest gap written independently: list every run as a timestamp over `days` days from 2001-01-01
 * (Date arithmetic, cron's either-day rule spelt out), sort, and take the widest difference.
 */
function oracleGapHours(minutes: number[], hours: number[], dom: number[] | "*", dow: number[] | "*", days: number): number {
  const stamps: number[] = [];
  for (let d = 0; d < days; d++) {
    const day = new Date(Date.UTC(2001, 0, 1 + d));
    const domOk = dom === "*" || dom.includes(day.getUTCDate());
    const dowOk = dow === "*" || dow.includes(day.getUTCDay());
    const runs = dom !== "*" && dow !== "*" ? domOk || dowOk : domOk && dowOk;
    if (!runs) continue;
    for (const h of hours) for (const m of minutes) stamps.push(day.getTime() + (h * 60 + m) * 60_000);
  }
  stamps.sort((a, b) => a - b);
  let gap = 0;
  for (let i = 1; i < stamps.length; i++) gap = Math.max(gap, stamps[i] - stamps[i - 1]);
  return gap / 3_600_000;
}

const list = (xs: number[]): string => (xs.length === 0 ? "*" : [...new Set(xs)].join(","));

describe("the recovery point a cron schedule implies", () => {
  it("is the longest time between two runs", () => {
    expect(cronMaxGapHours("30 0 * * *")).toBe(24);
    expect(cronMaxGapHours("0 2 * * 6")).toBe(168);
    expect(cronMaxGapHours("0 1,13 * * *")).toBe(12);
    expect(cronMaxGapHours("0 1,7 * * *")).toBe(18);
    expect(cronMaxGapHours("*/15 * * * *")).toBe(0.25);
    expect(cronMaxGapHours("0 */6 * * *")).toBe(6);
    expect(cronMaxGapHours("0 3 1 * *")).toBe(31 * 24); // 1 Jan → 1 Feb
    expect(cronMaxGapHours("0 0 31 * *")).toBe(61 * 24); // 31 Aug → 31 Oct
    expect(cronMaxGapHours("0 22 * * 1-5")).toBe(72); // Friday night → Monday night
    expect(cronMaxGapHours("0 0 29 2 *")).toBe((4 * 365 + 1) * 24);
    expect(cronMaxGapHours("0 0 1 jan,jul *")).toBe(184 * 24);
  });

  it("uses cron's either-day rule when both day fields are restricted", () => {
    expect(cronMaxGapHours("0 0 1 * 0")).toBeLessThanOrEqual(7 * 24);
  });

  it("is infinite for what does not parse or never repeats", () => {
    expect(cronMaxGapHours("0 25 * * *")).toBe(Number.POSITIVE_INFINITY);
    expect(cronMaxGapHours("0 0 30 2 *")).toBe(Number.POSITIVE_INFINITY);
    expect(parseCron("0 0 * *")).toEqual({ error: "expected 5 fields, found 4" });
  });

  it("property: agrees with every run listed and sorted (daily and weekly schedules)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 59 }), { minLength: 1, maxLength: 3 }),
        fc.array(fc.integer({ min: 0, max: 23 }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 4 }),
        (minutes, hours, dow) => {
          const cron = `${list(minutes)} ${list(hours)} * * ${list(dow)}`;
          expect(cronMaxGapHours(cron)).toBeCloseTo(oracleGapHours(minutes, hours, "*", dow.length === 0 ? "*" : dow, 35), 9);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("property: agrees with every run listed and sorted (days of the month, with or without days of the week)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 31 }), { minLength: 1, maxLength: 3 }),
        fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 2 }),
        fc.integer({ min: 0, max: 23 }),
        (dom, dow, hour) => {
          const cron = `0 ${hour} ${list(dom)} * ${list(dow)}`;
          // Four years and a bit: every month length, leap day and weekday alignment that matters here.
          expect(cronMaxGapHours(cron)).toBeCloseTo(oracleGapHours([0], [hour], dom, dow.length === 0 ? "*" : dow, 4 * 366 + 62), 9);
        },
      ),
      { numRuns: 60 },
    );
  });
});
