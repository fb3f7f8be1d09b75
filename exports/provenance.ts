/**
 * What every export says it was made from (issue 13, /work/notes/manifest-spec.md): the inventory (path,
 * commit, file hashes and their digest), the plan (its hash, when one was written), the evaluation date,
 * and the basis — "design" when built from the inventory and the offline plan, "as-built" when built from
 * a live read-back. Titles carry the basis: "thiết kế / design" or "hoàn công / as-built".
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { BASIS_WORDS, filesDigest, inventoryRecord, manifestPath, provenanceLines, sha256Hex, toolRecord, type Basis } from "../offline/runManifest";
import { finalPath } from "../offline/stagedOutput";

// The manifest's building blocks live in offline/runManifest.ts (one definition for every report).
export { BASIS_WORDS, filesDigest, type Basis };

/** The run manifest (schema `hatang.run/v1`, /work/notes/manifest-spec.md): the fields a report cites. */
export interface RunManifest {
  schema: "hatang.run/v1";
  tool: { name: string; version: string; commit: string | null; dirty: boolean };
  command: string;
  asOf: string;
  generatedAt: string;
  stack: string;
  site: string;
  basis: Basis;
  inventory: { path: string; commit: string | null; dirty: boolean; files: { path: string; sha256: string }[]; digest: string };
  plan: { path: string; sha256: string } | null;
  outputs: { path: string; sha256: string }[];
}

/**
 * The basis as a title says it: "thiết kế / design" or "hoàn công / as-built".
 * @param basis the basis
 */
export function basisLabel(basis: Basis): string {
  return `${BASIS_WORDS[basis].vi} / ${BASIS_WORDS[basis].en}`;
}

/**
 * A report title with its basis: "Hồ sơ hạ tầng (thiết kế) / Infrastructure record (design)".
 * @param vi the Vietnamese title
 * @param en the English title
 * @param basis the basis
 */
export function titleWithBasis(vi: string, en: string, basis: Basis): string {
  return `${vi} (${BASIS_WORDS[basis].vi}) / ${en} (${BASIS_WORDS[basis].en})`;
}

/** SHA-256 of bytes, hex. */
export const sha256 = sha256Hex;

/**
 * Two short lines every report prints in its header (Vietnamese, then English): what it was made from.
 * They hold no time of day, so the same inputs give the same report.
 * @param m the manifest
 */
export function citationLines(m: Pick<RunManifest, "inventory" | "plan" | "asOf" | "basis" | "tool">): { vi: string; en: string } {
  return { vi: provenanceLines(m, "vi")[0], en: provenanceLines(m, "en")[0] };
}

/**
 * The files an inventory is made of (every YAML file of the folder, the lock included), hashed, with paths
 * relative to `root`.
 * @param root the project folder
 * @param inventoryPath the province folder or file
 */
export function inventoryFiles(root: string, inventoryPath: string): { path: string; sha256: string }[] {
  return inventoryRecord(root, inventoryPath).files;
}

/** What a command knows when it builds its provenance. */
export interface ProvenanceRequest {
  /** The project folder (git repository, package.json, out/). */
  root: string;
  /** The command as typed, e.g. `npm run export`. */
  command: string;
  stack: string;
  site: string;
  /** The province folder or file. */
  inventoryPath: string;
  /** The plan file, if one exists (its hash is cited). */
  planPath?: string;
  asOf: string;
  basis: Basis;
  /** The time of the run. */
  now: Date;
}

/**
 * The run manifest of a command that writes into `out/<stack>/`: read from the inputs themselves, so what a
 * report cites is what it was built from.
 * @param r what the command knows
 */
export function buildManifest(r: ProvenanceRequest): RunManifest {
  const planAbs = r.planPath ? path.resolve(r.root, r.planPath) : undefined;
  // A plan in the main job's staging folder is cited where it will be once the run is committed.
  const plan = planAbs && fs.existsSync(planAbs) ? { path: manifestPath(r.root, finalPath(planAbs)), sha256: sha256(fs.readFileSync(planAbs)) } : null;
  return {
    schema: "hatang.run/v1",
    tool: toolRecord(r.root),
    command: r.command,
    asOf: r.asOf,
    generatedAt: r.now.toISOString(),
    stack: r.stack,
    site: r.site,
    basis: r.basis,
    inventory: inventoryRecord(r.root, r.inventoryPath),
    plan,
    outputs: [],
  };
}
