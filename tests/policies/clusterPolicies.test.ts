/**
 * K8S-13 (control plane over three hypervisors and two racks), K8S-14 (pools sized for the declared
 * HA) and K8S-15 (etcd encrypted and in the backup plan) through the pack's real handlers, on a hand-written cluster (fixtures/clusterFixture.ts), and the
 * two placement rules against brute-force placements on random plants.
 */
import fc from "fast-check";
import { rackHoldingAll, survivingNodes, type PoolSize } from "../../policies/clusters";
import { evaluate } from "./fixtures/evaluate";
import { addClusterInventory, addClusterPlan, goodShape, type ClusterShape } from "./fixtures/clusterFixture";
import { goodEvidence, goodInventory, goodInventoryInput, goodPlanBuilder } from "./fixtures/goodProvince";

type Input = Parameters<typeof addClusterInventory>[0];

/** The good province with the cluster of `shape`, evaluated; `mutate` edits the inventory input after. */
async function judge(shape: ClusterShape, mutate?: (i: Input) => void) {
  const b = goodPlanBuilder();
  addClusterPlan(b, shape);
  const input = goodInventoryInput() as Input;
  addClusterInventory(input, shape);
  mutate?.(input);
  const r = await evaluate(b.build(), goodInventory(input), { evidence: goodEvidence() });
  const of = (id: string) => ({ status: r.controls.find((c) => c.id === id)?.status, findings: r.findings.filter((f) => f.control === id).map((f) => ({ name: f.urn?.split("::").pop() ?? f.name, message: f.message })) });
  return { k13: of("K8S-13"), k14: of("K8S-14"), k15: of("K8S-15"), all: r.findings, b };
}

const shape = (patch: Partial<ClusterShape>): ClusterShape => ({ ...goodShape(), ...patch });

/** Three hypervisors per rack, as in the bundled Tier III sites: anti-affinity alone fits three nodes in one rack. */
const sixHosts = (zones: boolean) =>
  [1, 2, 3, 4, 5, 6].map((k) => ({ name: `hv-${k}`, rack: k % 2 === 1 ? "r1" : "r2", zone: zones ? (k % 2 === 1 ? "row-a" : "row-b") : undefined }));

describe("K8S-13 control plane spread", () => {
  it("passes three nodes in a hard anti-affinity group spread over the two racks' zones", async () => {
    const r = await judge(shape({ hypervisors: sixHosts(true) }));
    expect(r.k13).toEqual({ status: "pass", findings: [] });
  });

  it("passes without zones when no rack has three hypervisors", async () => {
    const r = await judge(shape({ controlZones: [undefined, undefined, undefined] }));
    expect(r.k13.status).toBe("pass");
  });

  it("fails when a rack holds three hypervisors and nothing spreads the nodes over racks", async () => {
    const r = await judge(shape({ hypervisors: sixHosts(false), controlZones: [undefined, undefined, undefined] }));
    expect(r.k13.status).toBe("fail");
    expect(r.k13.findings).toEqual([{ name: "cluster/k1", message: expect.stringContaining("may be placed in rack r1") }]);
  });

  it("fails when every node asks for the same zone, which one rack holds", async () => {
    const r = await judge(shape({ hypervisors: sixHosts(true), controlZones: ["row-a", "row-a", "row-a"] }));
    expect(r.k13.findings.map((f) => f.message)).toEqual([expect.stringContaining("may be placed in rack r1")]);
  });

  it("fails each node of a soft or shared server group, naming the node", async () => {
    const soft = await judge(shape({ controlGroup: { policy: "soft-anti-affinity" } }));
    expect(soft.k13.findings.map((f) => f.name).sort()).toEqual(["k1-control-plane-1", "k1-control-plane-2", "k1-control-plane-3"]);
    const shared = await judge(shape({ controlGroup: { policy: "anti-affinity", maxPerHost: 2 } }));
    expect(shared.k13.findings.map((f) => f.message)).toEqual(Array(3).fill(expect.stringContaining("2 per host")));
  });

  it("fails fewer than three nodes, an unknown zone, and too few hypervisors", async () => {
    expect((await judge(shape({ controlZones: ["row-a", "row-b"] }))).k13.findings).toEqual([{ name: "cluster/k1", message: expect.stringContaining("has 2 control-plane node(s)") }]);
    expect((await judge(shape({ controlZones: ["row-a", "row-b", "row-z"] }))).k13.findings.map((f) => f.message)).toEqual([expect.stringContaining("row-z that no hypervisor")]);
    const two = [{ name: "hv-1", rack: "r1", zone: "row-a" }, { name: "hv-2", rack: "r2", zone: "row-b" }];
    expect((await judge(shape({ hypervisors: two }))).k13.findings.map((f) => f.message)).toEqual([expect.stringContaining("2 hypervisor(s) they may run on")]);
  });

  it("does not apply at a Tier II site", async () => {
    const r = await judge(shape({ hypervisors: sixHosts(false), controlZones: [undefined, undefined, undefined] }), (i) => ((i.sites as Array<{ facility: Record<string, unknown> }>)[0].facility.tierTarget = 2));
    expect(r.k13.status).toBe("not-applicable");
  });
});

describe("K8S-14 pools sized for the declared HA", () => {
  it("passes three single-per-host workers for a tier of two", async () => {
    expect((await judge(goodShape())).k14).toEqual({ status: "pass", findings: [] });
  });

  it("fails a pool whose nodes may pair up on a hypervisor, with the arithmetic", async () => {
    const r = await judge(shape({ pools: [{ name: "workers", count: 3, maxPerHost: 2 }] }));
    expect(r.k14.findings).toEqual([{ name: "tier/ioc/api", message: expect.stringContaining("leaves 1 node(s) of pools workers (3 node(s), 2 per hypervisor)") }]);
  });

  it("fails a one-node pool running a level-3 tier, even for a one-instance tier", async () => {
    const r = await judge(shape({ pools: [{ name: "workers", count: 1 }], tierInstances: 1 }));
    expect(r.k14.findings.map((f) => f.message)).toEqual([expect.stringContaining("leaves 0 node(s)"), expect.stringContaining("pool workers of cluster k1 has one node and runs level-3 tier ioc/api")]);
    const level2 = await judge(shape({ pools: [{ name: "workers", count: 1 }], tierInstances: 1, tierLevel: 2 }));
    expect(level2.k14.status).toBe("pass");
  });

  it("counts only pools the tier can run on: a NoSchedule pool does not, a PreferNoSchedule one does", async () => {
    const dedicated = await judge(shape({ pools: [{ name: "workers", count: 1 }, { name: "stream", count: 6, taint: "NoSchedule" }] }));
    expect(dedicated.k14.status).toBe("fail");
    const only = await judge(shape({ pools: [{ name: "stream", count: 6, taint: "NoExecute" }] }));
    expect(only.k14.findings.map((f) => f.message)).toEqual([expect.stringContaining("nowhere to run")]);
    const preferred = await judge(shape({ pools: [{ name: "workers", count: 1 }, { name: "stream", count: 3, taint: "PreferNoSchedule" }] }));
    expect(preferred.k14.findings.map((f) => f.message)).toEqual([expect.stringContaining("pool workers of cluster k1 has one node")]);
  });

  it("does not apply when no built cluster runs a tier", async () => {
    expect((await judge(shape({ tierInstances: 0 }))).k14.status).toBe("not-applicable");
  });
});

describe("K8S-15 etcd encrypted at rest and in the backup plan", () => {
  it("passes encrypting control-plane nodes snapshotting on the named policy's schedule, and judges the etcd dataset with the others", async () => {
    const r = await judge(goodShape());
    expect(r.k15).toEqual({ status: "pass", findings: [] });
    expect(r.all.filter((f) => f.name === "dataset/k1/na-dc1/etcd")).toEqual([]);
  });

  it("fails a cluster naming no backup policy, at the cluster", async () => {
    const r = await judge(shape({ etcdBackupPolicy: undefined }));
    expect(r.k15.findings).toEqual([{ name: "cluster/k1", message: expect.stringContaining("names no backup policy for its etcd") }]);
  });

  it("fails each control-plane node without an encrypting provider, or snapshotting on another schedule", async () => {
    const plain = await judge(shape({ etcdEncryption: "identity" }));
    expect(plain.k15.findings.map((f) => f.name).sort()).toEqual(["k1-control-plane-1", "k1-control-plane-2", "k1-control-plane-3"]);
    expect(plain.k15.findings[0].message).toContain('"identity"');
    const absent = await judge(shape({ etcdEncryption: undefined }));
    expect(absent.k15.findings.length).toBe(3);
    const cron = await judge(shape({ etcdSnapshotCron: "0 */6 * * *" }));
    expect(cron.k15.findings.map((f) => f.message)).toEqual(Array(3).fill(expect.stringContaining('not on the schedule "0 1 * * *" of its backup policy daily')));
  });

  it("holds the etcd dataset to the backup rules: an unencrypted copy fails DATA-09 for it (etcd holds Secrets: at least confidential)", async () => {
    const r = await judge(goodShape(), (i) => ((i.backupPolicies as Array<{ copies: Array<Record<string, unknown>> }>)[0].copies[1].encrypted = false));
    expect(r.all.filter((f) => f.control === "DATA-09" && f.name === "dataset/k1/na-dc1/etcd").map((f) => f.message)).toEqual([expect.stringContaining("etcd k1/na-dc1/etcd: confidential data in unencrypted copy object")]);
  });
});

describe("placement rules against brute force", () => {
  /** Whether the nodes can be put on distinct hypervisors of one rack, each in its zone: by search. */
  function someRackHoldsAll(hosts: Array<{ rack: string; availabilityZone?: string }>, zones: Array<string | undefined>): boolean {
    const racks = [...new Set(hosts.map((h) => h.rack))];
    return racks.some((rack) => {
      const inRack = hosts.filter((h) => h.rack === rack);
      const used = new Set<number>();
      const place = (k: number): boolean => {
        if (k === zones.length) return true;
        for (let j = 0; j < inRack.length; j++) {
          if (used.has(j) || (zones[k] !== undefined && inRack[j].availabilityZone !== zones[k])) continue;
          used.add(j);
          if (place(k + 1)) return true;
          used.delete(j);
        }
        return false;
      };
      return place(0);
    });
  }

  it("rackHoldingAll finds a rack exactly when some placement puts every node in one rack", () => {
    const host = fc.record({ rack: fc.constantFrom("r1", "r2", "r3"), availabilityZone: fc.constantFrom("a", "b", "c") });
    fc.assert(
      fc.property(fc.array(host, { minLength: 1, maxLength: 8 }), fc.array(fc.option(fc.constantFrom("a", "b", "c", "z"), { nil: undefined }), { minLength: 1, maxLength: 5 }), (hosts, zones) => {
        const rack = rackHoldingAll(hosts, zones);
        expect(rack !== undefined).toBe(someRackHoldsAll(hosts, zones));
        if (rack !== undefined) expect(someRackHoldsAll(hosts.filter((h) => h.rack === rack), zones)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  /** The fewest nodes left after losing one hypervisor, over every placement that keeps the per-host limits: by search. */
  function worstSurvivors(pools: PoolSize[], hypervisors: number): number {
    const nodes = pools.flatMap((p, k) => Array(p.nodes).fill(k) as number[]);
    let worst = nodes.length;
    const load = Array.from({ length: hypervisors }, () => pools.map(() => 0));
    const go = (i: number): void => {
      if (i === nodes.length) {
        for (const h of load) worst = Math.min(worst, nodes.length - h.reduce((a, b) => a + b, 0));
        return;
      }
      const p = nodes[i];
      for (const h of load) {
        if (h[p] >= pools[p].perHost) continue;
        h[p]++;
        go(i + 1);
        h[p]--;
      }
    };
    go(0);
    return worst;
  }

  it("survivingNodes is the worst case over every placement the server groups allow", () => {
    const pool = fc.record({ pool: fc.constant("p"), nodes: fc.integer({ min: 1, max: 4 }), perHost: fc.integer({ min: 1, max: 4 }) });
    fc.assert(
      fc.property(fc.array(pool, { minLength: 1, maxLength: 2 }), (pools) => {
        // Enough hypervisors for any placement the limits allow.
        expect(survivingNodes(pools)).toBe(worstSurvivors(pools, 4));
      }),
      { numRuns: 150 },
    );
  });
});
