/**
 * The coarsest partition of an address space that every given set is a union of: each class is the
 * addresses lying in exactly the same sets. Packets whose addresses fall in one class meet the same
 * candidate rules, which is what lets the nftables dispatch jump straight to the sections that matter
 * and lets the analysis reason about a few classes instead of every address.
 */
import type { Interval, IntervalSet } from "./intervals";
import { normalize } from "./intervals";

/** A class: the ids of the sets containing it (sorted) and its addresses. */
export interface AddressClass {
  /** Ids (indexes in the input) of the sets containing every address of the class. */
  members: number[];
  /** Its addresses. */
  intervals: IntervalSet;
}

/**
 * Partitions `space` by `sets` (a sweep over the sets' boundaries).
 * @param sets the sets (ids are their indexes)
 * @param space the whole space (the class with no member is what the sets leave of it)
 */
export function partitionSpace(sets: readonly IntervalSet[], space: IntervalSet): AddressClass[] {
  const starts = new Map<bigint, number[]>();
  const ends = new Map<bigint, number[]>();
  const push = (m: Map<bigint, number[]>, k: bigint, id: number): void => {
    const l = m.get(k);
    if (l) l.push(id);
    else m.set(k, [id]);
  };
  sets.forEach((s, id) => {
    for (const [lo, hi] of s) {
      push(starts, lo, id);
      push(ends, hi + 1n, id);
    }
  });
  const points = new Set<bigint>([...starts.keys(), ...ends.keys()]);
  for (const [lo, hi] of space) {
    points.add(lo);
    points.add(hi + 1n);
  }
  const sorted = [...points].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const spaceEnd = space.length > 0 ? space[space.length - 1][1] : -1n;
  const active = new Set<number>();
  const byKey = new Map<string, { members: number[]; parts: Interval[] }>();
  for (let i = 0; i < sorted.length - 1; i++) {
    const p = sorted[i];
    for (const id of ends.get(p) ?? []) active.delete(id);
    for (const id of starts.get(p) ?? []) active.add(id);
    const lo = p;
    const hi = sorted[i + 1] - 1n;
    if (hi > spaceEnd || !space.some(([a, b]) => a <= lo && hi <= b)) continue;
    const members = [...active].sort((a, b) => a - b);
    const key = members.join(",");
    const c = byKey.get(key);
    if (c) c.parts.push([lo, hi]);
    else byKey.set(key, { members, parts: [[lo, hi]] });
  }
  return [...byKey.values()].map((c) => ({ members: c.members, intervals: normalize(c.parts) }));
}
