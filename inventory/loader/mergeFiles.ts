import { isAlias, isMap, isNode, isScalar, isSeq, type Node, type Pair } from "yaml";
import { LIST_KEYS, SINGLE_KEYS } from "../model";
import { describeValue } from "./describeValue";
import { closestWord } from "./suggest";
import { locationAt, type ParsedFile } from "./yamlFile";
import { YamlSourceMap, type ListSegment, type SingleOrigin } from "./yamlSourceMap";
import type { Problem } from "./types";

/** The files merged into one raw (not yet validated) inventory, with where each part came from. */
export interface MergedInventory {
  /** Top-level keys to plain values; lists concatenated in file order. */
  raw: Record<string, unknown>;
  /** Maps merged paths back to files. */
  sources: YamlSourceMap;
  /** Problems found while merging (unknown keys, repeated single keys, lists that are not lists). */
  problems: Problem[];
  /** Top-level keys whose value was rejected while merging (their schema issues would only repeat it). */
  rejectedKeys: ReadonlySet<string>;
}

const ALL_KEYS: readonly string[] = [...SINGLE_KEYS, ...LIST_KEYS];
const isListKey = (k: string): boolean => (LIST_KEYS as readonly string[]).includes(k);
const isSingleKey = (k: string): boolean => (SINGLE_KEYS as readonly string[]).includes(k);

/**
 * Merges parsed files into one raw inventory. Each file's top level is a mapping of some inventory
 * keys; lists are concatenated in file order; `province` and `security` may appear in one file only.
 * @param files parsed files in load order (sorted by name)
 */
export function mergeFiles(files: readonly ParsedFile[]): MergedInventory {
  const raw: Record<string, unknown> = {};
  const problems: Problem[] = [];
  const rejectedKeys = new Set<string>();
  const singles = new Map<string, SingleOrigin>();
  const lists = new Map<string, ListSegment[]>();

  for (const parsed of files) {
    const top = parsed.doc.contents;
    if (top === null || (isScalar(top) && top.value === null)) continue; // an empty or comment-only file adds nothing
    if (!isMap(top)) {
      problems.push({
        location: locationAt(parsed.file, parsed.lineCounter, top.range?.[0] ?? 0),
        path: [],
        message: `expected a mapping of top-level keys (${ALL_KEYS.join(", ")})`,
        found: describeTopNode(top),
      });
      continue;
    }
    for (const pair of top.items as Pair<unknown, unknown>[]) {
      const keyValue = isScalar(pair.key) ? pair.key.value : undefined;
      const key = typeof keyValue === "string" ? keyValue : undefined;
      const keyLocation = locationAt(parsed.file, parsed.lineCounter, (pair.key as { range?: [number, number] } | null)?.range?.[0] ?? 0);
      if (key === undefined || (!isListKey(key) && !isSingleKey(key))) {
        const shown = key ?? String(keyValue ?? "?");
        const hint = key ? closestWord(key, ALL_KEYS) : undefined;
        problems.push({
          location: keyLocation,
          path: [shown],
          message: `unknown top-level key "${shown}"${hint ? ` (did you mean "${hint}"?)` : ""}; allowed: ${ALL_KEYS.join(", ")}`,
        });
        continue;
      }
      const read = plainValue(parsed, pair);
      if (!read.ok) {
        rejectedKeys.add(key);
        problems.push({ location: keyLocation, path: [key], message: read.message });
        continue;
      }
      const value = read.value;
      if (isSingleKey(key)) {
        const first = singles.get(key);
        if (first) {
          const firstAt = locationAt(first.parsed.file, first.parsed.lineCounter, (first.pair.key as { range?: [number, number] }).range?.[0] ?? 0);
          problems.push({
            location: keyLocation,
            path: [key],
            message: `"${key}" is already given in ${firstAt.file}:${firstAt.line}; it may appear in one file only`,
          });
          continue;
        }
        singles.set(key, { parsed, pair });
        raw[key] = value;
        continue;
      }
      if (!Array.isArray(value) || !isSeq(pair.value)) {
        rejectedKeys.add(key);
        problems.push({
          location: locationAt(parsed.file, parsed.lineCounter, (pair.value as { range?: [number, number] } | null)?.range?.[0] ?? keyLocationOffset(pair)),
          path: [key],
          message: `expected a list under "${key}" (items written "- ...")`,
          found: describeValue(value),
        });
        continue;
      }
      const merged = (raw[key] as unknown[] | undefined) ?? [];
      const segs = lists.get(key) ?? [];
      segs.push({ parsed, pair, offset: merged.length, length: value.length });
      lists.set(key, segs);
      raw[key] = merged.concat(value);
    }
  }
  return { raw, sources: new YamlSourceMap(files.map((f) => f.file), singles, lists), problems, rejectedKeys };
}

function keyLocationOffset(pair: Pair<unknown, unknown>): number {
  return (pair.key as { range?: [number, number] } | null)?.range?.[0] ?? 0;
}

/** Converts a top-level value to plain data; alias expansion beyond the YAML limit is a problem, not a crash. */
function plainValue(parsed: ParsedFile, pair: Pair<unknown, unknown>): { ok: true; value: unknown } | { ok: false; message: string } {
  if (!isNode(pair.value)) return { ok: true, value: null };
  try {
    return { ok: true, value: pair.value.toJS(parsed.doc, { maxAliasCount: 100 }) };
  } catch (e) {
    const reason = e instanceof Error ? e.message.split("\n")[0] : "unreadable value";
    return { ok: false, message: `cannot read this value: ${reason}` };
  }
}

/** Describes a top-level node that is not a mapping, without expanding it (an alias may not resolve). */
function describeTopNode(node: Node): string {
  if (isSeq(node)) return describeValue(new Array(node.items.length).fill(null));
  if (isScalar(node)) return describeValue(node.value);
  if (isAlias(node)) return `an alias (*${node.source})`;
  return "something else";
}
