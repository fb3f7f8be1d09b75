import * as fs from "node:fs";
import * as path from "node:path";
import { LineCounter, parseDocument } from "yaml";
import { Catalogue, CatalogueFile, Control, Parameter } from "./schema";
import { nearestLine } from "../lib/yamlData";

/** Folder holding the catalogue YAML files. */
export const CATALOGUE_DIR = __dirname;

/** Thrown when the catalogue is invalid; the message lists every problem with file and line. */
export class CatalogueError extends Error {
  /**
   * @param problems one line per problem: `file:line: path: message`.
   */
  constructor(readonly problems: string[]) {
    super(`the policy catalogue is invalid:\n${problems.map((p) => `  ${p}`).join("\n")}`);
  }
}

/**
 * Parses and validates catalogue files, collecting every problem before failing.
 * @param files catalogue file paths with their text (text read by the caller so tests can pass bad input).
 * @returns the merged catalogue.
 */
export function parseCatalogue(files: ReadonlyArray<{ file: string; text: string }>): Catalogue {
  const problems: string[] = [];
  const controls: Control[] = [];
  const parameters = new Map<string, Parameter>();
  const ids = new Map<string, string>();
  for (const { file, text } of files) {
    const lc = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lc });
    for (const e of doc.errors) problems.push(`${file}:${lc.linePos(e.pos[0]).line}: ${e.message}`);
    const parsed = CatalogueFile.safeParse(doc.toJS() ?? {});
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const line = nearestLine(doc, issue.path as (string | number)[], lc);
        problems.push(`${file}:${line}: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
      }
      continue;
    }
    for (const c of parsed.data.controls) {
      const prev = ids.get(c.id);
      if (prev) problems.push(`${file}: control ${c.id} is also defined in ${prev}`);
      ids.set(c.id, file);
      controls.push(c);
    }
    for (const p of parsed.data.parameters) parameters.set(p.name, p);
  }
  for (const c of controls)
    for (const p of c.parameters) if (!parameters.has(p)) problems.push(`control ${c.id}: unknown parameter "${p}" (expected one of ${[...parameters.keys()].join(", ")})`);
  const policyNames = new Map<string, string>();
  for (const c of controls) {
    if (!c.policy) continue;
    const other = policyNames.get(c.policy);
    if (other) problems.push(`control ${c.id}: policy ${c.policy} is already used by ${other}`);
    policyNames.set(c.policy, c.id);
  }
  if (problems.length > 0) throw new CatalogueError(problems);
  return { controls, parameters };
}

let cached: Catalogue | undefined;

/**
 * Loads every `*.yaml` file of the catalogue folder once per process.
 * @param dir folder to read (default: this folder).
 */
export function loadCatalogue(dir: string = CATALOGUE_DIR): Catalogue {
  if (dir === CATALOGUE_DIR && cached) return cached;
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => ({ file: path.join(dir, f), text: fs.readFileSync(path.join(dir, f), "utf8") }));
  const cat = parseCatalogue(files);
  if (dir === CATALOGUE_DIR) cached = cat;
  return cat;
}

/**
 * Finds a control by ID.
 * @param cat the catalogue.
 * @param id control ID.
 */
export function controlById(cat: Catalogue, id: string): Control {
  const c = cat.controls.find((x) => x.id === id);
  if (!c) throw new Error(`control ${id} is not in the catalogue`);
  return c;
}
