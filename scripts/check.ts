#!/usr/bin/env tsx
/**
 * `npm run check [-- --stack <site>] [--plan PLAN.json] [--as-of YYYY-MM-DD] [--out DIR]`: evaluates the
 * level-3 pack's real handlers over the offline plan and the inventory (no Pulumi CLI), writes
 * DIR/<stack>/{policy-report.json, policy.sarif, junit.xml, compliance.md, compliance.csv}, and exits
 * 1 when a mandatory control is violated.
 */
import * as path from "node:path";
import { runCommand, stringOption, UsageError, type CommandSpec } from "../cli/command";
import { AS_OF_OPTION, asOfArg, OUT_OPTION, outArg, STACK_OPTION, stackArgs } from "../cli/options";
import { checkStack, type StackCheck } from "../offline/policyCheck";
import { STATUS_LABEL } from "../offline/reports/reportTypes";
import { stacksToRun } from "../offline/stackConfig";
import { beginStackOutput, finishStackOutput } from "../offline/stackOutputs";

const spec: CommandSpec = {
  name: "check",
  summary: "evaluate the level-3 policy pack over each stack's offline plan and the inventory",
  description:
    "Writes DIR/<stack>/policy-report.json, policy.sarif, junit.xml, compliance.md and compliance.csv. Waivers count until they expire on the evaluation date; the date is today unless --as-of.",
  options: {
    stack: STACK_OPTION,
    plan: { type: "string", valueName: "PLAN.json", description: "the plan to check (default DIR/<stack>/plan.json); needs one --stack" },
    "as-of": AS_OF_OPTION,
    inventory: { type: "string", valueName: "DIR", description: "the province folder (default: the stack's hatang:province)" },
    waivers: { type: "string", valueName: "FILE", description: "waiver file (default policies/waivers/<province>.yaml when present)" },
    evidence: { type: "string", valueName: "FILE", description: "evidence register (default policies/evidence/<province>.yaml when present)" },
    out: OUT_OPTION,
  },
  findings: "a mandatory control is violated, or an input is invalid",
  examples: ["npm run check -- --stack na-dc1", "npm run check -- --as-of 2027-04-01"],
};

runCommand(spec, async (args) => {
  const root = process.cwd();
  const stacks = stacksToRun(root, stackArgs(args));
  const plan = stringOption(args, "plan");
  if (plan !== undefined && stacks.length !== 1) throw new UsageError("--plan needs exactly one --stack");
  const out = path.resolve(outArg(args));
  const checkArgs = { plan, asOf: asOfArg(args), inventory: stringOption(args, "inventory"), waivers: stringOption(args, "waivers"), evidence: stringOption(args, "evidence"), out };
  // Every stack is checked before anything is written: one bad input leaves every folder as it was.
  const checks: Array<{ stack: string; check: StackCheck }> = [];
  for (const stack of stacks) checks.push({ stack, check: await checkStack(root, stack, checkArgs) });
  let violations = 0;
  for (const { stack, check } of checks) {
    const { report } = check;
    const stage = beginStackOutput(out, stack);
    for (const [name, text] of check.files) stage.write(name, text);
    const written = finishStackOutput(root, out, stage, check.provenance);
    const counts = Object.entries(report.summary.byStatus).map(([k, n]) => `${STATUS_LABEL[k as keyof typeof STATUS_LABEL].en} ${n}`).join(", ");
    console.log(`${stack} (as of ${report.asOf}): ${counts}; ${report.summary.findings} finding(s), ${report.summary.waived} waived, ${report.summary.mandatoryViolations} mandatory violation(s)`);
    for (const f of report.findings.filter((x) => !x.waiver && x.enforcement === "mandatory"))
      console.log(`  ✗ ${f.control} ${f.urn ?? f.name ?? ""}${f.location ? ` (${f.location.file}:${f.location.line})` : ""}: ${f.message}`);
    console.log(`  wrote ${written.join(", ")}`);
    violations += report.summary.mandatoryViolations;
  }
  return violations > 0 ? 1 : 0;
});
