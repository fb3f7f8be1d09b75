import { isAlias, isMap, isPair, isScalar, isSeq, type Node, type Pair, type YAMLMap } from "yaml";
import { locationAt, type ParsedFile } from "./yamlFile";
import type { FieldPath, SourceLocation, SourceMap } from "./types";

/** Where one top-level object key (`province`, `security`) was given. */
export interface SingleOrigin {
  /** The file. */
  parsed: ParsedFile;
  /** The top-level pair (key node and value node). */
  pair: Pair<unknown, unknown>;
}

/** A run of list elements contributed by one file to a concatenated top-level list. */
export interface ListSegment {
  /** The file. */
  parsed: ParsedFile;
  /** The top-level pair whose value is the sequence. */
  pair: Pair<unknown, unknown>;
  /** Index in the merged list of this file's first element. */
  offset: number;
  /** Number of elements this file contributed. */
  length: number;
}

/**
 * Maps a field path of the merged inventory back to a file, line and column, by walking the YAML
 * nodes of the file each top-level key came from. A missing field resolves to the nearest parent
 * that exists, which is where the user has to add it.
 */
export class YamlSourceMap implements SourceMap {
  /**
   * @param files every file that was read
   * @param singles origin of each single top-level key
   * @param lists segments of each list key, in merge order
   */
  constructor(
    readonly files: readonly string[],
    private readonly singles: ReadonlyMap<string, SingleOrigin>,
    private readonly lists: ReadonlyMap<string, readonly ListSegment[]>,
  ) {}

  /**
   * The location of the value at `path` (or of its nearest existing parent).
   * @param path a path into the merged inventory
   */
  locate(path: FieldPath): SourceLocation | undefined {
    return this.find(path, false);
  }

  /**
   * The location of the key of the last path element (for "unknown field" problems, the key is the mistake).
   * @param path a path into the merged inventory ending with the key
   */
  locateKey(path: FieldPath): SourceLocation | undefined {
    return this.find(path, true);
  }

  private find(path: FieldPath, atKey: boolean): SourceLocation | undefined {
    const root = this.rootLocation();
    if (path.length === 0) return root;
    const top = String(path[0]);
    const single = this.singles.get(top);
    if (single) return walk(single.parsed, single.pair, path.slice(1), atKey);
    const segments = this.lists.get(top);
    if (!segments || segments.length === 0) return root;
    if (path.length === 1 || typeof path[1] !== "number") return nodeLocation(segments[0].parsed, segments[0].pair.key);
    const index = path[1];
    const segment = segments.find((s) => index >= s.offset && index < s.offset + s.length);
    if (!segment) return nodeLocation(segments[segments.length - 1].parsed, segments[segments.length - 1].pair.key);
    const seq = resolve(segment.parsed, segment.pair.value);
    const item = isSeq(seq) ? seq.items[index - segment.offset] : undefined;
    return walkNode(segment.parsed, item as Node | undefined, seq as Node, path.slice(2), atKey);
  }

  private rootLocation(): SourceLocation | undefined {
    return this.files.length > 0 ? { file: this.files[0], line: 1, column: 1 } : undefined;
  }
}

function walk(parsed: ParsedFile, pair: Pair<unknown, unknown>, rest: FieldPath, atKey: boolean): SourceLocation | undefined {
  if (rest.length === 0 && atKey) return nodeLocation(parsed, pair.key);
  return walkNode(parsed, pair.value as Node | undefined, pair.key as Node, rest, atKey);
}

/** Follows `rest` from `node`; `fallback` is where to point when `node` itself is absent (a key with no value). */
function walkNode(parsed: ParsedFile, node: Node | undefined, fallback: Node, rest: FieldPath, atKey: boolean): SourceLocation | undefined {
  let cur: Node | undefined = resolve(parsed, node);
  let last: Node = cur ?? fallback;
  for (let i = 0; i < rest.length; i++) {
    const seg = rest[i];
    if (isMap(cur)) {
      const pair = findPair(cur, seg);
      if (!pair) return nodeLocation(parsed, cur);
      if (atKey && i === rest.length - 1) return nodeLocation(parsed, pair.key);
      const value = resolve(parsed, pair.value as Node | undefined);
      // `key:` with nothing after it has no value node worth pointing at: point at the key.
      if (!value || isEmptyScalar(value)) return nodeLocation(parsed, pair.key);
      last = value;
      cur = value;
    } else if (isSeq(cur) && typeof seg === "number" && seg < cur.items.length) {
      const item = resolve(parsed, cur.items[seg] as Node | undefined);
      if (!item) return nodeLocation(parsed, cur);
      last = item;
      cur = item;
    } else {
      return nodeLocation(parsed, last);
    }
  }
  return nodeLocation(parsed, last);
}

function isEmptyScalar(node: Node): boolean {
  return isScalar(node) && node.value === null && (!node.range || node.range[0] === node.range[1]);
}

function findPair(map: YAMLMap, seg: string | number): Pair<unknown, unknown> | undefined {
  const wanted = String(seg);
  for (const item of map.items) {
    if (!isPair(item)) continue;
    const key = isScalar(item.key) ? item.key.value : item.key;
    if (String(key) === wanted) return item;
  }
  return undefined;
}

/** Follows aliases (`*anchor`) to the node they stand for, so paths through them keep resolving. */
function resolve(parsed: ParsedFile, node: unknown): Node | undefined {
  let cur = node;
  try {
    for (let hops = 0; isAlias(cur) && hops < 10; hops++) cur = cur.resolve(parsed.doc);
  } catch {
    return undefined; // an alias without its anchor: point at the parent instead
  }
  return cur === null || cur === undefined || isAlias(cur) ? undefined : (cur as Node);
}

function nodeLocation(parsed: ParsedFile, node: unknown): SourceLocation {
  const range = (node as Node | null | undefined)?.range;
  return locationAt(parsed.file, parsed.lineCounter, range ? range[0] : 0);
}
