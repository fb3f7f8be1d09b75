/**
 * Atomic outputs: a command writes into a temporary folder beside `out/<stack>` and moves it into place
 * only when it succeeded, so a failed or killed run leaves `out/` as it was.
 *
 * A move into place is two renames (the old folder aside, the new one in); between them a kill would
 * leave the folder missing, so every commit first writes a journal naming its moves, and the next command
 * that writes into the same output root finishes an interrupted commit (the staged content is complete
 * by then) and removes what killed runs left behind. Temporary names carry the writing process's id, so
 * leftovers of a live run are never touched.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { addCleanup } from "../cli/command";

/** One move of a commit: a staged file or folder onto its final place. */
export interface Move {
  /** Staged path (absolute). */
  from: string;
  /** Final path (absolute). */
  to: string;
}

/** Temporary names: `.<name>.tmp-<pid>-<n>` (staged), `.<name>.old-<pid>-<n>` (replaced), `.run-<pid>-<n>` (the main job's staging root), `.commit-<pid>-<n>.json` (journal). */
const TEMP_NAME = /^\.(?:.+\.(?:tmp|old)|run|commit)-(\d+)-\d+(?:\.json)?$/;

let counter = 0;
/** A fresh temporary name for this process. */
function tempName(kind: "tmp" | "old" | "run" | "commit", base?: string): string {
  counter++;
  return kind === "run" || kind === "commit" ? `.${kind}-${process.pid}-${counter}${kind === "commit" ? ".json" : ""}` : `.${base}.${kind}-${process.pid}-${counter}`;
}

/**
 * The process id a temporary name belongs to, or undefined when the name is not a temporary one.
 * Exported for testing.
 * @param name a file or folder name
 */
export function tempOwner(name: string): number | undefined {
  const m = TEMP_NAME.exec(name);
  return m ? Number(m[1]) : undefined;
}

/** Whether a process is running (a permission error means it is, under another user). */
function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * The main job's stages write into a staging root `<out>/.run-<pid>-<n>`; what they write is meant for
 * `<out>`. This gives the root a path will have once committed (manifests name final paths).
 * @param outRoot an output root, staging or not
 */
export function finalOutRoot(outRoot: string): string {
  return finalPath(outRoot);
}

/**
 * Creates the main job's staging root `<out>/.run-<pid>-<n>`: its stages write there, and it is moved into
 * place (stack by stack) only when the whole run completed.
 * @param outRoot the output root
 */
export function newStagingRoot(outRoot: string): string {
  fs.mkdirSync(outRoot, { recursive: true });
  const dir = path.join(outRoot, tempName("run"));
  fs.mkdirSync(dir);
  return dir;
}

/**
 * Where a path under a staging root will be once the run is committed (the `.run-<pid>-<n>` part removed);
 * other paths are returned as they are.
 * @param p a path
 */
export function finalPath(p: string): string {
  const parts = p.split(path.sep);
  return parts.filter((part) => !/^\.run-\d+-\d+$/.test(part)).join(path.sep);
}

/** Replaces `to` by `from` (file or folder): the old one aside, the new one in, the old one removed. */
function applyMove(m: Move): void {
  if (!fs.existsSync(m.from)) return;
  let aside: string | undefined;
  if (fs.existsSync(m.to)) {
    aside = path.join(path.dirname(m.to), tempName("old", path.basename(m.to)));
    fs.renameSync(m.to, aside);
  }
  fs.mkdirSync(path.dirname(m.to), { recursive: true });
  fs.renameSync(m.from, m.to);
  if (aside) fs.rmSync(aside, { recursive: true, force: true });
}

/**
 * Moves staged files and folders into place as one commit: a journal first (so a kill half-way is
 * finished by the next run), then each move, then the journal is removed.
 * @param outRoot the output root the journal lives in
 * @param moves the moves
 */
export function commitMoves(outRoot: string, moves: readonly Move[]): void {
  fs.mkdirSync(outRoot, { recursive: true });
  const journal = path.join(outRoot, tempName("commit"));
  fs.writeFileSync(`${journal}.part`, JSON.stringify({ moves }));
  fs.renameSync(`${journal}.part`, journal);
  for (const m of moves) applyMove(m);
  fs.rmSync(journal, { force: true });
}

/**
 * Finishes commits that a killed process left half-done and removes temporary files and folders of
 * processes that no longer run. Called before a command writes into an output root.
 * @param outRoot the output root
 */
export function recoverOutputs(outRoot: string): void {
  if (!fs.existsSync(outRoot)) return;
  const names = fs.readdirSync(outRoot);
  for (const name of names.filter((n) => n.startsWith(".commit-") && n.endsWith(".json"))) {
    const owner = tempOwner(name);
    if (owner === undefined || alive(owner)) continue;
    const file = path.join(outRoot, name);
    try {
      const { moves } = JSON.parse(fs.readFileSync(file, "utf8")) as { moves: Move[] };
      for (const m of moves) applyMove(m);
    } catch {
      // A journal that does not parse was never renamed into place: nothing was moved.
    }
    fs.rmSync(file, { force: true });
  }
  for (const name of fs.readdirSync(outRoot)) {
    const owner = tempOwner(name.replace(/\.part$/, ""));
    if (owner !== undefined && !alive(owner)) fs.rmSync(path.join(outRoot, name), { recursive: true, force: true });
  }
}

/** Every file under a folder, relative to it, `/`-separated, sorted. */
export function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel === "" ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) walk(r);
      else if (e.isFile()) out.push(r);
    }
  };
  walk("");
  return out.sort();
}

/**
 * Writes a text or bytes file atomically (a temporary file beside it, then a rename).
 * @param file the file
 * @param content its content
 */
export function writeFileAtomic(file: string, content: string | Uint8Array): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), tempName("tmp", path.basename(file)));
  fs.writeFileSync(tmp, content);
  fs.renameSync(tmp, file);
}

/**
 * Writes a file into a staged folder as a new file: a hard link kept from the old folder is removed first,
 * so the old folder's file is never written through.
 * @param dir the staged folder
 * @param name path relative to it, `/`-separated
 * @param content text (UTF-8) or bytes
 */
export function writeStagedFile(dir: string, name: string, content: string | Uint8Array): void {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.rmSync(file, { force: true });
  fs.writeFileSync(file, content);
}

/**
 * One stack's output folder being written. Files go to a temporary folder beside the final one; `commit`
 * moves it into place. With `keepExisting`, the files already in the final folder that this command
 * does not write are kept (hard links, so nothing is copied and the old folder is never modified).
 */
export class StagedFolder {
  /** The temporary folder files are written to. */
  readonly dir: string;
  private readonly written: string[] = [];
  private done = false;

  /**
   * @param finalDir the folder the files are meant for (`out/<stack>`)
   * @param keepExisting keep the final folder's other files
   */
  constructor(
    readonly finalDir: string,
    keepExisting: boolean,
  ) {
    const parent = path.dirname(finalDir);
    recoverOutputs(parent);
    this.dir = path.join(parent, tempName("tmp", path.basename(finalDir)));
    fs.mkdirSync(this.dir, { recursive: true });
    if (keepExisting) for (const rel of listFiles(finalDir)) linkOrCopy(path.join(finalDir, rel), path.join(this.dir, rel));
    active.add(this);
  }

  /**
   * Writes one file (a new file: a kept hard link is replaced, never written through).
   * @param name path relative to the folder, `/`-separated
   * @param content text (UTF-8) or bytes
   * @returns where the file will be once committed
   */
  write(name: string, content: string | Uint8Array): string {
    writeStagedFile(this.dir, name, content);
    this.adopt([name]);
    return path.join(this.finalDir, name);
  }

  /**
   * Records files another process wrote into the staged folder (with `writeStagedFile`) as this command's.
   * @param names paths relative to the folder
   */
  adopt(names: readonly string[]): void {
    for (const n of names) if (!this.written.includes(n)) this.written.push(n);
  }

  /** Removes a file (kept or written) from the folder being staged. */
  remove(name: string): void {
    fs.rmSync(path.join(this.dir, name), { recursive: true, force: true });
    const i = this.written.indexOf(name);
    if (i >= 0) this.written.splice(i, 1);
  }

  /** Names written by this command, in order. */
  get names(): readonly string[] {
    return this.written;
  }

  /** Moves the folder into place. */
  commit(): void {
    if (this.done) return;
    commitMoves(path.dirname(this.finalDir), [{ from: this.dir, to: this.finalDir }]);
    this.done = true;
    active.delete(this);
  }

  /** Throws the staged files away: the final folder stays as it was. */
  discard(): void {
    if (this.done) return;
    fs.rmSync(this.dir, { recursive: true, force: true });
    this.done = true;
    active.delete(this);
  }
}

/** Folders being staged by this process: discarded when the process is interrupted. */
const active = new Set<StagedFolder>();

/** Discards every folder this process is staging (on an interrupt or a failure). */
export function discardActiveStages(): void {
  for (const s of [...active]) s.discard();
}

function linkOrCopy(from: string, to: string): void {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  try {
    fs.linkSync(from, to);
  } catch {
    fs.copyFileSync(from, to);
  }
}

addCleanup(discardActiveStages);
