import { Document, LineCounter, parseDocument } from "yaml";
import type { Problem, SourceLocation } from "./types";

/** One inventory file as text, before parsing (lets tests and fuzzers load without touching disk). */
export interface SourceText {
  /** Path shown in problems (relative to the working directory). */
  file: string;
  /** The file's content. */
  text: string;
}

/** A parsed YAML file with what is needed to map nodes back to lines. */
export interface ParsedFile {
  /** Path shown in problems. */
  file: string;
  /** The YAML document (nodes keep their source offsets). */
  doc: Document.Parsed;
  /** Turns offsets into 1-based line/column. */
  lineCounter: LineCounter;
}

/** Parsing outcome: the document, or the YAML problems that make its reading unreliable. */
export type ParseOutcome = { ok: true; parsed: ParsedFile } | { ok: false; problems: Problem[] };

/**
 * The location of a source offset in a file.
 * @param file path shown in problems
 * @param lineCounter the file's line counter
 * @param offset character offset into the text
 */
export function locationAt(file: string, lineCounter: LineCounter, offset: number): SourceLocation {
  const { line, col } = lineCounter.linePos(offset);
  return { file, line, column: col };
}

/**
 * Parses one YAML file. Syntax errors, duplicate keys and YAML warnings (unknown tags...) all become
 * problems with their line and column; a file with any of them is not read further, because what the
 * parser recovered is a guess.
 * @param source the file's path and text
 */
export function parseYamlFile(source: SourceText): ParseOutcome {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source.text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const issues = [...doc.errors, ...doc.warnings];
  if (issues.length > 0) {
    return {
      ok: false,
      problems: issues.map((e) => ({
        location: locationAt(source.file, lineCounter, e.pos[0]),
        path: [],
        message: yamlMessage(e.code, e.message, tokenAt(source.text, e.pos[0])),
      })),
    };
  }
  return { ok: true, parsed: { file: source.file, doc, lineCounter } };
}

/**
 * Rewords a YAML parser message for people who write inventories: the parser's first line only
 * (later lines repeat the source), with a hint for the commonest mistakes.
 * @param code the parser's error code
 * @param message the parser's message
 * @param excerpt the source text the error covers (names the duplicated key)
 */
export function yamlMessage(code: string, message: string, excerpt = ""): string {
  const first = message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "").trim();
  switch (code) {
    case "DUPLICATE_KEY":
      return `duplicate key${excerpt.trim() ? ` "${excerpt.trim().slice(0, 40)}"` : ""}: a key may appear once in a mapping`;
    case "TAB_AS_INDENT":
      return "tab used for indentation: YAML indents with spaces";
    case "MULTIPLE_DOCS":
      return "more than one YAML document (---) in the file: use one document per file";
    default:
      return `YAML syntax error: ${first}`;
  }
}

/**
 * The plain token starting at `offset` (up to a colon, comma, bracket or line end): names the key a
 * duplicate-key error is about.
 * @param text the file's text
 * @param offset where the parser reported the error
 */
export function tokenAt(text: string, offset: number): string {
  return /^[^:,\n{}[\]#]*/.exec(text.slice(offset, offset + 200))?.[0].trim() ?? "";
}
