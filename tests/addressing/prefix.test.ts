import fc from "fast-check";
import { alignUp, blockSize, contains, formatPrefix, lastAddress, lengthForCount, overlaps, parsePrefix, Prefix } from "../../inventory/addressing/prefix";

function p(text: string): Prefix {
  const r = parsePrefix(text);
  if (!r.ok) throw new Error(r.message);
  return r.prefix;
}

describe("parsePrefix", () => {
  it("accepts clean prefixes and prints them canonically", () => {
    expect(formatPrefix(p("10.16.0.0/12"))).toBe("10.16.0.0/12");
    expect(formatPrefix(p("2001:DB8:0100:0000::/56"))).toBe("2001:db8:100::/56");
    expect(formatPrefix(p("0.0.0.0/0"))).toBe("0.0.0.0/0");
  });
  it("refuses host bits and names the network that was probably meant", () => {
    const r = parsePrefix("10.16.4.5/24");
    expect(r).toEqual({ ok: false, kind: "host-bits", message: expect.stringContaining("did you mean 10.16.4.0/24") });
    const r6 = parsePrefix("2001:db8:100:1::/48");
    expect(r6.ok).toBe(false);
    expect(!r6.ok && r6.kind).toBe("host-bits");
    expect(!r6.ok && r6.message).toContain("2001:db8:100::/48");
  });
  it("refuses the other family when one is expected", () => {
    const r = parsePrefix("2001:db8::/64", "ipv4");
    expect(!r.ok && r.kind).toBe("family");
    expect(!r.ok && r.message).toBe("expected an IPv4 prefix here, found an IPv6 one");
    expect(parsePrefix("10.0.0.0/8", "ipv6").ok).toBe(false);
  });
  it("refuses bad syntax and out-of-range lengths", () => {
    for (const bad of ["10.0.0.0", "10.0.0.0/33", "2001:db8::/129", "10.0.0.0/08", "10.0.0/8", "x/8", "10.0.0.0/-1"]) {
      const r = parsePrefix(bad);
      expect(!r.ok && r.kind).toBe("syntax");
    }
  });
});

describe("prefix arithmetic", () => {
  const v4 = fc.tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 32 })).map(([n, l]): Prefix => {
    const size = 1n << BigInt(32 - l);
    return { family: "ipv4", network: BigInt(n) - (BigInt(n) % size), length: l };
  });
  it("contains implies overlaps, and overlap of aligned blocks means one contains the other", () => {
    fc.assert(
      fc.property(v4, v4, (a, b) => {
        if (contains(a, b)) expect(overlaps(a, b)).toBe(true);
        expect(overlaps(a, b)).toBe(contains(a, b) || contains(b, a));
      }),
    );
  });
  it("alignUp gives the smallest aligned value not below the input", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 40n) - 1n }), fc.integer({ min: 0, max: 32 }), (v, bits) => {
        const size = 1n << BigInt(bits);
        const a = alignUp(v, size);
        expect(a % size).toBe(0n);
        expect(a >= v && a - v < size).toBe(true);
      }),
    );
  });
  it("lengthForCount picks the smallest block that holds the count", () => {
    expect(lengthForCount("ipv4", 256n)).toBe(24);
    expect(lengthForCount("ipv4", 257n)).toBe(23);
    expect(lengthForCount("ipv6", 1n)).toBe(128);
    expect(lastAddress(p("10.16.0.0/12"))).toBe(p("10.31.255.255/32").network);
    expect(blockSize("ipv6", 64)).toBe(1n << 64n);
  });
});
