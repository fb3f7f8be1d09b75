import * as fs from "node:fs";
import * as path from "node:path";

/** One measured figure. */
export interface BenchRow {
  metric: string;
  value: number;
  unit: string;
  note?: string;
}

/** Writes a benchmark's figures to out/bench/<name>.json and prints them. */
export function writeBenchResult(name: string, title: string, rows: BenchRow[]): void {
  const dir = path.resolve("out/bench");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${name}.json`), JSON.stringify({ title, rows }, null, 2));
  for (const r of rows) console.log(`  ${r.metric}: ${r.value} ${r.unit}${r.note ? `  (${r.note})` : ""}`);
}

/** Milliseconds since `start` (from performance.now()), rounded to 0.1 ms. */
export function elapsedMs(start: number): number {
  return Math.round((performance.now() - start) * 10) / 10;
}
