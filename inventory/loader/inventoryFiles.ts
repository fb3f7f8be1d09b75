import * as fs from "node:fs";
import * as path from "node:path";
import { fileErrorText } from "../../cli/command";
import type { Problem } from "./types";
import type { SourceText } from "./yamlFile";

/**
 * Whether a file name is an inventory file: `*.yaml`/`*.yml`, but not `*.lock.yaml`/`*.lock.yml`,
 * which hold the address plan's pinned allocations.
 * @param name a file name (no directory)
 */
export function isInventoryFileName(name: string): boolean {
  return /\.ya?ml$/i.test(name) && !/\.lock\.ya?ml$/i.test(name);
}

/**
 * Reads a province: one YAML file, or every inventory file of a folder (not recursive) sorted by name,
 * so the merge order (and so every index in a problem's path) is stable.
 * @param target a file or folder path
 * @param cwd directory that shown paths are relative to (paths outside it are shown absolute)
 */
export function readInventorySources(target: string, cwd: string = process.cwd()): { sources: SourceText[]; problems: Problem[] } {
  // Inside the working directory show short relative paths; outside it, absolute ones (clearer than ../../..).
  const shown = (p: string): string => {
    const rel = path.relative(cwd, p);
    return rel === "" || rel.startsWith("..") || path.isAbsolute(rel) ? p : rel;
  };
  const abs = path.resolve(cwd, target);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(abs);
  } catch {
    return { sources: [], problems: [{ path: [], message: `no such file or folder: ${target}` }] };
  }
  let files: string[];
  try {
    files = stat.isDirectory()
      ? fs
          .readdirSync(abs, { withFileTypes: true })
          .filter((e) => e.isFile() && isInventoryFileName(e.name))
          .map((e) => path.join(abs, e.name))
          .sort()
      : [abs];
  } catch (e) {
    return { sources: [], problems: [{ location: { file: shown(abs), line: 1, column: 1 }, path: [], message: `cannot read the folder: ${fileErrorText(e)}` }] };
  }
  if (files.length === 0) return { sources: [], problems: [{ path: [], message: `no inventory files (*.yaml, *.yml) in ${target}` }] };
  const sources: SourceText[] = [];
  const problems: Problem[] = [];
  for (const f of files) {
    try {
      sources.push({ file: shown(f), text: fs.readFileSync(f, "utf8") });
    } catch (e) {
      problems.push({ location: { file: shown(f), line: 1, column: 1 }, path: [], message: `cannot read the file: ${fileErrorText(e)}` });
    }
  }
  return { sources, problems };
}
