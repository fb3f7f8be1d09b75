/**
 * `npm run reachability`: proves each stack (DIR/<stack>/reachability.{json,md,html}), or with `--diff`
 * lists what the current plan opens and closes against an older one (reachability-diff.{md,json}).
 * Outputs are staged and moved into place only on success, with the run manifest citing what they were
 * made from.
 */
import * as path from "node:path";
import { stringOption, UsageError, type CommandSpec, type ParsedArgs } from "../cli/command";
import { AS_OF_OPTION, asOfArg, OUT_OPTION, outArg, STACK_OPTION, stackArgs } from "../cli/options";
import { readPlanFile } from "../offline/planFile";
import { htmlWithProvenance, markdownWithProvenance } from "../offline/provenanceHeader";
import { provenanceBilingual } from "../offline/runManifest";
import { stacksToRun } from "../offline/stackConfig";
import { beginStackOutput, finishStackOutput, planRecordOf, stackProvenance } from "../offline/stackOutputs";
import { diffReachability, renderReachabilityDiffMarkdown } from "./diff";
import { renderReachabilityHtml } from "./renderHtml";
import { renderReachabilityMarkdown } from "./renderMarkdown";
import { apartLine, verdictLine } from "./reportModel";
import { proveSitePlan, siteModel } from "./siteProof";
import { loadStackInputs } from "./stackInputs";
import { reachabilityJson } from "./writeReports";

/** The command's self-description. */
export const REACHABILITY_COMMAND: CommandSpec = {
  name: "reachability",
  summary: "prove that each stack's plan lets through exactly the declared flows, on every layer",
  description:
    "Reads DIR/<stack>/plan.json (planning the stack first when it is missing) and proves, for every pair of endpoints " +
    "(tiers, zones, the Internet, TSLCD) and both families, that the zone firewall rule bases, FWaaS, Neutron security groups " +
    "and Kubernetes network policy together allow exactly what the inventory's flows declare. Writes " +
    "DIR/<stack>/reachability.{json,md,html}. With --diff, compares the current plan with an older plan.json instead and writes " +
    "DIR/<stack>/reachability-diff.{md,json}: what the change opens and closes, per zone pair and family.",
  options: {
    stack: STACK_OPTION,
    out: OUT_OPTION,
    "as-of": AS_OF_OPTION,
    diff: { type: "string", valueName: "PLAN", description: "an older plan.json of the (one) stack: report what the current plan opens and closes" },
  },
  findings: "a proof does not hold (missing or excess reachability, a zone without a rule base, an item listed apart without a waiver), or an input is invalid",
  examples: ["npm run reachability -- --stack na-dc1", "npm run reachability -- --stack na-dc1 --diff old/plan.json", "npm run reachability -- --as-of 2027-01-15"],
};

/**
 * The command.
 * @param args parsed arguments
 * @param root project root
 */
export async function reachabilityMain(args: ParsedArgs, root = process.cwd()): Promise<number> {
  const asOf = asOfArg(args);
  const stacks = stacksToRun(root, stackArgs(args));
  const outRoot = path.resolve(root, outArg(args));
  const diffFile = stringOption(args, "diff");
  if (diffFile !== undefined && stacks.length !== 1) throw new UsageError(`--diff compares one stack's plans; name it with --stack (stacks here: ${stacks.join(", ")})`);
  // The old plan is read before anything else, so a bad --diff file fails before any work.
  const oldPlan = diffFile !== undefined ? readPlanFile(path.resolve(root, diffFile)).plan : undefined;
  let failed = 0;
  for (const stack of stacks) {
    const input = await loadStackInputs(root, stack, outRoot, asOf, (l) => console.log(l));
    const { inventory, addressPlan, sources } = input.province;
    const provenance = stackProvenance(root, { command: "npm run reachability", asOf, stack, site: input.site, province: input.provincePath, plan: planRecordOf(root, outRoot, stack) });
    const cite = provenanceBilingual(provenance);
    const stage = beginStackOutput(outRoot, stack);
    const t0 = performance.now();
    if (oldPlan) {
      const d = diffReachability(stack, siteModel(inventory, addressPlan, input.site, oldPlan), siteModel(inventory, addressPlan, input.site, input.plan));
      stage.write("reachability-diff.md", markdownWithProvenance(renderReachabilityDiffMarkdown(d), cite));
      stage.write("reachability-diff.json", JSON.stringify(d, null, 2) + "\n");
      const files = finishStackOutput(root, outRoot, stage, provenance);
      console.log(`${stack}: ${d.changes.filter((c) => c.opened).length} endpoint pair(s) opened, ${d.changes.filter((c) => c.closed).length} closed (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
      for (const f of files) console.log(`    ${f}`);
      continue;
    }
    const proof = proveSitePlan(inventory, addressPlan, input.site, input.plan, { asOf, sources, waivers: input.waivers });
    stage.write("reachability.json", reachabilityJson(proof, stack));
    stage.write("reachability.md", markdownWithProvenance(renderReachabilityMarkdown(proof, stack), cite));
    stage.write("reachability.html", htmlWithProvenance(renderReachabilityHtml(proof, stack), cite));
    const files = finishStackOutput(root, outRoot, stage, provenance);
    console.log(`${stack}: ${verdictLine(proof)} (${((performance.now() - t0) / 1000).toFixed(1)} s, as of ${asOf})`);
    console.log(`    ${apartLine(proof)}`);
    for (const f of files) console.log(`    ${f}`);
    if (!proof.holds) failed++;
  }
  return failed > 0 ? 1 : 0;
}
