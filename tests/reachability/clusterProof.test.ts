/**
 * The proof covers the clusters the program builds: every node of the model (and each API VIP) is an
 * endpoint made of its plan port, and the cluster's own flows are read from the cluster model by the
 * proof (not taken from the compiler). On both bundled provinces and on generated ones (property: random
 * cluster shapes) nothing declared is blocked and nothing undeclared is open; a cluster rule widened on
 * purpose (etcd from the workers, NodePorts the model does not allow) makes the proof fail and name it.
 */
import fc from "fast-check";
import type { Inventory } from "../../inventory/model";
import { loadProvinceOnce } from "../../inventory/province/loadProvince";
import { syntheticProvince } from "../../inventory/synthetic/syntheticProvince";
import type { CompiledSite } from "../../compilers/site";
import type { SecurityGroupSpec } from "../../compilers/openstack/securityGroups";
import { proveSitePlan } from "../../reachability/siteProof";
import type { SiteProof } from "../../reachability/proof";
import { allocate, compiledPlan } from "./compiledPlan";

const AS_OF = "2026-10-15";
jest.setTimeout(300_000);

/** Node endpoints the model implies, written from the model alone. */
function modelNodes(inv: Inventory, site: string): string[] {
  return inv.clusters
    .filter((c) => c.site === site && !c.external)
    .flatMap((c) => [
      ...Array.from({ length: c.controlPlane?.count ?? 0 }, (_, i) => `node:${c.id}/control-plane/${i + 1}`),
      ...c.nodePools.flatMap((p) => Array.from({ length: p.count }, (_, i) => `node:${c.id}/${p.name}/${i + 1}`)),
      ...(c.apiEndpoint.loadBalancer === undefined ? [`api:${c.id}`] : []),
    ])
    .sort();
}

function prove(inv: Inventory, site: string, opts: { mutate?: (c: CompiledSite) => CompiledSite; addressPlan?: ReturnType<typeof allocate> } = {}): SiteProof {
  const addressPlan = opts.addressPlan ?? allocate(inv);
  const { plan } = compiledPlan(inv, addressPlan, site, { asOf: AS_OF, mutate: opts.mutate });
  return proveSitePlan(inv, addressPlan, site, plan, { asOf: AS_OF });
}

const clusterEnd = (id: string): boolean => id.startsWith("node:") || id.startsWith("api:");

describe.each([
  ["ninh-an", "na-dc1"],
  ["ninh-an", "na-dc2"],
  ["vinh-lam", "vl-dc1"],
])("%s %s", (province, site) => {
  const r = loadProvinceOnce(`inventory/provinces/${province}`, { asOf: AS_OF });
  if (!r.ok) throw new Error(`${province} does not load`);
  const { inventory, addressPlan } = r.province;
  const proof = prove(inventory, site, { addressPlan });

  it("has one enforced endpoint per node of the model and per API VIP, each on its plan port", () => {
    const eps = proof.endpoints.filter((e) => clusterEnd(e.id));
    expect(eps.map((e) => e.id).sort()).toEqual(modelNodes(inventory, site));
    expect(eps.length).toBeGreaterThan(0);
    for (const e of eps) expect({ id: e.id, enforced: e.enforced, note: e.note }).toEqual({ id: e.id, enforced: true, note: undefined });
  });

  it("finds nothing declared blocked and nothing undeclared open, the clusters' ports included", () => {
    expect(proof.discrepancies).toEqual([]);
  });
});

/** Moves every rule of one cluster flow so it admits `wider` instead of the control plane (a compiler bug on purpose). */
function widenEtcd(cluster: string): (c: CompiledSite) => CompiledSite {
  return (c) => {
    const groups: SecurityGroupSpec[] = JSON.parse(JSON.stringify(c.securityGroups));
    const cp = groups.find((g) => g.key === `k8s-${cluster}-control-plane`) as SecurityGroupSpec;
    const nodes = groups.find((g) => g.key === `k8s-${cluster}-nodes`) as SecurityGroupSpec;
    for (const r of cp.rules.filter((x) => x.flows.includes(`k8s:${cluster}:etcd`))) {
      if (r.direction === "ingress") r.remoteGroupKey = nodes.key;
      else nodes.rules.push({ ...r, key: `${r.key}-wide` });
    }
    return { ...c, securityGroups: groups };
  };
}

/** Opens NodePorts between the nodes although the model does not allow them. */
function openNodePorts(cluster: string): (c: CompiledSite) => CompiledSite {
  return (c) => {
    const groups: SecurityGroupSpec[] = JSON.parse(JSON.stringify(c.securityGroups));
    const nodes = groups.find((g) => g.key === `k8s-${cluster}-nodes`) as SecurityGroupSpec;
    for (const [ethertype, direction] of [["IPv4", "ingress"], ["IPv4", "egress"], ["IPv6", "ingress"], ["IPv6", "egress"]] as const) {
      nodes.rules.push({ key: `np-${ethertype}-${direction}`, direction, ethertype, protocol: "tcp", portRangeMin: 30000, portRangeMax: 32767, remoteGroupKey: nodes.key, flows: ["widened-on-purpose"] });
    }
    return { ...c, securityGroups: groups };
  };
}

describe("a widened cluster rule makes the proof fail, with an explanation", () => {
  const r = loadProvinceOnce("inventory/provinces/ninh-an", { asOf: AS_OF });
  if (!r.ok) throw new Error("ninh-an does not load");
  const { inventory, addressPlan } = r.province;

  it("etcd from the workers: excess from every worker node to the control plane, naming the etcd rule", () => {
    const proof = prove(inventory, "na-dc1", { addressPlan, mutate: widenEtcd("na1-k8s") });
    expect(proof.holds).toBe(false);
    const etcd = proof.discrepancies.filter((d) => d.kind === "excess" && d.ports.includes("2379-2380"));
    const workers = modelNodes(inventory, "na-dc1").filter((n) => n.startsWith("node:na1-k8s/") && !n.includes("/control-plane/"));
    expect(new Set(etcd.filter((d) => d.to.startsWith("node:na1-k8s/control-plane/")).map((d) => d.from))).toEqual(new Set(workers));
    for (const d of etcd) {
      expect(d.flows).toContain("k8s:na1-k8s:etcd");
      expect(d.reason).toContain("open but no flow declares it");
      expect(d.rules.length).toBeGreaterThan(0);
    }
    // Nothing else moved.
    expect(proof.discrepancies.filter((d) => !d.ports.includes("2379-2380"))).toEqual([]);
  });

  it("etcd rules removed: missing between the control-plane nodes, naming the etcd flow", () => {
    const drop = (c: CompiledSite): CompiledSite => ({
      ...c,
      securityGroups: c.securityGroups.map((g) => ({ ...g, rules: g.rules.filter((x) => !(x.flows.includes("k8s:na1-k8s:etcd") && x.direction === "ingress")) })),
    });
    const proof = prove(inventory, "na-dc1", { addressPlan, mutate: drop });
    expect(proof.holds).toBe(false);
    const missing = proof.discrepancies.filter((d) => d.kind === "missing");
    expect(missing.length).toBeGreaterThan(0);
    for (const d of missing) {
      expect(d.flows).toEqual(["k8s:na1-k8s:etcd"]);
      expect(d.from.startsWith("node:na1-k8s/control-plane/") || d.from === "api:na1-k8s").toBe(true);
      expect(d.cause).toBe("security-group-blocks");
    }
    expect(proof.discrepancies.filter((d) => d.kind !== "missing")).toEqual([]);
  });

  it("NodePorts the model does not allow: excess between the nodes, in both families", () => {
    expect(inventory.clusters.find((c) => c.id === "na1-k8s")?.nodePorts).toBe(false);
    const proof = prove(inventory, "na-dc1", { addressPlan, mutate: openNodePorts("na1-k8s") });
    expect(proof.holds).toBe(false);
    const np = proof.discrepancies.filter((d) => d.kind === "excess" && d.ports.includes("30000-32767"));
    expect(new Set(np.map((d) => d.family))).toEqual(new Set(["ipv4", "ipv6"]));
    for (const d of np) {
      expect(clusterEnd(d.from) && clusterEnd(d.to)).toBe(true);
      expect(d.flows).toEqual(["widened-on-purpose"]);
    }
  });
});

describe("generated provinces", () => {
  it("holds for random cluster shapes (control plane, pools, distribution, CNI, automation hosts)", () => {
    const shape = fc.record({
      cp: fc.constantFrom(1, 3, 5),
      pools: fc.array(fc.record({ count: fc.integer({ min: 1, max: 4 }), maxPerHost: fc.integer({ min: 1, max: 2 }) }), { minLength: 1, maxLength: 3 }),
      distribution: fc.constantFrom("rke2" as const, "kubeadm" as const),
      cni: fc.constantFrom("calico" as const, "cilium" as const),
      automation: fc.boolean(),
    });
    fc.assert(
      fc.property(shape, (s) => {
        const base = syntheticProvince({ sites: 1, systems: 3 });
        const automationTier = base.systems.flatMap((sys) => sys.tiers.filter((t) => t.form === "vm" && t.zone === "app").map((t) => ({ system: sys.id, tier: t.name })))[0];
        const inv: Inventory = {
          ...base,
          clusters: base.clusters.map((c) => ({
            ...c,
            distribution: s.distribution,
            cni: { plugin: s.cni },
            controlPlane: { ...(c.controlPlane as NonNullable<typeof c.controlPlane>), count: s.cp },
            nodePools: s.pools.map((p, i) => ({ name: `pool${i}`, count: p.count, flavor: "m1.large", maxPerHost: p.maxPerHost, labels: {}, taints: [] })),
            automationHosts: s.automation && automationTier ? [automationTier] : [],
          })),
        };
        const site = inv.sites[0].id;
        const proof = prove(inv, site);
        expect(proof.endpoints.filter((e) => clusterEnd(e.id)).map((e) => e.id).sort()).toEqual(modelNodes(inv, site));
        expect(proof.discrepancies).toEqual([]);
      }),
      { numRuns: 8, seed: 17 },
    );
  });
});
