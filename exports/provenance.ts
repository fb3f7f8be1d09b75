/**
 * What every export says it was made from (issue 13, /work/notes/manifest-spec.md): the inventory (path,
 * commit, file hashes and their digest), the plan (its hash, when one was written), the evaluation date,
 * and the basis — "design" when built from the inventory and the offline plan, "as-built" when built from
 * a live read-back. Titles carry the basis: "thiết kế / design" or "hoàn công / as-built".
 */
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

/** Where the data of a report comes from. */
export type Basis = "design" | "as-built";

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

/** The words of a basis, Vietnamese first. */
export const BASIS_WORDS: Readonly<Record<Basis, { vi: string; en: string }>> = {
  design: { vi: "thiết kế", en: "design" },
  "as-built": { vi: "hoàn công", en: "as-built" },
};

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
export function sha256(content: string | Buffer): string {
  return createHash("sha256").update(content).digest("hex");
}

/**
 * The digest over a file list: SHA-256 of the sorted `path sha256` lines (the manifest's definition), so the
 * order files were read in never changes it.
 * @param files paths and their hashes
 */
export function filesDigest(files: readonly { path: string; sha256: string }[]): string {
  const lines = files.map((f) => `${f.path} ${f.sha256}`).sort();
  return sha256(lines.join("\n") + "\n");
}

/**
 * Two short lines every report prints in its header (Vietnamese, then English): what it was made from.
 * They hold no time of day, so the same inputs give the same report.
 * @param m the manifest
 */
export function citationLines(m: Pick<RunManifest, "inventory" | "plan" | "asOf" | "basis" | "tool">): { vi: string; en: string } {
  const commit = (c: string | null, dirty: boolean): string => (c ? `${c.slice(0, 12)}${dirty ? "+" : ""}` : "?");
  const inv = `${m.inventory.path} @ ${commit(m.inventory.commit, m.inventory.dirty)}, digest ${m.inventory.digest.slice(0, 16)} (${m.inventory.files.length} tệp/files)`;
  const planVi = m.plan ? `kế hoạch / plan ${m.plan.path} sha256 ${m.plan.sha256.slice(0, 16)}` : "chưa có kế hoạch (biên dịch từ hồ sơ)";
  const planEn = m.plan ? `plan ${m.plan.path} sha256 ${m.plan.sha256.slice(0, 16)}` : "no plan file (compiled from the inventory)";
  const tool = `${m.tool.name} ${m.tool.version} @ ${commit(m.tool.commit, m.tool.dirty)}`;
  return {
    vi: `Lập từ: hồ sơ ${inv}; ${planVi}; ngày đánh giá ${m.asOf}; cơ sở: ${BASIS_WORDS[m.basis].vi}; công cụ ${tool}`,
    en: `Made from: inventory ${inv}; ${planEn}; as of ${m.asOf}; basis: ${BASIS_WORDS[m.basis].en}; tool ${tool}`,
  };
}

/** Runs git, or gives undefined when there is no git or no repository. */
function git(cwd: string, args: string[]): string | undefined {
  try {
    return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return undefined;
  }
}

/**
 * The files an inventory is made of (every YAML file of the folder, the lock included), hashed, with paths
 * relative to `root`.
 * @param root the project folder
 * @param inventoryPath the province folder or file
 */
export function inventoryFiles(root: string, inventoryPath: string): { path: string; sha256: string }[] {
  const abs = path.resolve(root, inventoryPath);
  const list = fs.statSync(abs).isDirectory()
    ? fs
        .readdirSync(abs)
        .filter((f) => /\.ya?ml$/i.test(f))
        .map((f) => path.join(abs, f))
    : [abs];
  return list
    .map((f) => ({ path: path.relative(root, f).split(path.sep).join("/"), sha256: sha256(fs.readFileSync(f)) }))
    .sort((a, b) => (a.path < b.path ? -1 : 1));
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
  const files = inventoryFiles(r.root, r.inventoryPath);
  const rel = path.relative(r.root, path.resolve(r.root, r.inventoryPath)).split(path.sep).join("/") || ".";
  const head = git(r.root, ["rev-parse", "HEAD"]) ?? null;
  const invCommit = git(r.root, ["log", "-1", "--format=%H", "--", rel]) || null;
  const invDirty = (git(r.root, ["status", "--porcelain", "--", rel]) ?? "") !== "";
  const toolDirty = (git(r.root, ["status", "--porcelain", "--untracked-files=no"]) ?? "") !== "";
  let version = "0.0.0";
  try {
    version = (JSON.parse(fs.readFileSync(path.join(r.root, "package.json"), "utf8")) as { version?: string }).version ?? version;
  } catch {
    // a project without package.json still gets a manifest
  }
  const planAbs = r.planPath ? path.resolve(r.root, r.planPath) : undefined;
  const plan = planAbs && fs.existsSync(planAbs) ? { path: path.relative(r.root, planAbs).split(path.sep).join("/"), sha256: sha256(fs.readFileSync(planAbs)) } : null;
  return {
    schema: "hatang.run/v1",
    tool: { name: "hatang", version, commit: head, dirty: toolDirty },
    command: r.command,
    asOf: r.asOf,
    generatedAt: r.now.toISOString(),
    stack: r.stack,
    site: r.site,
    basis: r.basis,
    inventory: { path: rel, commit: invCommit, dirty: invDirty, files, digest: filesDigest(files) },
    plan,
    outputs: [],
  };
}
