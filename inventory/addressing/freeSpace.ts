import { FAMILY_BITS } from "./address";
import { Prefix, alignUp, blockSize, lastAddress } from "./prefix";

/** Who holds a range of a space (for overlap messages naming both owners). */
export interface Holding {
  /** First address held. */
  start: bigint;
  /** Last address held. */
  end: bigint;
  /** Human description of the owner, e.g. `VLAN "web" of zone "dmz" at site "dc1"`. */
  owner: string;
}

/** The outcome of reserving a fixed range. */
export type ReserveOutcome = { ok: true } | { ok: false; conflicts: Holding[] };

/**
 * The free addresses of one parent prefix, kept as sorted gaps. Allocation is first-fit on aligned
 * boundaries; callers hand requests over largest first, so a fresh space fills without holes and a
 * space with pinned blocks keeps only a handful of gaps (each request scans gaps, not addresses).
 */
export class FreeSpace {
  /** Gap starts, ascending; `gapEnds[i]` is the last free address of gap i. */
  private readonly gapStarts: bigint[];
  private readonly gapEnds: bigint[];
  private readonly holdings: Holding[] = [];

  /**
   * @param parent the prefix whose addresses are handed out
   */
  constructor(readonly parent: Prefix) {
    this.gapStarts = [parent.network];
    this.gapEnds = [lastAddress(parent)];
  }

  /**
   * Marks a fixed range as used (an explicit, locked or carrier prefix). The part outside the parent is ignored.
   * @param start first address
   * @param end last address
   * @param owner who holds it, for messages
   * @returns ok, or every holder it collides with
   */
  reserve(start: bigint, end: bigint, owner: string): ReserveOutcome {
    const lo = start > this.parent.network ? start : this.parent.network;
    const last = lastAddress(this.parent);
    const hi = end < last ? end : last;
    if (lo > hi) return { ok: true };
    const i = this.gapIndexAtOrBefore(lo);
    if (i < 0 || this.gapEnds[i] < hi) {
      return { ok: false, conflicts: this.holdings.filter((h) => h.start <= hi && lo <= h.end) };
    }
    this.take(i, lo, hi);
    this.holdings.push({ start: lo, end: hi, owner });
    return { ok: true };
  }

  /**
   * Takes the lowest free block of the given length on its natural boundary.
   * @param length prefix length wanted
   * @param owner who gets it, for messages
   * @returns the block, or undefined when no aligned block of that size is free
   */
  allocate(length: number, owner: string): Prefix | undefined {
    const family = this.parent.family;
    if (length < this.parent.length || length > FAMILY_BITS[family]) return undefined;
    const size = blockSize(family, length);
    for (let i = 0; i < this.gapStarts.length; i++) {
      const start = alignUp(this.gapStarts[i], size);
      const end = start + size - 1n;
      if (end <= this.gapEnds[i]) {
        this.take(i, start, end);
        this.holdings.push({ start, end, owner });
        return { family, network: start, length };
      }
    }
    return undefined;
  }

  /** Free addresses left. */
  freeCount(): bigint {
    let total = 0n;
    for (let i = 0; i < this.gapStarts.length; i++) total += this.gapEnds[i] - this.gapStarts[i] + 1n;
    return total;
  }

  /** Length of the largest aligned block still free, or undefined when the space is full. */
  largestFreeLength(): number | undefined {
    const family = this.parent.family;
    for (let length = this.parent.length; length <= FAMILY_BITS[family]; length++) {
      const size = blockSize(family, length);
      for (let i = 0; i < this.gapStarts.length; i++) {
        if (alignUp(this.gapStarts[i], size) + size - 1n <= this.gapEnds[i]) return length;
      }
    }
    return undefined;
  }

  /** Index of the last gap starting at or before `value` (binary search), or -1. */
  private gapIndexAtOrBefore(value: bigint): number {
    let lo = 0;
    let hi = this.gapStarts.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.gapStarts[mid] <= value) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  /** Removes [start, end] from gap i, which contains it, keeping what is left on either side. */
  private take(i: number, start: bigint, end: bigint): void {
    const gapStart = this.gapStarts[i];
    const gapEnd = this.gapEnds[i];
    const pieces: Array<[bigint, bigint]> = [];
    if (gapStart < start) pieces.push([gapStart, start - 1n]);
    if (end < gapEnd) pieces.push([end + 1n, gapEnd]);
    this.gapStarts.splice(i, 1, ...pieces.map((p) => p[0]));
    this.gapEnds.splice(i, 1, ...pieces.map((p) => p[1]));
  }
}
