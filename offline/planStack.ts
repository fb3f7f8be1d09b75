import * as fs from "node:fs";
import * as path from "node:path";
import { isoDate } from "../cli/asOf";
import { runOffline } from "./mockEngine";
import { stackProvince } from "./stackConfig";
import { offlineStackConfig } from "./offlineConfig";
import { cloudResources, renderPlanSummary } from "./planSummary";
import type { Plan } from "./planTypes";
import { sha256Hex, type Provenance } from "./runManifest";
import { finalPlanPath, stackProvenance } from "./stackOutputs";
import { writeStagedFile } from "./stagedOutput";
import { siteProgram } from "../stacks/siteProgram";
import { loadProvinceOnce } from "../inventory/province/loadProvince";
import { renderAddressTableCsv, renderAddressTableMarkdown } from "../inventory/addressing";
import { formatProblems } from "../inventory/loader";
import { firewallOutputs } from "./firewallFiles";
import { tslcdEdgeOutputs } from "./tslcdEdgeFiles";
import { backupJobOutputs } from "./backupJobFiles";
import { flowSources } from "../inventory/loader/flowSources";

/** What planning one stack wrote. */
export interface StackPlanResult {
  plan: Plan;
  /** Files written (absolute paths in the folder written to). */
  files: string[];
  /** What the files were made from. */
  provenance: Provenance;
}

/** Where and for which run one stack's plan is written. */
export interface PlanStackOptions {
  /** The folder the files go to (default `<outRoot>/<stack>`; the `plan` command passes its staged folder). */
  dir?: string;
  /** The run's evaluation date (default today). */
  asOf?: string;
  /** The command, as the manifest names it. */
  command?: string;
}

/**
 * Plans one stack offline and writes plan.json (resources sorted by URN, so the same inputs give the
 * same bytes), summary.md (citing the plan's hash and the inventory it came from), addressplan.md and
 * addressplan.csv. One stack per process: the SDK's runtime state is global.
 * @param rootDir the project root
 * @param stack the stack
 * @param outRoot the output root (manifests name paths under it)
 * @param options where to write, for which run
 */
export async function planStack(rootDir: string, stack: string, outRoot: string, options: PlanStackOptions = {}): Promise<StackPlanResult> {
  // The stack file's config (plaintext credentials refused) with redacted placeholders for missing credentials.
  const cfg = offlineStackConfig(rootDir, stack);
  const provincePath = stackProvince(rootDir, stack);
  // One evaluation date for the run: the program reads it from its config (flow expiry, waivers).
  const asOf = options.asOf ?? cfg.config["hatang:asOf"] ?? isoDate(new Date());
  const config: Record<string, string> = { ...cfg.config, "hatang:asOf": asOf };
  // The same options the stack program reads from the same config, so both share one loaded province.
  const province = loadProvinceOnce(provincePath, { asOf, waiverFile: config["hatang:waivers"] });
  if (!province.ok) throw new Error(formatProblems(province.problems).join("\n"));
  const { resources } = await runOffline(siteProgram, { project: cfg.project, stack, config, secretKeys: cfg.secureKeys });
  const plan: Plan = { project: cfg.project, stack, province: province.province.inventory.province.code, resources: [...resources].sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0)) };
  const planText = JSON.stringify(plan, null, 2) + "\n";
  const site = cfg.config["hatang:site"] ?? stack;
  const provenance = stackProvenance(rootDir, {
    command: options.command ?? "npm run plan",
    asOf,
    stack,
    site,
    province: path.resolve(rootDir, provincePath),
    plan: { path: finalPlanPath(rootDir, outRoot, stack), sha256: sha256Hex(planText) },
  });
  const sitePlan = province.province.addressPlan.sites.find((s) => s.site === site);
  const outDir = options.dir ?? path.join(outRoot, stack);
  fs.mkdirSync(outDir, { recursive: true });
  const md = sitePlan ? renderAddressTableMarkdown(sitePlan) : "(no address plan for this site)";
  const files: Array<[string, string]> = [
    ["plan.json", planText],
    ["summary.md", renderPlanSummary(plan, md, provenance)],
    ["addressplan.md", md + "\n"],
    ["addressplan.csv", sitePlan ? renderAddressTableCsv(sitePlan) : ""],
    ...firewallOutputs(plan, flowSources(province.province.inventory, province.province.sources)),
    ...tslcdEdgeOutputs(province.province, sitePlan, asOf),
    ...backupJobOutputs(province.province.inventory, site, provenance),
  ];
  for (const [name, text] of files) writeStagedFile(outDir, name, text);
  return { plan, files: files.map(([n]) => path.join(outDir, n)), provenance };
}

// Child-process entry: `node --import tsx offline/planStack.ts <root> <stack> <outRoot> [<dir> <asOf>]`.
if (require.main === module) {
  const [root, stack, outRoot, dir, asOf] = process.argv.slice(2);
  planStack(root, stack, outRoot, { dir: dir || undefined, asOf: asOf || undefined }).then(
    (r) => {
      const n = cloudResources(r.plan).length;
      // maxRSS is in KiB: the benchmark reads it to report peak memory.
      process.stdout.write(JSON.stringify({ stack, resources: n, all: r.plan.resources.length, files: r.files, provenance: r.provenance, maxRssKiB: process.resourceUsage().maxRSS }) + "\n");
    },
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
