import fc from "fast-check";
import { FreeSpace } from "../../inventory/addressing/freeSpace";
import { Prefix, contains, formatPrefix, lastAddress, overlaps, parsePrefix } from "../../inventory/addressing/prefix";

function p(text: string): Prefix {
  const r = parsePrefix(text);
  if (!r.ok) throw new Error(r.message);
  return r.prefix;
}

describe("FreeSpace", () => {
  it("hands out the lowest aligned block first", () => {
    const s = new FreeSpace(p("10.0.0.0/24"));
    expect(formatPrefix(s.allocate(26, "a")!)).toBe("10.0.0.0/26");
    expect(formatPrefix(s.allocate(28, "b")!)).toBe("10.0.0.64/28");
    // A /25 cannot start at .80: the next /25 boundary is .128.
    expect(formatPrefix(s.allocate(25, "c")!)).toBe("10.0.0.128/25");
    expect(formatPrefix(s.allocate(27, "d")!)).toBe("10.0.0.96/27");
    expect(s.freeCount()).toBe(16n);
    expect(s.largestFreeLength()).toBe(28);
  });
  it("skips reserved ranges and reports who holds a colliding one", () => {
    const s = new FreeSpace(p("10.0.0.0/24"));
    expect(s.reserve(p("10.0.0.0/25").network, lastAddress(p("10.0.0.0/25")), "carrier")).toEqual({ ok: true });
    expect(formatPrefix(s.allocate(26, "a")!)).toBe("10.0.0.128/26");
    const clash = s.reserve(p("10.0.0.64/26").network, lastAddress(p("10.0.0.64/26")), "explicit");
    expect(clash).toEqual({ ok: false, conflicts: [expect.objectContaining({ owner: "carrier" })] });
    expect(s.allocate(25, "too big")).toBeUndefined();
  });
  it("never gives overlapping or misaligned blocks and never leaves the parent", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 16, max: 32 }), { maxLength: 60 }), fc.array(fc.tuple(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 20, max: 32 })), { maxLength: 5 }), (lengths, fixed) => {
        const parent = p("10.16.0.0/16");
        const s = new FreeSpace(parent);
        const got: Prefix[] = [];
        for (const [offset, length] of fixed) {
          const size = 1n << BigInt(32 - length);
          const network = parent.network + ((BigInt(offset) << 0n) - (BigInt(offset) % size));
          const f: Prefix = { family: "ipv4", network, length };
          if (s.reserve(f.network, lastAddress(f), "fixed").ok) got.push(f);
        }
        for (const l of lengths) {
          const b = s.allocate(l, "x");
          if (b === undefined) continue;
          expect(b.network % (1n << BigInt(32 - l))).toBe(0n);
          expect(contains(parent, b)).toBe(true);
          for (const g of got) expect(overlaps(g, b)).toBe(false);
          got.push(b);
        }
      }),
    );
  });
});
