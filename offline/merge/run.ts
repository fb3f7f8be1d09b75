/**
 * `npm run merge`: reads former provinces, merges them (inventory/merge), writes the merged province, the
 * conflicts, the renumbering plan and the staged plan, and checks every stage. Everything is written to a
 * folder beside the target and moved into place at the end, so a failed run leaves nothing half-written.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { stringify } from "yaml";
import { InputError, UsageError } from "../../cli/command";
import { LOCK_FILE_NAME, renderLock } from "../../inventory/addressing";
import { formatProblems } from "../../inventory/loader";
import { mergeProvinces, type MergeResult } from "../../inventory/merge/merge";
import { renamed } from "../../inventory/merge/renames";
import { describeShortfall } from "../../inventory/merge/space";
import type { MergeInput, MergePins, RenumberRow } from "../../inventory/merge/types";
import { renderProvinceFiles } from "../../inventory/merge/writeProvince";
import { MERGE_LOCK_FILE, readMergeLock, renderMergeLock } from "../../inventory/merge/pinsFile";
import { DataFileError } from "../../inventory/loader/yamlData";
import { loadProvince } from "../../inventory/province/loadProvince";
import { readWaiverFile, waiverFileOf } from "../../inventory/waivers/waiverFile";
import type { Waiver } from "../../inventory/waivers/waivers";
import { siteProgram } from "../../stacks/siteProgram";
import { runOffline } from "../mockEngine";
import { renderPlanDiff } from "../planDiffMarkdown";
import type { Plan } from "../planTypes";
import { listStacks, readStackConfig } from "../stackConfig";
import { renumberingRows } from "./renumberingRows";
import { renderConflicts, renderRenumberingCsv, renderRenumberingMarkdown, renderStages } from "./reports";
import { checkStage, withPlaceholders, type SiteCheck, type SiteStackConfig, type StageCheck } from "./stageChecks";

/** What `npm run merge` is asked to do. */
export interface MergeRunOptions {
  /** The former provinces' folders. */
  provinces: string[];
  /** The folder the merged province goes to. */
  into: string;
  /** Which province is kept (folder as given, its base name, or its province code); default the first. */
  keep?: string;
  mergedOn: string;
  retireBy: string;
  /** Plan, check and prove every stage. */
  checks: boolean;
  /** Evaluation date of the checks. */
  asOf: string;
  /** The project root (Pulumi.yaml, stack files, policies/). */
  root: string;
  /** Progress lines. */
  log: (line: string) => void;
}

/** What a run produced (for tests and the benchmark). */
export interface MergeRunResult {
  result: MergeResult;
  rows: RenumberRow[];
  checks?: StageCheck[];
  /** Every stage passed (or checks were not run). */
  ok: boolean;
}

/** Loads the inputs; every invalid one's problems, all at once, before anything else. */
function loadInputs(paths: readonly string[], asOf: string, root: string): MergeInput[] {
  const inputs: MergeInput[] = [];
  const errors: string[] = [];
  for (const p of paths) {
    const r = loadProvince(p, { asOf, waiverFile: waiverFileOf(p, root) });
    if (!r.ok) {
      errors.push(`${p} is not a valid province on its own (${r.problems.length} problem(s)); fix it first:`, ...formatProblems(r.problems).map((line) => `  ${line}`));
      continue;
    }
    inputs.push({ name: path.basename(path.resolve(p)), path: p, inventory: r.province.inventory, sources: r.province.sources, plan: r.province.addressPlan, lock: r.province.newLock });
  }
  if (errors.length > 0) throw new InputError(errors.join("\n"));
  return inputs;
}

/** Index of the kept province. */
function keepIndex(inputs: readonly MergeInput[], keep: string | undefined): number {
  if (keep === undefined) return 0;
  const matches = inputs.map((x, i) => ({ x, i })).filter(({ x }) => x.path === keep || x.name === keep || path.resolve(x.path) === path.resolve(keep) || x.inventory.province.code === keep);
  if (matches.length !== 1) throw new UsageError(`--keep ${keep}: expected one of the provinces given (${inputs.map((x) => x.name).join(", ")})`);
  return matches[0].i;
}

/**
 * The configuration a site without a stack file is planned with offline: every key the program requires,
 * with example values (nothing is deployed from it; credentials get redacted placeholders).
 */
const OFFLINE_STACK_CONFIG: Readonly<Record<string, string>> = {
  "pulumi:disable-default-providers": '["openstack", "kubernetes"]',
  "openstack:authUrl": "https://keystone.example:5000/v3",
  "openstack:userName": "hatang-deployer",
  "hatang:externalNetworkId": "offline-external-network",
  "hatang:floatingIpPool": "public",
  "hatang:memberRole": "member",
  "hatang:firewallSshUser": "hatang",
  "hatang:routerSshUser": "hatang",
  "hatang:nodeSshUser": "debian",
  "hatang:nodeSshPublicKey": "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFhwCE3fNJaYgyVT7OxctUV6dNNXjlsq+EZhTSOy2Bms hatang-nodes@example",
  "hatang:logShipperImage": `registry.example/fluent-bit:3.2@sha256:${"0".repeat(64)}`,
};

/** The stack configuration of a site of an input: its stack file's, else an offline default. */
function stackConfigs(root: string): (input: MergeInput, site: string) => SiteStackConfig {
  const known = listStacks(root).map((s) => readStackConfig(root, s));
  return (input, site) => {
    const found = known.find((c) => c.config["hatang:site"] === site && path.resolve(root, c.config["hatang:province"] ?? "") === path.resolve(input.path));
    if (found !== undefined) return { project: found.project, config: found.config, secureKeys: found.secureKeys };
    const project = known[0]?.project ?? "hatang";
    return { project, config: OFFLINE_STACK_CONFIG, secureKeys: [] };
  };
}

/** The merged province's waivers: the kept province's, then the moved ones' with their flow names followed. */
function mergedWaivers(root: string, result: MergeResult): Waiver[] {
  const own = readWaiverFile(waiverFileOf(result.kept.path, root)).waivers;
  const moved = result.moved.flatMap((m) =>
    readWaiverFile(waiverFileOf(m.input.path, root)).waivers.map((w) => {
      const flow = /^flow\/(.+)$/.exec(w.match.name ?? "");
      return flow ? { ...w, match: { ...w.match, name: `flow/${renamed(m.renames.flows, flow[1])}` } } : w;
    }),
  );
  return [...own, ...moved];
}

/** An earlier run's decisions in the target folder (none when it is new); a malformed lock is an input error. */
function earlierPins(file: string): MergePins {
  try {
    return readMergeLock(file);
  } catch (e) {
    if (e instanceof DataFileError) throw new InputError(`${e.message}\n(the lock of an earlier merger into this folder: fix or delete it)`);
    throw e;
  }
}

/** Writes files under a folder. */
function writeAll(dir: string, files: ReadonlyArray<{ file: string; text: string }>): void {
  for (const f of files) {
    const p = path.join(dir, f.file);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, f.text);
  }
}

/**
 * Runs a merger end to end.
 * @param o what to merge, where to, and how
 */
export async function runMerge(o: MergeRunOptions): Promise<MergeRunResult> {
  const inputs = loadInputs(o.provinces, o.asOf, o.root);
  const keep = keepIndex(inputs, o.keep);
  const into = path.resolve(o.into);
  if (inputs.some((x) => path.resolve(x.path) === into)) throw new UsageError(`--into ${o.into}: the merged province cannot replace one of its inputs`);
  if (fs.existsSync(into) && fs.readdirSync(into).length > 0 && !fs.existsSync(path.join(into, "merge", "README.md")))
    throw new InputError(`${o.into} exists and was not written by a merger; give an empty or new folder`);
  o.log(`merging ${inputs.map((x) => x.name).join(" + ")} into ${o.into} (keeping ${inputs[keep].name})`);
  const pins = earlierPins(path.join(into, "merge", MERGE_LOCK_FILE));
  // A forbidden migration flow opens only under a waiver naming it (flow/migrate-…), written in an input's waiver file.
  const waivers = inputs.flatMap((x) => readWaiverFile(waiverFileOf(x.path, o.root)).waivers);
  const outcome = mergeProvinces(inputs, { keep, mergedOn: o.mergedOn, retireBy: o.retireBy, pins, zoning: { waivers, asOf: o.asOf } });
  if (!outcome.ok) {
    const lines = [...outcome.failure.problems, ...outcome.failure.shortfalls.map(describeShortfall)];
    throw new InputError(`the provinces cannot be merged (${outcome.failure.conflicts.length} conflict(s) found on the way):\n${lines.map((l) => `  ${l}`).join("\n")}`);
  }
  const result = outcome.result;
  o.log(`  ${result.conflicts.length} conflict(s); ${result.stages.length} stage(s)`);

  // The renumbering plan: each moved site before (its former province) and after (the first stage).
  const sorted = renumberingRows(result);
  o.log(`  renumbering: ${sorted.length} row(s), ${sorted.filter((r) => r.old !== r.new).length} change`);

  // Everything goes to a folder beside the target first.
  const partial = `${into}.partial-${process.pid}`;
  fs.rmSync(partial, { recursive: true, force: true });
  const schemaOf = (dir: string): string => path.relative(dir, path.join(o.root, "inventory", "schema", "hatang.schema.json")).split(path.sep).join("/");
  const header = (what: string): string[] => [
    `${what} Written by \`npm run merge\` from ${inputs.map((x) => x.path).join(" + ")} (kept: ${inputs[keep].name}), merged on ${o.mergedOn}.`,
    "Review it like any province; regenerate rather than edit by hand when the inputs change.",
  ];
  const provinceFiles = (dir: string, stage: number, what: string): Array<{ file: string; text: string }> => [
    ...renderProvinceFiles(result.stages[stage].inventory, schemaOf(dir), header(what)),
    { file: LOCK_FILE_NAME, text: renderLock(result.plans[stage].lock) },
  ];
  const mergedWaiverList = mergedWaivers(o.root, result);
  const names = [inputs[keep].name, ...inputs.filter((_, i) => i !== keep).map((x) => x.name)];
  writeAll(partial, provinceFiles(into, result.target, "The merged province (the consolidation's target)."));
  writeAll(path.join(partial, "merge"), [
    { file: "conflicts.md", text: renderConflicts(result.conflicts, names) },
    { file: "conflicts.json", text: JSON.stringify(result.conflicts, null, 2) + "\n" },
    { file: "renumbering.csv", text: renderRenumberingCsv(sorted) },
    { file: "renumbering.md", text: renderRenumberingMarkdown(sorted) },
    { file: "renumbering.json", text: JSON.stringify(sorted, null, 2) + "\n" },
    { file: MERGE_LOCK_FILE, text: renderMergeLock(result.pins) },
    { file: "waivers.yaml", text: `# The merged province's waivers: ${names.join(", ")}'s, flow names followed. Copy to policies/waivers/${path.basename(into)}.yaml.\n${stringify({ waivers: mergedWaiverList }, { lineWidth: 0 })}` },
  ]);
  result.stages.forEach((s, i) => writeAll(path.join(partial, "merge", "stages", s.id), provinceFiles(path.join(into, "merge", "stages", s.id), i, `Stage ${s.id}: ${s.title}.`)));

  let checks: StageCheck[] | undefined;
  if (o.checks) checks = await checkStages(o, result, partial);
  const ok = checks === undefined || checks.every((c) => c.ok);
  writeAll(path.join(partial, "merge"), [
    { file: "stages.md", text: renderStages(result.stages, result.target, checks) },
    { file: "stages.json", text: JSON.stringify(stagesJson(result, checks), null, 2) + "\n" },
    {
      file: "README.md",
      text: [
        `# Sáp nhập / Merger: ${names.join(" + ")}`,
        "",
        `The folder above is the merged province (kept: ${names[0]}, merged on ${o.mergedOn}, duplicates retire by ${o.retireBy}).`,
        "",
        "- [conflicts.md](conflicts.md) (and conflicts.json): what the former provinces both have, with both files and lines",
        "- [renumbering.md](renumbering.md) (and renumbering.csv, renumbering.json): every prefix, gateway, VLAN and fixed address of the moved sites, old → new",
        "- [stages.md](stages.md) (and stages.json): the stages, each a complete province under `stages/`, with its checks and plan diff",
        `- ${MERGE_LOCK_FILE}: this run's decisions (moved aggregates, changed VLAN ids), kept by the next run into this folder where they still fit`,
        `- waivers.yaml: the merged province's waivers (copy to policies/waivers/${path.basename(into)}.yaml)`,
        "",
      ].join("\n"),
    },
  ]);
  if (checks !== undefined)
    result.stages.forEach((s, i) => {
      for (const site of checks?.[i]?.sites ?? []) if (site.diff) writeAll(path.join(partial, "merge", "stages", s.id, "diff"), [{ file: `${site.site}.md`, text: renderPlanDiff(site.diff) }]);
    });
  fs.rmSync(into, { recursive: true, force: true });
  fs.renameSync(partial, into);
  o.log(`  wrote ${o.into} (merge/README.md lists the reports)`);
  return { result, rows: sorted, checks, ok };
}

/** The staged plan for tools: each stage's id, title, summary and (when checked) its results per site. */
function stagesJson(result: MergeResult, checks: readonly StageCheck[] | undefined): unknown {
  return result.stages.map((s, i) => ({
    id: s.id,
    title: s.title,
    target: i === result.target,
    summary: s.summary,
    ...(checks?.[i] !== undefined
      ? {
          ok: checks[i].ok,
          problems: checks[i].problems,
          sites: checks[i].sites.map((c) => ({ site: c.site, resources: c.resources, violations: c.violations, proof: c.proof, ...(c.diff ? { diff: c.diff.counts } : {}) })),
        }
      : {}),
  }));
}

/** Most lines listed per site and kind of finding (the reports hold them all). */
const LISTED = 10;

/** A site's results as progress lines: counts, proof, diff, then each unwaived mandatory violation. */
function stageSiteLine(site: SiteCheck): string {
  const diff = site.diff ? `; diff +${site.diff.counts.add} ~${site.diff.counts.update} ±${site.diff.counts.replace} -${site.diff.counts.remove}` : "";
  const head = `    ${site.proof.holds && site.violations.length === 0 ? "✓" : "✗"} ${site.site}: ${site.resources} resources, ${site.violations.length} mandatory violation(s), ${site.proof.line}${diff}`;
  const more = site.violations.length > LISTED ? [`        … and ${site.violations.length - LISTED} more (stages.json lists them all)`] : [];
  return [head, ...site.violations.slice(0, LISTED).map((v) => `        ✗ ${v}`), ...more].join("\n");
}

/** One line saying whether a stage passed, and if not, what failed where. */
function stageVerdict(id: string, c: StageCheck): string {
  if (c.ok) return `✓ ${id}: passes (${c.sites.length} site(s) planned, checked and proved)`;
  const why = [
    ...(c.problems.length > 0 ? [`${c.problems.length} validation problem(s)`] : []),
    ...c.sites.filter((x) => x.violations.length > 0).map((x) => `${x.site}: ${x.violations.length} policy violation(s)`),
    ...c.sites.filter((x) => !x.proof.holds).map((x) => `${x.site}: reachability proof does not hold`),
  ];
  return `✗ ${id}: FAILS — ${why.join("; ")}`;
}

/** Plans the inputs (the baseline of the first diff), then checks each stage against the one before. */
async function checkStages(o: MergeRunOptions, result: MergeResult, partial: string): Promise<StageCheck[]> {
  const configOf = stackConfigs(o.root);
  const formerOf = new Map<string, { input: MergeInput; site: string }>();
  for (const s of result.kept.inventory.sites) formerOf.set(s.id, { input: result.kept, site: s.id });
  for (const m of result.moved) for (const s of m.input.inventory.sites) formerOf.set(renamed(m.renames.sites, s.id), { input: m.input, site: s.id });
  const previous = new Map<string, Plan>();
  for (const [site, { input, site: former }] of [...formerOf].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const base = withPlaceholders(configOf(input, former), input.inventory.clusters.map((c) => c.id));
    const config = { ...base.config, "hatang:province": path.resolve(input.path), "hatang:site": former, "hatang:asOf": o.asOf, "hatang:waivers": waiverFileOf(input.path, o.root) };
    o.log(`  planning ${former} as it is today (${input.name})`);
    const { resources } = await runOffline(siteProgram, { project: base.project, stack: site, config, secretKeys: base.secureKeys });
    previous.set(site, { project: base.project, stack: site, province: input.inventory.province.code, resources: [...resources].sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0)) });
  }
  const evidence = path.join(o.root, "policies", "evidence", `${result.kept.name}.yaml`);
  const waiverFile = path.join(partial, "merge", "waivers.yaml");
  const checks: StageCheck[] = [];
  for (const [i, s] of result.stages.entries()) {
    o.log(`  stage ${i + 1}/${result.stages.length} ${s.id}: validate, address plan, offline plan, policy pack, reachability proof`);
    const c = await checkStage({
      folder: path.join(partial, "merge", "stages", s.id),
      stackConfig: (site) => {
        const f = formerOf.get(site);
        return f ? configOf(f.input, f.site) : configOf(result.kept, site);
      },
      waiverFile,
      evidenceFile: fs.existsSync(evidence) ? evidence : undefined,
      asOf: o.asOf,
      previous: new Map(previous),
      onSite: (site) => o.log(stageSiteLine(site)),
    });
    for (const site of c.sites) previous.set(site.site, site.plan);
    for (const p of c.problems) o.log(`    ✗ ${p}`);
    o.log(`    ${stageVerdict(s.id, c)}`);
    checks.push(c);
  }
  o.log("  stages:");
  result.stages.forEach((s, i) => o.log(`    ${stageVerdict(s.id, checks[i])}`));
  return checks;
}
