/**
 * The dispatch of one family: which section chains a packet must visit, by the classes of its source
 * and destination addresses. Every (source class, destination class) cell lists, in rule-base order,
 * the sections holding a rule that can match it; cells that only meet the sections open to any address
 * on both sides ("global" sections) are left out of the map and reach those through the base chain.
 * Visiting exactly those sections in order equals evaluating the whole base first-match: a section
 * left out holds no rule that can match the packet.
 */
import type { Family } from "../../../inventory/addressing/address";
import { setKey, unionSets, type IntervalSet } from "./intervals";
import { sideClasses, type SideClasses } from "./ruleClasses";
import type { FamilyRule, SectionRun } from "./ruleSpace";

/**
 * One entry of the map: source and destination addresses and the sections (run indexes, ascending) to
 * visit. `jump`: the global sections all come after them, so the base chain's visit of the global
 * sections follows on return; `goto`: the list already holds the global sections in their place.
 */
export interface DispatchCell {
  /** Source addresses. */
  src: IntervalSet;
  /** Destination addresses. */
  dst: IntervalSet;
  /** Sections to visit, in order. */
  runs: number[];
  /** How the map reaches them. */
  mode: "jump" | "goto";
}

/** The dispatch of one family. */
export interface FamilyDispatch {
  /** Family. */
  family: Family;
  /** Cells with at least one section that is not global, sorted by addresses. */
  cells: DispatchCell[];
  /** Sections every packet of the family visits (rules open to any address on both sides), ascending. */
  globalRuns: number[];
}

/**
 * Computes the dispatch of one family.
 * @param rules the family's rules (from `familyRules`)
 * @param runs the sections of the rule base
 * @param family the family
 */
export function familyDispatch(rules: readonly FamilyRule[], runs: readonly SectionRun[], family: Family): FamilyDispatch {
  const src = sideClasses(rules, "src", family);
  const dst = sideClasses(rules, "dst", family);
  const runOf = new Map<number, number>();
  runs.forEach((r, k) => r.indexes.forEach((i) => runOf.set(i, k)));
  const byRun = new Map<number, FamilyRule[]>();
  for (const r of rules) {
    const k = runOf.get(r.index)!;
    const l = byRun.get(k);
    if (l) l.push(r);
    else byRun.set(k, [r]);
  }
  const touched = (idx: SideClasses, members: FamilyRule[]): number[] => {
    const out = new Set<number>();
    for (const r of members) for (const c of idx.ofRule.get(r.index)!) out.add(c);
    return [...out];
  };
  const globalRuns: number[] = [];
  const cells = new Map<number, number[]>();
  const width = dst.classes.length;
  for (const k of [...byRun.keys()].sort((a, b) => a - b)) {
    const members = byRun.get(k)!;
    const anySrc = members.some((r) => r.src === "any");
    const anyDst = members.some((r) => r.dst === "any");
    if (anySrc && anyDst) {
      globalRuns.push(k);
      continue;
    }
    const ts = touched(src, members);
    const td = touched(dst, members);
    for (const a of ts) {
      for (const b of td) {
        const key = a * width + b;
        const l = cells.get(key);
        if (l) l.push(k);
        else cells.set(key, [k]);
      }
    }
  }
  // Cells with the same target merge (first same destination class, then same source set), so the map
  // holds a few rectangles per section rather than the product of every class.
  const firstGlobal = globalRuns.length > 0 ? globalRuns[0] : Infinity;
  const byTargetDst = new Map<string, { runs: number[]; mode: DispatchCell["mode"]; dst: number; src: IntervalSet[] }>();
  for (const [key, specific] of cells) {
    const a = Math.floor(key / width);
    const b = key % width;
    const jump = specific[specific.length - 1] < firstGlobal;
    const runsOf = jump ? specific : [...specific, ...globalRuns].sort((x, y) => x - y);
    const k = `${jump ? "j" : "g"}${runsOf.join(",")}|${b}`;
    const e = byTargetDst.get(k) ?? { runs: runsOf, mode: jump ? "jump" : "goto", dst: b, src: [] };
    e.src.push(src.classes[a]);
    byTargetDst.set(k, e);
  }
  const bySrc = new Map<string, DispatchCell & { parts: IntervalSet[] }>();
  for (const e of byTargetDst.values()) {
    const s = unionSets(e.src);
    const k = `${e.mode}${e.runs.join(",")}|${setKey(s)}`;
    const c = bySrc.get(k) ?? { src: s, dst: [], runs: e.runs, mode: e.mode, parts: [] };
    c.parts.push(dst.classes[e.dst]);
    bySrc.set(k, c);
  }
  const out: DispatchCell[] = [...bySrc.values()].map((c) => ({ src: c.src, dst: unionSets(c.parts), runs: c.runs, mode: c.mode }));
  out.sort((x, y) => (x.src[0][0] < y.src[0][0] ? -1 : x.src[0][0] > y.src[0][0] ? 1 : x.dst[0][0] < y.dst[0][0] ? -1 : x.dst[0][0] > y.dst[0][0] ? 1 : 0));
  return { family, cells: out, globalRuns };
}
