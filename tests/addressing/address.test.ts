import fc from "fast-check";
import { Address4, Address6 } from "ip-address";
import { canonicalAddress, formatIpv4, formatIpv6, parseAddress, parseIpv4, parseIpv6 } from "../../inventory/addressing/address";

/** 128-bit values biased towards zero hextets, where RFC 5952 compression rules bite. */
const ipv6Value = fc.array(fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 0, max: 0xffff })), { minLength: 8, maxLength: 8 }).map((hs) => hs.reduce((v, h) => (v << 16n) | BigInt(h), 0n));

describe("IPv4 text", () => {
  it("parses dotted quads and refuses octal-looking, short and out-of-range forms", () => {
    expect(parseIpv4("10.16.0.1")).toBe(0x0a100001n);
    expect(parseIpv4("255.255.255.255")).toBe(0xffffffffn);
    for (const bad of ["010.0.0.1", "10.0.0", "10.0.0.256", "10.0.0.1.2", "a.b.c.d", "", "1..2.3"]) expect(parseIpv4(bad)).toBeUndefined();
  });
  it("round-trips every value", () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 0xffffffff }), (n) => parseIpv4(formatIpv4(BigInt(n))) === BigInt(n)));
  });
});

describe("IPv6 text", () => {
  it("parses compressed, full and embedded-IPv4 forms", () => {
    expect(parseIpv6("::")).toBe(0n);
    expect(parseIpv6("::1")).toBe(1n);
    expect(parseIpv6("2001:DB8::1")).toBe(0x20010db8000000000000000000000001n);
    expect(parseIpv6("2001:db8:0:0:0:0:0:1")).toBe(0x20010db8000000000000000000000001n);
    expect(parseIpv6("::ffff:10.0.0.1")).toBe(0xffff0a000001n);
    for (const bad of ["2001:db8::1::2", "2001:db8:0:0:0:0:0:0:1", "12345::", "fe80::1%eth0", "1.2.3.4::", ":", "2001:db8:::1", "g::1"]) expect(parseIpv6(bad)).toBeUndefined();
  });
  it("prints RFC 5952 canonical text: longest zero run compressed, first on a tie, single zero kept", () => {
    expect(formatIpv6(0n)).toBe("::");
    expect(formatIpv6(1n)).toBe("::1");
    expect(formatIpv6(parseIpv6("2001:db8:0:1:0:0:0:1")!)).toBe("2001:db8:0:1::1");
    expect(formatIpv6(parseIpv6("2001:db8:0:0:1:0:0:1")!)).toBe("2001:db8::1:0:0:1");
    expect(formatIpv6(parseIpv6("2001:db8:0:1:1:1:1:1")!)).toBe("2001:db8:0:1:1:1:1:1");
    expect(formatIpv6(parseIpv6("2001:DB8:00AB::")!)).toBe("2001:db8:ab::");
    expect(canonicalAddress("2001:0DB8:0000:0000:0000:0000:0000:0001")).toBe("2001:db8::1");
  });
  it("round-trips and agrees with ip-address's correctForm on every value", () => {
    fc.assert(
      fc.property(ipv6Value, (v) => {
        const text = formatIpv6(v);
        expect(parseIpv6(text)).toBe(v);
        expect(text).toBe(new Address6(text).correctForm());
        expect(text).toBe(text.toLowerCase());
      }),
    );
  });
  it("tells the family by the text", () => {
    expect(parseAddress("10.0.0.1")?.family).toBe("ipv4");
    expect(parseAddress("2001:db8::1")?.family).toBe("ipv6");
    expect(parseAddress("nonsense")).toBeUndefined();
  });
});

describe("ip-address, checked where we rely on it (and where we do not)", () => {
  it("silently accepts prefixes with host bits set, which is why parsePrefix does not use it", () => {
    // Both parse without complaint; the network is only found by asking for startAddress().
    expect(new Address4("10.0.0.5/24").startAddress().correctForm()).toBe("10.0.0.0");
    expect(new Address6("2001:db8::1/64").startAddress().correctForm()).toBe("2001:db8::");
    expect(new Address4("10.0.0.5/24").isCorrect()).toBe(true);
  });
});
