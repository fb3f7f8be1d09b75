import * as fs from "node:fs";
import { Document, LineCounter, parseDocument } from "yaml";
import type { z } from "zod";

/** Thrown when a YAML data file (waivers, evidence) is invalid; lists every problem with file:line. */
export class DataFileError extends Error {
  /** @param problems one line per problem: `file:line: field: message (found …)`. */
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
  }
}

/**
 * Line of the node at `path`, or of its nearest existing parent (a missing field is reported where
 * its object starts).
 * @param doc the parsed document.
 * @param path field path.
 * @param lc the document's line counter.
 */
export function nearestLine(doc: Document, path: ReadonlyArray<string | number>, lc: LineCounter): number {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number] } | undefined;
    if (node?.range) return lc.linePos(node.range[0]).line;
  }
  return 1;
}

/**
 * Parses YAML text against a zod schema, reporting every problem with its line.
 * @param file file name used in messages.
 * @param text YAML text.
 * @param schema the schema.
 */
export function parseYamlData<S extends z.ZodType>(file: string, text: string, schema: S): z.infer<S> {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc });
  const problems = doc.errors.map((e) => `${file}:${lc.linePos(e.pos[0]).line}: ${e.message}`);
  if (problems.length > 0) throw new DataFileError(problems);
  const parsed = schema.safeParse(doc.toJS() ?? {});
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    const node = doc.getIn(issue.path as (string | number)[], true) as { range?: [number, number]; toJSON?: () => unknown } | undefined;
    const line = nearestLine(doc, issue.path as (string | number)[], lc);
    const found = node && "toJSON" in node && typeof node.toJSON === "function" ? ` (found ${JSON.stringify(node.toJSON())})` : "";
    problems.push(`${file}:${line}: ${issue.path.join(".") || "(root)"}: ${issue.message}${found}`);
  }
  throw new DataFileError(problems);
}

/**
 * Reads and parses a YAML data file.
 * @param file path.
 * @param schema the schema.
 */
export function readYamlData<S extends z.ZodType>(file: string, schema: S): z.infer<S> {
  return parseYamlData(file, fs.readFileSync(file, "utf8"), schema);
}
