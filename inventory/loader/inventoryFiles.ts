import * as fs from "node:fs";
import * as path from "node:path";
import { fileErrorText } from "../../cli/command";
import { decodeSource, MAX_FILE_BYTES, MAX_PROVINCE_BYTES, tooLarge } from "./sourceBytes";
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
  let total = 0;
  for (const f of files) {
    try {
      // Sized before it is read: a stray dump in the folder must not take the machine's memory.
      const size = fs.statSync(f).size;
      total += size;
      if (total > MAX_PROVINCE_BYTES) {
        problems.push({ location: { file: shown(f), line: 1, column: 1 }, path: [], message: `expected a province of at most ${MAX_PROVINCE_BYTES / 1024 / 1024} MiB in all; this file brings it past that (files after it were not read)`, found: `${size} bytes` });
        break;
      }
      const decoded = size > MAX_FILE_BYTES ? tooLarge(size) : decodeSource(fs.readFileSync(f));
      if (decoded.ok) sources.push({ file: shown(f), text: decoded.text });
      else problems.push({ location: { file: shown(f), line: decoded.line, column: decoded.column }, path: [], message: decoded.message, ...(decoded.found !== undefined ? { found: decoded.found } : {}) });
    } catch (e) {
      problems.push({ location: { file: shown(f), line: 1, column: 1 }, path: [], message: `cannot read the file: ${fileErrorText(e)}` });
    }
  }
  return { sources, problems };
}
