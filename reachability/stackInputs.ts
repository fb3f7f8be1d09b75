/**
 * What every reachability command reads for a stack: its province (validated inventory, sources, address
 * plan) loaded on the run's evaluation date, its plan (planned first when missing), its site, the province's waivers. Problems a user can fix
 * are `InputError`s naming the file.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { $ } from "zx";
import { InputError } from "../cli/command";
import { tsxImport } from "../cli/tsxChild";
import { formatProblems } from "../inventory/loader";
import { loadProvince, type Province } from "../inventory/province/loadProvince";
import { waiverFileOf } from "../inventory/waivers/waiverFile";
import type { Waiver } from "../inventory/waivers/waivers";
import { readPlanFile } from "../offline/planFile";
import type { Plan } from "../offline/planTypes";
import { readStackConfig, stackProvince } from "../offline/stackConfig";

/** A stack ready to prove. */
export interface StackInputs {
  /** Stack name. */
  stack: string;
  /** Site id (`hatang:site`, default the stack name). */
  site: string;
  /** The province folder as configured. */
  provincePath: string;
  /** The province. */
  province: Province;
  /** The plan. */
  plan: Plan;
  /** The plan file. */
  planFile: string;
  /** The province's waivers (none when it has no waiver file). */
  waivers: Waiver[];
}

/**
 * Loads a stack's province, plan and waivers; plans the stack first when its plan is missing.
 * @param root project root (Pulumi.yaml)
 * @param stack stack name
 * @param outRoot output root (`out`)
 * @param asOf the run's evaluation date (passed to planning)
 * @param log progress lines
 */
export async function loadStackInputs(root: string, stack: string, outRoot: string, asOf: string, log: (line: string) => void): Promise<StackInputs> {
  const provincePath = stackProvince(root, stack);
  const loaded = loadProvince(path.resolve(root, provincePath), { asOf, waiverFile: waiverFileOf(provincePath, root) });
  if (!loaded.ok) throw new InputError(`${provincePath}: ${loaded.problems.length} problem(s) (npm run validate):\n${formatProblems(loaded.problems).map((line) => `  ${line}`).join("\n")}`);
  const planFile = path.join(outRoot, stack, "plan.json");
  if (!fs.existsSync(planFile)) {
    log(`${stack}: no ${path.relative(root, planFile)}; planning it first`);
    const r = await $({ nothrow: true, quiet: true, cwd: root })`${process.execPath} ${tsxImport()} ${path.join(__dirname, "..", "scripts", "plan.ts")} --stack ${stack} --out ${outRoot} --as-of ${asOf}`;
    if (r.exitCode !== 0 || !fs.existsSync(planFile)) throw new InputError(`${stack}: planning failed:\n${r.stderr.trim() || r.stdout.trim()}`);
  }
  const { waivers } = loaded.province;
  return { stack, site: readStackConfig(root, stack).config["hatang:site"] ?? stack, provincePath, province: loaded.province, plan: readPlanFile(planFile).plan, planFile, waivers };
}
