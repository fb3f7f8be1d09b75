#!/usr/bin/env tsx
/**
 * `npm start [-- --stack <site>]… [--as-of YYYY-MM-DD] [--out DIR]`: the main job on a province (default:
 * the bundled example), no cloud, no credentials. Validates the inventory, checks the address-plan lock,
 * plans every stack offline, evaluates the level-3 policy pack, proves the compiled rules allow exactly
 * the declared flows, and writes the auditors' exports — all with one evaluation date, into a staging
 * folder that replaces out/<stack>/ only when every stage completed. out/index.md lists what the run wrote.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { $ } from "zx";
import { addCleanup, runCommand, type CommandSpec } from "../cli/command";
import { AS_OF_OPTION, asOfArg, OUT_OPTION, outArg, STACK_OPTION, stackArgs } from "../cli/options";
import { tsxImport } from "../cli/tsxChild";
import { runStages, type Stage } from "../offline/mainJob";
import { stackProvince, stacksToRun } from "../offline/stackConfig";

const spec: CommandSpec = {
  name: "start",
  summary: "the main job: validate, address-plan lock, offline plan, policy check, reachability proof, exports",
  description:
    "Runs every stage with one evaluation date into a staging folder beside DIR/<stack>; the stacks' folders, DIR/index.md and DIR/manifest.json are replaced only when every stage completed, so a failed or killed run leaves DIR as it was.",
  options: { stack: STACK_OPTION, "as-of": AS_OF_OPTION, out: OUT_OPTION },
  findings: "a stage found something (a violated mandatory control, a failed proof, a stale lock: outputs are written), or a stage failed (nothing is replaced)",
  examples: ["npm start", "npm start -- --stack na-dc1 --as-of 2027-01-01"],
};

runCommand(spec, async (args) => {
  const root = process.cwd();
  const stacks = stacksToRun(root, stackArgs(args));
  const asOf = asOfArg(args);
  const outRoot = path.resolve(outArg(args));
  const provinces = [...new Set(stacks.map((s) => stackProvince(root, s)))];
  const stackArgv = stacks.flatMap((s) => ["--stack", s]);
  const stages: Stage[] = [
    ...provinces.map((p): Stage => ({ title: `validate ${p}`, script: "validate.ts", args: [p, "--as-of", asOf], kind: "gate" })),
    ...provinces.map((p): Stage => ({ title: `address plan lock of ${p} is up to date`, script: "addressplan.ts", args: [p, "--check"], kind: "check" })),
    { title: "offline plan", script: "plan.ts", args: stackArgv, kind: "producer", command: "npm run plan" },
    { title: "level-3 policy check", script: "check.ts", args: stackArgv, kind: "producer", command: "npm run check" },
    { title: "reachability proof (security groups, FWaaS, NetworkPolicies against the flow intent)", script: "reachability.ts", args: stackArgv, kind: "producer", command: "npm run reachability" },
    { title: "as-built exports", script: "export.ts", args: stackArgv, kind: "producer", command: "npm run export" },
    { title: "SAN zoning and LUN masking, verified", script: "san.ts", args: stackArgv, kind: "producer", command: "npm run san" },
  ];
  const result = await runStages({
    root,
    outRoot,
    stacks,
    asOf,
    stages,
    onCleanup: addCleanup,
    run: async (stage, stagingRoot) => {
      const r = await $({ nothrow: true, stdio: "inherit" })`${process.execPath} --stack-trace-limit=0 ${tsxImport()} ${path.join(__dirname, stage.script)} ${stage.args} ${stage.kind === "producer" ? ["--out", stagingRoot, "--as-of", asOf] : []}`;
      return r.exitCode ?? 3;
    },
    log: (line) => console.log(line),
  });
  const shownOut = path.relative(root, outRoot) || outRoot;
  if (result.committed) {
    console.log(`\n${result.findings.length === 0 ? "done" : `finished with findings in ${result.findings.length} stage(s): ${result.findings.join("; ")}`}: see ${path.join(shownOut, "index.md")}`);
    return result.findings.length === 0 ? 0 : 1;
  }
  console.log(`\nfailed at: ${result.failed}; nothing in ${shownOut} was replaced`);
  if (fs.existsSync(path.join(outRoot, "index.md"))) console.log(`${path.join(shownOut, "index.md")} still lists the last successful run`);
  return result.exitCode;
});
