#!/usr/bin/env tsx
/**
 * `npm run reachability [-- --stack <stack>]… [--out <dir>] [--as-of YYYY-MM-DD]`
 * Proves each stack's reachability: what out/<stack>/plan.json actually allows (security groups,
 * FWaaS, NetworkPolicies) against the inventory's flow intent. Plans the stack first when its
 * plan.json is missing. Writes out/<stack>/reachability.{json,md,html}; exits 1 when a proof fails.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { $ } from "zx";
import { tsxImport } from "../cli/tsxChild";
import { InputError, runCommand, type CommandSpec } from "../cli/command";
import { AS_OF_OPTION, asOfArg, OUT_OPTION, outArg, STACK_OPTION, stackArgs } from "../cli/options";
import { readStackConfig, stackProvince, stacksToRun } from "../offline/stackConfig";
import { readPlanFile } from "../offline/planFile";
import { provenanceBilingual } from "../offline/runManifest";
import { htmlWithProvenance, markdownWithProvenance } from "../offline/provenanceHeader";
import { beginStackOutput, finishStackOutput, planRecordOf, stackProvenance } from "../offline/stackOutputs";
import { loadProvince } from "../inventory/province/loadProvince";
import { formatProblem } from "../inventory/loader";
import { proveSitePlan } from "../reachability/siteProof";
import { separateClassesLine, verdictLine } from "../reachability/renderMarkdown";
import { renderReachabilityHtml } from "../reachability/renderHtml";
import { renderReachabilityMarkdown } from "../reachability/renderMarkdown";

const spec: CommandSpec = {
  name: "reachability",
  summary: "prove that each stack's plan allows exactly the declared flows (security groups, FWaaS, NetworkPolicies)",
  description: "Reads DIR/<stack>/plan.json (planning the stack first when it is missing) and writes DIR/<stack>/reachability.json, .md and .html.",
  options: { stack: STACK_OPTION, out: OUT_OPTION, "as-of": AS_OF_OPTION },
  findings: "a proof does not hold (missing or excess reachability), or an input is invalid",
  examples: ["npm run reachability -- --stack na-dc1"],
};

runCommand(spec, async (args) => {
  const root = process.cwd();
  const stacks = stacksToRun(root, stackArgs(args));
  const asOf = asOfArg(args);
  const outRoot = path.resolve(outArg(args));
  let failed = 0;
  for (const stack of stacks) {
    const provincePath = stackProvince(root, stack);
    const planFile = path.join(outRoot, stack, "plan.json");
    if (!fs.existsSync(planFile)) {
      console.log(`${stack}: no ${path.relative(root, planFile)}; planning it first`);
      const r = await $({ nothrow: true, quiet: true })`${process.execPath} ${tsxImport()} ${path.join(__dirname, "plan.ts")} --stack ${stack} --out ${outRoot} --as-of ${asOf}`;
      if (r.exitCode !== 0 || !fs.existsSync(planFile)) throw new InputError(`${stack}: planning failed:\n${r.stderr.trim() || r.stdout.trim()}`);
    }
    const province = loadProvince(provincePath, { asOf });
    if (!province.ok) throw new InputError(`${provincePath}: ${province.problems.length} problem(s) (npm run validate):\n${province.problems.map((p) => `  ${formatProblem(p)}`).join("\n")}`);
    const site = readStackConfig(root, stack).config["hatang:site"] ?? stack;
    const { plan } = readPlanFile(planFile);
    const t0 = performance.now();
    const proof = proveSitePlan(province.province.inventory, province.province.addressPlan, site, plan);
    const provenance = stackProvenance(root, { command: "npm run reachability", asOf, stack, site, province: provincePath, plan: planRecordOf(root, outRoot, stack) });
    const cite = provenanceBilingual(provenance);
    const stage = beginStackOutput(outRoot, stack);
    stage.write("reachability.json", JSON.stringify({ stack, ...proof }, null, 2) + "\n");
    stage.write("reachability.md", markdownWithProvenance(renderReachabilityMarkdown(proof), cite));
    stage.write("reachability.html", htmlWithProvenance(renderReachabilityHtml(proof), cite));
    const files = finishStackOutput(root, outRoot, stage, provenance);
    console.log(`${stack}: ${verdictLine(proof)} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    console.log(`    ${separateClassesLine(proof)}`);
    for (const f of files) console.log(`    ${f}`);
    if (!proof.holds) failed++;
  }
  return failed > 0 ? 1 : 0;
});
