import * as fs from "node:fs";
import * as path from "node:path";
import { Inventory } from "../inventory/model";
import type { SourceMap } from "../inventory/loader/types";
import { loadCatalogue } from "../policies/catalogue/load";
import { EvidenceRegister } from "../policies/lib/evidence";
import { WaiverFile } from "../policies/lib/waivers";
import { DataFileError, readYamlData } from "../policies/lib/yamlData";
import type { Plan } from "./planTypes";
import { runPolicies } from "./policyRunner";
import { buildReport } from "./reports/buildReport";
import type { PolicyReport } from "./reports/reportTypes";
import { writeReports } from "./reports/writeReports";
import { readStackConfig, selectStacks } from "./stackConfig";

/** Arguments of `npm run check`. */
export interface CheckArgs {
  /** Stacks to check (default: every Pulumi.<stack>.yaml). */
  stacks: string[];
  /** Plan file (only with one stack; default out/<stack>/plan.json). */
  plan?: string;
  /** Evaluation date (default: the waiver file's asOf, else today). */
  asOf?: string;
  /** Inventory folder (default: the stack's hatang:province). */
  inventory?: string;
  /** Waiver file (default policies/waivers/<province folder>.yaml when present). */
  waivers?: string;
  /** Evidence file (default policies/evidence/<province folder>.yaml when present). */
  evidence?: string;
}

/**
 * Parses command-line arguments; every problem at once.
 * @param argv arguments after the script name.
 */
export function parseCheckArgs(argv: readonly string[]): { ok: true; args: CheckArgs } | { ok: false; problems: string[] } {
  const args: CheckArgs = { stacks: [] };
  const problems: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = argv[i + 1];
    const need = () => {
      if (value === undefined || value.startsWith("--")) problems.push(`${a} needs a value`);
      i++;
      return value ?? "";
    };
    if (a === "--stack") args.stacks.push(need());
    else if (a === "--plan") args.plan = need();
    else if (a === "--as-of") {
      const v = need();
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v))) problems.push(`--as-of expects a date YYYY-MM-DD, found "${v}"`);
      args.asOf = v;
    } else if (a === "--inventory") args.inventory = need();
    else if (a === "--waivers") args.waivers = need();
    else if (a === "--evidence") args.evidence = need();
    else problems.push(`unknown argument "${a}" (expected --stack, --plan, --as-of, --inventory, --waivers, --evidence)`);
  }
  if (args.plan && args.stacks.length !== 1) problems.push("--plan needs exactly one --stack");
  return problems.length ? { ok: false, problems } : { ok: true, args };
}

/** The outcome of checking one stack. */
export interface StackCheck {
  /** The report. */
  report: PolicyReport;
  /** Files written. */
  files: string[];
}

/**
 * Checks one stack: plan + inventory through the pack's real handlers, then the reports.
 * @param root project root.
 * @param stack stack name.
 * @param args arguments.
 */
export async function checkStack(root: string, stack: string, args: CheckArgs): Promise<StackCheck> {
  const planFile = args.plan ?? path.join(root, "out", stack, "plan.json");
  if (!fs.existsSync(planFile)) throw new DataFileError([`${planFile}: no plan; run \`npm run plan -- --stack ${stack}\` first`]);
  const plan = JSON.parse(fs.readFileSync(planFile, "utf8")) as Plan;
  const provinceDir = args.inventory ?? path.resolve(root, readStackConfig(root, stack).config["hatang:province"] ?? "inventory/provinces/ninh-an");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { loadInventory } = require("../inventory/loader") as { loadInventory(p: string): { ok: true; inventory: Inventory; sources: SourceMap } | { ok: false; problems: Array<{ location?: { file: string; line: number }; message: string }> } };
  const loaded = loadInventory(provinceDir);
  if (!loaded.ok) throw new DataFileError(loaded.problems.map((p) => `${p.location ? `${p.location.file}:${p.location.line}: ` : ""}${p.message}`));
  const base = path.basename(provinceDir);
  const waiversFile = args.waivers ?? path.join(root, "policies", "waivers", `${base}.yaml`);
  const evidenceFile = args.evidence ?? path.join(root, "policies", "evidence", `${base}.yaml`);
  const waiverData = fs.existsSync(waiversFile) ? readYamlData(waiversFile, WaiverFile) : { waivers: [] };
  const evidence = fs.existsSync(evidenceFile) ? readYamlData(evidenceFile, EvidenceRegister) : { evidence: [], notApplicable: [] };
  const asOf = args.asOf ?? waiverData.asOf ?? new Date().toISOString().slice(0, 10);
  const run = await runPolicies(plan, { inputs: { inventory: loaded.inventory, evidence, asOf, site: plan.stack } });
  const report = buildReport({
    catalogue: loadCatalogue(),
    plan,
    run,
    waivers: waiverData.waivers,
    evidence,
    asOf,
    sources: loaded.sources,
    inputs: {
      plan: path.relative(root, planFile),
      inventory: path.relative(root, provinceDir),
      waivers: fs.existsSync(waiversFile) ? path.relative(root, waiversFile) : undefined,
      evidence: fs.existsSync(evidenceFile) ? path.relative(root, evidenceFile) : undefined,
    },
  });
  return { report, files: writeReports(report, path.join(root, "out", stack)) };
}

/**
 * The stacks to check.
 * @param root project root.
 * @param args arguments.
 */
export function stacksToCheck(root: string, args: CheckArgs): string[] {
  const selected = selectStacks(root, args.stacks);
  if (!selected.ok) throw new Error(selected.message);
  return selected.stacks;
}
