#!/usr/bin/env tsx
/**
 * `npm run asbuilt -- --stack <site> [--plan out/<site>/plan.json] [--external <mock id>=<live id>]… [--local]`
 * Reads the stack's live resources, reconciles them with the plan, writes out/<site>/drift.json and
 * drift.md. Credentials: OS_CLOUD + clouds.yaml or OS_* (or --local for scripts/services/up's cloud).
 * Exit 0 = no drift, 2 = drift found, 1 = error.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { OpenStackClient } from "../clients/openstack/client";
import { writeDrift } from "../asbuilt/drift";
import { expectedModel } from "../asbuilt/expected";
import { parseExternals, scriptCredentials } from "../asbuilt/localCloud";
import { readAsBuilt } from "../asbuilt/readback";
import { reconcile } from "../asbuilt/reconcile";
import type { Plan } from "../offline/planTypes";

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { stack: { type: "string" }, plan: { type: "string" }, external: { type: "string", multiple: true }, local: { type: "boolean" } } });
  if (!values.stack) throw new Error("--stack <site> is required");
  const planFile = values.plan ?? path.join("out", values.stack, "plan.json");
  if (!fs.existsSync(planFile)) throw new Error(`${planFile} not found: run \`npm run plan -- --stack ${values.stack}\` first, or pass --plan`);
  const plan = JSON.parse(fs.readFileSync(planFile, "utf8")) as Plan;
  const externals = parseExternals(values.external ?? []);
  const client = await OpenStackClient.connect({ credentials: scriptCredentials(values.local ?? false, path.resolve(__dirname, "..")) });
  const report = reconcile(expectedModel(plan, externals), await readAsBuilt(client, { stack: values.stack, externals }));
  const files = writeDrift(report);
  console.log(`${report.planned} planned, ${report.live} live, ${report.drifts.length} drift(s); wrote ${files.json} and ${files.md}`);
  return report.drifts.length === 0 ? 0 : 2;
}

main().then((code) => process.exit(code), (e: Error) => {
  console.error(`asbuilt: ${e.message}`);
  process.exit(1);
});
