import fc from "fast-check";
import { loadSources } from "../../inventory/loader";
import { resolveSizes, syntheticProvince, syntheticProvinceFiles } from "../../inventory/synthetic/syntheticProvince";

describe("syntheticProvince", () => {
  it("gives a valid province of the sizes asked, through YAML", () => {
    const sizes = { sites: 2, agencies: 40, vlans: 60, devices: 50, systems: 4 };
    const r = loadSources(syntheticProvinceFiles(sizes));
    if (!r.ok) throw new Error(JSON.stringify(r.problems.slice(0, 3)));
    const inv = r.inventory;
    expect(inv.agencies).toHaveLength(40);
    expect(inv.zones.reduce((n, z) => n + z.vlans.length, 0)).toBe(60);
    expect(inv.devices).toHaveLength(50);
    expect(inv.systems).toHaveLength(4);
    expect(inv.sites.map((s) => s.role)).toEqual(["primary", "dr"]);
  });

  it("is valid and deterministic for any sizes (floors applied)", () => {
    fc.assert(
      fc.property(
        fc.record({ sites: fc.integer({ min: 0, max: 4 }), agencies: fc.integer({ min: 0, max: 60 }), vlans: fc.integer({ min: 0, max: 120 }), devices: fc.integer({ min: 0, max: 80 }), systems: fc.integer({ min: 0, max: 6 }) }),
        (sizes) => {
          const files = syntheticProvinceFiles(sizes);
          expect(syntheticProvinceFiles(sizes)).toEqual(files);
          const r = loadSources(files);
          if (!r.ok) throw new Error(JSON.stringify(r.problems.slice(0, 3)));
          const n = resolveSizes(sizes);
          expect(r.inventory.devices).toHaveLength(n.devices);
          expect(r.inventory.zones.reduce((k, z) => k + z.vlans.length, 0)).toBe(n.vlans);
        },
      ),
      { numRuns: 25 },
    );
  });

  it("adds physnets when one VLAN range is not enough", () => {
    const inv = syntheticProvince({ sites: 1, vlans: 4000 });
    expect(inv.sites[0].physnets.map((p) => p.name)).toEqual(["physnet1", "physnet2"]);
    expect(loadSources(syntheticProvinceFiles({ sites: 1, vlans: 4000 })).ok).toBe(true);
  });
});
