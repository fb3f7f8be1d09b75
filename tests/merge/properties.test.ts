/**
 * Properties of a merger over random pairs of synthetic provinces (inventory/synthetic): nothing of the
 * kept province moves, every stage is a valid province whose lock the allocator reproduces, the moved
 * sites land inside the kept province's space and off its aggregates, and no VLAN id collides on a joined
 * physnet. Checked by reading the results, independently of how the merger computed them.
 */
import fc from "fast-check";
import { overlaps, parsePrefix, contains, type Prefix } from "../../inventory/addressing/prefix";
import { crossFieldProblems } from "../../inventory/loader/rules";
import { mergeProvinces } from "../../inventory/merge/merge";
import { Inventory, vlanPhysnet } from "../../inventory/model";
import { syntheticProvince, type SyntheticSizes } from "../../inventory/synthetic/syntheticProvince";
import { memoryInput } from "./fixtures";

const sizes: fc.Arbitrary<SyntheticSizes> = fc.record({
  sites: fc.integer({ min: 1, max: 3 }),
  agencies: fc.integer({ min: 3, max: 40 }),
  vlans: fc.integer({ min: 4, max: 40 }),
  devices: fc.integer({ min: 7, max: 40 }),
  systems: fc.integer({ min: 1, max: 5 }),
});

const prefix = (t: string): Prefix => {
  const r = parsePrefix(t);
  if (!r.ok) throw new Error(t);
  return r.prefix;
};

describe("merging random pairs of provinces", () => {
  it("moves nothing of the kept province, and every stage is a valid province", () => {
    fc.assert(
      fc.property(sizes, sizes, fc.integer({ min: 0, max: 1 }), (a, b, keep) => {
        const inputs = [memoryInput("a", syntheticProvince(a)), memoryInput("b", syntheticProvince(b))];
        const kept = inputs[keep];
        const outcome = mergeProvinces(inputs, { keep, mergedOn: "2025-07-01", retireBy: "2027-06-30" });
        if (!outcome.ok) throw new Error(JSON.stringify(outcome.failure.problems));
        const { stages, plans } = outcome.result;
        const keptSites = new Set(kept.inventory.sites.map((s) => s.id));
        stages.forEach((stage, i) => {
          // Every kept allocation is pinned where it was.
          for (const [id, entry] of Object.entries(kept.lock.allocations)) expect(plans[i].lock.allocations[id]).toEqual(entry);
          // The kept sites and zones (VLAN ids included) are exactly as they were.
          expect(stage.inventory.sites.filter((s) => keptSites.has(s.id))).toEqual(kept.inventory.sites);
          expect(stage.inventory.zones.filter((z) => keptSites.has(z.site))).toEqual(kept.inventory.zones);
          // A valid province.
          const parsed = Inventory.safeParse(stage.inventory);
          expect(parsed.success).toBe(true);
          expect(crossFieldProblems(stage.inventory)).toEqual([]);
        });
        const first = stages[0].inventory;
        const space = kept.inventory.province.addressSpace!;
        const keptAggregates = kept.inventory.sites.flatMap((s) => [...s.aggregates.ipv4, ...s.aggregates.ipv6]).map(prefix);
        const keptVlans = new Set(first.zones.filter((z) => keptSites.has(z.site)).flatMap((z) => z.vlans.map((v) => `${vlanPhysnet(first.sites.find((s) => s.id === z.site)!, v)?.name}/${v.id}`)));
        for (const s of first.sites.filter((x) => !keptSites.has(x.id))) {
          for (const f of ["ipv4", "ipv6"] as const)
            for (const t of s.aggregates[f]) {
              const p = prefix(t);
              expect(space[f].map(prefix).some((sp) => contains(sp, p))).toBe(true);
              expect(keptAggregates.some((k) => overlaps(k, p))).toBe(false);
            }
          for (const z of first.zones.filter((x) => x.site === s.id)) for (const v of z.vlans) expect(keptVlans.has(`${vlanPhysnet(s, v)?.name}/${v.id}`)).toBe(false);
        }
      }),
      { numRuns: 25 },
    );
  });
});
