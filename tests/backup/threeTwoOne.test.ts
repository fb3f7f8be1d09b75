import * as path from "node:path";
import fc from "fast-check";
import { BackupMedia, deriveThreeTwoOne, SiteRole, siteRoleMap, type BackupCopy, type Inventory } from "../../inventory/model";
import { loadInventory } from "../../inventory/loader";
import { syntheticProvince } from "../../inventory/synthetic/syntheticProvince";

const ROOT = path.join(__dirname, "../..");

/** A bundled province, loaded as every stage loads it. */
function bundled(name: string): Inventory {
  const r = loadInventory(path.join(ROOT, "inventory/provinces", name));
  if (!r.ok) throw new Error(`${name} does not load`);
  return r.inventory;
}

/**
 * 3-2-1 written independently, straight from its wording: count the copies whose site is one of the province's,
 * collect their media, and look for one copy whose site is another existing site that is not retiring.
 */
function oracle(copies: readonly BackupCopy[], site: string, sites: readonly { id: string; role: SiteRole }[]): boolean {
  let count = 0;
  const media: Record<string, true> = {};
  let away = false;
  for (const c of copies) {
    let known: { id: string; role: SiteRole } | undefined;
    for (const s of sites) if (s.id === c.site) known = s;
    if (!known) continue;
    count += 1;
    media[c.media] = true;
    if (known.id !== site && known.role !== "retiring") away = true;
  }
  return count >= 3 && Object.keys(media).length >= 2 && away;
}

const copy = (id: string, site: string, media: BackupMedia): BackupCopy => ({ id, site, zone: "backup", media, immutable: true, encrypted: true });
const twoSites = siteRoleMap([{ id: "p", role: "primary" }, { id: "d", role: "dr" }, { id: "r", role: "retiring" }]);

describe("3-2-1 derived from where each copy is", () => {
  it("holds with three copies on two media, one at another site that exists", () => {
    const d = deriveThreeTwoOne({ copies: [copy("a", "p", "disk"), copy("b", "p", "tape"), copy("c", "d", "disk")] }, "p", twoSites);
    expect(d).toEqual({ copies: 3, media: ["disk", "tape"], offsite: ["c"], holds: true, missing: [] });
  });

  it("fails when every copy is at the protected site, whatever else the policy says", () => {
    const d = deriveThreeTwoOne({ copies: [copy("a", "p", "disk"), copy("b", "p", "tape"), copy("c", "p", "object")] }, "p", twoSites);
    expect(d.holds).toBe(false);
    expect(d.missing).toEqual(["no copy away from site p at a site that receives off-site copies"]);
  });

  it("does not count a copy at a site that does not exist, nor one at a retiring site as off-site", () => {
    const d = deriveThreeTwoOne({ copies: [copy("a", "p", "disk"), copy("b", "p", "tape"), copy("c", "ghost", "disk"), copy("e", "r", "disk")] }, "p", twoSites);
    expect(d).toMatchObject({ copies: 3, offsite: [], holds: false });
  });

  it("fails with one kind of media and with two copies", () => {
    expect(deriveThreeTwoOne({ copies: [copy("a", "p", "disk"), copy("b", "p", "disk"), copy("c", "d", "disk")] }, "p", twoSites).missing).toEqual(["1 kind(s) of media: disk (2 needed)"]);
    expect(deriveThreeTwoOne({ copies: [copy("a", "p", "disk"), copy("c", "d", "tape")] }, "p", twoSites).missing).toEqual(["2 copies at sites of the province (3 needed)"]);
  });

  it("holds for every system's data at every one of its sites in both bundled provinces", () => {
    for (const name of ["ninh-an", "vinh-lam"]) {
      const inv = bundled(name);
      const roles = siteRoleMap(inv.sites);
      for (const s of inv.systems) {
        const policy = inv.backupPolicies.find((b) => b.id === s.backupPolicy)!;
        for (const site of s.sites) expect({ system: s.id, site, ...deriveThreeTwoOne(policy, site, roles) }).toMatchObject({ holds: true });
      }
    }
  });

  it("holds on generated provinces of two or more sites and fails on a one-site one", () => {
    for (const sites of [2, 3, 5]) {
      const inv = syntheticProvince({ sites, systems: 3 });
      const roles = siteRoleMap(inv.sites);
      for (const s of inv.sites) expect(deriveThreeTwoOne(inv.backupPolicies[0], s.id, roles).holds).toBe(true);
    }
    const one = syntheticProvince({ sites: 1, systems: 1 });
    expect(deriveThreeTwoOne(one.backupPolicies[0], one.sites[0].id, siteRoleMap(one.sites)).holds).toBe(false);
  });

  const provinceSites = fc.uniqueArray(fc.record({ id: fc.constantFrom("a", "b", "c", "d", "e"), role: fc.constantFrom(...SiteRole.options) }), { selector: (s) => s.id, minLength: 1, maxLength: 4 });
  const copies = fc.array(fc.record({ site: fc.constantFrom("a", "b", "c", "d", "e", "zz"), media: fc.constantFrom(...BackupMedia.options) }), { maxLength: 7 });

  it("property: agrees with the rule as worded, for any sites, roles and copies", () => {
    fc.assert(
      fc.property(provinceSites, copies, fc.nat(), (sites, cs, pick) => {
        const site = sites[pick % sites.length].id;
        const list = cs.map((c, i) => copy(`c${i}`, c.site, c.media));
        expect(deriveThreeTwoOne({ copies: list }, site, siteRoleMap(sites)).holds).toBe(oracle(list, site, sites));
      }),
      { numRuns: 500 },
    );
  });

  it("property: adding a copy never breaks 3-2-1, removing the only off-site copy always does", () => {
    fc.assert(
      fc.property(provinceSites, copies, fc.nat(), fc.record({ site: fc.constantFrom("a", "b", "zz"), media: fc.constantFrom(...BackupMedia.options) }), (sites, cs, pick, extra) => {
        const site = sites[pick % sites.length].id;
        const roles = siteRoleMap(sites);
        const list = cs.map((c, i) => copy(`c${i}`, c.site, c.media));
        const before = deriveThreeTwoOne({ copies: list }, site, roles);
        if (before.holds) expect(deriveThreeTwoOne({ copies: [...list, copy("extra", extra.site, extra.media)] }, site, roles).holds).toBe(true);
        if (before.offsite.length === 1) expect(deriveThreeTwoOne({ copies: list.filter((c) => c.id !== before.offsite[0]) }, site, roles).holds).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
