/**
 * Where a province's waivers live and how they are read: `policies/waivers/<province folder>.yaml`
 * under the working directory (one place for that rule: the loader, the policy check and the proof use it).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { readYamlData } from "../loader/yamlData";
import { WaiverFile } from "./waivers";

/**
 * The waiver file of a province.
 * @param provincePath the province folder (or single file)
 * @param root the working directory the tool runs in
 */
export function waiverFileOf(provincePath: string, root: string = process.cwd()): string {
  const base = path.basename(provincePath).replace(/\.ya?ml$/, "");
  return path.join(root, "policies", "waivers", `${base}.yaml`);
}

/**
 * Reads a waiver file; a missing file is an empty one. Throws `DataFileError` (file:line) when malformed.
 * @param file the file
 */
export function readWaiverFile(file: string): WaiverFile {
  return fs.existsSync(file) ? readYamlData(file, WaiverFile) : { waivers: [] };
}
