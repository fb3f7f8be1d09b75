#!/usr/bin/env tsx
/**
 * `npm run asbuilt -- --stack <site> [--plan out/<site>/plan.json] [--external <mock id>=<live id>]… [--local]`
 * Reads the stack's live resources, reconciles them with the plan, writes out/<site>/drift.json and
 * drift.md. Credentials: OS_CLOUD + clouds.yaml or OS_* (or --local for scripts/services/up's cloud).
 * Exit 0 = no drift, 1 = drift found or an input/cloud error, 2 = bad arguments.
 */
import { flag, runCommand, type CommandSpec } from "../cli/command";
import { cloudWork, connectCloud, LIVE_CLOUD_OPTIONS, liveCloudInputs } from "../cli/liveCloud";
import { AS_OF_OPTION, OUT_OPTION } from "../cli/options";
import { driftMarkdown } from "../asbuilt/drift";
import { expectedModel } from "../asbuilt/expected";
import { readAsBuilt } from "../asbuilt/readback";
import { reconcile } from "../asbuilt/reconcile";
import { withVolumeEncryption } from "../asbuilt/volumeEncryptionStep";
import { markdownWithProvenance } from "../offline/provenanceHeader";
import { provenanceBilingual } from "../offline/runManifest";
import { stackProvince } from "../offline/stackConfig";
import { beginStackOutput, finishStackOutput, planRecordOf, stackProvenance } from "../offline/stackOutputs";

const spec: CommandSpec = {
  name: "asbuilt",
  summary: "read a stack's live OpenStack resources back and report drift from the plan",
  description:
    "Credentials: OS_CLOUD with a clouds.yaml, or the OS_* variables (--local: the cloud scripts/services/up started). Writes DIR/<stack>/drift.json and drift.md. " +
    "Where the cloud runs Cinder, volume-type encryption specs are compared too; --apply-encryption first creates the ones the provider cannot (README, known gaps).",
  options: {
    ...LIVE_CLOUD_OPTIONS,
    out: OUT_OPTION,
    "as-of": AS_OF_OPTION,
    "apply-encryption": { type: "boolean", description: "create the planned Cinder encryption specs of volume types that lack them, then compare" },
  },
  findings: "drift found, or the plan, the credentials or the cloud gave an error",
  examples: ["npm run asbuilt -- --stack na-dc1", "npm run asbuilt -- --stack na-dc1 --local"],
};

runCommand(spec, async (args) => {
  const { root, stack, out, asOf, planArg, plan } = liveCloudInputs(args);
  const { client, externals } = await connectCloud(args);
  const live = await cloudWork("reading the cloud back", () => readAsBuilt(client, { stack, externals }));
  const expected = expectedModel(plan, externals);
  await cloudWork("volume-type encryption", () => withVolumeEncryption(client, plan, expected, live, flag(args, "apply-encryption")));
  const report = reconcile(expected, live);
  const provenance = stackProvenance(root, { command: "npm run asbuilt", asOf, stack, site: stack, province: stackProvince(root, stack), plan: planRecordOf(root, out, stack, planArg), basis: "as-built" });
  const stage = beginStackOutput(out, stack);
  stage.write("drift.json", JSON.stringify(report, null, 2) + "\n");
  stage.write("drift.md", markdownWithProvenance(driftMarkdown(report), provenanceBilingual(provenance)));
  const files = finishStackOutput(root, out, stage, provenance);
  console.log(`${report.planned} planned, ${report.live} live, ${report.drifts.length} drift(s); wrote ${files.join(", ")}`);
  return report.drifts.length === 0 ? 0 : 1;
});
