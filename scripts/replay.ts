#!/usr/bin/env tsx
/**
 * `npm run replay -- --stack <site> [--plan out/<site>/plan.json] [--external <mock id>=<live id>]… [--local] [--undo]`
 * Pre-flights the plan, replays its identity and networking resources to the cloud and writes
 * out/<site>/replay.json (created, not replayed with reasons, refused). `--undo` deletes what it created.
 * Exit 0 = everything accepted, 1 = pre-flight problems, refusals or an input/cloud error, 2 = bad arguments.
 */
import { flag, runCommand, stringOption, type CommandSpec } from "../cli/command";
import { cloudWork, connectCloud, LIVE_CLOUD_OPTIONS, liveCloudInputs } from "../cli/liveCloud";
import { AS_OF_OPTION, OUT_OPTION } from "../cli/options";
import { parseVlanRanges, preflight } from "../asbuilt/preflight";
import { replayPlan, undoReplay } from "../asbuilt/replay";
import { stackProvince } from "../offline/stackConfig";
import { beginStackOutput, finishStackOutput, planRecordOf, stackProvenance } from "../offline/stackOutputs";

const spec: CommandSpec = {
  name: "replay",
  summary: "pre-flight a stack's plan and replay its identity and networking resources to a cloud",
  description: "Writes DIR/<stack>/replay.json: what was created, what was not replayed and why, what the cloud refused.",
  options: {
    ...LIVE_CLOUD_OPTIONS,
    undo: { type: "boolean", description: "delete what the replay created, afterwards" },
    "vlan-ranges": { type: "string", valueName: "RANGES", description: "the cloud's VLAN ranges, physnet:min:max[,…], for the pre-flight" },
    out: OUT_OPTION,
    "as-of": AS_OF_OPTION,
  },
  findings: "pre-flight problems or refusals, or the plan, the credentials or the cloud gave an error",
  examples: ["npm run replay -- --stack na-dc1 --local --undo"],
};

runCommand(spec, async (args) => {
  const { root, stack, out, asOf, planArg, plan, shown } = liveCloudInputs(args);
  const problems = preflight(plan, parseVlanRanges(stringOption(args, "vlan-ranges") ?? ""));
  for (const p of problems) console.error(`${shown}: ${p.urn} ${p.field}: ${p.message} [${p.code}]`);
  if (problems.length > 0) return 1;
  const { client, externals } = await connectCloud(args);
  // Ctrl-C cancels cleanly: no new request, the ones in flight finish, the report lists what was made
  // (so `--undo` and a later `npm run replay -- --undo` can remove it) and what was never attempted.
  const controller = new AbortController();
  const interrupt = (): void => {
    console.error("interrupted: finishing the requests in flight, then writing the report");
    controller.abort();
  };
  process.once("SIGINT", interrupt);
  const report = await cloudWork("replaying", () => replayPlan(plan, { client, externals, signal: controller.signal })).finally(() => process.off("SIGINT", interrupt));
  const provenance = stackProvenance(root, { command: "npm run replay", asOf, stack, site: stack, province: stackProvince(root, stack), plan: planRecordOf(root, out, stack, planArg), basis: "as-built" });
  const stage = beginStackOutput(out, stack);
  stage.write("replay.json", JSON.stringify(report, null, 2) + "\n");
  const files = finishStackOutput(root, out, stage, provenance);
  console.log(`replayed ${report.replayed.length}, not replayed ${report.notReplayed.length}, refused ${report.failed.length}${report.cancelled.length > 0 ? `, cancelled before being sent ${report.cancelled.length}` : ""}; wrote ${files.join(", ")}`);
  for (const f of report.failed) console.error(`  refused ${f.type} ${f.name}: ${f.error}`);
  if (flag(args, "undo")) for (const e of await cloudWork("undoing the replay", () => undoReplay(client, report))) console.error(`  undo: ${e}`);
  return report.failed.length === 0 && report.cancelled.length === 0 ? 0 : 1;
});
