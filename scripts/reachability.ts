#!/usr/bin/env tsx
/**
 * `npm run reachability [-- --stack <stack>]… [--out <dir>]`
 * Proves each stack's reachability: what out/<stack>/plan.json actually allows (security groups,
 * FWaaS, NetworkPolicies) against the inventory's flow intent. Plans the stack first when its
 * plan.json is missing. Writes out/<stack>/reachability.{json,md,html}; exits 1 when a proof fails.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { $ } from "zx";
import { selectStacks, readStackConfig } from "../offline/stackConfig";
import type { Plan } from "../offline/planTypes";
import { loadProvince } from "../inventory/province/loadProvince";
import { formatProblem } from "../inventory/loader";
import { proveSitePlan } from "../reachability/siteProof";
import { separateClassesLine, verdictLine } from "../reachability/renderMarkdown";
import { writeReachabilityReports } from "../reachability/writeReports";

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { stack: { type: "string", multiple: true }, out: { type: "string", default: "out" } } });
  const root = process.cwd();
  const selected = selectStacks(root, values.stack);
  if (!selected.ok) {
    console.error(selected.message);
    return 2;
  }
  const stacks = selected.stacks;
  const outRoot = path.resolve(values.out as string);
  let failed = 0;
  for (const stack of stacks) {
    const planFile = path.join(outRoot, stack, "plan.json");
    if (!fs.existsSync(planFile)) {
      console.log(`${stack}: no ${path.relative(root, planFile)}; planning it first`);
      const r = await $({ nothrow: true, quiet: true })`npx tsx scripts/plan.ts --stack ${stack} --out ${outRoot}`;
      if (r.exitCode !== 0 || !fs.existsSync(planFile)) {
        console.error(`${stack}: planning failed:\n${r.stderr.trim() || r.stdout.trim()}`);
        failed++;
        continue;
      }
    }
    const cfg = readStackConfig(root, stack);
    const provincePath = cfg.config["hatang:province"];
    if (!provincePath) {
      console.error(`Pulumi.${stack}.yaml: config "hatang:province" is not set; expected the inventory folder, e.g. inventory/provinces/ninh-an`);
      failed++;
      continue;
    }
    const province = loadProvince(provincePath);
    if (!province.ok) {
      console.error(province.problems.map(formatProblem).join("\n"));
      failed++;
      continue;
    }
    const site = cfg.config["hatang:site"] ?? stack;
    const plan = JSON.parse(fs.readFileSync(planFile, "utf8")) as Plan;
    const t0 = performance.now();
    const proof = proveSitePlan(province.province.inventory, province.province.addressPlan, site, plan);
    const files = writeReachabilityReports(proof, path.join(outRoot, stack), stack);
    console.log(`${stack}: ${verdictLine(proof)} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    console.log(`    ${separateClassesLine(proof)}`);
    for (const f of files) console.log(`    ${path.relative(root, f)}`);
    if (!proof.holds) failed++;
  }
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(2);
  },
);
