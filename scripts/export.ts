#!/usr/bin/env tsx
/**
 * `npm run export -- [--stack <site>]… [--province <path>] [--out <dir>] [--as-of YYYY-MM-DD]`
 * Writes the auditors' as-built inventory of each stack (default: every Pulumi.<stack>.yaml):
 * out/<stack>/asbuilt.xlsx, asbuilt.md and asbuilt/<table>.csv, Vietnamese headings with English alongside,
 * asbuilt.html (zone diagram, address plan, rack elevations, SAN and backup, compliance summary), the level-3
 * dossier's technical annex (dossier.xlsx, dossier.md) and the annual report (annual-report.xlsx, annual-report.md).
 * Exit 0 = written, 1 = bad inventory or stack (every problem printed, nothing written), 2 = bad arguments.
 */
import * as path from "node:path";
import { InputError, runCommand, stringOption, type CommandSpec } from "../cli/command";
import { AS_OF_OPTION, asOfArg, OUT_OPTION, outArg, STACK_OPTION, stackArgs } from "../cli/options";
import { buildExport, exportLines } from "../exports/command";
import type { Provenance } from "../offline/runManifest";
import { stacksToRun } from "../offline/stackConfig";
import { beginStackOutput, finishStackOutput } from "../offline/stackOutputs";
import { finalOutRoot } from "../offline/stagedOutput";

const spec: CommandSpec = {
  name: "export",
  summary: "write the auditors' documents of each stack: the as-built workbook (XLSX, Markdown, CSV), the HTML record, the level-3 dossier annex and the annual report",
  description:
    "Writes DIR/<stack>/asbuilt.xlsx, asbuilt.md, asbuilt.json and asbuilt/<table>.csv, and asbuilt.html (one self-contained page: zone diagram, address plan, rack elevations, SAN and backup, and the compliance summary from DIR/<stack>/policy-report.json when `npm run check` wrote one), dossier.xlsx and dossier.md (the level-3 dossier's technical annex: zones, IP plan with public addresses, main network and security devices, services with host, OS and location), and annual-report.xlsx and annual-report.md (per system and control, implemented fully, partly or not, for the period 15/12–14/12, from the policy report and the plan; every control \"not assessed\" without a report), Vietnamese first with English alongside; nothing is written unless every stack succeeds.",
  options: {
    stack: STACK_OPTION,
    province: { type: "string", valueName: "PATH", description: "a province that replaces every stack's hatang:province" },
    out: OUT_OPTION,
    "as-of": AS_OF_OPTION,
  },
  findings: "an inventory or stack is invalid (every problem printed, nothing written)",
  examples: ["npm run export -- --stack na-dc1", "npm run export -- --as-of 2026-12-31"],
};

runCommand(spec, async (args) => {
  const root = process.cwd();
  const stacks = stacksToRun(root, stackArgs(args));
  const asOf = asOfArg(args);
  const out = path.resolve(outArg(args));
  const build = await buildExport({ stacks, province: stringOption(args, "province"), out, asOf }, root);
  if (!build.ok) throw new InputError(build.problems.join("\n").replace(/^export: /, ""));
  const stages = build.targets.map((t) => {
    const stage = beginStackOutput(out, t.stack);
    for (const f of build.files.filter((x) => x.path.split(path.sep)[0] === t.stack)) stage.write(path.relative(t.stack, f.path).split(path.sep).join("/"), f.content);
    return { stage, provenance: build.manifests.get(t.stack) as Provenance };
  });
  for (const s of stages) finishStackOutput(root, out, s.stage, s.provenance);
  const final = finalOutRoot(out);
  const shownOut = path.relative(root, final).startsWith("..") ? final : path.relative(root, final) || ".";
  for (const l of exportLines(build, shownOut)) console.log(l);
  return 0;
});
