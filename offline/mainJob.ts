/**
 * The main job's stage runner: every stage writes into one staging root beside the stack folders, and the
 * run is committed (stack folders, index.md, the run manifest) only when every stage completed. A stage
 * that found something (a violated control, a failed proof, a stale lock) still completed: its reports
 * say so. A stage that failed (invalid input, a crash) or a killed run leaves the output root as it was.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { buildManifest, hashFiles, inventoryRecord, MANIFEST_FILE, manifestPath, provenanceBilingual, readManifest, renderManifest, sha256Hex, toolRecord, type FileHash, type Provenance } from "./runManifest";
import { planRecordOf, stackProvenance } from "./stackOutputs";
import { readStackConfig, stackProvince } from "./stackConfig";
import { commitMoves, listFiles, newStagingRoot, recoverOutputs } from "./stagedOutput";

/** One stage of the main job. */
export interface Stage {
  /** What it does, as the progress line says it. */
  title: string;
  /** The script under scripts/. */
  script: string;
  /** Its arguments (the runner adds the staging root and the evaluation date to producers). */
  args: string[];
  /**
   * `gate`: exit 1 stops the run (an invalid inventory); `check`: exit 1 is a finding and writes nothing;
   * `producer`: writes into every stack's folder, and exit 1 is a finding only when it still wrote its
   * manifest (otherwise its input was invalid and the run fails).
   */
  kind: "gate" | "check" | "producer";
  /** Producers: the command their manifests name (`npm run check`). */
  command?: string;
}

/** What the runner needs. */
export interface RunStagesInput {
  /** The project root. */
  root: string;
  /** The output root (`out`). */
  outRoot: string;
  /** The stacks of the run. */
  stacks: readonly string[];
  /** The one evaluation date. */
  asOf: string;
  /** The stages, in order. */
  stages: readonly Stage[];
  /** Runs one stage (a child process) with the staging root as its output root; returns its exit code. */
  run(stage: Stage, stagingRoot: string): Promise<number>;
  /** Prints a progress line. */
  log(line: string): void;
  /** Registers cleanup for an interrupted run (the staging root is removed). */
  onCleanup?(fn: () => void): void;
}

/** How the run ended. */
export type RunStagesResult = { committed: true; findings: string[] } | { committed: false; failed: string; exitCode: number };

/**
 * Whether a producer completed for every stack: each stack folder's manifest names its command (the
 * staging root starts empty, so a manifest there was written by this run).
 * @param stagingRoot the staging root
 * @param stacks the stacks
 * @param command the producer's command
 */
export function producerCompleted(stagingRoot: string, stacks: readonly string[], command: string): boolean {
  return stacks.every((s) => readManifest(path.join(stagingRoot, s, MANIFEST_FILE))?.command === command);
}

/**
 * Runs the stages and commits the run when every one completed.
 * @param inp what the runner needs
 */
export async function runStages(inp: RunStagesInput): Promise<RunStagesResult> {
  recoverOutputs(inp.outRoot);
  const staging = newStagingRoot(inp.outRoot);
  // Committed or not, the staging root goes: after a commit only empty folders are left in it.
  const cleanup = (): void => fs.rmSync(staging, { recursive: true, force: true });
  inp.onCleanup?.(cleanup);
  const findings: string[] = [];
  try {
    for (const [i, stage] of inp.stages.entries()) {
      inp.log(`\n[${i + 1}/${inp.stages.length}] ${stage.title}`);
      const code = await inp.run(stage, staging);
      if (code === 0) continue;
      const finding = code === 1 && (stage.kind === "check" || (stage.kind === "producer" && producerCompleted(staging, inp.stacks, stage.command ?? "")));
      if (finding) {
        findings.push(stage.title);
        inp.log(`    ✗ ${stage.title}: findings (see its reports)`);
        continue;
      }
      inp.log(`    ✗ ${stage.title} failed (exit ${code})`);
      // The runner builds every stage's command line: a usage error of a stage is a bug here.
      return { committed: false, failed: stage.title, exitCode: code === 1 ? 1 : 3 };
    }
    commitRun(inp, staging);
    return { committed: true, findings };
  } finally {
    cleanup();
  }
}

/**
 * Writes each stack's manifest (the whole folder, command `npm start`), out/index.md and out/manifest.json
 * into the staging root, then moves them into place as one commit.
 */
function commitRun(inp: RunStagesInput, staging: string): void {
  const { root, outRoot, stacks, asOf } = inp;
  const stackManifests: string[] = [];
  const provenances: Provenance[] = [];
  for (const stack of stacks) {
    const dir = path.join(staging, stack);
    const province = stackProvince(root, stack);
    const site = readStackConfig(root, stack).config["hatang:site"] ?? stack;
    const provenance = stackProvenance(root, { command: "npm start", asOf, stack, site, province, plan: planRecordOf(root, staging, stack) });
    provenances.push(provenance);
    const outputs = finalHashes(root, outRoot, dir, stack);
    fs.writeFileSync(path.join(dir, MANIFEST_FILE), renderManifest(buildManifest(provenance, outputs, new Date())));
    stackManifests.push(path.join(dir, MANIFEST_FILE));
  }
  const index = renderIndex(stacks, staging, provenances);
  fs.writeFileSync(path.join(staging, "index.md"), index);
  const provinces = [...new Set(provenances.map((p) => p.inventory?.path))];
  const run: Provenance = {
    schema: "hatang.run/v1",
    tool: toolRecord(root),
    command: "npm start",
    asOf,
    stack: null,
    site: null,
    basis: "design",
    inventory: provinces.length === 1 ? (provenances[0].inventory ?? inventoryRecord(root, stackProvince(root, stacks[0]))) : null,
    plan: null,
  };
  const outputs = [...stacks.flatMap((s) => finalHashes(root, outRoot, path.join(staging, s), s)), { path: manifestPath(root, path.join(outRoot, "index.md")), sha256: sha256Hex(index) }];
  const manifest = { ...buildManifest(run, outputs, new Date()), stacks: stackManifests.map((f, i) => ({ path: manifestPath(root, path.join(outRoot, stacks[i], MANIFEST_FILE)), sha256: sha256Hex(fs.readFileSync(f)) })) };
  fs.writeFileSync(path.join(staging, MANIFEST_FILE), renderManifest(manifest));
  commitMoves(outRoot, [
    ...stacks.map((s) => ({ from: path.join(staging, s), to: path.join(outRoot, s) })),
    { from: path.join(staging, "index.md"), to: path.join(outRoot, "index.md") },
    { from: path.join(staging, MANIFEST_FILE), to: path.join(outRoot, MANIFEST_FILE) },
  ]);
}

/** Hashes of a staged stack folder's files (its manifest excluded), named by their final paths. */
function finalHashes(root: string, outRoot: string, dir: string, stack: string): FileHash[] {
  return hashFiles(dir, listFiles(dir).filter((f) => f !== MANIFEST_FILE)).map((h) => ({ path: manifestPath(root, path.join(outRoot, stack, h.path)), sha256: h.sha256 }));
}

/**
 * out/index.md: what the run wrote, stack by stack, and what it was made from.
 * @param stacks the stacks
 * @param staging the staging root (every file there was written by this run)
 * @param provenances each stack's provenance
 */
export function renderIndex(stacks: readonly string[], staging: string, provenances: readonly Provenance[]): string {
  const lines = ["# hatang — outputs", "", `Generated by \`npm start\` for stacks: ${stacks.join(", ")} (as of ${provenances[0]?.asOf ?? ""}). Every file below was written by this run; \`manifest.json\` lists their SHA-256.`, ""];
  for (const [i, s] of stacks.entries()) {
    lines.push(`## ${s}`, "", ...provenanceBilingual(provenances[i]).map((l) => `> ${l}  `), "");
    for (const f of listFiles(path.join(staging, s))) lines.push(`- [${f}](${s}/${f})`);
    lines.push("");
  }
  return lines.join("\n");
}


