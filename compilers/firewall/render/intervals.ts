/**
 * Address sets as sorted, disjoint, non-adjacent closed intervals of integers: the one representation
 * the renderers (nftables dispatch, FortiOS objects) and the analysis share, so a rule's match space is
 * computed once, the same way everywhere.
 */
import { FAMILY_BITS, formatAddress, type Family } from "../../../inventory/addressing/address";
import { lastAddress, parsePrefix } from "../../../inventory/addressing/prefix";

/** A closed interval [lo, hi]. */
export type Interval = readonly [bigint, bigint];

/** Sorted, disjoint, non-adjacent intervals. */
export type IntervalSet = readonly Interval[];

/** The whole address space of a family. */
export function fullSpace(family: Family): IntervalSet {
  return [[0n, (1n << BigInt(FAMILY_BITS[family])) - 1n]];
}

/**
 * Sorts and merges intervals (overlapping or adjacent ones become one).
 * @param xs any intervals
 */
export function normalize(xs: readonly Interval[]): IntervalSet {
  const s = [...xs].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const out: Array<[bigint, bigint]> = [];
  for (const [lo, hi] of s) {
    const last = out[out.length - 1];
    if (last !== undefined && lo <= last[1] + 1n) {
      if (hi > last[1]) last[1] = hi;
    } else out.push([lo, hi]);
  }
  return out;
}

/**
 * The addresses of prefixes of one family (prefixes of the other family are ignored: an object holds both).
 * @param prefixes prefix texts
 * @param family the family wanted
 * @throws when a prefix does not parse (the rule base check reports it first)
 */
export function prefixesToSet(prefixes: readonly string[], family: Family): IntervalSet {
  const xs: Interval[] = [];
  for (const text of prefixes) {
    const p = parsePrefix(text, family);
    if (!p.ok) throw new Error(`invalid ${family} prefix "${text}": ${p.message}`);
    xs.push([p.prefix.network, lastAddress(p.prefix)]);
  }
  return normalize(xs);
}

/** Union of sets. */
export function unionSets(sets: readonly IntervalSet[]): IntervalSet {
  return normalize(sets.flat());
}

/** True when `inner` lies inside `outer`. */
export function isSubsetOf(inner: IntervalSet, outer: IntervalSet): boolean {
  let j = 0;
  for (const [lo, hi] of inner) {
    while (j < outer.length && outer[j][1] < lo) j++;
    if (j >= outer.length || outer[j][0] > lo || outer[j][1] < hi) return false;
  }
  return true;
}

/** A stable text key for a set (equal sets, equal keys). */
export function setKey(s: IntervalSet): string {
  return s.map(([lo, hi]) => `${lo.toString(16)}-${hi.toString(16)}`).join(",");
}

/**
 * The largest aligned blocks covering an interval exactly (CIDR decomposition).
 * @param family the family
 * @param iv the interval
 */
export function intervalToPrefixes(family: Family, iv: Interval): string[] {
  const bits = FAMILY_BITS[family];
  const out: string[] = [];
  let lo = iv[0];
  const hi = iv[1];
  while (lo <= hi) {
    // The block is as large as both the alignment of `lo` and the room left up to `hi` allow.
    const align = lo === 0n ? bits : (lo & -lo).toString(2).length - 1;
    const room = (hi - lo + 1n).toString(2).length - 1;
    const size = Math.min(align, room, bits);
    out.push(`${formatAddress(family, lo)}/${bits - size}`);
    lo += 1n << BigInt(size);
  }
  return out;
}

/**
 * An interval as nftables element text: `a/len` when it is one aligned block, else `a-b`.
 * @param family the family
 * @param iv the interval
 */
export function intervalText(family: Family, iv: Interval): string {
  const blocks = intervalToPrefixes(family, iv);
  return blocks.length === 1 ? blocks[0] : `${formatAddress(family, iv[0])}-${formatAddress(family, iv[1])}`;
}
