/**
 * `npm run addressplan -- [path] [--check] [--out dir]`: the logic behind the thin script, with its
 * file system and loader passed in so it is tested without touching disk. It only asks for writes once
 * everything succeeded; the script makes them atomic.
 */
import * as path from "node:path";
import { formatProblems } from "../loader/formatProblems";
import type { LoadResult, Problem } from "../loader/types";
import { allocateAddressPlan } from "./allocate";
import { LOCK_FILE_NAME, parseLock, renderLock } from "./lockFile";
import { renderAddressTableCsv, renderAddressTableMarkdown } from "./tables";

/** Parsed command-line options. */
export interface AddressPlanArgs {
  /** Province folder holding the inventory YAML (and the lock file). */
  province: string;
  /** Only check the lock is up to date; write nothing. */
  check: boolean;
  /** Folder the per-site tables go to (`<out>/<site>/addressplan.md|csv`). */
  out: string;
}

/** What the command touches outside itself. */
export interface CommandIo {
  /** Reads a text file, undefined when it does not exist. */
  readFile(file: string): string | undefined;
  /** Writes a text file, creating folders. */
  writeFile(file: string, text: string): void;
  /** Prints a line to stdout. */
  log(line: string): void;
  /** Prints a line to stderr. */
  error(line: string): void;
}

/**
 * Runs the command.
 * @param args parsed options
 * @param load the inventory loader
 * @param io file system and output
 * @returns the process exit code: 0 done, 1 problems or an out-of-date lock
 */
export function runAddressPlan(args: AddressPlanArgs, load: (folder: string) => LoadResult, io: CommandIo): number {
  const loaded = load(args.province);
  if (!loaded.ok) return fail(io, loaded.problems);
  const lockPath = path.join(args.province, LOCK_FILE_NAME);
  const lockText = io.readFile(lockPath);
  let lock;
  if (lockText !== undefined) {
    const parsed = parseLock(lockText, lockPath);
    if (!parsed.ok) return fail(io, parsed.problems);
    lock = parsed.lock;
  }
  const result = allocateAddressPlan(loaded.inventory, lock, loaded.sources);
  if (!result.ok) return fail(io, result.problems);
  const newLock = renderLock(result.lock);
  if (args.check) {
    if (newLock === lockText) {
      io.log(`${lockPath} is up to date`);
      return 0;
    }
    io.error(`${lockPath} is out of date${lockText === undefined ? " (missing)" : ""}: run \`npm run addressplan -- ${args.province}\` and commit the result`);
    return 1;
  }
  if (newLock !== lockText) io.writeFile(lockPath, newLock);
  io.log(`${newLock === lockText ? "kept" : "wrote"} ${lockPath}`);
  for (const site of result.plan.sites) {
    for (const [ext, text] of [
      ["md", renderAddressTableMarkdown(site)],
      ["csv", renderAddressTableCsv(site)],
    ] as const) {
      const file = path.join(args.out, site.site, `addressplan.${ext}`);
      io.writeFile(file, text);
      io.log(`wrote ${file}`);
    }
  }
  return 0;
}

function fail(io: CommandIo, problems: readonly Problem[]): number {
  io.error(`${problems.length} problem${problems.length === 1 ? "" : "s"} in the address plan:`);
  for (const line of formatProblems(problems)) io.error(`  ${line}`);
  return 1;
}
