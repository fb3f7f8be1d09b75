#!/usr/bin/env tsx
/**
 * `npm run bench [-- name…]`: runs every `scripts/bench/*.bench.ts` in its own process (so one
 * benchmark's heap never skews another's), then gathers their result files into out/bench/summary.md.
 * Each benchmark prints its progress and writes out/bench/<name>.json: {title, rows: [{metric, value, unit, note?}]}.
 */
import { $ } from "zx";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

interface BenchRow {
  metric: string;
  value: number;
  unit: string;
  note?: string;
}
interface BenchFile {
  title: string;
  rows: BenchRow[];
}

async function main(): Promise<void> {
  const dir = path.join(__dirname, "bench");
  const wanted = process.argv.slice(2);
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".bench.ts"))
    .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
    .sort();
  const outDir = path.resolve("out/bench");
  fs.mkdirSync(outDir, { recursive: true });
  $.verbose = true;
  let failed = 0;
  for (const f of files) {
    console.log(`\n=== ${f}`);
    const r = await $({ nothrow: true, stdio: "inherit" })`node --stack-trace-limit=0 --max-old-space-size=4096 --import tsx ${path.join(dir, f)}`;
    if (r.exitCode !== 0) failed++;
  }
  const lines = ["# Benchmarks", "", `Run ${new Date().toISOString()} on ${process.version}, ${os.cpus().length} cores.`, ""];
  for (const f of files) {
    const json = path.join(outDir, f.replace(/\.bench\.ts$/, ".json"));
    if (!fs.existsSync(json)) continue;
    const b = JSON.parse(fs.readFileSync(json, "utf8")) as BenchFile;
    lines.push(`## ${b.title}`, "", "| metric | value | unit | note |", "|---|---:|---|---|");
    for (const r of b.rows) lines.push(`| ${r.metric} | ${r.value} | ${r.unit} | ${r.note ?? ""} |`);
    lines.push("");
  }
  fs.writeFileSync(path.join(outDir, "summary.md"), lines.join("\n"));
  console.log(`\nwrote ${path.join("out/bench", "summary.md")}`);
  if (failed > 0) process.exit(1);
}

void main();
