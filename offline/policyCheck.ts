import * as fs from "node:fs";
import * as path from "node:path";
import { InputError } from "../cli/command";
import { formatProblems, loadInventory } from "../inventory/loader";
import { CatalogueError, loadCatalogue } from "../policies/catalogue/load";
import { EvidenceRegister } from "../policies/lib/evidence";
import { WaiverFile } from "../policies/lib/waivers";
import { DataFileError, readYamlData } from "../policies/lib/yamlData";
import { readPlanFile } from "./planFile";
import { runPolicies } from "./policyRunner";
import { buildReport } from "./reports/buildReport";
import type { PolicyReport } from "./reports/reportTypes";
import { reportFiles } from "./reports/reportFiles";
import type { Provenance } from "./runManifest";
import { planRecordOf, stackProvenance } from "./stackOutputs";
import { readStackConfig, shownPath, stackProvince } from "./stackConfig";

/** Arguments of `npm run check`. */
export interface CheckArgs {
  /** Plan file (only with one stack; default <out>/<stack>/plan.json). */
  plan?: string;
  /** The run's evaluation date (`cli/asOf.ts`: today unless --as-of). */
  asOf: string;
  /** Inventory folder (default: the stack's hatang:province). */
  inventory?: string;
  /** Waiver file (default policies/waivers/<province folder>.yaml when present). */
  waivers?: string;
  /** Evidence file (default policies/evidence/<province folder>.yaml when present). */
  evidence?: string;
  /** Output root (plans are read from and reports written to <out>/<stack>/). */
  out: string;
}

/** The outcome of checking one stack. */
export interface StackCheck {
  /** The report. */
  report: PolicyReport;
  /** The report files: name in the stack folder, content. */
  files: Array<[string, string]>;
  /** What the report was made from. */
  provenance: Provenance;
}

/** Reads a waiver or evidence file, or the catalogue: their own errors become one input error (exit 1). */
function asInput<T>(read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof DataFileError || e instanceof CatalogueError) throw new InputError(e.message);
    throw e;
  }
}

/**
 * Checks one stack: plan + inventory through the pack's real handlers, then the reports (in memory;
 * the caller writes them).
 * @param root project root.
 * @param stack stack name.
 * @param args arguments.
 */
export async function checkStack(root: string, stack: string, args: CheckArgs): Promise<StackCheck> {
  const provinceDir = path.resolve(root, args.inventory ?? stackProvince(root, stack));
  const planFile = args.plan ?? path.join(args.out, stack, "plan.json");
  if (!args.plan && !fs.existsSync(planFile)) throw new InputError(`${shownPath(planFile)}: no plan; run \`npm run plan -- --stack ${stack}\` first`);
  const { plan } = readPlanFile(planFile);
  const loaded = loadInventory(provinceDir);
  if (!loaded.ok) throw new InputError(`${shownPath(provinceDir)}: ${loaded.problems.length} problem(s) in the inventory (npm run validate):\n${formatProblems(loaded.problems).map((line) => `  ${line}`).join("\n")}`);
  const base = path.basename(provinceDir);
  const waiversFile = args.waivers ?? path.join(root, "policies", "waivers", `${base}.yaml`);
  const evidenceFile = args.evidence ?? path.join(root, "policies", "evidence", `${base}.yaml`);
  for (const [given, file] of [[args.waivers, waiversFile], [args.evidence, evidenceFile]] as const) {
    if (given !== undefined && !fs.existsSync(file)) throw new InputError(`${shownPath(file)}: no such file`);
  }
  const waiverData = fs.existsSync(waiversFile) ? asInput(() => readYamlData(waiversFile, WaiverFile)) : { waivers: [] };
  const evidence = fs.existsSync(evidenceFile) ? asInput(() => readYamlData(evidenceFile, EvidenceRegister)) : { evidence: [], notApplicable: [] };
  const { asOf } = args;
  const site = readStackConfig(root, stack).config["hatang:site"] ?? plan.stack;
  const run = await runPolicies(plan, { inputs: { inventory: loaded.inventory, evidence, asOf, site } });
  const provenance = stackProvenance(root, { command: "npm run check", asOf, stack, site, province: provinceDir, plan: planRecordOf(root, args.out, stack, args.plan) });
  const report = buildReport({
    catalogue: asInput(() => loadCatalogue()),
    plan,
    run,
    waivers: waiverData.waivers,
    evidence,
    asOf,
    sources: loaded.sources,
    inputs: {
      plan: provenance.plan?.path,
      inventory: path.relative(root, provinceDir),
      waivers: fs.existsSync(waiversFile) ? path.relative(root, waiversFile) : undefined,
      evidence: fs.existsSync(evidenceFile) ? path.relative(root, evidenceFile) : undefined,
    },
    provenance,
  });
  return { report, files: reportFiles(report), provenance };
}
