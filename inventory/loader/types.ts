import type { Inventory } from "../model";

/** A place in an inventory file: 1-based line and column. */
export interface SourceLocation {
  /** File path relative to the current working directory when loaded. */
  file: string;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
}

/** A path into the merged inventory, e.g. `["zones", 3, "vlans", 0, "id"]`. */
export type FieldPath = ReadonlyArray<string | number>;

/** One problem found in an inventory: where, which field, what was expected, what was found. */
export interface Problem {
  /** Where it is (undefined only when the problem is not in any file, e.g. an empty folder). */
  location?: SourceLocation;
  /** Field path in the merged inventory. */
  path: FieldPath;
  /** What is wrong and what was expected. */
  message: string;
  /** What was found there, rendered briefly (never a secret). */
  found?: string;
}

/** Maps a field path of the merged inventory back to the file and line it came from. */
export interface SourceMap {
  /** The closest location for the path (falls back to the nearest existing parent). */
  locate(path: FieldPath): SourceLocation | undefined;
  /** Every file that was read. */
  files: readonly string[];
}

/** What loading an inventory gives: a validated model with its source map, or every problem at once. */
export type LoadResult =
  | { ok: true; inventory: Inventory; sources: SourceMap }
  | { ok: false; problems: Problem[] };
