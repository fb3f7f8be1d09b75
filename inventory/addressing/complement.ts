/**
 * Prefix-set arithmetic the rule compilers need: the fewest prefixes covering an address range, and the
 * complement of a set of prefixes (what "the Internet" is: every address outside the province's own).
 */
import { FAMILY_BITS, type Family } from "./address";
import { formatPrefix, lastAddress, parsePrefix, type Prefix } from "./prefix";

/** An inclusive range of addresses of one family. */
export interface AddressInterval {
  start: bigint;
  end: bigint;
}

/**
 * Sorted, merged intervals of a set of prefixes of one family (overlapping and adjacent ones joined).
 * @param prefixes prefixes of the family
 */
export function mergedIntervals(prefixes: readonly Prefix[]): AddressInterval[] {
  const spans = prefixes.map((p) => ({ start: p.network, end: lastAddress(p) })).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const out: AddressInterval[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end + 1n) {
      if (s.end > last.end) last.end = s.end;
    } else out.push({ ...s });
  }
  return out;
}

/**
 * The fewest aligned prefixes covering exactly [start, end].
 * @param family the family
 * @param start first address
 * @param end last address (≥ start)
 */
export function rangeToPrefixes(family: Family, start: bigint, end: bigint): Prefix[] {
  const bits = FAMILY_BITS[family];
  const out: Prefix[] = [];
  let cur = start;
  while (cur <= end) {
    // The largest block that starts at `cur` (alignment) and ends within the range.
    let size = cur === 0n ? 1n << BigInt(bits) : cur & -cur;
    while (cur + size - 1n > end) size >>= 1n;
    let length = bits;
    for (let s = size; s > 1n; s >>= 1n) length--;
    out.push({ family, network: cur, length });
    cur += size;
  }
  return out;
}

/**
 * The complement of a set of prefixes within the whole address space of a family, as the fewest prefixes,
 * sorted. The complement of nothing is the default route; of everything, nothing.
 * @param family the family
 * @param excluded prefixes of that family
 */
export function complementPrefixes(family: Family, excluded: readonly Prefix[]): Prefix[] {
  const max = (1n << BigInt(FAMILY_BITS[family])) - 1n;
  const out: Prefix[] = [];
  let cursor = 0n;
  for (const iv of mergedIntervals(excluded.filter((p) => p.family === family))) {
    if (iv.start > cursor) out.push(...rangeToPrefixes(family, cursor, iv.start - 1n));
    cursor = iv.end + 1n;
  }
  if (cursor <= max) out.push(...rangeToPrefixes(family, cursor, max));
  return out;
}

/**
 * Text in, text out: the complement of prefixes written as text (unparseable or other-family ones ignored).
 * @param family the family
 * @param excluded prefix texts
 */
export function complementOf(family: Family, excluded: readonly string[]): string[] {
  const parsed: Prefix[] = [];
  for (const t of excluded) {
    const r = parsePrefix(t, family);
    if (r.ok) parsed.push(r.prefix);
  }
  return complementPrefixes(family, parsed).map(formatPrefix);
}
