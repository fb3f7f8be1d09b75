/**
 * DATA-06's backup-job paths (`policies/backup/jobPaths.ts`): on the bundled provinces every CronJob-driven backup
 * has a declared path the zone baseline allows; a generated province without a cloud-api tier gets one finding per
 * site for its Cinder backups, at the site's field; a cloud-api tier placed where the baseline forbids the cluster to
 * reach it gets a finding on the derived flow, at the tier's field.
 */
import * as path from "node:path";
import type { Inventory } from "../../inventory/model";
import { loadInventory } from "../../inventory/loader";
import { syntheticProvince } from "../../inventory/synthetic/syntheticProvince";
import { shippedBaseline } from "../../inventory/zoning/baseline";
import { judgeBackupJobPaths } from "../../policies/backup/jobPaths";
import { BUNDLED_AS_OF } from "../bundledAsOf";
import { withAppVolumes, withCloudApi } from "../backup/generatedBackups";

const ROOT = path.resolve(__dirname, "../..");

function bundled(name: string): Inventory {
  const r = loadInventory(path.join(ROOT, "inventory/provinces", name));
  if (!r.ok) throw new Error(name);
  return r.inventory;
}

/** A generated two-site province whose VM application tiers have volumes (Cinder backups driven by CronJobs). */
function generated(): Inventory {
  return withAppVolumes(syntheticProvince({ sites: 2, systems: 3 }));
}

describe("DATA-06: every backup job a CronJob drives has a path the zone baseline allows", () => {
  for (const province of ["ninh-an", "vinh-lam"]) {
    it(`finds nothing on ${province}, having examined its paths`, () => {
      const r = judgeBackupJobPaths(bundled(province), () => true, shippedBaseline(), BUNDLED_AS_OF);
      expect(r.findings).toEqual([]);
      expect(r.examined).toBeGreaterThan(0);
    });
  }

  it("reports a site's Cinder backups when the site has no cloud-api tier, only at the sites judged", () => {
    const inv = generated();
    const all = judgeBackupJobPaths(inv, () => true, shippedBaseline(), BUNDLED_AS_OF);
    expect(all.findings.map((f) => [f.subject, f.at])).toEqual([
      ["backup-job/dc1/cinder-backup", "sites.0"],
      ["backup-job/dc2/cinder-backup", "sites.1"],
    ]);
    expect(all.findings[0].text).toContain("no system hosted at dc1 has a tier of role cloud-api");
    const dc2 = judgeBackupJobPaths(inv, (site) => site === "dc2", shippedBaseline(), BUNDLED_AS_OF);
    expect(dc2.findings.map((f) => f.subject)).toEqual(["backup-job/dc2/cinder-backup"]);
    // Declared in the management zone, the path exists and the baseline allows it (the cloud-api role).
    expect(judgeBackupJobPaths(withCloudApi(inv, "mgmt"), () => true, shippedBaseline(), BUNDLED_AS_OF).findings).toEqual([]);
  });

  it("reports a derived path the baseline forbids: the cloud API on the out-of-band network", () => {
    const inv = withCloudApi(generated(), "oob");
    const r = judgeBackupJobPaths(inv, () => true, shippedBaseline(), BUNDLED_AS_OF);
    // One finding per site: each site's jobs take their own path.
    expect(r.findings.map((f) => [f.subject, f.at])).toEqual([
      ["flow/dc1/backup.cloud.api", "systems.3.tiers.0"],
      ["flow/dc2/backup.cloud.api", "systems.3.tiers.0"],
    ]);
    expect(r.findings[0].text).toMatch(/^backup flow "backup\.cloud\.api" \(zone app → cloud\/api, at dc1\) is forbidden by the level-3 zone baseline, entry "out-of-band-only-from-management"/);
    expect(r.findings[0].text).toContain("waive DATA-06 for subject flow/dc1/backup.cloud.api");
  });
});
