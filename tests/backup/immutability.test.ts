import * as path from "node:path";
import fc from "fast-check";
import type { Inventory } from "../../inventory/model";
import { loadInventory } from "../../inventory/loader";
import { syntheticProvince } from "../../inventory/synthetic/syntheticProvince";
import { judgeImmutableCopies } from "../../policies/backup/immutability";

const ROOT = path.resolve(__dirname, "../..");
const all = (inv: Inventory) => new Set(inv.backupPolicies.map((b) => b.id));

function bundled(name: string): Inventory {
  const r = loadInventory(path.join(ROOT, "inventory/provinces", name));
  if (!r.ok) throw new Error(name);
  return r.inventory;
}

describe("immutable copies only where the target can lock them (DATA-12)", () => {
  it.each(["ninh-an", "vinh-lam"])("holds on %s, whose every copy is declared immutable", (name) => {
    const inv = bundled(name);
    expect(inv.backupPolicies.every((b) => b.copies.every((c) => c.immutable))).toBe(true);
    expect(judgeImmutableCopies(inv, all(inv))).toEqual([]);
  });

  it("names the copy and the device when the device cannot lock, and every policy keeping a copy there", () => {
    const inv = bundled("vinh-lam");
    delete inv.devices.find((d) => d.name === "vl1-tape-01")!.immutability;
    const found = judgeImmutableCopies(inv, all(inv));
    const onTape = inv.backupPolicies.filter((b) => b.copies.some((c) => c.device === "vl1-tape-01" && c.immutable));
    expect(found.map((f) => `${f.policy}/${f.copy}`).sort()).toEqual(onTape.map((b) => `${b.id}/tape`).sort());
    for (const f of found) expect(f.text).toMatch(/^copy tape of backup policy \S+ is declared immutable, but device vl1-tape-01 \(tape-library, Quantum Scalar i3/);
    expect(found[0].at).toMatch(/^backupPolicies\.\d+\.copies\.2\.immutable$/);
    // A copy not declared immutable asks nothing of its device.
    for (const b of inv.backupPolicies) for (const c of b.copies) if (c.device === "vl1-tape-01") c.immutable = false;
    expect(judgeImmutableCopies(inv, all(inv))).toEqual([]);
  });

  it("judges only the policies in use where the run looks", () => {
    const inv = bundled("ninh-an");
    for (const d of inv.devices) delete d.immutability;
    expect(judgeImmutableCopies(inv, new Set())).toEqual([]);
    expect(judgeImmutableCopies(inv, new Set([inv.backupPolicies[0].id])).every((f) => f.policy === inv.backupPolicies[0].id)).toBe(true);
  });

  it("on generated provinces: holds, and a site's backup zone without object lock fails exactly the immutable copies kept in it", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 8 }), fc.nat(), (sites, systems, pick) => {
        const inv = syntheticProvince({ sites, systems });
        expect(judgeImmutableCopies(inv, all(inv))).toEqual([]);
        const zones = inv.zones.filter((z) => z.objectLock === true);
        const z = zones[pick % zones.length];
        z.objectLock = false;
        // Expected from the copies themselves: immutable, in that zone at that site.
        const expected = inv.backupPolicies.flatMap((b) => b.copies.filter((c) => c.immutable && c.zone === z.id && c.site === z.site).map((c) => `${b.id}/${c.id}`));
        expect(judgeImmutableCopies(inv, all(inv)).map((f) => `${f.policy}/${f.copy}`).sort()).toEqual(expected.sort());
      }),
      { numRuns: 30 },
    );
  });
});
