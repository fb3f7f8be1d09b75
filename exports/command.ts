import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { formatProblems } from "../inventory/loader";
import { loadProvince, type ProvinceResult } from "../inventory/province/loadProvince";
import { asBuiltInput } from "./input";
import { buildAsBuiltTables } from "./asBuilt";
import { asBuiltFiles, type OutputFile } from "./files";
import { resolveStackTargets, type StackTarget } from "./stackTargets";
import { buildManifest, type RunManifest } from "./provenance";
import { readPolicyReport } from "./policyReportFile";
import { auditorFiles } from "./auditorFiles";
import { readPlanFile } from "../offline/planFile";
import type { Plan } from "../offline/planTypes";

/** The export command's options. */
export interface ExportOptions {
  /** Stacks to export; empty means every `Pulumi.<stack>.yaml`. */
  stacks: string[];
  /** Province path replacing every stack's `hatang:province`. */
  province?: string;
  /** Output root. Default `out`. */
  out: string;
  /** Report date, YYYY-MM-DD. */
  asOf: string;
}

/** What the command prints and returns; the script only forwards it (so tests run the command in-process). */
export interface ExportReport {
  /** Text for standard output. */
  stdout: string;
  /** Text for standard error. */
  stderr: string;
  /** 0 = written, 1 = bad inventory or stack (nothing written), 2 = bad arguments. */
  exitCode: number;
  /** Files written, relative to the output root. */
  written: string[];
}

const USAGE = "usage: npm run export -- [--stack <site>]… [--province <path>] [--out <dir>] [--as-of YYYY-MM-DD]";

/**
 * The default report date: SOURCE_DATE_EPOCH when set (the reproducible-builds convention), else today in UTC.
 * @param env the environment
 * @param now the current time
 */
export function defaultAsOf(env: NodeJS.ProcessEnv, now: Date): string {
  const epoch = env.SOURCE_DATE_EPOCH;
  const when = epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : now;
  return when.toISOString().slice(0, 10);
}

/**
 * Parses the command line, or lists every problem with it.
 * @param argv arguments after the script name
 * @param defaultDate the report date when `--as-of` is absent
 */
export function parseExportArgs(argv: readonly string[], defaultDate: string): { ok: true; options: ExportOptions } | { ok: false; problems: string[] } {
  let values: { stack?: string[]; province?: string; out?: string; "as-of"?: string };
  try {
    values = parseArgs({
      args: [...argv],
      options: { stack: { type: "string", multiple: true }, province: { type: "string" }, out: { type: "string" }, "as-of": { type: "string" } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (e) {
    return { ok: false, problems: [(e as Error).message] };
  }
  const asOf = values["as-of"] ?? defaultDate;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(`${asOf}T00:00:00Z`)) || new Date(`${asOf}T00:00:00Z`).toISOString().slice(0, 10) !== asOf) {
    return { ok: false, problems: [`--as-of expects a date written YYYY-MM-DD, found "${asOf}"`] };
  }
  return { ok: true, options: { stacks: values.stack ?? [], province: values.province, out: values.out ?? "out", asOf } };
}

/** The export built in memory: every file and what each stack's report was made from, or every problem (then nothing may be written). */
export type ExportBuild = { ok: true; files: OutputFile[]; summary: string[]; targets: StackTarget[]; manifests: Map<string, RunManifest> } | { ok: false; problems: string[] };

/**
 * Builds every stack's files in memory: resolves the stacks, loads each province once, builds the
 * tables; any problem anywhere means no files at all.
 * @param options the export's options
 * @param root the project folder (stack files; relative paths resolve against it)
 * @param now the time of the run
 */
export async function buildExport(options: ExportOptions, root: string, now: Date = new Date()): Promise<ExportBuild> {
  const resolved = resolveStackTargets(root, options.stacks, options.province ? path.resolve(root, options.province) : undefined);
  if (!resolved.ok) return { ok: false, problems: resolved.problems.map((p) => `export: ${p}`) };
  const provinces = new Map<string, ProvinceResult>();
  const problems: string[] = [];
  const files: OutputFile[] = [];
  const summary: string[] = [];
  const manifests = new Map<string, RunManifest>();
  for (const target of resolved.targets) {
    const shown = path.relative(root, target.province) || ".";
    if (!provinces.has(target.province)) provinces.set(target.province, loadProvince(target.province, { asOf: options.asOf }));
    const province = provinces.get(target.province) as ProvinceResult;
    if (!province.ok) {
      // Reported once per province, however many stacks read it.
      if (!problems.some((p) => p.startsWith(`${shown}: `))) {
        problems.push(`${shown}: ${province.problems.length} problem(s) in the inventory`, ...formatProblems(province.problems).map((line) => `  ${line}`));
      }
      continue;
    }
    const { inventory, addressPlan } = province.province;
    const input = asBuiltInput(inventory, addressPlan.sites, target.site, options.asOf);
    if (!input.ok) {
      problems.push(`Pulumi.${target.stack}.yaml: ${input.message}`);
      continue;
    }
    // VMs that do not fit their VLAN's pool have no address: an as-built that silently dropped them would mislead.
    const placement = input.input.compiled.placements.problems;
    if (placement.length > 0) {
      problems.push(`${shown}: ${placement.length} placement problem(s) at ${target.site}`, ...placement.map((p) => `  ${p}`));
      continue;
    }
    const planFile = path.join(path.resolve(root, options.out), target.stack, "plan.json");
    // Built from the inventory and the offline plan: a design record until a live read-back feeds it.
    const manifest = buildManifest({
      root,
      command: "npm run export",
      stack: target.stack,
      site: target.site,
      inventoryPath: target.province,
      planPath: planFile,
      asOf: options.asOf,
      basis: "design",
      now,
    });
    manifests.set(target.stack, manifest);
    const tables = buildAsBuiltTables(input.input, manifest);
    const meta = { province: `${inventory.province.name} (${inventory.province.nameEn})`, site: target.site, siteName: input.input.site.name, asOf: options.asOf, manifest };
    // The compliance parts read the policy report `npm run check` wrote beside the plan (absent: "not evaluated").
    const policy = readPolicyReport(path.join(path.resolve(root, options.out), target.stack, "policy-report.json"), target.stack);
    if (policy.state === "unusable") {
      problems.push(`${path.relative(root, policy.path)}: ${policy.message}; run npm run check -- --stack ${target.stack} again`);
      continue;
    }
    // The plan says which system each resource serves (the annual report places findings with it).
    let plan: Plan | undefined;
    if (fs.existsSync(planFile)) {
      try {
        plan = readPlanFile(planFile).plan;
      } catch (e) {
        problems.push(`${e instanceof Error ? e.message : String(e)}; run npm run plan -- --stack ${target.stack} again`);
        continue;
      }
    }
    const stackFiles = await asBuiltFiles(target.stack, tables, meta);
    files.push(...stackFiles, ...(await auditorFiles(target.stack, input.input, meta, policy, plan)));
    summary.push(`${target.stack}: ${tables.length} tables, ${tables.reduce((n, t) => n + t.rows.length, 0)} rows (as of ${options.asOf})`);
  }
  if (problems.length > 0) return { ok: false, problems: [...problems, "export: nothing written; fix the problems above and run again"] };
  return { ok: true, files, summary, targets: resolved.targets, manifests };
}

/**
 * What the export prints after writing: the summary, the files (CSV files counted).
 * @param build the built export
 * @param shownOut the output root as the user can paste it
 */
export function exportLines(build: { files: OutputFile[]; summary: string[] }, shownOut: string): string[] {
  const written = build.files.map((f) => f.path);
  const lines = [...build.summary, ...written.filter((w) => !w.endsWith(".csv")).map((w) => `  ${path.join(shownOut, w)}`)];
  lines.push(`  ${build.files.filter((f) => f.path.endsWith(".csv")).length} CSV files under ${path.join(shownOut, "<stack>", "asbuilt")}/`);
  return lines;
}

/**
 * Runs the export: builds every report in memory and writes them only when every stack succeeded;
 * otherwise prints every problem and writes nothing.
 * @param argv arguments after the script name
 * @param root the project folder (stack files; relative paths resolve against it)
 * @param env the environment (SOURCE_DATE_EPOCH)
 * @param now the current time, for the default report date
 */
export async function runExport(argv: readonly string[], root: string, env: NodeJS.ProcessEnv = process.env, now: Date = new Date()): Promise<ExportReport> {
  const fail = (exitCode: number, lines: string[]): ExportReport => ({ stdout: "", stderr: lines.map((l) => `${l}\n`).join(""), exitCode, written: [] });
  const parsed = parseExportArgs(argv, defaultAsOf(env, now));
  if (!parsed.ok) return fail(2, [...parsed.problems.map((p) => `export: ${p}`), USAGE]);
  const build = await buildExport(parsed.options, root, now);
  if (!build.ok) return fail(1, build.problems);
  const outRoot = path.resolve(root, parsed.options.out);
  for (const f of build.files) {
    const target = path.join(outRoot, f.path);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, f.content);
  }
  // Paths as the user can paste them: relative inside the project, absolute elsewhere.
  const shownOut = path.relative(root, outRoot).startsWith("..") ? outRoot : path.relative(root, outRoot) || ".";
  return { stdout: exportLines(build, shownOut).map((l) => `${l}\n`).join(""), stderr: "", exitCode: 0, written: build.files.map((f) => f.path) };
}
