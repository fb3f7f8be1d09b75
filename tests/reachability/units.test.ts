/** The small pure pieces: port-set algebra (properties), sample addresses, FWaaS port text, causes. */
import fc from "fast-check";
import { formatSet, intersect, isEmpty, isSubset, setsEqual, singleSet, subtract, union, type PortSet } from "../../reachability/portSet";
import { addressOutside, internetSample } from "../../reachability/endpoints";
import { parseFirewallPort } from "../../reachability/firewallModel";
import { discrepancyCause } from "../../reachability/proof";
import type { AddressPlan } from "../../inventory/addressing/types";

const setArb: fc.Arbitrary<PortSet> = fc
  .array(fc.tuple(fc.constantFrom("tcp" as const, "udp" as const, "icmp" as const), fc.integer({ min: 1, max: 65535 }), fc.integer({ min: 0, max: 300 })), { maxLength: 6 })
  .map((xs) => union(...xs.map(([p, a, w]) => singleSet(p, a, Math.min(65535, a + w)))));

describe("port sets", () => {
  it("obey the set laws", () => {
    fc.assert(
      fc.property(setArb, setArb, (a, b) => {
        expect(setsEqual(union(subtract(a, b), intersect(a, b)), a)).toBe(true);
        expect(isEmpty(intersect(subtract(a, b), b))).toBe(true);
        expect(isSubset(union(a, b), a)).toBe(true);
        expect(setsEqual(union(a, b), union(b, a))).toBe(true);
      }),
    );
  });

  it("print ranges and whole protocols", () => {
    expect(formatSet(union(singleSet("tcp", 8000, 8080), singleSet("tcp", 8081), singleSet("udp"), singleSet("icmp")))).toBe("tcp/8000-8081, udp/all, icmp");
  });
});

describe("sample addresses", () => {
  it("picks the first address of a zone block outside its VLAN subnets, or none when they fill it", () => {
    expect(addressOutside("10.0.0.0/22", ["10.0.0.0/24", "10.0.1.0/25"])).toBe("10.0.1.128");
    expect(addressOutside("10.0.0.0/24", ["10.0.0.0/25", "10.0.0.128/25"])).toBeUndefined();
    expect(addressOutside("2001:db8:1::/48", ["2001:db8:1::/64"])).toBe("2001:db8:1:1::");
  });

  it("keeps the Internet sample out of every prefix of the province", () => {
    const site = { site: "s", ipv4Aggregates: ["198.51.100.0/24"], ipv6Aggregates: ["2001:db8::/32"], zones: [], subnets: [], links: [], loopbacks: [], clusters: [], tslcd: [] };
    expect(internetSample({ province: "p", sites: [site] } as AddressPlan)).toEqual({ ipv4: "203.0.113.10", ipv6: "3fff:0:ffff::10" });
  });
});

describe("FWaaS port text and causes", () => {
  it("reads single ports and ranges", () => {
    expect(parseFirewallPort("443")).toEqual([443, 443]);
    expect(parseFirewallPort("8000:8080")).toEqual([8000, 8080]);
    expect(parseFirewallPort(undefined)).toBeUndefined();
  });

  it("names the layer at fault", () => {
    expect(discrepancyCause({ kind: "missing", rules: ["FWaaS fw egress policy on x [urn]", "egress of port p (groups g) [urn]"], flows: ["f"] })).toBe("firewall-blocks");
    expect(discrepancyCause({ kind: "missing", rules: ["ingress of pods ns/tier=api [c/ns]"], flows: ["f"] })).toBe("network-policy-blocks");
    expect(discrepancyCause({ kind: "missing", rules: ["egress of port p (groups g) [urn]"], flows: ["f"] })).toBe("security-group-blocks");
    expect(discrepancyCause({ kind: "excess", rules: ["a", "b"], flows: ["f", "g"] })).toBe("rules-of-several-flows-compose");
    expect(discrepancyCause({ kind: "excess", rules: ["a"], flows: ["f"] })).toBe("rule-wider-than-its-flow");
  });
});
