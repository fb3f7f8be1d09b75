/**
 * The backup job plan's flows: declared from the plan (exact on a bundled province), with precise problems when a
 * dump's port has no service; and on real and generated provinces every dump CronJob's path is open end to end,
 * judged by the brute-force oracle of the reachability tests reading the compiled plan on its own: the backup
 * namespace's NetworkPolicies let the job's pod out to the database on the engine's port, and from the cluster's
 * nodes the security groups and zone rule bases let it in (and nothing else on the database opens for them).
 */
import * as path from "node:path";
import fc from "fast-check";
import type { Inventory } from "../../inventory/model";
import { loadInventory } from "../../inventory/loader";
import { syntheticProvince } from "../../inventory/synthetic/syntheticProvince";
import { backupFlowsAsDeclared, backupJobFlows, provinceBackupFlows, type BackupFlow } from "../../compilers/backup/jobFlows";
import { backupJobPlan } from "../../compilers/backup/jobPlan";
import { backupJobHost } from "../../compilers/kubernetes/backupCronJobs";
import { withAppVolumes, withCloudApi } from "./generatedBackups";
import { checkFlowZoning } from "../../inventory/zoning/checkFlows";
import { shippedBaseline } from "../../inventory/zoning/baseline";
import type { AddressPlan } from "../../inventory/addressing/types";
import type { KubeObject } from "../../compilers/kubernetes/types";
import { siteModel } from "../../reachability/siteProof";
import type { Endpoint } from "../../reachability/endpointTypes";
import { allocate, compiledPlan } from "../reachability/compiledPlan";
import { oracle, type Fam, type SHost } from "../reachability/oracle";
import { scenarioOfPlan } from "../reachability/oracleFromPlan";
import { withRuleBases } from "../reachability/ruleBaseBuilder";

const ROOT = path.resolve(__dirname, "../..");
const IMAGE = `registry.example/backup-job:1@sha256:${"b".repeat(64)}`;
/** The engines' ports, written here apart from the compiler's table. */
const PORT: Record<string, number> = { postgresql: 5432, mysql: 3306, mariadb: 3306, oracle: 1521, sqlserver: 1433, mongodb: 27017 };

function bundled(name: string): Inventory {
  const r = loadInventory(path.join(ROOT, "inventory/provinces", name));
  if (!r.ok) throw new Error(name);
  return r.inventory;
}

/** A generated province whose database tiers declare an engine (the generator's are left to the agent). */
function withEngines(inv: Inventory): Inventory {
  return { ...inv, systems: inv.systems.map((s) => ({ ...s, tiers: s.tiers.map((t) => (t.name === "db" ? { ...t, role: "database" as const, engine: "postgresql" as const } : t)) })) };
}

/** An endpoint of the proof's model as the oracle's host (its first address of each family). */
function hostOf(e: Endpoint): SHost {
  const h = e.hosts.find((x) => x.address.ipv4 !== undefined) ?? e.hosts[0];
  return {
    id: e.id,
    v4: h.address.ipv4 ?? "",
    v6: e.hosts.find((x) => x.address.ipv6 !== undefined)?.address.ipv6 ?? "",
    zone: h.location.zone,
    vlan: h.location.vlan,
    groups: h.port?.groupIds,
  };
}

interface PodOfJob {
  system: string;
  tier: string;
  labels: Record<string, string>;
  method: string;
}

/** The CronJobs of a site's clusters, read from their objects. */
function cronJobs(kube: Record<string, KubeObject[]>): PodOfJob[] {
  return Object.values(kube)
    .flat()
    .filter((o) => o.kind === "CronJob")
    .map((o) => {
      const spec = o.spec as { jobTemplate: { spec: { template: { metadata: { labels: Record<string, string> }; spec: { containers: Array<{ args: string[] }> } } } } };
      const t = spec.jobTemplate.spec.template;
      return { system: t.metadata.labels["hatang.vn/system"], tier: t.metadata.labels["hatang.vn/tier"], labels: t.metadata.labels, method: t.spec.containers[0].args[0] };
    });
}

/** The cloud's API ports a Cinder backup calls (Keystone, Cinder), written here apart from the compiler's table. */
const CLOUD_PORTS = [5000, 8776];

/**
 * Every way a site's CronJob-driven backups fail to get through, as text (empty: all open): each dump to its
 * database on the engine's port, each Cinder backup to the site's cloud API on the identity and block-storage
 * ports.
 * @param inventory the inventory
 * @param addressPlan its address plan
 * @param site the site
 */
function closedPaths(inventory: Inventory, addressPlan: AddressPlan, site: string): { closed: string[]; checked: number; methods: Set<string> } {
  // The compiler's own zone rule bases (not the proof tests' hand-built ones).
  const built = compiledPlan(inventory, addressPlan, site, { backupJobImage: IMAGE, ruleBases: false });
  const { kube } = built;
  const plan = withRuleBases(built.plan, built.compiled.ruleBases);
  const m = siteModel(inventory, addressPlan, site, plan);
  const zones = inventory.zones.filter((z) => z.site === site).map((z) => ({ id: z.id, kind: z.kind, enforcer: z.enforcedBy, virtualFirewall: z.virtualFirewall }));
  const scenario = scenarioOfPlan(plan, zones, []);
  const flows = provinceBackupFlows(inventory).flows.filter((f) => f.site === site);
  const closed: string[] = [];
  const methods = new Set<string>();
  const nodePathsChecked = new Set<string>();
  let checked = 0;
  for (const job of cronJobs(kube)) {
    const cinder = job.method === "cinder-backup";
    const flow = cinder ? flows.find((f) => f.method === "cinder-backup") : flows.find((f) => f.name === `backup.${job.system}.${job.tier}`);
    if (!flow) {
      closed.push(`${job.method} ${job.system}/${job.tier}: no flow`);
      continue;
    }
    methods.add(job.method);
    const tier = inventory.systems.find((s) => s.id === job.system)?.tiers.find((t) => t.name === job.tier);
    const ports = cinder ? CLOUD_PORTS : [PORT[tier?.engine ?? ""]].filter((p): p is number => p !== undefined);
    const dest = m.endpoints.find((e) => e.id === `tier:${flow.system}/${flow.tier}`);
    const nodes = m.endpoints.filter((e) => e.kind === "node" && e.cluster === flow.cluster);
    if (!dest || nodes.length === 0 || ports.length === 0) {
      closed.push(`${job.method} ${job.system}/${job.tier}: no destination endpoint, node or port`);
      continue;
    }
    const destHost = hostOf(dest);
    for (const family of ["ipv4", "ipv6"] as Fam[]) {
      for (const port of ports) {
        // The job's pod leaving its namespace (judged on the NetworkPolicy layer alone: the destination as bare addresses).
        const pod: SHost = { id: "job", v4: "10.255.0.1", v6: "fd00::1", pod: { namespace: "velero", labels: job.labels, ports: [] } };
        const out = oracle(scenario, pod, { id: "dest", v4: destHost.v4, v6: destHost.v6 }, { family, proto: "tcp", port });
        if (!out.allowed) closed.push(`${family} ${job.system}/${job.tier}: the backup namespace does not let the ${job.method} job out on tcp/${port}`);
        // Then from each node of the cluster (the pod's connection leaves with its node's address), once per path.
        if (nodePathsChecked.has(`${family} ${dest.id} ${port}`)) continue;
        nodePathsChecked.add(`${family} ${dest.id} ${port}`);
        for (const n of nodes) {
          const o = oracle(scenario, hostOf(n), destHost, { family, proto: "tcp", port });
          if (!o.allowed) closed.push(`${family} ${n.id} -> ${dest.id} tcp/${port}: ${o.layers.filter((l) => !l.allowed).map((l) => l.layer).join(", ")}`);
          // Nothing else is opened for the job: SSH from a node to the destination stays closed.
          if (oracle(scenario, hostOf(n), destHost, { family, proto: "tcp", port: 22 }).allowed) closed.push(`${family} ${n.id} -> ${dest.id} tcp/22 is open`);
          checked++;
        }
      }
    }
  }
  return { closed, checked, methods };
}

describe("the backup job plan's flows", () => {
  it("declares exactly one flow per dump a CronJob runs, named from identities, on vinh-lam", () => {
    const r = provinceBackupFlows(bundled("vinh-lam"));
    expect(r.problems).toEqual([]);
    expect(r.flows.map((f) => [f.site, f.name, f.method, f.cluster, f.clusterZone, f.system, f.tier, f.zone, f.services.join(",")])).toEqual([
      ["vl-dc1", "backup.cong-ttdt.db", "database-dump", "vl1-k8s", "app", "cong-ttdt", "db", "data", "postgres"],
      ["vl-dc1", "backup.dvc-motcua.db", "database-dump", "vl1-k8s", "app", "dvc-motcua", "db", "data", "postgres"],
      ["vl-dc1", "backup.infra-services.cloud-api", "cinder-backup", "vl1-k8s", "app", "infra-services", "cloud-api", "mgmt", "cinder,keystone"],
      ["vl-dc1", "backup.lgsp.db", "database-dump", "vl1-k8s", "app", "lgsp", "db", "data", "postgres"],
      ["vl-dc1", "backup.qlts.db", "database-dump", "vl1-k8s", "app", "qlts", "db", "data", "mssql"],
    ]);
    expect(r.flows.find((f) => f.name === "backup.lgsp.db")?.jobs).toEqual(["lgsp/vl-dc1/db/appliance"]);
  });

  it("declares one flow per site for its Cinder backups, to the site's cloud-api tier on the identity and block-storage ports, on ninh-an", () => {
    const inv = bundled("ninh-an");
    const r = provinceBackupFlows(inv);
    expect(r.problems).toEqual([]);
    const cinder = r.flows.filter((f) => f.method === "cinder-backup");
    expect(cinder.map((f) => [f.site, f.name, f.cluster, f.clusterZone, f.system, f.tier, f.zone, f.services.join(",")])).toEqual([
      ["na-dc1", "backup.infra-services.cloud-api", "na1-k8s", "internal-server", "infra-services", "cloud-api", "management", "cinder,keystone"],
      ["na-dc2", "backup.infra-services.cloud-api", "na2-k8s", "internal-server", "infra-services", "cloud-api", "management", "cinder,keystone"],
    ]);
    // Every Cinder backup a CronJob drives at the site, and nothing else.
    const jobs = backupJobPlan(inv, backupJobHost(inv)).filter((j) => j.method === "cinder-backup" && j.role === "backup");
    for (const f of cinder) expect(f.jobs).toEqual(jobs.filter((j) => j.site === f.site).map((j) => j.id).sort());
    expect(cinder.reduce((n, f) => n + f.jobs.length, 0)).toBe(jobs.length);
  });

  it("reports, instead of inventing, a dump whose engine's port no service names, and a dump on an external cluster", () => {
    const inv = withEngines(syntheticProvince({ sites: 1, systems: 3 }));
    const mongo: Inventory = { ...inv, systems: inv.systems.map((s, i) => (i === 0 ? { ...s, tiers: s.tiers.map((t) => (t.name === "db" ? { ...t, engine: "mongodb" as const } : t)) } : s)) };
    const r = provinceBackupFlows(mongo);
    expect(r.flows.map((f) => f.name)).toEqual(["backup.sys-2.db", "backup.sys-3.db"]);
    expect(r.problems).toEqual([
      expect.objectContaining({ job: expect.stringMatching(/^sys-1\/.*\/db\//), path: "systems.0.tiers.2", message: expect.stringContaining("(mongodb) connects on tcp/27017, and no service has that port") }),
    ]);
    const external: Inventory = { ...inv, clusters: inv.clusters.map((c) => ({ ...c, external: true })) };
    const e = provinceBackupFlows(external);
    expect(e.flows).toEqual([]);
    expect(e.problems.map((p) => p.message)).toEqual(inv.systems.map((s) => expect.stringContaining(`the dump of ${s.id}/db runs on cluster`)));
  });

  it("reports, instead of inventing, Cinder backups at a site without a cloud-api tier or without the cloud's services", () => {
    const bare = withAppVolumes(withEngines(syntheticProvince({ sites: 2, systems: 3 })));
    const r = provinceBackupFlows(bare);
    expect(r.flows.filter((f) => f.method === "cinder-backup")).toEqual([]);
    expect(r.problems).toEqual(
      ["dc1", "dc2"].map((site, i) => ({
        job: `${site}/cinder-backup`,
        cluster: `${site}/${site}-k8s`,
        path: `sites.${i}`,
        message: `the Cinder backup jobs at site ${site} call the cloud's API on tcp/5000 (identity) and tcp/8776 (block-storage), and no system hosted at ${site} has a tier of role cloud-api: declare the tier that serves the site's cloud API (bare metal, the controllers' VLAN) so their path can be declared`,
      })),
    );
    const declared = withCloudApi(bare);
    const noCinder: Inventory = { ...declared, services: declared.services.filter((s) => s.port !== 8776) };
    const m = provinceBackupFlows(noCinder);
    expect(m.flows.filter((f) => f.method === "cinder-backup")).toEqual([]);
    expect(m.problems.map((p) => [p.job, p.path, p.message])).toEqual(
      ["dc1", "dc2"].map((site) => [`${site}/cinder-backup`, `systems.3.tiers.0`, `the Cinder backup jobs at site ${site} call the cloud's API on cloud/api, and no service has tcp/8776: add { name: cinder, protocol: tcp, port: 8776 } to services so their flow can be declared`]),
    );
    // A cloud-api tier at one site only: the other site's Cinder backups are still reported.
    const oneSite: Inventory = { ...declared, systems: declared.systems.map((s) => (s.id === "cloud" ? { ...s, sites: ["dc2"] } : s)) };
    const o = provinceBackupFlows(oneSite);
    expect(o.flows.filter((f) => f.method === "cinder-backup").map((f) => `${f.site} ${f.name}`)).toEqual(["dc2 backup.cloud.api"]);
    expect(o.problems.map((p) => p.job)).toEqual(["dc1/cinder-backup"]);
    // On an external cluster the nodes' addresses are unknown: reported, never a flow from nowhere.
    const external: Inventory = { ...declared, clusters: declared.clusters.map((c) => ({ ...c, external: true })) };
    const e = provinceBackupFlows(external);
    expect(e.flows).toEqual([]);
    expect(e.problems.filter((p) => p.job.endsWith("/cinder-backup")).map((p) => p.message)).toEqual(
      ["dc1", "dc2"].map((site) => `the Cinder backup jobs at site ${site} run on cluster ${site}-k8s, which is external: its nodes' addresses are not in the model, so no flow opens the path; open it where that cluster is managed`),
    );
  });

  it("keeps every other system's flows when a system is added or removed, or the lists are reordered; the Cinder flow only loses the removed system's jobs", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 2, max: 9 }), fc.nat(), fc.boolean(), (sites, systems, pick, cloudApi) => {
        const generated = withAppVolumes(withEngines(syntheticProvince({ sites, systems })));
        const gone = generated.systems[pick % generated.systems.length].id;
        const inv = cloudApi ? withCloudApi(generated) : generated;
        const key = (f: BackupFlow): string => `${f.site}/${f.name}`;
        const all = provinceBackupFlows(inv).flows;
        const before = new Map(all.map((f) => [key(f), JSON.stringify(f)]));
        const fewer: Inventory = { ...inv, systems: inv.systems.filter((s) => s.id !== gone) };
        const after = provinceBackupFlows(fewer).flows;
        expect(after.map(key).sort()).toEqual([...before.keys()].filter((k) => !k.includes(`/backup.${gone}.`)).sort());
        for (const f of after) {
          if (f.method === "database-dump") {
            expect(JSON.stringify(f)).toBe(before.get(key(f)));
            continue;
          }
          const was = all.find((g) => key(g) === key(f)) as BackupFlow;
          expect({ ...f, jobs: [] }).toEqual({ ...was, jobs: [] });
          expect(f.jobs).toEqual(was.jobs.filter((j) => !j.startsWith(`${gone}/`)));
        }
        expect(all.some((f) => f.method === "cinder-backup")).toBe(cloudApi);
        const reversed: Inventory = { ...inv, systems: [...inv.systems].reverse(), clusters: [...inv.clusters].reverse(), services: [...inv.services].reverse() };
        expect(provinceBackupFlows(reversed).flows.map((f) => JSON.stringify(f))).toEqual([...before.values()]);
      }),
      { numRuns: 30 },
    );
  });

  it("reports a dump of a database whose pods run on the same cluster instead of declaring a flow that opens nothing", () => {
    const inv = withEngines(syntheticProvince({ sites: 1, systems: 3 }));
    const cluster = inv.clusters[0];
    const same: Inventory = { ...inv, systems: inv.systems.map((s, i) => (i === 1 ? { ...s, tiers: s.tiers.map((t) => (t.name === "db" ? { ...t, form: "container" as const, cluster: cluster.id, volumeGiB: 0 } : t)) } : s)) };
    const r = provinceBackupFlows(same);
    expect(r.flows.map((f) => f.name)).toEqual(["backup.sys-1.db", "backup.sys-3.db"]);
    expect(r.problems).toEqual([expect.objectContaining({ path: "systems.1.tiers.2", message: expect.stringContaining(`the dump of sys-2/db runs on cluster ${cluster.id}, where the database's own pods run`) })]);
  });

  it("declares nothing for jobs the appliance drives (no cluster at the site)", () => {
    const inv = withEngines(syntheticProvince({ sites: 1, systems: 3 }));
    expect(backupJobFlows(inv, backupJobPlan(inv, () => undefined)).flows).toEqual([]);
  });

  for (const province of ["ninh-an", "vinh-lam"]) {
    it(`opens every backup CronJob's path end to end on ${province}: dumps to their databases, Cinder backups to the cloud API (NetworkPolicy out, nodes' groups, zone firewalls, the destination's groups in)`, () => {
      const inv = bundled(province);
      const addressPlan = allocate(inv);
      let checked = 0;
      const methods = new Set<string>();
      for (const site of [...new Set(provinceBackupFlows(inv).flows.map((f) => f.site))]) {
        const r = closedPaths(inv, addressPlan, site);
        expect(r.closed).toEqual([]);
        checked += r.checked;
        for (const m of r.methods) methods.add(m);
      }
      expect(checked).toBeGreaterThan(0);
      expect([...methods].sort()).toEqual(["cinder-backup", "database-dump"]);
    });

    it(`holds the backup jobs' flows to the level-3 zone baseline on ${province}`, () => {
      const inv = bundled(province);
      const flows = [...new Set(provinceBackupFlows(inv).flows.map((f) => f.site))].flatMap((site) => backupFlowsAsDeclared(provinceBackupFlows(inv).flows, site));
      const r = checkFlowZoning({ inventory: { ...inv, flows }, baseline: shippedBaseline(), waivers: [], asOf: "2026-12-01", waiverFile: "waivers.yaml" });
      expect(r.problems).toEqual([]);
      expect(flows.length).toBeGreaterThan(0);
    });
  }

  it("opens every backup CronJob's path on generated provinces (dumps and Cinder backups)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 3, max: 6 }), (sites, systems) => {
        const inv = withCloudApi(withAppVolumes(withEngines(syntheticProvince({ sites, systems }))));
        const addressPlan = allocate(inv);
        const sitesWithJobs = [...new Set(provinceBackupFlows(inv).flows.map((f) => f.site))];
        expect(sitesWithJobs.length).toBeGreaterThan(0);
        for (const site of sitesWithJobs) {
          const r = closedPaths(inv, addressPlan, site);
          expect(r.closed).toEqual([]);
          expect(r.checked).toBeGreaterThan(0);
          expect(r.methods.has("cinder-backup")).toBe(true);
        }
      }),
      { numRuns: 4 },
    );
  });
});
