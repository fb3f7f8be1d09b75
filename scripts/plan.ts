#!/usr/bin/env tsx
/**
 * `npm run plan [-- --stack <site>]… [--diff <old plan.json>] [--out <dir>]`
 * Runs the real Pulumi program of each stack on the SDK's mock engine (no CLI, no credentials) and
 * writes out/<stack>/plan.json, summary.md, addressplan.md|csv. With --diff, also diff.md|json
 * against an earlier plan.json: the offline twin of `pulumi preview --diff`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { $ } from "zx";
import { selectStacks } from "../offline/stackConfig";
import { diffPlans, renderPlanDiff } from "../offline/planDiff";
import type { Plan } from "../offline/planTypes";

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { stack: { type: "string", multiple: true }, diff: { type: "string" }, out: { type: "string", default: "out" } } });
  const root = process.cwd();
  const selected = selectStacks(root, values.stack);
  if (!selected.ok) {
    console.error(selected.message);
    return 2;
  }
  const stacks = selected.stacks;
  if (values.diff && stacks.length !== 1) {
    console.error("--diff compares one stack: name it with --stack");
    return 2;
  }
  const outRoot = path.resolve(values.out as string);
  let failed = 0;
  for (const [i, stack] of stacks.entries()) {
    process.stdout.write(`[${i + 1}/${stacks.length}] planning ${stack} ... `);
    const t0 = performance.now();
    const r = await $({ nothrow: true, quiet: true })`node --stack-trace-limit=0 --max-semi-space-size=64 --max-old-space-size=6144 --import tsx ${path.join(__dirname, "../offline/planStack.ts")} ${root} ${stack} ${outRoot}`;
    if (r.exitCode !== 0) {
      failed++;
      console.log("failed");
      console.error(r.stderr.trim());
      continue;
    }
    const info = JSON.parse(r.stdout.trim().split("\n").pop() as string) as { resources: number; files: string[] };
    console.log(`${info.resources} resources in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    for (const f of info.files) console.log(`    ${path.relative(root, f)}`);
    if (values.diff) {
      const before = JSON.parse(fs.readFileSync(values.diff, "utf8")) as Plan;
      const after = JSON.parse(fs.readFileSync(path.join(outRoot, stack, "plan.json"), "utf8")) as Plan;
      const d = diffPlans(before, after);
      fs.writeFileSync(path.join(outRoot, stack, "diff.json"), JSON.stringify(d, null, 2) + "\n");
      fs.writeFileSync(path.join(outRoot, stack, "diff.md"), renderPlanDiff(d));
      console.log(`    diff: ${d.counts.add} to add, ${d.counts.replace} to replace, ${d.counts.update} to update, ${d.counts.remove} to remove (out/${stack}/diff.md)`);
    }
  }
  return failed > 0 ? 1 : 0;
}

main().then((code) => process.exit(code));
