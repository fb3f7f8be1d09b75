#!/usr/bin/env tsx
/**
 * `tsx scripts/replay.ts --stack <site> [--plan out/<site>/plan.json] [--external <mock id>=<live id>]… [--local] [--undo]`
 * Pre-flights the plan, replays its identity and networking resources to the cloud and writes
 * out/<site>/replay.json (created, not replayed with reasons, refused). `--undo` deletes what it created.
 * Exit 0 = everything accepted, 2 = pre-flight problems or refusals, 1 = error.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { OpenStackClient } from "../clients/openstack/client";
import { parseExternals, scriptCredentials } from "../asbuilt/localCloud";
import { parseVlanRanges, preflight } from "../asbuilt/preflight";
import { replayPlan, undoReplay } from "../asbuilt/replay";
import type { Plan } from "../offline/planTypes";

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { stack: { type: "string" }, plan: { type: "string" }, external: { type: "string", multiple: true }, local: { type: "boolean" }, undo: { type: "boolean" }, "vlan-ranges": { type: "string" } } });
  if (!values.stack) throw new Error("--stack <site> is required");
  const planFile = values.plan ?? path.join("out", values.stack, "plan.json");
  if (!fs.existsSync(planFile)) throw new Error(`${planFile} not found: run \`npm run plan -- --stack ${values.stack}\` first, or pass --plan`);
  const plan = JSON.parse(fs.readFileSync(planFile, "utf8")) as Plan;
  const problems = preflight(plan, parseVlanRanges(values["vlan-ranges"] ?? ""));
  for (const p of problems) console.error(`${planFile}: ${p.urn} ${p.field}: ${p.message} [${p.code}]`);
  if (problems.length > 0) return 2;
  const client = await OpenStackClient.connect({ credentials: scriptCredentials(values.local ?? false, path.resolve(__dirname, "..")) });
  const report = await replayPlan(plan, { client, externals: parseExternals(values.external ?? []) });
  const out = path.join("out", values.stack, "replay.json");
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(report, null, 2) + "\n");
  console.log(`replayed ${report.replayed.length}, not replayed ${report.notReplayed.length}, refused ${report.failed.length}; wrote ${out}`);
  for (const f of report.failed) console.error(`  refused ${f.type} ${f.name}: ${f.error}`);
  if (values.undo) for (const e of await undoReplay(client, report)) console.error(`  undo: ${e}`);
  return report.failed.length === 0 ? 0 : 2;
}

main().then((code) => process.exit(code), (e: Error) => {
  console.error(`replay: ${e.message}`);
  process.exit(1);
});
