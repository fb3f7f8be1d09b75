/**
 * The proof's Internet is the complement of the province's space: no host the proof stands for the Internet
 * lies inside any prefix the address plan gives a site (aggregates, zone blocks, VLAN subnets, TSLCD,
 * cluster ranges, public prefixes), in either family, on the bundled provinces and on generated ones. The
 * check walks the plan on its own with the inventory's address parser (not the proof's range arithmetic),
 * on plans compiled from the provinces (their rules are what cut the Internet into the hosts the proof takes).
 */
import fc from "fast-check";
import { parseAddress } from "../../inventory/addressing/address";
import type { AddressPlan } from "../../inventory/addressing/types";
import type { Inventory } from "../../inventory/model";
import { loadProvince } from "../../inventory/province/loadProvince";
import { syntheticProvince } from "../../inventory/synthetic/syntheticProvince";
import { siteModel } from "../../reachability/siteProof";
import { allocate, compiledPlan } from "./compiledPlan";
import { BUNDLED_AS_OF } from "../bundledAsOf";

/** Every prefix of every site, as [family, first, last]. */
function planPrefixes(plan: AddressPlan): Array<[string, bigint, bigint]> {
  const texts = plan.sites.flatMap((s) => [
    ...s.ipv4Aggregates,
    ...s.ipv6Aggregates,
    ...s.zones.flatMap((z) => [z.ipv4, z.ipv6]),
    ...s.subnets.flatMap((n) => [n.ipv4.prefix, n.ipv6.prefix]),
    ...s.tslcd.map((t) => t.prefix),
    ...s.clusters.flatMap((c) => [c.pods.ipv4, c.pods.ipv6, c.services.ipv4, c.services.ipv6]),
    ...(s.publicPrefixes ? [...s.publicPrefixes.ipv4, ...s.publicPrefixes.ipv6] : []),
  ]);
  return texts.map((t) => {
    const [addr, len] = t.split("/");
    const a = parseAddress(addr);
    if (!a) throw new Error(`unparsable prefix ${t}`);
    const bits = a.family === "ipv4" ? 32 : 128;
    const size = 1n << BigInt(bits - Number(len));
    const first = (a.value / size) * size;
    return [a.family, first, first + size - 1n];
  });
}

/** Internet hosts of every site that lie inside the province's space (should be none), and how many were checked per family. */
function internetInsideProvince(inventory: Inventory, addressPlan: AddressPlan): { inside: string[]; checked: Record<string, number> } {
  const prefixes = planPrefixes(addressPlan);
  const inside: string[] = [];
  const checked: Record<string, number> = { ipv4: 0, ipv6: 0 };
  for (const s of addressPlan.sites) {
    // The compiled plan's rules cut the address space: the proof takes one Internet host per piece.
    const { plan } = compiledPlan(inventory, addressPlan, s.site);
    const internet = siteModel(inventory, addressPlan, s.site, plan).endpoints.filter((e) => e.kind === "internet");
    for (const h of internet.flatMap((e) => e.hosts)) {
      for (const text of Object.values(h.address)) {
        const a = parseAddress(text);
        if (!a) throw new Error(`unparsable host address ${text}`);
        checked[a.family]++;
        if (prefixes.some(([f, lo, hi]) => f === a.family && lo <= a.value && a.value <= hi)) inside.push(`${s.site}: ${text}`);
      }
    }
  }
  return { inside, checked };
}

describe("the proof's Internet", () => {
  it.each(["ninh-an", "vinh-lam"])("holds no address of %s", (name) => {
    const loaded = loadProvince(`inventory/provinces/${name}`, { asOf: BUNDLED_AS_OF });
    if (!loaded.ok) throw new Error(`${name} does not load`);
    const r = internetInsideProvince(loaded.province.inventory, loaded.province.addressPlan);
    expect(r.inside).toEqual([]);
    expect(r.checked["ipv4"]).toBeGreaterThan(0);
    expect(r.checked["ipv6"]).toBeGreaterThan(0);
  });

  it("holds no address of a generated province (any sizes and site counts)", () => {
    fc.assert(
      fc.property(fc.record({ sites: fc.integer({ min: 1, max: 3 }), agencies: fc.integer({ min: 2, max: 20 }), vlans: fc.integer({ min: 4, max: 30 }), systems: fc.integer({ min: 1, max: 8 }) }), (sizes) => {
        const inventory = syntheticProvince({ ...sizes, devices: 6 });
        const r = internetInsideProvince(inventory, allocate(inventory));
        expect(r.inside).toEqual([]);
        expect(r.checked["ipv4"]).toBeGreaterThan(0);
      }),
      { numRuns: 8 },
    );
  });
});
