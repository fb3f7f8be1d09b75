/**
 * How a command writes a stack's outputs: staged beside `out/<stack>` (atomic), with the run manifest
 * naming what they were made from. Every command that writes into `out/<stack>` goes through here.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { buildManifest, inventoryRecord, MANIFEST_FILE, manifestPath, renderManifest, sha256Hex, toolRecord, type Basis, type FileHash, type PlanRecord, type Provenance } from "./runManifest";
import { finalOutRoot, StagedFolder } from "./stagedOutput";

/** What a stack's provenance is made of. */
export interface ProvenanceInput {
  /** The command as typed (`npm run check`). */
  command: string;
  /** The run's evaluation date. */
  asOf: string;
  /** The stack (null when the folder is a site's without a stack, e.g. `npm run addressplan`). */
  stack: string | null;
  /** The site the outputs describe. */
  site: string | null;
  /** The province folder or file read. */
  province: string;
  /** The plan read or written, if any. */
  plan: PlanRecord | null;
  /** Design (offline plan) or as-built (live read-back). Default design. */
  basis?: Basis;
}

/**
 * The provenance of a stack's outputs (reads the inventory's files and git).
 * @param root the project root
 * @param p what it is made of
 */
export function stackProvenance(root: string, p: ProvenanceInput): Provenance {
  return {
    schema: "hatang.run/v1",
    tool: toolRecord(root),
    command: p.command,
    asOf: p.asOf,
    stack: p.stack,
    site: p.site,
    basis: p.basis ?? "design",
    inventory: inventoryRecord(root, p.province),
    plan: p.plan,
  };
}

/**
 * Where a plan lives once the run is committed, as manifests name it.
 * @param root the project root
 * @param outRoot the output root the command writes to (a staging root maps to its final root)
 * @param stack the stack
 */
export function finalPlanPath(root: string, outRoot: string, stack: string): string {
  return manifestPath(root, path.join(finalOutRoot(outRoot), stack, "plan.json"));
}

/**
 * The plan record of `<outRoot>/<stack>/plan.json` (or of another plan file), hashed as it is now.
 * @param root the project root
 * @param outRoot the output root
 * @param stack the stack
 * @param planFile a plan file given on the command line instead
 */
export function planRecordOf(root: string, outRoot: string, stack: string, planFile?: string): PlanRecord {
  const file = planFile ?? path.join(outRoot, stack, "plan.json");
  return { path: planFile ? manifestPath(root, planFile) : finalPlanPath(root, outRoot, stack), sha256: sha256Hex(fs.readFileSync(file)) };
}

/**
 * Starts writing a stack folder: a staged copy beside `<outRoot>/<folder>` keeping the files other
 * commands wrote there.
 * @param outRoot the output root
 * @param folder the stack (or site) folder name
 */
export function beginStackOutput(outRoot: string, folder: string): StagedFolder {
  return new StagedFolder(path.join(outRoot, folder), true);
}

/**
 * Ends writing a stack folder: the manifest (the files this command wrote, with their hashes) is written
 * beside them, then the folder is moved into place.
 * @param root the project root
 * @param outRoot the output root
 * @param stage the staged folder
 * @param provenance what the files were made from
 * @returns the files written, as paths relative to the project root once committed (manifest last)
 */
export function finishStackOutput(root: string, outRoot: string, stage: StagedFolder, provenance: Provenance): string[] {
  const finalDir = path.join(finalOutRoot(outRoot), path.basename(stage.finalDir));
  const outputs: FileHash[] = stage.names
    .filter((n) => n !== MANIFEST_FILE)
    .map((n) => ({ path: manifestPath(root, path.join(finalDir, n)), sha256: sha256Hex(fs.readFileSync(path.join(stage.dir, n))) }));
  stage.write(MANIFEST_FILE, renderManifest(buildManifest(provenance, outputs, new Date())));
  stage.commit();
  return [...outputs.map((o) => o.path), manifestPath(root, path.join(finalDir, MANIFEST_FILE))];
}
