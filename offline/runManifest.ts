/**
 * The run manifest (provenance): what a run's outputs were made from — the inventory (commit and file
 * hashes), the plan (its hash), the one evaluation date, the tool — and what it wrote. Written as
 * `out/<stack>/manifest.json` (and `out/manifest.json` for the main job's whole run); every report cites
 * it in its header through `provenanceLines`. Contract: /work/notes/manifest-spec.md.
 *
 * The pure parts (building, digests, the header text) are separate from the parts that read files and
 * git, so they are tested without either.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

/** Schema tag of the manifest format. */
export const MANIFEST_SCHEMA = "hatang.run/v1";

/** The name of the manifest file in a stack's folder and at the output root. */
export const MANIFEST_FILE = "manifest.json";

/** A file and the SHA-256 of its bytes (hex). */
export interface FileHash {
  /** Path relative to the project root, `/`-separated. */
  path: string;
  /** SHA-256 of the bytes, lower-case hex. */
  sha256: string;
}

/** Where a report's data comes from: the offline plan of the design, or a live read-back. */
export type Basis = "design" | "as-built";

/** The tool that made the outputs. */
export interface ToolRecord {
  /** `hatang`. */
  name: string;
  /** package.json version. */
  version: string;
  /** git HEAD of the checkout, or null outside git. */
  commit: string | null;
  /** The checkout has uncommitted changes. */
  dirty: boolean;
}

/** The inventory a run read. */
export interface InventoryRecord {
  /** The province folder (or file), relative to the project root. */
  path: string;
  /** The last commit touching it, or null outside git or when never committed. */
  commit: string | null;
  /** It has uncommitted changes (or untracked files). */
  dirty: boolean;
  /** Every file read (inventory YAML and the address-plan lock), sorted by path. */
  files: FileHash[];
  /** SHA-256 over the sorted `path sha256` lines: one value that changes when any file does. */
  digest: string;
}

/** The plan a run read or wrote. */
export interface PlanRecord {
  /** Where it lives after the run, relative to the project root. */
  path: string;
  /** SHA-256 of its bytes. */
  sha256: string;
}

/** The run manifest. */
export interface RunManifest {
  schema: typeof MANIFEST_SCHEMA;
  tool: ToolRecord;
  /** The command as typed, e.g. `npm start` or `npm run check`. */
  command: string;
  /** The one evaluation date of the run, YYYY-MM-DD. */
  asOf: string;
  /** When the manifest was written (ISO timestamp). */
  generatedAt: string;
  /** The stack; null in the whole run's manifest. */
  stack: string | null;
  /** The site the stack builds; null in the whole run's manifest. */
  site: string | null;
  basis: Basis;
  /** The inventory read; null only when a run read several provinces (the whole run's manifest then lists stacks). */
  inventory: InventoryRecord | null;
  /** The plan; null when the run has none (the whole run's manifest, a validation). */
  plan: PlanRecord | null;
  /** Every file the run left, sorted by path (the manifest itself excluded). */
  outputs: FileHash[];
  /** Whole-run manifest only: each stack's manifest. */
  stacks?: FileHash[];
}

/** What a report's header cites: the manifest without what only exists after the outputs are written. */
export type Provenance = Omit<RunManifest, "generatedAt" | "outputs" | "stacks">;

/**
 * SHA-256 of bytes or text (UTF-8), lower-case hex.
 * @param data the bytes
 */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/**
 * The digest of a set of files: SHA-256 over `path sha256` lines sorted by path, so it does not depend
 * on the order the files were read in.
 * @param files the files
 */
export function filesDigest(files: readonly FileHash[]): string {
  const lines = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).map((f) => `${f.path} ${f.sha256}\n`);
  return sha256Hex(lines.join(""));
}

/**
 * Sorts file hashes by path (the order manifests keep).
 * @param files the files
 */
export function sortedFiles(files: readonly FileHash[]): FileHash[] {
  return [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * Assembles a manifest from its parts.
 * @param p the provenance
 * @param outputs the files written
 * @param generatedAt when
 */
export function buildManifest(p: Provenance, outputs: readonly FileHash[], generatedAt: Date): RunManifest {
  return {
    schema: MANIFEST_SCHEMA,
    tool: p.tool,
    command: p.command,
    asOf: p.asOf,
    generatedAt: generatedAt.toISOString(),
    stack: p.stack,
    site: p.site,
    basis: p.basis,
    inventory: p.inventory,
    plan: p.plan,
    outputs: sortedFiles(outputs),
  };
}

/** The words of a basis, Vietnamese first. */
export const BASIS_WORDS: Readonly<Record<Basis, { vi: string; en: string }>> = {
  design: { vi: "thiết kế", en: "design" },
  "as-built": { vi: "hoàn công", en: "as-built" },
};

/** What a report's header cites. */
export type Citable = Pick<Provenance, "tool" | "asOf" | "basis" | "inventory" | "plan">;

/**
 * The short text every report prints in its header: what it was made from (inventory path, commit and
 * digest, plan hash, evaluation date, basis, tool). Hashes are shortened to 16 hex digits, enough to tell
 * runs apart; `manifest.json` holds them whole. No time of day, so the same inputs give the same report.
 * @param m the manifest (or its provenance part)
 * @param lang `vi` or `en`
 * @returns the lines (one today)
 */
export function provenanceLines(m: Citable, lang: "vi" | "en"): string[] {
  const vi = lang === "vi";
  const commit = (c: string | null, dirty: boolean): string => (c ? `${c.slice(0, 12)}${dirty ? "+" : ""}` : "?");
  const inv = m.inventory
    ? `${vi ? "hồ sơ" : "inventory"} ${m.inventory.path} @ ${commit(m.inventory.commit, m.inventory.dirty)}, digest ${m.inventory.digest.slice(0, 16)} (${m.inventory.files.length} tệp/files)`
    : vi
      ? "nhiều hồ sơ (xem manifest.json của từng điểm)"
      : "several inventories (see each stack's manifest.json)";
  const plan = m.plan ? `${vi ? "kế hoạch / plan" : "plan"} ${m.plan.path} sha256 ${m.plan.sha256.slice(0, 16)}` : vi ? "chưa có kế hoạch (biên dịch từ hồ sơ)" : "no plan file (compiled from the inventory)";
  const tool = `${m.tool.name} ${m.tool.version} @ ${commit(m.tool.commit, m.tool.dirty)}`;
  return [
    vi
      ? `Lập từ: ${inv}; ${plan}; ngày đánh giá ${m.asOf}; cơ sở: ${BASIS_WORDS[m.basis].vi}; công cụ ${tool}`
      : `Made from: ${inv}; ${plan}; as of ${m.asOf}; basis: ${BASIS_WORDS[m.basis].en}; tool ${tool}`,
  ];
}

/** Both languages, Vietnamese first: what bilingual reports print. */
export function provenanceBilingual(m: Citable): string[] {
  return [...provenanceLines(m, "vi"), ...provenanceLines(m, "en")];
}

// ---- impure: files and git ----

/** `path` relative to `root`, `/`-separated (how manifests name files). */
export function manifestPath(root: string, file: string): string {
  const abs = path.resolve(root, file);
  const rel = path.relative(root, abs);
  // Outside the project a relative path (../../tmp/…) says less than the absolute one.
  return (rel.startsWith("..") || path.isAbsolute(rel) ? abs : rel).split(path.sep).join("/");
}

/**
 * Hashes files on disk.
 * @param root the project root (paths are recorded relative to it)
 * @param files the files
 */
export function hashFiles(root: string, files: readonly string[]): FileHash[] {
  return sortedFiles(files.map((f) => ({ path: manifestPath(root, f), sha256: sha256Hex(fs.readFileSync(path.resolve(root, f))) })));
}

function git(cwd: string, args: string[]): string | null {
  const r = spawnSync("git", args, { cwd, encoding: "utf8", timeout: 30000 });
  return r.status === 0 ? r.stdout.trim() : null;
}

/**
 * The commit and cleanliness of the checkout, or of one path in it (asked of the repository holding that
 * path, so a province kept in its own repository reports its own commit).
 * @param root the project root
 * @param target a path (the whole checkout of `root` when absent)
 */
export function gitState(root: string, target?: string): { commit: string | null; dirty: boolean } {
  const abs = target === undefined ? undefined : path.resolve(root, target);
  const cwd = abs === undefined ? root : fs.existsSync(abs) && fs.statSync(abs).isDirectory() ? abs : path.dirname(abs);
  if (git(cwd, ["rev-parse", "--git-dir"]) === null) return { commit: null, dirty: false };
  const spec = abs === undefined ? [] : ["--", abs];
  const commit = abs === undefined ? git(cwd, ["rev-parse", "HEAD"]) : git(cwd, ["log", "-1", "--format=%H", ...spec]);
  // The checkout is dirty when tracked files changed (scratch files do not change the tool); an inventory also when a file is new.
  const status = git(cwd, ["status", "--porcelain", ...(abs === undefined ? ["--untracked-files=no"] : spec)]);
  return { commit: commit === null || commit === "" ? null : commit, dirty: status !== null && status !== "" };
}

/** The package version, read once. */
let version: string | undefined;
function toolVersion(): string {
  if (version === undefined) version = (JSON.parse(fs.readFileSync(path.join(__dirname, "..", "package.json"), "utf8")) as { version: string }).version;
  return version;
}

/**
 * The tool record of this checkout.
 * @param root the project root
 */
export function toolRecord(root: string): ToolRecord {
  return { name: "hatang", version: toolVersion(), ...gitState(root) };
}

/**
 * The inventory record: every file of the province (inventory YAML and its address-plan lock) hashed.
 * @param root the project root
 * @param province the province folder or file
 * @param files the files read (default: the YAML files of the folder, the lock included)
 */
export function inventoryRecord(root: string, province: string, files?: readonly string[]): InventoryRecord {
  const abs = path.resolve(root, province);
  const list =
    files ??
    (fs.statSync(abs).isDirectory()
      ? fs
          .readdirSync(abs, { withFileTypes: true })
          .filter((e) => e.isFile() && /\.ya?ml$/i.test(e.name))
          .map((e) => path.join(abs, e.name))
      : [abs]);
  const hashed = hashFiles(root, list);
  return { path: manifestPath(root, abs), ...gitState(root, abs), files: hashed, digest: filesDigest(hashed) };
}

/**
 * The plan record of a plan file.
 * @param root the project root
 * @param shownPath where the plan lives after the run (relative to the root)
 * @param bytes its content
 */
export function planRecord(root: string, shownPath: string, bytes: string | Uint8Array): PlanRecord {
  return { path: manifestPath(root, shownPath), sha256: sha256Hex(bytes) };
}

/**
 * Reads a manifest file, or undefined when it is absent or not a manifest.
 * @param file the file
 */
export function readManifest(file: string): RunManifest | undefined {
  try {
    const m = JSON.parse(fs.readFileSync(file, "utf8")) as RunManifest;
    return m.schema === MANIFEST_SCHEMA ? m : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The manifest as file text (stable key order, trailing newline).
 * @param m the manifest
 */
export function renderManifest(m: RunManifest): string {
  return `${JSON.stringify(m, null, 2)}\n`;
}
