/**
 * Fixed-size bit sets over class indices (0..size-1): the engine's matchers, candidate rows and
 * masks. Word-level operations keep the all-pairs candidate search near-linear in practice.
 */

/** A bit set of a fixed size. */
export class BitSet {
  /** 32 bits per word. */
  readonly words: Uint32Array;

  /** @param size number of bits */
  constructor(readonly size: number) {
    this.words = new Uint32Array((size + 31) >>> 5);
  }

  /** A set with every bit on. */
  static full(size: number): BitSet {
    const b = new BitSet(size);
    b.words.fill(0xffffffff);
    const rest = size & 31;
    // Bits past `size` stay off, so counts and comparisons never see them.
    if (rest !== 0) b.words[b.words.length - 1] = 2 ** rest - 1;
    return b;
  }

  /** Turns bit `i` on. */
  add(i: number): void {
    this.words[i >>> 5] |= 1 << (i & 31);
  }

  /** True when bit `i` is on. */
  has(i: number): boolean {
    return (this.words[i >>> 5] & (1 << (i & 31))) !== 0;
  }

  /** A copy. */
  clone(): BitSet {
    const b = new BitSet(this.size);
    b.words.set(this.words);
    return b;
  }

  /** In place: this |= other. */
  orWith(other: BitSet): this {
    const w = this.words;
    const o = other.words;
    for (let i = 0; i < w.length; i++) w[i] |= o[i];
    return this;
  }

  /** In place: this &= other. */
  andWith(other: BitSet): this {
    const w = this.words;
    const o = other.words;
    for (let i = 0; i < w.length; i++) w[i] &= o[i];
    return this;
  }

  /** In place: this &= ~other. */
  andNotWith(other: BitSet): this {
    const w = this.words;
    const o = other.words;
    for (let i = 0; i < w.length; i++) w[i] &= ~o[i];
    return this;
  }

  /** Number of bits on. */
  count(): number {
    let n = 0;
    for (let i = 0; i < this.words.length; i++) n += popcount32(this.words[i]);
    return n;
  }

  /** True when no bit is on. */
  isEmpty(): boolean {
    for (let i = 0; i < this.words.length; i++) if (this.words[i] !== 0) return false;
    return true;
  }

  /** Calls `f` for every bit on, in increasing order. */
  forEach(f: (i: number) => void): void {
    const w = this.words;
    for (let k = 0; k < w.length; k++) {
      let x = w[k];
      while (x !== 0) {
        const low = x & -x;
        f((k << 5) + (31 - Math.clz32(low)));
        x ^= low;
      }
    }
  }

  /** The indices of the bits on. */
  toArray(): number[] {
    const out: number[] = [];
    this.forEach((i) => out.push(i));
    return out;
  }
}

/**
 * Bits set in a 32-bit word.
 * @param x the word
 */
export function popcount32(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
