/**
 * The compiler spreads control-plane nodes over the site's hypervisor zones: consecutive nodes never share
 * a zone, three nodes over two or more zones use at least two, and a node's zone depends only on its number
 * and the zones (adding or removing worker pools or other clusters moves none).
 */
import fc from "fast-check";
import { allocateAddressPlan } from "../../inventory/addressing";
import type { Inventory } from "../../inventory/model";
import { syntheticProvince } from "../../inventory/synthetic/syntheticProvince";
import { compileSite } from "../../compilers/site";
import { hypervisorZones, spreadZone } from "../../compilers/kubernetes/clusterNodes";

const zonesOfControlPlane = (inv: Inventory): Map<string, string | undefined> => {
  const r = allocateAddressPlan(inv);
  if (!r.ok) throw new Error("does not allocate");
  const out = new Map<string, string | undefined>();
  for (const sp of r.plan.sites)
    for (const c of compileSite(inv, sp, { province: r.plan }).clusters.clusters) for (const n of c.nodes) if (n.role === "control-plane") out.set(n.key, n.availabilityZone);
  return out;
};

describe("control-plane zones", () => {
  it("never gives consecutive nodes one zone, and three nodes at least two zones", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.stringMatching(/^[a-z]{1,4}$/), { minLength: 2, maxLength: 6 }), fc.integer({ min: 1, max: 4 }), (zones, n) => {
        const sorted = [...zones].sort();
        expect(spreadZone(sorted, n)).not.toBe(spreadZone(sorted, n + 1));
        expect(new Set([1, 2, 3].map((k) => spreadZone(sorted, k))).size).toBeGreaterThanOrEqual(2);
      }),
    );
  });

  it("gives every control-plane node of a generated province a zone of its site's hypervisors", () => {
    const inv = syntheticProvince({ sites: 2, systems: 3 });
    const zones = zonesOfControlPlane(inv);
    expect(zones.size).toBe(6);
    for (const [key, z] of zones) {
      const site = inv.clusters.find((c) => c.id === key.split("/")[1])!.site;
      expect(hypervisorZones(inv, site)).toContain(z);
    }
  });

  it("keeps every node's zone when worker pools are added or removed (insertion, removal)", () => {
    const base = syntheticProvince({ sites: 1, systems: 3 });
    const before = zonesOfControlPlane(base);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 }), (extra) => {
        const inv: Inventory = {
          ...base,
          clusters: base.clusters.map((c) => ({ ...c, nodePools: [...c.nodePools, ...Array.from({ length: extra }, (_, k) => ({ ...c.nodePools[0], name: `extra${k}` }))] })),
        };
        expect(zonesOfControlPlane(inv)).toEqual(before);
      }),
      { numRuns: 4 },
    );
  });
});
