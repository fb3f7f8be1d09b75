/**
 * Address atoms: a region of the address space (the Internet, a TSLCD prefix, a zone's space outside its
 * VLANs) cut at every boundary of every prefix some rule uses, then grouped by the set of prefixes that
 * hold them. Two addresses of one group are matched by exactly the same prefixes, so one representative
 * stands for the whole group: the proof is exact over addresses without enumerating them.
 */
import type { AddressRange } from "./addresses";

/** Ranges sorted and merged (adjacent ranges joined). */
export function mergeRanges(ranges: readonly AddressRange[]): AddressRange[] {
  const sorted = [...ranges].sort((a, b) => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0));
  const out: AddressRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.lo <= last.hi + 1n) {
      if (r.hi > last.hi) last.hi = r.hi;
    } else out.push({ lo: r.lo, hi: r.hi });
  }
  return out;
}

/**
 * `a` without `b` (both any ranges).
 * @param a ranges to keep
 * @param b ranges to take away
 */
export function subtractRanges(a: readonly AddressRange[], b: readonly AddressRange[]): AddressRange[] {
  const cut = mergeRanges(b);
  const out: AddressRange[] = [];
  for (const r of mergeRanges(a)) {
    let lo = r.lo;
    for (const c of cut) {
      if (c.hi < lo || c.lo > r.hi) continue;
      if (c.lo > lo) out.push({ lo, hi: c.lo - 1n });
      lo = c.hi + 1n;
      if (lo > r.hi) break;
    }
    if (lo <= r.hi) out.push({ lo, hi: r.hi });
  }
  return out;
}

/** A group of atoms held by the same prefixes. */
export interface AtomGroup {
  /** Indices (into the prefix list) of the prefixes holding every address of the group, sorted. */
  holders: number[];
  /** The group's ranges, sorted. */
  ranges: AddressRange[];
}

interface SweepEvent {
  at: bigint;
  prefix: number;
  open: boolean;
}

function sweepEvents(prefixes: readonly AddressRange[]): SweepEvent[] {
  const events: SweepEvent[] = [];
  prefixes.forEach((p, i) => {
    events.push({ at: p.lo, prefix: i, open: true });
    events.push({ at: p.hi + 1n, prefix: i, open: false });
  });
  return events.sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0));
}

/**
 * The prefixes holding each point (indices into `prefixes`, sorted), by one sweep.
 * @param points addresses
 * @param prefixes prefix ranges
 */
export function holdersOfPoints(points: readonly bigint[], prefixes: readonly AddressRange[]): number[][] {
  const order = points.map((_, i) => i).sort((x, y) => (points[x] < points[y] ? -1 : points[x] > points[y] ? 1 : 0));
  const events = sweepEvents(prefixes);
  const active = new Set<number>();
  const out: number[][] = new Array(points.length);
  let e = 0;
  for (const i of order) {
    while (e < events.length && events[e].at <= points[i]) {
      if (events[e].open) active.add(events[e].prefix);
      else active.delete(events[e].prefix);
      e++;
    }
    out[i] = [...active].sort((a, b) => a - b);
  }
  return out;
}

/**
 * Cuts a region at every prefix boundary and groups the pieces by the prefixes that hold them.
 * Groups are returned in the order of their first address.
 * @param region the ranges to cover
 * @param prefixes every prefix rules use (as ranges)
 */
export function atomGroups(region: readonly AddressRange[], prefixes: readonly AddressRange[]): AtomGroup[] {
  const merged = mergeRanges(region);
  if (merged.length === 0) return [];
  const events = sweepEvents(prefixes);
  const active = new Set<number>();
  const groups = new Map<string, AtomGroup>();
  let e = 0;
  for (const r of merged) {
    let lo = r.lo;
    while (lo <= r.hi) {
      while (e < events.length && events[e].at <= lo) {
        if (events[e].open) active.add(events[e].prefix);
        else active.delete(events[e].prefix);
        e++;
      }
      const next = e < events.length && events[e].at <= r.hi ? events[e].at : r.hi + 1n;
      const holders = [...active].sort((a, b) => a - b);
      const key = holders.join(",");
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { holders, ranges: [] }));
      const last = g.ranges[g.ranges.length - 1];
      if (last && last.hi + 1n === lo) last.hi = next - 1n;
      else g.ranges.push({ lo, hi: next - 1n });
      lo = next;
    }
  }
  return [...groups.values()];
}
