/**
 * The backup containers on the backup zone's own object-storage policy: compiled from the target zone's
 * `objectStoragePolicy`, wired by the BackupTargets component into each container, and judged by DATA-08's check
 * (`policies/backup/targetStoragePolicy.ts`) on what the component really created.
 */
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type { Inventory } from "../../inventory/model";
import { loadInventory } from "../../inventory/loader";
import { compileBackupTargets } from "../../compilers/backupTargets";
import { judgeTargetStoragePolicies } from "../../policies/backup/targetStoragePolicy";
import type { ResourceView } from "../../policies/lib/resourceView";

const ROOT = path.resolve(__dirname, "../..");

function bundled(name: string): Inventory {
  const r = loadInventory(path.join(ROOT, "inventory/provinces", name));
  if (!r.ok) throw new Error(name);
  return r.inventory;
}

/** The containers a BackupTargets creates for the targets, as the policy pack sees them (type, inputs). */
async function createdContainers(site: string, targets: ReturnType<typeof compileBackupTargets>): Promise<ResourceView[]> {
  const created: ResourceView[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource: (a) => {
        if (a.type === "openstack:objectstorage/container:Container") created.push({ urn: `urn:${a.name}`, type: a.type, name: a.name, props: a.inputs as Record<string, unknown>, dependencies: [] });
        return { id: a.name, state: a.inputs };
      },
      call: (a) => a.inputs,
    },
    "hatang",
    site,
    false,
  );
  const { BackupTargets } = await import("../../components/backup/backupTargets");
  const component = new BackupTargets(`${site}-backup`, { site, targets });
  // Every container's name resolves once the mock engine has registered it.
  await Promise.all(Object.values(component.containers).map((o) => new Promise((resolve) => o.apply(resolve))));
  return created;
}

describe("backup containers on the backup zone's storage policy", () => {
  it("compiles each target with its target zone's storage policy at the site, and none where the zone is elsewhere", () => {
    const na = bundled("ninh-an");
    for (const site of ["na-dc1", "na-dc2"]) {
      const targets = compileBackupTargets(na, site);
      expect(targets.length).toBeGreaterThan(0);
      for (const t of targets) expect([t.policy, t.storagePolicy, t.metadata["backup-policy"], t.metadata.site]).toEqual([t.policy, "backup", t.policy, site]);
    }
    // vl-dc3 has no backup zone: its containers get no storage policy (the check does not judge them).
    const vl = bundled("vinh-lam");
    expect(compileBackupTargets(vl, "vl-dc3").map((t) => t.storagePolicy)).toEqual(compileBackupTargets(vl, "vl-dc3").map(() => undefined));
  });

  it("creates every container in it, and DATA-08's check finds nothing on what was created; a target without it is refused", async () => {
    const inv = bundled("ninh-an");
    const targets = compileBackupTargets(inv, "na-dc1");
    const created = await createdContainers("na-dc1", targets);
    expect(created.map((c) => c.props.storagePolicy)).toEqual(targets.map(() => "backup"));
    const judged = judgeTargetStoragePolicies(inv, created, () => true);
    expect(judged).toEqual({ examined: targets.length, findings: [] });
    // Production's ring (no storage policy given): one finding per container, on the container.
    const stripped = created.map((c) => ({ ...c, props: { ...c.props, storagePolicy: undefined } }));
    const r = judgeTargetStoragePolicies(inv, stripped, () => true);
    expect(r.findings.map((f) => f.urn)).toEqual(created.map((c) => c.urn));
    expect(r.findings[0].text).toMatch(/is in storage policy \(default\), not the backup zone backup's backup$/);
    // Only the sites judged in this run.
    expect(judgeTargetStoragePolicies(inv, stripped, (site) => site === "na-dc2").findings).toEqual([]);
  });

  it("reports a backup zone that declares no storage policy once per zone, at its field", () => {
    const inv = bundled("ninh-an");
    const without: Inventory = { ...inv, zones: inv.zones.map((z) => (z.kind === "backup" ? { ...z, objectStoragePolicy: undefined } : z)) };
    const containers = compileBackupTargets(inv, "na-dc1").map((t): ResourceView => ({ urn: `urn:${t.container}`, type: "openstack:objectstorage/container:Container", name: t.container, props: { metadata: t.metadata }, dependencies: [] }));
    const r = judgeTargetStoragePolicies(without, containers, () => true);
    const zi = inv.zones.findIndex((z) => z.site === "na-dc1" && z.kind === "backup");
    expect(r.findings.map((f) => [f.subject, f.at])).toEqual([["zone/na-dc1/backup", `zones.${zi}`]]);
  });
});
