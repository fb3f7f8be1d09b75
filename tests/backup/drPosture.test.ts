import * as path from "node:path";
import type { Inventory } from "../../inventory/model";
import { loadInventory } from "../../inventory/loader";
import { judgeDrPosture } from "../../policies/dr/drPosture";
import { goodInventory } from "../policies/fixtures/goodProvince";

const ROOT = path.join(__dirname, "../..");

/** The good fixture's portal (level 3, at na-dc1, restored at na-dc2) after a change. */
function portal(change: (inv: Inventory) => void = () => undefined) {
  const inv = goodInventory();
  change(inv);
  return judgeDrPosture(inv, 0);
}

describe("DR posture per level-3 system, against its RPO and RTO", () => {
  it("every level-3 system of both bundled provinces has a posture that meets its objectives", () => {
    // Every posture is exercised by some bundled province: Vinh Lam's e-mail system replicates its storage.
    const postures: Record<string, string[]> = { "ninh-an": ["database-replication", "restore-from-backup"], "vinh-lam": ["database-replication", "restore-from-backup", "storage-replication"] };
    for (const name of ["ninh-an", "vinh-lam"]) {
      const r = loadInventory(path.join(ROOT, "inventory/provinces", name));
      if (!r.ok) throw new Error(name);
      const inv = r.inventory;
      const judged = inv.systems.map((s, i) => ({ s, j: judgeDrPosture(inv, i) })).filter(({ s }) => s.securityLevel >= 3);
      expect(judged.length).toBeGreaterThan(5);
      expect(judged.flatMap(({ j }) => j.findings.map((f) => `${j.system}: ${f.text}`))).toEqual([]);
      expect(new Set(judged.map(({ j }) => j.posture))).toEqual(new Set(postures[name]));
    }
  });

  it("restore from backup: passes with a copy at the recovery site, fails without one or past the RPO or RTO", () => {
    expect(portal()).toMatchObject({ posture: "restore-from-backup", site: "na-dc2", protects: ["na-dc1"], achievedRpoHours: 24, findings: [] });
    expect(portal((i) => (i.backupPolicies[0].copies = i.backupPolicies[0].copies.filter((c) => c.site !== "na-dc2"))).findings[0].text).toMatch(/keeps no copy at na-dc2 to restore from/);
    expect(portal((i) => (i.systems[0].recoveryPointHours = 4)).findings[0].text).toMatch(/loses up to 24 h of data; its recovery point objective is 4 h/);
    expect(portal((i) => (i.systems[0].recoveryTimeHours = 4)).findings[0].text).toMatch(/takes 8 h to recover at na-dc2; its recovery time objective is 4 h/);
  });

  it("storage replication: the interval of the pair covering the system's pools is its recovery point", () => {
    const replicated = (mode: "synchronous" | "asynchronous", intervalMinutes?: number) => (i: Inventory) => {
      i.storageArrays.push({ id: "arr-dr", site: "na-dc2", devices: ["storage-array-1", "storage-array-2"], pools: [] } as unknown as Inventory["storageArrays"][number]);
      i.storageReplication.push({ id: "rep", source: "arr-1", target: "arr-dr", mode, ...(intervalMinutes ? { intervalMinutes } : {}) });
      i.systems[0].disasterRecovery = { posture: "storage-replication", site: "na-dc2", recoveryHours: 2 };
    };
    expect(portal(replicated("synchronous"))).toMatchObject({ achievedRpoHours: 0, findings: [] });
    expect(portal(replicated("asynchronous", 30))).toMatchObject({ achievedRpoHours: 0.5, findings: [] });
    expect(portal(replicated("asynchronous", 60 * 48)).findings[0].text).toMatch(/loses up to 2 days of data/);
    expect(portal((i) => (i.systems[0].disasterRecovery = { posture: "storage-replication", site: "na-dc2", recoveryHours: 2 })).findings[0].text).toMatch(/pool ssd at na-dc1 is not replicated to na-dc2/);
  });

  it("database replication needs a database tier running at the recovery site and a declared lag", () => {
    const f = portal((i) => (i.systems[0].disasterRecovery = { posture: "database-replication", site: "na-dc2", replicationLagMinutes: 5, recoveryHours: 1 })).findings;
    expect(f[0].text).toMatch(/has no database tier to replicate/);
  });

  it("fails without a posture at level 3, at a retiring or the system's only site; lower levels need none", () => {
    expect(portal((i) => delete i.systems[0].disasterRecovery).findings[0].text).toMatch(/has no disaster-recovery posture/);
    expect(portal((i) => (i.sites[1].role = "retiring")).findings[0].text).toMatch(/a retiring site/);
    expect(portal((i) => (i.systems[0].sites = ["na-dc2"])).findings[0].text).toMatch(/runs only at na-dc2/);
    expect(judgeDrPosture(goodInventory(), 1).findings).toEqual([]);
  });
});
