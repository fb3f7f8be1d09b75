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
import { describeShortfall } from "../../inventory/merge/space";
import { Inventory, vlanPhysnet } from "../../inventory/model";
import { syntheticProvince } from "../../inventory/synthetic/syntheticProvince";
import { memoryInput, syntheticSizes } from "./fixtures";

const sizes = syntheticSizes({ sites: [1, 3], agencies: [3, 40], vlans: [4, 40], devices: [7, 40], systems: [1, 5] });

const prefix = (t: string): Prefix => {
  const r = parsePrefix(t);
  if (!r.ok) throw new Error(t);
  return r.prefix;
};

describe("merging random pairs of provinces", () => {
  it("moves nothing of the kept province, and every stage is a valid province", () => {
    fc.assert(
      // The kept province's space: the generator's (its sites in the middle), or one that starts at its first site.
      fc.property(sizes, sizes, fc.integer({ min: 0, max: 1 }), fc.boolean(), (a, b, keep, tight) => {
        const provinces = [syntheticProvince(a), syntheticProvince(b)];
        if (tight) provinces[keep].province.addressSpace = { ipv4: ["10.16.0.0/12", "10.32.0.0/12"], ipv6: ["2001:db8::/32"] };
        const inputs = [memoryInput("a", provinces[0]), memoryInput("b", provinces[1])];
        const kept = inputs[keep];
        const outcome = mergeProvinces(inputs, { keep, mergedOn: "2025-07-01", retireBy: "2027-06-30" });
        if (!outcome.ok) throw new Error([...outcome.failure.problems, ...outcome.failure.shortfalls.map(describeShortfall)].join("\n"));
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
        // No overlap after renumbering, in the merged plan: the top-level blocks of every site (zone blocks,
        // infrastructure, cluster ranges) are disjoint from those of every other site, and a moved site's are
        // also disjoint from every carrier (TSLCD) and public prefix; every subnet lies in its zone's block.
        // Checked pair by pair, not through the allocator. (A kept site's IPv6 public prefix may be its own
        // aggregate; carrier and public prefixes are assigned from outside and never renumbered.)
        const blocks = plans[0].plan.sites.flatMap((p) => {
          const own = (what: string, t: string, outside = false) => ({ site: p.site, what: `${p.site} ${what}`, p: prefix(t), outside });
          return [
            ...p.zones.flatMap((z) => [z.ipv4, z.ipv6].map((t) => own(`zone ${z.zone}`, t))),
            ...(p.infrastructure ? [p.infrastructure.ipv4, p.infrastructure.ipv6].map((t) => own("infrastructure", t)) : []),
            ...p.clusters.flatMap((c) => [c.pods.ipv4, c.pods.ipv6, c.services.ipv4, c.services.ipv6].map((t) => own(`cluster ${c.cluster}`, t))),
            ...p.tslcd.map((t) => own("tslcd", t.prefix, true)),
            ...[...(p.publicPrefixes?.ipv4 ?? []), ...(p.publicPrefixes?.ipv6 ?? [])].map((t) => own("public", t, true)),
          ];
        });
        for (let i = 0; i < blocks.length; i++)
          for (let j = i + 1; j < blocks.length; j++) {
            const [x, y] = [blocks[i], blocks[j]];
            if (x.p.family !== y.p.family || (x.outside && y.outside)) continue;
            const movedBlock = (!x.outside && !keptSites.has(x.site)) || (!y.outside && !keptSites.has(y.site));
            if (x.site === y.site && !movedBlock) continue;
            if (x.site !== y.site && (x.outside || y.outside) && !movedBlock) continue;
            expect(`${x.what} ${y.what} ${overlaps(x.p, y.p)}`).toBe(`${x.what} ${y.what} false`);
          }
        for (const p of plans[0].plan.sites)
          for (const sn of p.subnets) {
            const zone = p.zones.find((z) => z.zone === sn.zone)!;
            expect([contains(prefix(zone.ipv4), prefix(sn.ipv4.prefix)), contains(prefix(zone.ipv6), prefix(sn.ipv6.prefix))]).toEqual([true, true]);
          }
      }),
      { numRuns: 25 },
    );
  });
});
