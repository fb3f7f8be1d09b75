#!/usr/bin/env tsx
/**
 * `npm run plan [-- --stack <site>]… [--diff <old plan.json>] [--out <dir>] [--as-of YYYY-MM-DD]`
 * Runs the real Pulumi program of each stack on the SDK's mock engine (no CLI, no credentials) and
 * writes out/<stack>/plan.json, summary.md, addressplan.md|csv. With --diff, also diff.md|json
 * against an earlier plan.json: the offline twin of `pulumi preview --diff`. Every stack's folder is
 * staged and moved into place only when every stack planned.
 */
import * as path from "node:path";
import { $ } from "zx";
import { tsxImport } from "../cli/tsxChild";
import { InputError, runCommand, stringOption, UsageError, type CommandSpec } from "../cli/command";
import { AS_OF_OPTION, asOfArg, OUT_OPTION, outArg, STACK_OPTION, stackArgs } from "../cli/options";
import { stackProvince, stacksToRun } from "../offline/stackConfig";
import { readPlanFile } from "../offline/planFile";
import { diffPlans } from "../offline/planDiff";
import { renderPlanDiff } from "../offline/planDiffMarkdown";
import { PrefixNames } from "../offline/planLabels";
import { loadProvince } from "../inventory/province/loadProvince";
import { provenanceBilingual, sha256Hex, type Provenance } from "../offline/runManifest";
import { beginStackOutput, finishStackOutput } from "../offline/stackOutputs";
import type { StagedFolder } from "../offline/stagedOutput";

const spec: CommandSpec = {
  name: "plan",
  summary: "plan each stack offline: the real program on the Pulumi SDK's mock engine, no cloud, no credentials",
  description: "Writes DIR/<stack>/plan.json, summary.md, addressplan.md and .csv (and diff.md, diff.json with --diff); nothing is replaced unless every stack planned.",
  options: {
    stack: STACK_OPTION,
    diff: { type: "string", valueName: "PLAN.json", description: "compare with an earlier plan.json (read before anything is written); needs one --stack" },
    out: OUT_OPTION,
    "as-of": AS_OF_OPTION,
  },
  findings: "a stack could not be planned (its problems are printed)",
  examples: ["npm run plan -- --stack na-dc1", "cp out/na-dc1/plan.json /tmp/old.json && npm run plan -- --stack na-dc1 --diff /tmp/old.json"],
};

runCommand(spec, async (args) => {
  const root = process.cwd();
  const stacks = stacksToRun(root, stackArgs(args));
  // A malformed stack file is reported here, in one line, rather than by the planning child.
  for (const s of stacks) stackProvince(root, s);
  const asOf = asOfArg(args);
  const diffFile = stringOption(args, "diff");
  if (diffFile !== undefined && stacks.length !== 1) throw new UsageError("--diff compares one stack: name it with --stack");
  // Read before anything is written: the old plan may be the very file this run replaces.
  const before = diffFile === undefined ? undefined : readPlanFile(diffFile);
  if (before && before.plan.stack !== stacks[0]) throw new InputError(`${before.shown}: the plan of stack "${before.plan.stack}", not of "${stacks[0]}": a diff compares two plans of one stack`);
  const outRoot = path.resolve(outArg(args));
  const staged: Array<{ stack: string; stage: StagedFolder; provenance: Provenance }> = [];
  let failed = 0;
  for (const [i, stack] of stacks.entries()) {
    process.stdout.write(`[${i + 1}/${stacks.length}] planning ${stack} ... `);
    const t0 = performance.now();
    const stage = beginStackOutput(outRoot, stack);
    const r = await $({ nothrow: true, quiet: true })`${process.execPath} --stack-trace-limit=0 --max-semi-space-size=64 --max-old-space-size=6144 ${tsxImport()} ${path.join(__dirname, "../offline/planStack.ts")} ${root} ${stack} ${outRoot} ${stage.dir} ${asOf}`;
    if (r.exitCode !== 0) {
      failed++;
      stage.discard();
      console.log("failed");
      console.error(r.stderr.trim());
      continue;
    }
    const info = JSON.parse(r.stdout.trim().split("\n").pop() as string) as { resources: number; files: string[]; provenance: Provenance };
    stage.adopt(info.files.map((f) => path.relative(stage.dir, f)));
    console.log(`${info.resources} resources in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    if (before) {
      const now = readPlanFile(path.join(stage.dir, "plan.json"));
      const province = loadProvince(stackProvince(root, stack), { asOf });
      // Prefixes named after the province's address plan (zone, VLAN); as written if it does not load.
      const d = diffPlans(before.plan, now.plan, new PrefixNames(province.ok ? province.province.addressPlan : undefined));
      const header = [
        `Trước / Before: ${before.shown} sha256 ${sha256Hex(before.bytes).slice(0, 16)}; sau / after: ${info.provenance.plan?.path ?? "plan.json"} sha256 ${sha256Hex(now.bytes).slice(0, 16)}`,
        ...provenanceBilingual(info.provenance),
      ];
      stage.write("diff.json", JSON.stringify({ before: { path: before.shown, sha256: sha256Hex(before.bytes) }, after: info.provenance.plan, ...d }, null, 2) + "\n");
      stage.write("diff.md", renderPlanDiff(d, header));
      console.log(`    diff against ${before.shown}: ${d.counts.add} to add, ${d.counts.replace} to replace, ${d.counts.update} to update, ${d.counts.remove} to remove`);
    }
    staged.push({ stack, stage, provenance: info.provenance });
  }
  if (failed > 0) {
    for (const s of staged) s.stage.discard();
    console.error(`plan: ${failed} stack(s) failed; nothing in ${path.relative(root, outRoot) || outRoot} was replaced`);
    return 1;
  }
  for (const s of staged) for (const f of finishStackOutput(root, outRoot, s.stage, s.provenance)) console.log(`    ${f}`);
  return 0;
});
