/**
 * Reads arbitrary Kubernetes manifests: a file or a folder (recursively: .yaml, .yml, .json), every
 * document of each file, the items of List kinds. Every object keeps where it is written, so problems
 * point at file:line:column of the offending field.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { isMap, isSeq, LineCounter, parseAllDocuments, type Document } from "yaml";

/** An object read from a manifest, and where it is. */
export interface ManifestObject {
  /** The object. */
  object: Record<string, unknown>;
  /** File (as given, relative when the input was relative). */
  file: string;
  /** 1-based line of the object. */
  line: number;
  /** Locates a field path inside the object: file:line:column of the nearest existing node. */
  locate(fieldPath: ReadonlyArray<string | number>): string;
}

/** A problem in the manifests. */
export interface ManifestProblem {
  /** `file:line:column`. */
  at: string;
  /** What is wrong, and what was expected. */
  message: string;
}

/** Files a path stands for: the file, or every manifest file under the folder, sorted. */
export function manifestFiles(input: string): string[] {
  const stat = fs.statSync(input);
  if (stat.isFile()) return [input];
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of fs.readdirSync(dir).sort()) {
      const p = path.join(dir, name);
      const s = fs.statSync(p);
      if (s.isDirectory()) walk(p);
      else if (/\.(ya?ml|json)$/i.test(name)) out.push(p);
    }
  };
  walk(input);
  return out;
}

function locator(file: string, doc: Document, lc: LineCounter, base: ReadonlyArray<string | number>): (p: ReadonlyArray<string | number>) => string {
  return (p) => {
    const full = [...base, ...p];
    for (let n = full.length; n >= 0; n--) {
      const node = doc.getIn(full.slice(0, n), true) as { range?: [number, number] } | undefined;
      if (node && node.range) {
        const pos = lc.linePos(node.range[0]);
        return `${file}:${pos.line}:${pos.col}`;
      }
    }
    return `${file}:1:1`;
  };
}

/**
 * Reads every object of a manifest file or folder; problems (unreadable files, YAML errors, documents
 * that are not objects) are collected, never thrown.
 * @param input a file or a folder
 */
export function readManifests(input: string): { objects: ManifestObject[]; problems: ManifestProblem[] } {
  const objects: ManifestObject[] = [];
  const problems: ManifestProblem[] = [];
  if (!fs.existsSync(input)) return { objects, problems: [{ at: input, message: "no such file or folder" }] };
  const files = manifestFiles(input);
  if (files.length === 0) problems.push({ at: input, message: "no manifest files (.yaml, .yml, .json) here" });
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch (e) {
      problems.push({ at: file, message: `cannot read: ${e instanceof Error ? e.message : String(e)}` });
      continue;
    }
    const lc = new LineCounter();
    const docs = parseAllDocuments(text, { lineCounter: lc });
    const list = Array.isArray(docs) ? docs : [docs];
    for (const doc of list) {
      for (const err of doc.errors) {
        const pos = lc.linePos(err.pos[0]);
        problems.push({ at: `${file}:${pos.line}:${pos.col}`, message: `not valid YAML/JSON: ${err.message.split("\n")[0]}` });
      }
      if (doc.errors.length > 0) continue;
      const contents = doc.contents;
      if (contents === null || contents === undefined) continue;
      const start = lc.linePos((contents as unknown as { range?: [number, number] }).range?.[0] ?? 0);
      if (!isMap(contents)) {
        problems.push({ at: `${file}:${start.line}:${start.col}`, message: "a manifest document must be an object (found a list or a scalar)" });
        continue;
      }
      const value = doc.toJS() as Record<string, unknown>;
      const kind = value["kind"];
      const items = doc.getIn(["items"], true);
      if (typeof kind === "string" && kind.endsWith("List") && isSeq(items)) {
        (value["items"] as unknown[]).forEach((item, i) => {
          const node = doc.getIn(["items", i], true) as { range?: [number, number] } | undefined;
          const pos = lc.linePos(node?.range?.[0] ?? 0);
          if (item === null || typeof item !== "object" || Array.isArray(item)) {
            problems.push({ at: `${file}:${pos.line}:${pos.col}`, message: `items[${i}] of ${kind} must be an object` });
            return;
          }
          objects.push({ object: item as Record<string, unknown>, file, line: pos.line, locate: locator(file, doc, lc, ["items", i]) });
        });
        continue;
      }
      objects.push({ object: value, file, line: start.line, locate: locator(file, doc, lc, []) });
    }
  }
  return { objects, problems };
}
