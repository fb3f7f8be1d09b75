/**
 * Properties of the TSLCD address plan on random sets of agency endpoints laid over the valid overlay:
 * every LAN and PE–CE link is dual-stack, inside the province's level-II blocks (or the carrier's own
 * prefix), disjoint from each other and from the DC's space; the plan does not depend on declaration order;
 * and with the lock, inserting and removing endpoints moves nothing that stays. The checker computes
 * address ranges with `ip-address`, not with the allocator's own arithmetic.
 */
import fc from "fast-check";
import { Address4, Address6 } from "ip-address";
import { allocateAddressPlan, type AddressLock } from "../../inventory/addressing";
import type { Inventory, TslcdEndpoint } from "../../inventory/model";
import { loadTslcdCase } from "./support/fixture";

const RUNS = { numRuns: 40 };

/** The overlay with a level-II block large enough for 25 endpoints of up to 400 hosts. */
const base: Inventory = (() => {
  const r = loadTslcdCase();
  if (!r.ok || !r.inventory.tslcd) throw new Error("the TSLCD overlay does not load");
  const blocks = [{ prefix: "10.252.0.0/16", ipv6: "2001:db8:f200::/40", carrier: "CBĐTW", reference: "CV-2" }];
  return { ...r.inventory, tslcd: { ...r.inventory.tslcd, blocks } };
})();

const ranges = new Map<string, [bigint, bigint]>();
/** [first, last] of a prefix, computed by ip-address. */
function range(prefix: string): [bigint, bigint] {
  let r = ranges.get(prefix);
  if (!r) {
    const a = prefix.includes(":") ? new Address6(prefix) : new Address4(prefix);
    ranges.set(prefix, (r = [a.startAddress().bigInt(), a.endAddress().bigInt()]));
  }
  return r;
}
const inside = (inner: string, outer: string): boolean => {
  const [a, b] = range(inner);
  const [c, d] = range(outer);
  return inner.includes(":") === outer.includes(":") && c <= a && b <= d;
};
const overlap = (x: string, y: string): boolean => {
  if (x.includes(":") !== y.includes(":")) return false;
  const [a, b] = range(x);
  const [c, d] = range(y);
  return a <= d && c <= b;
};

const endpointArb = (n: number): fc.Arbitrary<TslcdEndpoint> =>
  fc.record({ hosts: fc.integer({ min: 1, max: 400 }), circuits: fc.integer({ min: 1, max: 2 }), agency: fc.constantFrom("STTTT", "UBND-XA-KH", "UBND-HUYEN-YK") }).map(({ hosts, circuits, agency }) => ({
    id: `e${n}`,
    agency,
    hosts,
    attachments: Array.from({ length: circuits }, (_, k) => ({
      vpn: "cap2",
      circuit: `P-${n}-${k}`,
      route: k === 0 ? "ring-a" : "ring-b",
      bandwidthMbps: 10,
      backup: k > 0,
      cpe: { model: "X", role: "router" as const, platform: "vendor" as const, routing: "bgp" as const },
    })),
  }));
/** Endpoints e0…e(n-1) with random sizes. */
const endpointsArb = fc.integer({ min: 1, max: 25 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => endpointArb(i))));

function allocate(endpoints: readonly TslcdEndpoint[], lock?: AddressLock) {
  const r = allocateAddressPlan({ ...base, tslcdEndpoints: [...endpoints] }, lock);
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join("\n"));
  return r;
}

describe("TSLCD address plan properties", () => {
  it("every LAN and link is dual-stack, inside the blocks, disjoint, and clear of the DC's space", () => {
    fc.assert(
      fc.property(endpointsArb, (endpoints) => {
        const { plan } = allocate(endpoints);
        const t = plan.tslcd!;
        const dc = plan.sites.flatMap((s) => [...s.ipv4Aggregates, ...s.ipv6Aggregates]);
        const all = [...t.lans.flatMap((l) => [l.ipv4, l.ipv6]), ...t.links.flatMap((l) => [l.ipv4, l.ipv6])];
        expect(t.lans).toHaveLength(endpoints.length);
        expect(t.links).toHaveLength(endpoints.reduce((n, e) => n + e.attachments.length, 0) + 8);
        // Violations are collected and compared once (one expect per run keeps the property fast).
        const bad: string[] = [];
        for (const p of all) {
          if (p === "") bad.push("an empty prefix");
          else if (![...t.blocks.ipv4, ...t.blocks.ipv6].some((b) => inside(p, b))) bad.push(`${p} outside the blocks`);
          for (const d of dc) if (p !== "" && overlap(p, d)) bad.push(`${p} overlaps the DC's ${d}`);
        }
        for (const fam of [false, true]) {
          const sorted = all.filter((p) => p.includes(":") === fam).sort((x, y) => (range(x)[0] < range(y)[0] ? -1 : 1));
          for (let i = 1; i < sorted.length; i++) if (range(sorted[i - 1])[1] >= range(sorted[i])[0]) bad.push(`${sorted[i - 1]} overlaps ${sorted[i]}`);
        }
        for (const l of t.lans) if (l.ipv4.includes(":") || !l.ipv6.includes(":")) bad.push(`LAN of ${l.endpoint} is not IPv4 + IPv6`);
        for (const l of t.links) {
          for (const f of ["ipv4", "ipv6"] as const) {
            const host = f === "ipv4" ? 32 : 128;
            if (!inside(`${l.pe[f]}/${host}`, l[f]) || !inside(`${l.ce[f]}/${host}`, l[f]) || l.pe[f] === l.ce[f]) bad.push(`link ${l.id} ${f}: PE ${l.pe[f]} and CE ${l.ce[f]} are not two addresses of ${l[f]}`);
          }
        }
        expect(bad).toEqual([]);
      }),
      RUNS,
    );
  });

  it("does not depend on the order endpoints and circuits are declared in", () => {
    fc.assert(
      fc.property(endpointsArb, fc.integer({ min: 1, max: 1000 }), (endpoints, seed) => {
        const mixed = [...endpoints].sort((a, b) => ((a.id.length * seed + a.hosts) % 7) - ((b.id.length * seed + b.hosts) % 7)).reverse().map((e) => ({ ...e, attachments: [...e.attachments].reverse() }));
        expect(allocate(mixed).plan.tslcd).toEqual(allocate(endpoints).plan.tslcd);
      }),
      RUNS,
    );
  });

  it("with the lock, inserting and removing endpoints moves no LAN or link that stays", () => {
    fc.assert(
      fc.property(endpointsArb, fc.array(fc.boolean(), { minLength: 25, maxLength: 25 }), fc.integer({ min: 0, max: 10 }), (endpoints, drop, added) => {
        const first = allocate(endpoints);
        const kept = endpoints.filter((_, i) => !drop[i]);
        const extra = Array.from({ length: added }, (_, k) => ({ ...endpoints[0], id: `new${k}`, hosts: 1 + ((k * 97) % 300), attachments: endpoints[0].attachments.map((a) => ({ ...a, circuit: `N-${k}-${a.circuit}` })) }));
        const second = allocate([...extra, ...kept], first.lock);
        const before = new Map(first.plan.tslcd!.lans.map((l) => [l.endpoint, l]));
        for (const l of second.plan.tslcd!.lans) {
          const old = before.get(l.endpoint);
          if (old) expect([l.ipv4, l.ipv6]).toEqual([old.ipv4, old.ipv6]);
        }
        const links = new Map(first.plan.tslcd!.links.map((l) => [l.id, l]));
        for (const l of second.plan.tslcd!.links) {
          const old = links.get(l.id);
          if (old) expect([l.ipv4, l.ipv6]).toEqual([old.ipv4, old.ipv6]);
        }
        // Nothing else of the site plans moved either.
        expect(second.plan.sites.map((s) => s.zones)).toEqual(first.plan.sites.map((s) => s.zones));
      }),
      RUNS,
    );
  });
});
