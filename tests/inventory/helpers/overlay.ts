import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadSources, type LoadResult, type SourceText } from "../../../inventory/loader";

/** The small valid province every broken case starts from. */
export const SMALL_FIXTURE = path.join(__dirname, "..", "fixtures", "small");
/** Folder of broken cases: each holds files that replace (same name) or join the small fixture's. */
export const BROKEN_DIR = path.join(__dirname, "..", "broken");

/**
 * Reads every YAML file of a folder as a file name → text map (names only, no directories).
 * @param dir the folder
 */
export function readYamlFolder(dir: string): Map<string, string> {
  const files = fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
  return new Map(files.map((f) => [f, fs.readFileSync(path.join(dir, f), "utf8")]));
}

/**
 * The small fixture with a broken case laid over it, as sources named by file name only (so
 * expectations read `zones.yaml:12:5`, not a temporary path).
 * @param caseName folder name under `broken/`
 */
export function brokenCaseSources(caseName: string): SourceText[] {
  const files = readYamlFolder(SMALL_FIXTURE);
  for (const [name, text] of readYamlFolder(path.join(BROKEN_DIR, caseName))) files.set(name, text);
  return [...files.keys()].sort().map((file) => ({ file, text: files.get(file) as string }));
}

/**
 * Loads a broken case.
 * @param caseName folder name under `broken/`
 */
export function loadBrokenCase(caseName: string): LoadResult {
  return loadSources(brokenCaseSources(caseName));
}

/**
 * Writes sources to a new temporary folder (for tests that go through the file system or the CLI).
 * @param sources file names and texts
 */
export function writeTempProvince(sources: readonly SourceText[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hatang-inv-"));
  for (const s of sources) fs.writeFileSync(path.join(dir, s.file), s.text);
  return dir;
}
