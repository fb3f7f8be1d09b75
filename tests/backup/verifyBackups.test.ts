import * as path from "node:path";
import type { Inventory } from "../../inventory/model";
import { loadInventory } from "../../inventory/loader";
import { syntheticProvince } from "../../inventory/synthetic/syntheticProvince";
import { datasetsOf } from "../../compilers/backup/datasets";
import { judgeRestoreTests } from "../../policies/backup/restoreTests";
import { backupContext, verifyDataset, type BackupRule } from "../../policies/backup/verifyBackups";
import type { EvidenceRegister } from "../../policies/lib/evidence";
import { goodInventory } from "../policies/fixtures/goodProvince";

const ROOT = path.join(__dirname, "../..");
const PARAMS = { minRetentionDays: 30 };

/** Every rule broken by every dataset, as `rule dataset`. */
function broken(inv: Inventory): string[] {
  const ctx = backupContext(inv, PARAMS);
  return datasetsOf(inv).flatMap((d) => verifyDataset(ctx, d).map((f) => `${f.rule} ${f.dataset}`));
}

/** The good fixture with one change. */
function mutated(change: (inv: Inventory) => void): Inventory {
  const inv = goodInventory();
  change(inv);
  return inv;
}

const rulesOf = (inv: Inventory): Set<BackupRule> => new Set(broken(inv).map((x) => x.split(" ")[0] as BackupRule));

describe("backups verified per dataset", () => {
  it("passes on the good fixture, on both bundled provinces and on generated provinces of two sites or more", () => {
    expect(broken(goodInventory())).toEqual([]);
    for (const name of ["ninh-an", "vinh-lam"]) {
      const r = loadInventory(path.join(ROOT, "inventory/provinces", name));
      if (!r.ok) throw new Error(name);
      expect(datasetsOf(r.inventory).length).toBeGreaterThan(10);
      expect(broken(r.inventory)).toEqual([]);
    }
    expect(broken(syntheticProvince({ sites: 3, systems: 6 }))).toEqual([]);
  });

  it("3-2-1: fails when no copy is away from the data's site", () => {
    const inv = mutated((i) => (i.backupPolicies[0].copies[2].site = "na-dc1"));
    expect(broken(inv)).toEqual(expect.arrayContaining(["3-2-1 portal/na-dc1/web"]));
    expect(rulesOf(inv)).toEqual(new Set(["3-2-1"]));
  });

  it("separation: fails when a copy sits in the zone it protects, or the jobs write into it", () => {
    const inv = mutated((i) => (i.backupPolicies[0].copies[1].zone = "dmz"));
    expect(broken(inv)).toEqual(["separation portal/na-dc1/web"]);
    const target = mutated((i) => (i.backupPolicies[0].targetZone = "app"));
    expect(broken(target)).toEqual(["separation lgsp/na-dc1/gateway"]);
  });

  it("recovery point: fails when the schedule's worst gap exceeds the RPO, or a level-3 system declares none", () => {
    const weekly = mutated((i) => (i.backupPolicies[0].schedule = "0 1 * * 0"));
    expect(broken(weekly)).toEqual(["recovery-point portal/na-dc1/web"]);
    const none = mutated((i) => delete i.systems[0].recoveryPointHours);
    expect(broken(none)).toEqual(["recovery-point portal/na-dc1/web"]);
  });

  it("retention: fails below the floor, and when backups expire before the next run", () => {
    expect(rulesOf(mutated((i) => (i.backupPolicies[0].retentionDays = 7)))).toEqual(new Set(["retention"]));
    const monthly = mutated((i) => {
      i.backupPolicies[0].schedule = "0 1 1 * *";
      i.backupPolicies[0].retentionDays = 30;
      delete i.systems[0].recoveryPointHours;
      i.systems[0].securityLevel = 2;
    });
    expect(broken(monthly)).toEqual(["retention portal/na-dc1/web", "retention lgsp/na-dc1/gateway", "retention siem/na-dc1/collector"]);
  });

  it("encryption: fails for non-public data with an unencrypted copy, passes for public data", () => {
    const inv = mutated((i) => (i.backupPolicies[0].copies[0].encrypted = false));
    expect(rulesOf(inv)).toEqual(new Set(["encryption"]));
    const pub = mutated((i) => {
      i.backupPolicies[0].copies[0].encrypted = false;
      for (const s of i.systems) s.dataClass = "public";
    });
    expect(broken(pub)).toEqual([]);
  });
});

describe("restore tests on each policy's own interval", () => {
  const SHA = "0".repeat(64);
  const reg = (date: string, policy = "daily"): EvidenceRegister => ({ evidence: [{ control: "DATA-10", reference: "BB-01", date, approver: "A", sha256: SHA, backupPolicy: policy }], notApplicable: [] });
  const inv = goodInventory(); // restoreTestDays: 90

  it("passes within the interval and fails after it, whatever a fixed period would say", () => {
    expect(judgeRestoreTests(inv, new Set(["daily"]), reg("2026-08-01"), "2026-10-15")).toEqual([]);
    expect(judgeRestoreTests(inv, new Set(["daily"]), reg("2026-07-01"), "2026-10-15").map((f) => f.text)).toEqual([
      "the last restore test of backup policy daily (BB-01, 2026-07-01) is 106 days old; the policy asks one every 90 days; fix: run a restore test and record it",
    ]);
  });

  it("fails without a test of that policy, ignores tests dated after the evaluation date, and asks for an interval", () => {
    expect(judgeRestoreTests(inv, new Set(["daily"]), reg("2026-10-01", "weekly"), "2026-10-15")).toHaveLength(1);
    expect(judgeRestoreTests(inv, new Set(["daily"]), reg("2026-11-01"), "2026-10-15")).toHaveLength(1);
    const noInterval = goodInventory();
    delete noInterval.backupPolicies[0].restoreTestDays;
    expect(judgeRestoreTests(noInterval, new Set(["daily"]), reg("2026-10-01"), "2026-10-15")[0].text).toMatch(/sets no restore-test interval/);
    expect(judgeRestoreTests(inv, new Set(), reg("2020-01-01"), "2026-10-15")).toEqual([]);
  });
});
