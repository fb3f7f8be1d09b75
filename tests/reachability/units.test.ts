/** The small pure pieces: port sets (laws, SCTP), bit sets, the prefix trie, address atoms, the Internet's addresses, causes. */
import fc from "fast-check";
import { formatSet, hasPort, intersect, isEmpty, isSubset, overlaps, setsEqual, singleSet, subtract, union, fullSet, emptySet, type PortSet } from "../../reachability/portSet";
import { BitSet } from "../../reachability/bitset";
import { PrefixTrie } from "../../reachability/prefixTrie";
import { atomGroups, holdersOfPoints, mergeRanges, subtractRanges } from "../../reachability/addressAtoms";
import { netRange, parseIp, parseNet, wholeSpace, type AddressRange } from "../../reachability/addresses";
import { internetRanges, provincePrefixes } from "../../reachability/intent/externals";
import { parseFirewallPort } from "../../reachability/fwaasModel";
import { discrepancyCause } from "../../reachability/proof";
import { formatAddress } from "../../inventory/addressing/address";
import { RULE_BASE_TYPE } from "../../compilers/firewall/ruleBaseTypes";
import { T } from "../../reachability/planInputs";
import type { AddressPlan } from "../../inventory/addressing/types";

const setArb: fc.Arbitrary<PortSet> = fc
  .array(fc.tuple(fc.constantFrom("tcp" as const, "udp" as const, "sctp" as const, "icmp" as const), fc.integer({ min: 1, max: 65535 }), fc.integer({ min: 0, max: 300 })), { maxLength: 6 })
  .map((xs) => union(...xs.map(([p, a, w]) => singleSet(p, a, Math.min(65535, a + w)))));

describe("port sets", () => {
  it("obey the set laws, and overlaps agrees with intersect", () => {
    fc.assert(
      fc.property(setArb, setArb, (a, b) => {
        expect(setsEqual(union(subtract(a, b), intersect(a, b)), a)).toBe(true);
        expect(isEmpty(intersect(subtract(a, b), b))).toBe(true);
        expect(isSubset(union(a, b), a)).toBe(true);
        expect(setsEqual(union(a, b), union(b, a))).toBe(true);
        expect(overlaps(a, b)).toBe(!isEmpty(intersect(a, b)));
        expect(setsEqual(intersect(a, fullSet()), a)).toBe(true);
        expect(isEmpty(intersect(a, emptySet()))).toBe(true);
      }),
    );
  });

  it("print ranges and whole protocols, SCTP included", () => {
    expect(formatSet(union(singleSet("tcp", 8000, 8080), singleSet("tcp", 8081), singleSet("udp"), singleSet("sctp", 9003), singleSet("icmp")))).toBe("tcp/8000-8081, udp/all, sctp/9003, icmp");
    expect(hasPort(singleSet("sctp", 9000, 9010), "sctp", 9003)).toBe(true);
    expect(hasPort(singleSet("sctp", 9000, 9010), "tcp", 9003)).toBe(false);
  });
});

describe("bit sets", () => {
  it("behave like sets of small integers", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.array(fc.nat(199)), fc.array(fc.nat(199)), (n, xs, ys) => {
        const a = new BitSet(n);
        const b = new BitSet(n);
        const sa = new Set(xs.filter((x) => x < n));
        const sb = new Set(ys.filter((y) => y < n));
        sa.forEach((x) => a.add(x));
        sb.forEach((y) => b.add(y));
        expect(a.toArray()).toEqual([...sa].sort((p, q) => p - q));
        expect(a.clone().andWith(b).toArray()).toEqual([...sa].filter((x) => sb.has(x)).sort((p, q) => p - q));
        expect(a.clone().orWith(b).count()).toBe(new Set([...sa, ...sb]).size);
        expect(a.clone().andNotWith(b).toArray()).toEqual([...sa].filter((x) => !sb.has(x)).sort((p, q) => p - q));
        expect(BitSet.full(n).count()).toBe(n);
      }),
    );
  });
});

describe("the prefix trie", () => {
  it("finds the longest prefix holding an address, in both families", () => {
    const t = new PrefixTrie<string>();
    t.insert("10.0.0.0/8", "a");
    t.insert("10.1.0.0/16", "b");
    t.insert("10.1.2.0/24", "c");
    t.insert("2001:db8::/32", "v6");
    expect(t.longest("10.1.2.3")).toBe("c");
    expect(t.longest("10.1.9.9")).toBe("b");
    expect(t.longest("10.9.9.9")).toBe("a");
    expect(t.longest("11.0.0.1")).toBeUndefined();
    expect(t.covering("10.1.2.3")).toEqual(["a", "b", "c"]);
    expect(t.longest("2001:db8:1::1")).toBe("v6");
  });

  it("agrees with a linear scan on random prefixes", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 8, max: 32 })), { maxLength: 20 }), fc.integer({ min: 0, max: 2 ** 32 - 1 }), (prefixes, addr) => {
        const t = new PrefixTrie<string>();
        const nets = prefixes.map(([v, len]) => `${formatAddress("ipv4", BigInt(v))}/${len}`).map((p) => parseNet(p)).filter((n): n is NonNullable<typeof n> => !!n);
        nets.forEach((n, i) => t.insert(`${formatAddress("ipv4", n.network)}/${n.length}`, String(i)));
        const ip = BigInt(addr);
        const best = nets.map((n, i) => ({ n, i })).filter(({ n }) => netRange(n).lo <= ip && ip <= netRange(n).hi).sort((x, y) => y.n.length - x.n.length || y.i - x.i)[0];
        const found = t.longest(formatAddress("ipv4", ip));
        if (best === undefined) expect(found).toBeUndefined();
        else expect(nets[Number(found)].length).toBe(best.n.length);
      }),
    );
  });
});

const rangeArb: fc.Arbitrary<AddressRange> = fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 200 })).map(([lo, w]) => ({ lo: BigInt(lo), hi: BigInt(lo + w) }));

describe("address atoms", () => {
  it("cut a region into groups whose addresses every prefix treats alike", () => {
    fc.assert(
      fc.property(fc.array(rangeArb, { minLength: 1, maxLength: 4 }), fc.array(rangeArb, { maxLength: 6 }), (region, cuts) => {
        const groups = atomGroups(region, cuts);
        const inRegion = (x: bigint): boolean => region.some((r) => r.lo <= x && x <= r.hi);
        // Every address of the region is in exactly one group, and that group's holders are exactly the cuts holding it.
        for (let x = 0n; x <= 1250n; x += 13n) {
          const gs = groups.filter((g) => g.ranges.some((r) => r.lo <= x && x <= r.hi));
          expect(gs.length).toBe(inRegion(x) ? 1 : 0);
          if (gs.length === 1) expect(gs[0].holders).toEqual(cuts.map((c, i) => (c.lo <= x && x <= c.hi ? i : -1)).filter((i) => i >= 0));
        }
        const points = [0n, 5n, 500n, 1200n];
        expect(holdersOfPoints(points, cuts)).toEqual(points.map((x) => cuts.map((c, i) => (c.lo <= x && x <= c.hi ? i : -1)).filter((i) => i >= 0)));
      }),
    );
  });

  it("subtract and merge ranges", () => {
    expect(subtractRanges([{ lo: 0n, hi: 100n }], [{ lo: 10n, hi: 20n }, { lo: 90n, hi: 200n }])).toEqual([{ lo: 0n, hi: 9n }, { lo: 21n, hi: 89n }]);
    expect(mergeRanges([{ lo: 5n, hi: 9n }, { lo: 0n, hi: 4n }])).toEqual([{ lo: 0n, hi: 9n }]);
  });
});

describe("the Internet", () => {
  const plan = {
    province: "p",
    sites: [
      { site: "s", ipv4Aggregates: ["10.16.0.0/14"], ipv6Aggregates: ["2001:db8:100::/48"], zones: [{ site: "s", zone: "z", ipv4: "10.16.0.0/20", ipv6: "2001:db8:100::/52" }], subnets: [], links: [], loopbacks: [], clusters: [{ site: "s", cluster: "k", pods: { ipv4: "100.64.0.0/16", ipv6: "fd00:1::/56" }, services: { ipv4: "100.65.0.0/20", ipv6: "fd00:2::/108" } }], tslcd: [{ site: "s", prefix: "10.250.1.0/24", purpose: "", carrier: "", reference: "" }] },
    ],
  } as AddressPlan;

  it("is every address but the province's aggregates, TSLCD prefixes and cluster ranges, in both families", () => {
    expect(provincePrefixes(plan, "ipv4")).toEqual(["10.16.0.0/14", "10.16.0.0/20", "10.250.1.0/24", "100.64.0.0/16", "100.65.0.0/20"]);
    for (const f of ["ipv4", "ipv6"] as const) {
      const inet = internetRanges(plan, f);
      const holds = (a: string): boolean => {
        const ip = parseIp(a);
        return !!ip && inet.some((r) => r.lo <= ip.value && ip.value <= r.hi);
      };
      if (f === "ipv4") {
        expect(["10.16.0.1", "10.19.255.255", "10.250.1.7", "100.64.3.3", "100.65.0.1"].map(holds)).toEqual([false, false, false, false, false]);
        expect(["8.8.8.8", "10.20.0.0", "10.250.2.1", "0.0.0.0"].map(holds)).toEqual([true, true, true, true]);
      } else {
        expect(["2001:db8:100::1", "fd00:1::5", "fd00:2::1"].map(holds)).toEqual([false, false, false]);
        expect(["2001:db8:101::1", "::", "2600::1"].map(holds)).toEqual([true, true, true]);
      }
      // Never the whole space.
      expect(inet).not.toContainEqual(wholeSpace(f));
    }
  });
});

describe("FWaaS port text, the rule base type token, causes", () => {
  it("reads single ports and ranges", () => {
    expect(parseFirewallPort("443")).toEqual([443, 443]);
    expect(parseFirewallPort("8000:8080")).toEqual([8000, 8080]);
    expect(parseFirewallPort(undefined)).toBeUndefined();
  });

  it("reads rule bases under the contract's type token", () => {
    expect(T.ruleBase).toBe(RULE_BASE_TYPE);
  });

  it("names the layer at fault", () => {
    expect(discrepancyCause({ kind: "missing", rules: ["zone firewall fw1 (site s): rule #3 deny-all [u]"], flows: ["f"] })).toBe("zone-firewall-blocks");
    expect(discrepancyCause({ kind: "missing", rules: ["FWaaS fw egress policy on x: no rule allows it [urn]", "egress of port p (groups g): no rule allows it [urn]"], flows: ["f"] })).toBe("fwaas-blocks");
    expect(discrepancyCause({ kind: "missing", rules: ["ingress of pods ns/tier=api (isolated by ns/x): no rule allows it [c/ns]"], flows: ["f"] })).toBe("network-policy-blocks");
    expect(discrepancyCause({ kind: "missing", rules: ["egress of port p (groups g): no rule allows it [urn]"], flows: ["f"] })).toBe("security-group-blocks");
    expect(discrepancyCause({ kind: "excess", rules: ["a", "b"], flows: ["f", "g"] })).toBe("rules-of-several-flows-compose");
    expect(discrepancyCause({ kind: "excess", rules: ["a"], flows: ["f"] })).toBe("rule-wider-than-its-flow");
    expect(discrepancyCause({ kind: "excess", rules: ["a"], flows: ["f"], missingRuleBase: true })).toBe("enforcer-without-rule-base");
  });
});
