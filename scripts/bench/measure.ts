/** Measuring helpers shared by the benchmarks: CPU and wall time of a call, medians, growth exponents. */

/** CPU milliseconds (user + system) and wall milliseconds of a call. */
export function measure<T>(f: () => T): { value: T; cpuMs: number; wallMs: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = f();
  const c = process.cpuUsage(c0);
  return { value, cpuMs: (c.user + c.system) / 1000, wallMs: performance.now() - t0 };
}

/** The median of a non-empty list. */
export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Rounded to 0.1. */
export const round = (x: number): number => Math.round(x * 10) / 10;

/** Least-squares slope of log(y) on log(x): the growth exponent. */
export function exponent(xs: number[], ys: number[]): number {
  const lx = xs.map(Math.log);
  const ly = ys.map((y) => Math.log(Math.max(y, 0.01)));
  const mx = lx.reduce((a, b) => a + b, 0) / lx.length;
  const my = ly.reduce((a, b) => a + b, 0) / ly.length;
  const num = lx.reduce((s, x, i) => s + (x - mx) * (ly[i] - my), 0);
  const den = lx.reduce((s, x) => s + (x - mx) ** 2, 0);
  return Math.round((num / den) * 100) / 100;
}
