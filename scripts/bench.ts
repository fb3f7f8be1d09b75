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
import { runCommand, UsageError, type CommandSpec } from "../cli/command";
import { writeFileAtomic } from "../offline/stagedOutput";

const spec: CommandSpec = {
  name: "bench",
  summary: "run the benchmarks (each in its own process) and gather out/bench/summary.md",
  description: "Each scripts/bench/<name>.bench.ts prints its progress and writes out/bench/<name>.json; the summary gathers them.",
  options: {},
  positionals: { name: "NAME", description: "run only the benchmarks whose file name starts with NAME (default: all)", max: 20 },
  findings: "a benchmark failed",
  examples: ["npm run bench", "npm run bench -- plan policy"],
};

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

runCommand(spec, async (args) => {
  const dir = path.join(__dirname, "bench");
  const wanted = args.positionals;
  const all = fs.readdirSync(dir).filter((f) => f.endsWith(".bench.ts"));
  const unknown = wanted.filter((w) => !all.some((f) => f.startsWith(w)));
  if (unknown.length > 0) throw new UsageError(`no benchmark named ${unknown.join(", ")} (benchmarks: ${all.map((f) => f.replace(/\.bench\.ts$/, "")).sort().join(", ")})`);
  const files = all.filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w))).sort();
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
  writeFileAtomic(path.join(outDir, "summary.md"), lines.join("\n"));
  console.log(`\nwrote ${path.join("out/bench", "summary.md")}`);
  return failed > 0 ? 1 : 0;
});
