/**
 * Policy evaluation of a synthetic 10,000-resource plan through the pack's real handlers (target < 3 s
 * on 2 cores). The plan repeats the test fixture's passing province (every resource kind the pack
 * reads) with distinct names; when the plan benchmark has run, its figure gives the ratio.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Plan, PlannedResource } from "../../offline/planTypes";
import { loadPack, runPolicies } from "../../offline/policyRunner";
import { buildReport } from "../../offline/reports/buildReport";
import { loadCatalogue } from "../../policies/catalogue/load";
import { goodEvidence, goodInventory, goodPlan } from "../../tests/policies/fixtures/goodProvince";
import { elapsedMs, writeBenchResult, BenchRow } from "./result";

/**
 * Repeats the fixture's resources with a suffix until `n` resources exist (dependencies follow).
 * @param n target count.
 */
function syntheticPlan(n: number): Plan {
  const base = goodPlan();
  const resources: PlannedResource[] = [];
  for (let copy = 0; resources.length < n; copy++) {
    const rename = (urn: string) => `${urn}-${copy}`;
    for (const r of base.resources) {
      if (resources.length >= n) break;
      resources.push({ ...r, urn: rename(r.urn), name: `${r.name}-${copy}`, inputs: structuredClone(r.inputs), dependencies: r.dependencies.map(rename) });
    }
  }
  return { ...base, resources };
}

async function main(): Promise<void> {
  const n = 10_000;
  const plan = syntheticPlan(n);
  const inventory = goodInventory();
  let t = performance.now();
  loadPack();
  // One evaluation of the small fixture finishes the SDK's lazy loading, so the figure below is evaluation only.
  await runPolicies(goodPlan(), { inputs: { inventory, evidence: goodEvidence(), asOf: "2026-10-15" } });
  const loadMs = elapsedMs(t);
  t = performance.now();
  const run = await runPolicies(plan, { inputs: { inventory, evidence: goodEvidence(), asOf: "2026-10-15" } });
  const evalMs = elapsedMs(t);
  t = performance.now();
  const report = buildReport({ catalogue: loadCatalogue(), plan, run, waivers: [], evidence: goodEvidence(), asOf: "2026-10-15" });
  const reportMs = elapsedMs(t);
  const rows: BenchRow[] = [
    { metric: "resources", value: plan.resources.length, unit: "count" },
    { metric: "pack load (import, handler capture, first small evaluation)", value: loadMs, unit: "ms" },
    { metric: "policy evaluation (analyze ×N + analyzeStack)", value: evalMs, unit: "ms", note: "target < 3000 ms" },
    { metric: "report build", value: reportMs, unit: "ms" },
    { metric: "findings", value: report.findings.length, unit: "count", note: "synthetic copies of a passing province" },
    { metric: "peak RSS", value: Math.round(process.memoryUsage().rss / 1048576), unit: "MiB" },
  ];
  const planBench = path.resolve("out/bench/plan.json");
  if (fs.existsSync(planBench)) {
    const p = JSON.parse(fs.readFileSync(planBench, "utf8")) as { rows: BenchRow[] };
    const wall = p.rows.find((r) => /wall|whole plan/i.test(r.metric) && r.unit === "ms") ?? p.rows.find((r) => r.unit === "s" && /wall|plan/i.test(r.metric));
    if (wall) rows.push({ metric: "policy time / plan time", value: Math.round((evalMs / (wall.unit === "s" ? wall.value * 1000 : wall.value)) * 1000) / 1000, unit: "ratio", note: `plan: ${wall.metric}` });
  }
  writeBenchResult("policy", "Policy evaluation (real CrossGuard handlers, 10,000 resources)", rows);
}

void main();
