import { slaacAddress } from "../../reachability/endpoints";
import { eui64Address } from "../../compilers/openstack/hostAddresses";
import fc from "fast-check";

describe("the proof's SLAAC address of a fixed MAC", () => {
  it("is RFC 4291's modified EUI-64", () => {
    expect(slaacAddress("2001:db8:1:2::/64", "34:56:78:9a:bc:de")).toBe("2001:db8:1:2:3656:78ff:fe9a:bcde");
    expect(slaacAddress("2001:db8::/56", "34:56:78:9a:bc:de")).toBeUndefined();
    expect(slaacAddress("2001:db8::/64", "nope")).toBeUndefined();
  });
  it("names the same host as the compiler's (two implementations, one answer)", () => {
    const byte = fc.integer({ min: 0, max: 255 }).map((b) => b.toString(16).padStart(2, "0"));
    fc.assert(
      fc.property(fc.array(byte, { minLength: 6, maxLength: 6 }), fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 4, maxLength: 4 }), (mac, groups) => {
        const prefix = `${groups.map((g) => g.toString(16)).join(":")}::/64`;
        const m = mac.join(":");
        const a = slaacAddress(prefix, m) as string;
        expect(expandFull(a)).toBe(expandFull(eui64Address(prefix, m)));
      }),
    );
  });
});

function expandFull(a: string): string {
  const [h, t] = a.split("::");
  const hs = h ? h.split(":") : [];
  const ts = t ? t.split(":") : [];
  return [...hs, ...Array(8 - hs.length - ts.length).fill("0"), ...ts].map((g) => g.padStart(4, "0")).join("");
}
