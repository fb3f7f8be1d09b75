/**
 * Plan benchmark (issue 4): plans a synthetic province of about 10,000 resources through the real
 * program on the mock engine, in a child process like `npm run plan`, and in the same run a bare SDK
 * registration of the same number of resources (the floor). Reports wall time, peak RSS and the ratio.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { $ } from "zx";
import { writeBenchResult, type BenchRow } from "./result";
import { writeSyntheticStack } from "./syntheticStack";

const SIZES = { sites: 1, agencies: 60, vlans: 700, devices: 60, systems: 215 };

async function timedChild(args: string[]): Promise<{ ms: number; out: { resources?: number; all?: number; maxRssKiB: number } }> {
  const t0 = performance.now();
  // Same flags for the plan and its floor: a larger young generation halves the SDK's GC time for both.
  const r = await $({ quiet: true })`node --stack-trace-limit=0 --max-semi-space-size=64 --max-old-space-size=6144 --import tsx ${args}`;
  const ms = performance.now() - t0;
  return { ms, out: JSON.parse(r.stdout.trim().split("\n").pop() as string) };
}

async function main(): Promise<void> {
  const { root, site, inventory: inv } = writeSyntheticStack(SIZES, "hatang-plan-bench-");
  console.log(`  synthetic province: ${inv.zones.length} zones, ${inv.zones.reduce((n, z) => n + z.vlans.length, 0)} VLANs, ${inv.systems.length} systems`);
  const whole = await timedChild([path.resolve("offline/planStack.ts"), root, site, path.join(root, "out")]);
  const n = whole.out.all as number;
  console.log(`  whole plan: ${n} registrations (${whole.out.resources} custom resources) in ${(whole.ms / 1000).toFixed(2)} s`);
  const floor = await timedChild([path.resolve("scripts/bench/planFloor.ts"), String(n)]);
  console.log(`  floor: ${floor.out.resources} bare registrations in ${(floor.ms / 1000).toFixed(2)} s`);
  const rows: BenchRow[] = [
    { metric: "resources registered (whole plan)", value: n, unit: "resources" },
    { metric: "whole plan wall time", value: Math.round(whole.ms), unit: "ms", note: "target < 20,000 ms for 10,000 resources" },
    { metric: "whole plan peak RSS", value: Math.round(whole.out.maxRssKiB / 1024), unit: "MiB", note: "target < 2,500 MiB" },
    { metric: "floor (bare SDK registration) wall time", value: Math.round(floor.ms), unit: "ms" },
    { metric: "floor peak RSS", value: Math.round(floor.out.maxRssKiB / 1024), unit: "MiB" },
    { metric: "whole plan / floor", value: Math.round((whole.ms / floor.ms) * 100) / 100, unit: "ratio", note: "target <= 1.25" },
  ];
  writeBenchResult("plan", "Offline plan of a synthetic province vs bare SDK registration (issue 4)", rows);
  fs.rmSync(root, { recursive: true, force: true });
}

void main();
