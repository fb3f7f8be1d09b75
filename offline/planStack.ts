import * as fs from "node:fs";
import * as path from "node:path";
import { runOffline } from "./mockEngine";
import { readStackConfig } from "./stackConfig";
import { renderPlanSummary } from "./planSummary";
import type { Plan } from "./planTypes";
import { siteProgram } from "../stacks/siteProgram";
import { loadProvinceOnce } from "../inventory/province/loadProvince";
import { renderAddressTableCsv, renderAddressTableMarkdown } from "../inventory/addressing";
import { formatProblem } from "../inventory/loader";

/** What planning one stack wrote. */
export interface StackPlanResult {
  plan: Plan;
  files: string[];
}

/**
 * Plans one stack offline and writes out/<stack>/: plan.json (resources sorted by URN, so the same
 * inputs give the same bytes), summary.md, addressplan.md and addressplan.csv.
 * One stack per process: the SDK's runtime state is global.
 */
export async function planStack(rootDir: string, stack: string, outRoot: string): Promise<StackPlanResult> {
  const cfg = readStackConfig(rootDir, stack);
  const provincePath = cfg.config["hatang:province"];
  // The same options the stack program reads from the same config, so both share one loaded province.
  const province = loadProvinceOnce(provincePath, { asOf: cfg.config["hatang:asOf"], waiverFile: cfg.config["hatang:waivers"] });
  if (!province.ok) throw new Error(province.problems.map(formatProblem).join("\n"));
  const { resources } = await runOffline(siteProgram, { project: cfg.project, stack, config: cfg.config, secretKeys: cfg.secureKeys });
  const plan: Plan = { project: cfg.project, stack, province: province.province.inventory.province.code, resources: [...resources].sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0)) };
  const site = cfg.config["hatang:site"] ?? stack;
  const sitePlan = province.province.addressPlan.sites.find((s) => s.site === site);
  const outDir = path.join(outRoot, stack);
  fs.mkdirSync(outDir, { recursive: true });
  const md = sitePlan ? renderAddressTableMarkdown(sitePlan) : "(no address plan for this site)";
  const files: Array<[string, string]> = [
    ["plan.json", JSON.stringify(plan, null, 2) + "\n"],
    ["summary.md", renderPlanSummary(plan, md)],
    ["addressplan.md", md + "\n"],
    ["addressplan.csv", sitePlan ? renderAddressTableCsv(sitePlan) : ""],
  ];
  for (const [name, text] of files) fs.writeFileSync(path.join(outDir, name), text);
  return { plan, files: files.map(([n]) => path.join(outDir, n)) };
}

// Child-process entry: `node --import tsx offline/planStack.ts <root> <stack> <outRoot>`.
if (require.main === module) {
  const [root, stack, outRoot] = process.argv.slice(2);
  planStack(root, stack, outRoot).then(
    (r) => {
      const n = r.plan.resources.filter((x) => x.custom).length;
      // maxRSS is in KiB: the benchmark reads it to report peak memory.
      process.stdout.write(JSON.stringify({ stack, resources: n, all: r.plan.resources.length, files: r.files, maxRssKiB: process.resourceUsage().maxRSS }) + "\n");
    },
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
