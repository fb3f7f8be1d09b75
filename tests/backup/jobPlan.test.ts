import * as path from "node:path";
import fc from "fast-check";
import type { Inventory } from "../../inventory/model";
import { loadInventory } from "../../inventory/loader";
import { syntheticProvince } from "../../inventory/synthetic/syntheticProvince";
import { datasetsOf } from "../../compilers/backup/datasets";
import { backupJobPlan, backupMethod, DUMP_TOOL, tierEngine, type BackupJob } from "../../compilers/backup/jobPlan";
import { backupCronJob, backupJobHost, clusterBackupCronJobs } from "../../compilers/kubernetes/backupCronJobs";
import { restrictedPodProblems, validateObjects } from "../../compilers/kubernetes/validate";
import type { KubeObject } from "../../compilers/kubernetes/types";

const ROOT = path.resolve(__dirname, "../..");
const IMAGE = `registry.example/backup-job:1@sha256:${"b".repeat(64)}`;

function bundled(name: string): Inventory {
  const r = loadInventory(path.join(ROOT, "inventory/provinces", name));
  if (!r.ok) throw new Error(name);
  return r.inventory;
}

/** Every CronJob of every cluster of a province, compiled the way the Kubernetes compiler does. */
function allCronJobs(inv: Inventory, jobs: readonly BackupJob[]): KubeObject[] {
  return inv.clusters.flatMap((c) => clusterBackupCronJobs(jobs, c.site, c.id, IMAGE));
}

const podSpec = (o: KubeObject): unknown => (o.spec as { jobTemplate: { spec: { template: { spec: unknown } } } }).jobTemplate.spec.template.spec;

describe("the backup job plan", () => {
  it("gives every dataset of a generated province exactly one job per copy of its policy, one of them the backup run", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 12 }), (sites, systems) => {
        const inv = syntheticProvince({ sites, systems });
        const jobs = backupJobPlan(inv, backupJobHost(inv));
        // Checked from the datasets and the policies' copies, not from the plan's own grouping.
        for (const d of datasetsOf(inv)) {
          const policy = inv.backupPolicies.find((b) => b.id === d.policy);
          const mine = jobs.filter((j) => j.dataset === d.id);
          expect(mine.map((j) => j.copy).sort()).toEqual((policy?.copies ?? []).map((c) => c.id).sort());
          if (policy) expect(mine.filter((j) => j.role === "backup")).toHaveLength(1);
          for (const j of mine.filter((x) => x.role === "copy")) expect(mine.some((b) => b.role === "backup" && b.copy === j.source)).toBe(true);
        }
        expect(new Set(jobs.map((j) => j.id)).size).toBe(jobs.length);
      }),
      { numRuns: 25 },
    );
  });

  it("keeps a job's identity when another system is added or removed", () => {
    const inv = syntheticProvince({ sites: 2, systems: 6 });
    const before = new Map(backupJobPlan(inv, backupJobHost(inv)).map((j) => [j.id, JSON.stringify(j)]));
    const fewer: Inventory = { ...inv, systems: inv.systems.slice(1) };
    for (const j of backupJobPlan(fewer, backupJobHost(fewer))) expect(JSON.stringify(j)).toBe(before.get(j.id));
  });

  it("gives the same plan whatever the order of each policy's copies (the backup run's copy is chosen by identity)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 6 }), fc.nat(), (sites, systems, seed) => {
        const inv = syntheticProvince({ sites, systems });
        const before = JSON.stringify(backupJobPlan(inv, backupJobHost(inv)));
        const rotated: Inventory = { ...inv, backupPolicies: inv.backupPolicies.map((b) => ({ ...b, copies: [...b.copies.slice(seed % b.copies.length), ...b.copies.slice(0, seed % b.copies.length)].reverse() })) };
        expect(JSON.stringify(backupJobPlan(rotated, backupJobHost(rotated)))).toBe(before);
      }),
      { numRuns: 25 },
    );
  });

  it("backs up databases with the engine's own dump tool, volumes with Cinder, namespaces with Velero, bare hosts with the agent", () => {
    expect(tierEngine({ engine: "postgresql", image: "rhel-9" })).toBe("postgresql");
    expect(tierEngine({ image: "mariadb-11-cis" })).toBe("mariadb");
    expect(tierEngine({ image: "oracle-linux-9.5-cis" })).toBeUndefined(); // an OS, not an engine
    expect(backupMethod("database", "postgresql")).toBe("database-dump");
    expect(backupMethod("database", undefined)).toBe("agent");
    expect(backupMethod("volumes", undefined)).toBe("cinder-backup");
    expect(backupMethod("namespace", undefined)).toBe("velero");
    expect(backupMethod("instance", undefined)).toBe("agent");
    const inv = bundled("ninh-an");
    const jobs = backupJobPlan(inv, backupJobHost(inv));
    const dumps = jobs.filter((j) => j.method === "database-dump");
    expect(new Set(dumps.map((j) => j.tool))).toEqual(new Set(["expdp", "pg_dump", "sqlcmd BACKUP DATABASE"]));
    for (const j of dumps) {
      const tier = inv.systems.find((s) => s.id === j.system)!.tiers.find((t) => t.name === j.tier)!;
      expect(j.tool).toBe(DUMP_TOOL[tier.engine!]);
    }
  });

  it("takes schedule, retention and target from the policy's copies, and drives the backup run from the site's first cluster", () => {
    const inv = bundled("ninh-an");
    const jobs = backupJobPlan(inv, backupJobHost(inv));
    for (const j of jobs) {
      const policy = inv.backupPolicies.find((b) => b.id === j.policy)!;
      const copy = policy.copies.find((c) => c.id === j.copy)!;
      expect([j.schedule, j.retentionDays, j.targetSite, j.targetDevice, j.media, j.immutable, j.encrypted]).toEqual([policy.schedule, policy.retentionDays, copy.site, copy.device, copy.media, copy.immutable, copy.encrypted]);
      if (j.role === "copy") expect(j.driver).toBe("appliance");
    }
    const firstAt = (site: string) => inv.clusters.filter((c) => c.site === site).map((c) => c.id).sort()[0];
    for (const j of jobs.filter((x) => x.driver.startsWith("cronjob "))) expect(j.driver.split(" ")[1].split("/")[1]).toBe(firstAt(j.site));
  });
});

describe("the backup CronJobs", () => {
  for (const name of ["ninh-an", "vinh-lam"]) {
    it(`${name}: one per backup run a cluster drives, valid and Pod Security restricted, credentials by Secret name only`, () => {
      const inv = bundled(name);
      const jobs = backupJobPlan(inv, backupJobHost(inv));
      const cron = allCronJobs(inv, jobs);
      const driven = jobs.filter((j) => j.role === "backup" && j.driver.startsWith("cronjob "));
      expect(cron).toHaveLength(driven.length);
      for (const c of inv.clusters) expect(validateObjects(clusterBackupCronJobs(jobs, c.site, c.id, IMAGE))).toEqual([]);
      for (const o of cron) {
        const text = JSON.stringify(o);
        expect(text).not.toMatch(/password|passwd|secretKey|privateKey|"token"/i);
        expect(o.metadata.namespace).toBe("velero");
        expect(restrictedPodProblems(podSpec(o), "spec")).toEqual([]);
      }
    });
  }

  it("meets Pod Security restricted on every generated pod spec of generated provinces", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 10 }), (sites, systems) => {
        const inv = syntheticProvince({ sites, systems });
        const jobs = backupJobPlan(inv, backupJobHost(inv));
        for (const c of inv.clusters) expect(validateObjects(clusterBackupCronJobs(jobs, c.site, c.id, IMAGE))).toEqual([]);
      }),
      { numRuns: 15 },
    );
  });

  it("is refused by the validation when a pod spec breaks restricted", () => {
    const inv = bundled("ninh-an");
    const job = backupJobPlan(inv, backupJobHost(inv)).find((j) => j.method === "cinder-backup" && j.role === "backup")!;
    const o = backupCronJob(job, IMAGE) as KubeObject & { spec: { jobTemplate: { spec: { template: { spec: { containers: Record<string, unknown>[]; securityContext: Record<string, unknown> } } } } } };
    const spec = o.spec.jobTemplate.spec.template.spec;
    spec.containers[0].securityContext = { ...(spec.containers[0].securityContext as object), allowPrivilegeEscalation: true, readOnlyRootFilesystem: false, runAsNonRoot: undefined };
    delete spec.securityContext.runAsNonRoot;
    const issues = validateObjects([o]).map((i) => `${i.path}: ${i.message}`);
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/containers\[0\]\.securityContext\.allowPrivilegeEscalation: Pod Security restricted: expected false/),
        expect.stringMatching(/containers\[0\]\.securityContext\.readOnlyRootFilesystem: Pod Security restricted: expected true/),
        expect.stringMatching(/containers\[0\]\.securityContext\.runAsNonRoot: Pod Security restricted/),
      ]),
    );
    expect(restrictedPodProblems({ hostNetwork: true, volumes: [{ name: "h", hostPath: { path: "/" } }], containers: [] }, "s").map((p) => p.path)).toEqual(["s.hostNetwork", "s.volumes[0].hostPath"]);
  });
});
