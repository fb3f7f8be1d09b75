/**
 * The dispatch of one family: which section chains a packet must visit, by the classes of its source
 * and destination addresses. Every (source class, destination class) cell lists, in rule-base order,
 * the sections holding a rule that can match it; cells that only meet the sections open to any address
 * on both sides ("global" sections) are left out of the map and reach those through the base chain.
 * Visiting exactly those sections in order equals evaluating the whole base first-match: a section
 * left out holds no rule that can match the packet.
 */
import type { Family } from "../../../inventory/addressing/address";
import { unionSets, type IntervalSet } from "./intervals";
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
  const width = dst.classes.length;
  // The first section of each cell in a typed array, the rare further ones in a map: a hundred thousand
  // cells at province scale, where a map entry per cell costs most of the time.
  const first = new Int32Array(src.classes.length * width).fill(-1);
  const more = new Map<number, number[]>();
  for (const k of [...byRun.keys()].sort((a, b) => a - b)) {
    const members = byRun.get(k)!;
    if (members.some((r) => r.src === "any") && members.some((r) => r.dst === "any")) {
      globalRuns.push(k);
      continue;
    }
    const td = touched(dst, members);
    for (const a of touched(src, members)) {
      const row = a * width;
      for (const b of td) {
        const i = row + b;
        if (first[i] < 0) first[i] = k;
        else {
          const l = more.get(i);
          if (l) l.push(k);
          else more.set(i, [first[i], k]);
        }
      }
    }
  }
  // Cells with the same target merge (first same destination class, then same source classes), so the
  // map holds a few rectangles per section rather than the product of every class.
  const firstGlobal = globalRuns.length > 0 ? globalRuns[0] : Infinity;
  const targets: Array<{ runs: number[]; mode: DispatchCell["mode"] }> = runs.map((_, k) => ({ runs: [k], mode: "jump" as const }));
  const interned = new Map<string, number>();
  const targetOf = (specific: number[]): number => {
    const jump = specific[specific.length - 1] < firstGlobal;
    if (jump && specific.length === 1) return specific[0];
    const list = jump ? specific : [...specific, ...globalRuns].sort((x, y) => x - y);
    const key = `${jump ? "j" : "g"}${list.join(",")}`;
    let id = interned.get(key);
    if (id === undefined) {
      id = targets.length;
      interned.set(key, id);
      targets.push({ runs: list, mode: jump ? "jump" : "goto" });
    }
    return id;
  };
  const byTargetDst = new Map<number, { target: number; dst: number; src: number[] }>();
  for (let i = 0; i < first.length; i++) {
    if (first[i] < 0) continue;
    const a = Math.floor(i / width);
    const b = i - a * width;
    const target = targetOf(more.get(i) ?? [first[i]]);
    const k = target * width + b;
    let e = byTargetDst.get(k);
    if (!e) byTargetDst.set(k, (e = { target, dst: b, src: [] }));
    e.src.push(a);
  }
  const bySrc = new Map<string, { src: number[]; target: number; dst: number[] }>();
  for (const e of byTargetDst.values()) {
    const k = `${e.target}|${e.src.join(",")}`;
    const c = bySrc.get(k);
    if (c) c.dst.push(e.dst);
    else bySrc.set(k, { src: e.src, target: e.target, dst: [e.dst] });
  }
  const out: DispatchCell[] = [...bySrc.values()].map((c) => ({
    src: unionSets(c.src.map((a) => src.classes[a])),
    dst: unionSets(c.dst.map((b) => dst.classes[b])),
    runs: targets[c.target].runs,
    mode: targets[c.target].mode,
  }));
  out.sort((x, y) => (x.src[0][0] < y.src[0][0] ? -1 : x.src[0][0] > y.src[0][0] ? 1 : x.dst[0][0] < y.dst[0][0] ? -1 : x.dst[0][0] > y.dst[0][0] ? 1 : 0));
  return { family, cells: out, globalRuns };
}
