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

/**
 * Every way a site's dump jobs fail to get through, as text (empty: all open).
 * @param inventory the inventory
 * @param addressPlan its address plan
 * @param site the site
 */
function closedPaths(inventory: Inventory, addressPlan: AddressPlan, site: string): { closed: string[]; checked: number } {
  // The compiler's own zone rule bases (not the proof tests' hand-built ones).
  const built = compiledPlan(inventory, addressPlan, site, { backupJobImage: IMAGE, ruleBases: false });
  const { kube } = built;
  const plan = withRuleBases(built.plan, built.compiled.ruleBases);
  const m = siteModel(inventory, addressPlan, site, plan);
  const zones = inventory.zones.filter((z) => z.site === site).map((z) => ({ id: z.id, kind: z.kind, enforcer: z.enforcedBy, virtualFirewall: z.virtualFirewall }));
  const scenario = scenarioOfPlan(plan, zones, []);
  const flows = provinceBackupFlows(inventory).flows.filter((f) => f.site === site);
  const closed: string[] = [];
  let checked = 0;
  for (const job of cronJobs(kube).filter((j) => j.method === "database-dump")) {
    const flow = flows.find((f) => f.name === `backup.${job.system}.${job.tier}`);
    if (!flow) {
      closed.push(`${job.system}/${job.tier}: no flow`);
      continue;
    }
    const tier = inventory.systems.find((s) => s.id === job.system)?.tiers.find((t) => t.name === job.tier);
    const port = PORT[tier?.engine ?? ""];
    const db = m.endpoints.find((e) => e.id === `tier:${job.system}/${job.tier}`);
    const nodes = m.endpoints.filter((e) => e.kind === "node" && e.cluster === flow.cluster);
    if (!db || nodes.length === 0 || port === undefined) {
      closed.push(`${job.system}/${job.tier}: no database endpoint, node or port`);
      continue;
    }
    const dbHost = hostOf(db);
    for (const family of ["ipv4", "ipv6"] as Fam[]) {
      // The job's pod leaving its namespace (judged on the NetworkPolicy layer alone: the database as bare addresses).
      const pod: SHost = { id: "job", v4: "10.255.0.1", v6: "fd00::1", pod: { namespace: "velero", labels: job.labels, ports: [] } };
      const out = oracle(scenario, pod, { id: "db", v4: dbHost.v4, v6: dbHost.v6 }, { family, proto: "tcp", port });
      if (!out.allowed) closed.push(`${family} ${job.system}/${job.tier}: the backup namespace does not let the job out on tcp/${port}`);
      // Then from each node of the cluster (the pod's connection leaves with its node's address).
      for (const n of nodes) {
        const o = oracle(scenario, hostOf(n), dbHost, { family, proto: "tcp", port });
        if (!o.allowed) closed.push(`${family} ${n.id} -> ${db.id} tcp/${port}: ${o.layers.filter((l) => !l.allowed).map((l) => l.layer).join(", ")}`);
        // Nothing else is opened for the job: SSH from a node to the database stays closed.
        if (oracle(scenario, hostOf(n), dbHost, { family, proto: "tcp", port: 22 }).allowed) closed.push(`${family} ${n.id} -> ${db.id} tcp/22 is open`);
        checked++;
      }
    }
  }
  return { closed, checked };
}

describe("the backup job plan's flows", () => {
  it("declares exactly one flow per dump a CronJob runs, named from identities, on vinh-lam", () => {
    const r = provinceBackupFlows(bundled("vinh-lam"));
    expect(r.problems).toEqual([]);
    expect(r.flows.map((f) => [f.site, f.name, f.cluster, f.clusterZone, f.system, f.tier, f.zone, f.service])).toEqual([
      ["vl-dc1", "backup.cong-ttdt.db", "vl1-k8s", "app", "cong-ttdt", "db", "data", "postgres"],
      ["vl-dc1", "backup.dvc-motcua.db", "vl1-k8s", "app", "dvc-motcua", "db", "data", "postgres"],
      ["vl-dc1", "backup.lgsp.db", "vl1-k8s", "app", "lgsp", "db", "data", "postgres"],
      ["vl-dc1", "backup.qlts.db", "vl1-k8s", "app", "qlts", "db", "data", "mssql"],
    ]);
    expect(r.flows.find((f) => f.name === "backup.lgsp.db")?.jobs).toEqual(["lgsp/vl-dc1/db/appliance"]);
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

  it("keeps every other system's flows when a system is added or removed, or the lists are reordered", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 2, max: 9 }), fc.nat(), (sites, systems, pick) => {
        const inv = withEngines(syntheticProvince({ sites, systems }));
        const gone = inv.systems[pick % inv.systems.length].id;
        const key = (f: BackupFlow): string => `${f.site}/${f.name}`;
        const before = new Map(provinceBackupFlows(inv).flows.map((f) => [key(f), JSON.stringify(f)]));
        const fewer: Inventory = { ...inv, systems: inv.systems.filter((s) => s.id !== gone) };
        const after = provinceBackupFlows(fewer).flows;
        expect(after.map(key).sort()).toEqual([...before.keys()].filter((k) => !k.includes(`/backup.${gone}.`)).sort());
        for (const f of after) expect(JSON.stringify(f)).toBe(before.get(key(f)));
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
    it(`opens every dump CronJob's path end to end on ${province} (NetworkPolicy out, nodes' groups, zone firewalls, the database's groups in)`, () => {
      const inv = bundled(province);
      const addressPlan = allocate(inv);
      let checked = 0;
      for (const site of [...new Set(provinceBackupFlows(inv).flows.map((f) => f.site))]) {
        const r = closedPaths(inv, addressPlan, site);
        expect(r.closed).toEqual([]);
        checked += r.checked;
      }
      expect(checked).toBeGreaterThan(0);
    });

    it(`holds the dumps' flows to the level-3 zone baseline on ${province}`, () => {
      const inv = bundled(province);
      const flows = [...new Set(provinceBackupFlows(inv).flows.map((f) => f.site))].flatMap((site) => backupFlowsAsDeclared(provinceBackupFlows(inv).flows, site));
      const r = checkFlowZoning({ inventory: { ...inv, flows }, baseline: shippedBaseline(), waivers: [], asOf: "2026-12-01", waiverFile: "waivers.yaml" });
      expect(r.problems).toEqual([]);
      expect(flows.length).toBeGreaterThan(0);
    });
  }

  it("opens every dump's path on generated provinces", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 3, max: 6 }), (sites, systems) => {
        const inv = withEngines(syntheticProvince({ sites, systems }));
        const addressPlan = allocate(inv);
        const sitesWithDumps = [...new Set(provinceBackupFlows(inv).flows.map((f) => f.site))];
        expect(sitesWithDumps.length).toBeGreaterThan(0);
        for (const site of sitesWithDumps) {
          const r = closedPaths(inv, addressPlan, site);
          expect(r.closed).toEqual([]);
          expect(r.checked).toBeGreaterThan(0);
        }
      }),
      { numRuns: 4 },
    );
  });
});
