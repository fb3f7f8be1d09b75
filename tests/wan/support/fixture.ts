/**
 * The WAN tests' inventories: the small valid fixture of tests/inventory, with the valid TSLCD overlay of
 * `fixtures/tslcd-small` laid over it, and optionally a case folder of `cases/` on top (same file name
 * replaces, a new name joins). Sources are named by file name only, so expectations read `tslcd.yaml:12:5`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { loadSources, type LoadResult, type SourceText } from "../../../inventory/loader";
import { loadProvince, type ProvinceResult } from "../../../inventory/province/loadProvince";
import { readYamlFolder, SMALL_FIXTURE, writeTempProvince } from "../../inventory/helpers/overlay";

/** The valid TSLCD overlay. */
export const TSLCD_OVERLAY = path.join(__dirname, "..", "fixtures", "tslcd-small");
/** Case folders. */
export const CASES_DIR = path.join(__dirname, "..", "cases");

/**
 * The sources of the small fixture with the TSLCD overlay and a case laid over it.
 * @param caseName folder under `cases/` (none: the valid overlay alone)
 * @param extra more files laid over last (name → text)
 */
export function tslcdSources(caseName?: string, extra: Record<string, string> = {}): SourceText[] {
  const files = readYamlFolder(SMALL_FIXTURE);
  for (const [name, text] of readYamlFolder(TSLCD_OVERLAY)) files.set(name, text);
  if (caseName) for (const [name, text] of readYamlFolder(path.join(CASES_DIR, caseName))) files.set(name, text);
  for (const [name, text] of Object.entries(extra)) files.set(name, text);
  return [...files.keys()].sort().map((file) => ({ file, text: files.get(file) as string }));
}

/** Loads (schema and cross-field rules) the overlay and a case. */
export function loadTslcdCase(caseName?: string, extra: Record<string, string> = {}): LoadResult {
  return loadSources(tslcdSources(caseName, extra));
}

/**
 * Loads a province the whole way (rules, zone baseline, address plan) from a temporary folder, with the
 * problems' files named relative to it. The folder is removed afterwards.
 */
export function loadTslcdProvince(caseName?: string, extra: Record<string, string> = {}): ProvinceResult {
  const dir = writeTempProvince(tslcdSources(caseName, extra));
  const cwd = process.cwd();
  try {
    process.chdir(dir);
    return loadProvince(".", { asOf: "2026-06-01", waiverFile: path.join(dir, "no-waivers.yaml") });
  } finally {
    process.chdir(cwd);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
