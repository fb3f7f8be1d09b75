/**
 * K8S-13, K8S-14 and K8S-15 on whole provinces, bundled and generated: each site's clusters compiled by the real
 * compiler and registered the way components/kubernetes/clusterNodes.ts does (server groups, nodes hinted
 * to them, availability zones, tags), then judged by the pack's real handlers. A plant without zones must
 * fail K8S-13 wherever a rack holds three hypervisors.
 */
import type { Inventory } from "../../inventory/model";
import type { AddressPlan } from "../../inventory/addressing/types";
import { allocateAddressPlan } from "../../inventory/addressing";
import { loadProvinceOnce } from "../../inventory/province/loadProvince";
import { syntheticProvince } from "../../inventory/synthetic/syntheticProvince";
import { compileSite } from "../../compilers/site";
import { T } from "../../policies/lib/resourceView";
import { AS_OF, evaluate } from "./fixtures/evaluate";
import { PlanBuilder } from "./fixtures/planBuilder";

/** The plan of a site's cluster nodes, as the component registers them. */
function nodePlan(inventory: Inventory, addressPlan: AddressPlan, site: string) {
  const sitePlan = addressPlan.sites.find((s) => s.site === site)!;
  const compiled = compileSite(inventory, sitePlan, { province: addressPlan, asOf: AS_OF });
  const b = new PlanBuilder(site);
  for (const c of compiled.clusters.clusters) {
    for (const g of c.serverGroups) b.add(T.serverGroup, g.name, { name: g.name, policies: [g.policy], ...(g.maxPerHost === undefined ? {} : { rules: { maxServerPerHost: g.maxPerHost } }) });
    for (const n of c.nodes) {
      const group = c.serverGroups.find((g) => g.key === n.serverGroupKey)!;
      b.add(
        T.instance,
        n.name,
        {
          name: n.name,
          imageName: n.image,
          flavorName: n.flavor,
          schedulerHints: [{ group: `${group.name}-id` }],
          ...(n.availabilityZone ? { availabilityZone: n.availabilityZone } : {}),
          metadata: n.role === "control-plane" ? { "etcd-encryption": c.etcd.encryption, "etcd-snapshot-cron": c.etcd.snapshotCron } : {},
          tags: [`site:${site}`, `cluster:${c.cluster}`, `zone:${c.zone}`, `pool:${n.pool}`, `role:${n.role}`, "hatang"],
        },
        [[T.serverGroup, group.name]],
      );
    }
  }
  return b.build();
}

async function judgeSite(inventory: Inventory, addressPlan: AddressPlan, site: string) {
  const r = await evaluate(nodePlan(inventory, addressPlan, site), inventory, { site });
  const of = (id: string) => ({ status: r.controls.find((c) => c.id === id)?.status, findings: r.findings.filter((f) => f.control === id).map((f) => `${f.name ?? f.urn}: ${f.message}`) });
  return { k13: of("K8S-13"), k14: of("K8S-14"), k15: of("K8S-15"), etcdData: r.findings.filter((f) => (f.name ?? "").endsWith("/etcd")).map((f) => `${f.control} ${f.name}: ${f.message}`) };
}

/** The inventory with no availability zone on any hypervisor. */
const withoutZones = (inv: Inventory): Inventory => ({ ...inv, devices: inv.devices.map(({ availabilityZone: _z, ...d }) => d) });

/** Whether some rack of a site holds three hypervisors or more. */
const crowdedRack = (inv: Inventory, site: string): boolean => {
  const perRack = new Map<string, number>();
  for (const d of inv.devices) if (d.site === site && d.role === "hypervisor") perRack.set(d.rack, (perRack.get(d.rack) ?? 0) + 1);
  return [...perRack.values()].some((n) => n >= 3);
};

describe.each([
  ["ninh-an", "na-dc1", "pass"],
  ["ninh-an", "na-dc2", "pass"],
  ["vinh-lam", "vl-dc1", "not-applicable"],
])("bundled %s %s", (province, site, k13) => {
  const r = loadProvinceOnce(`inventory/provinces/${province}`, { asOf: AS_OF });
  if (!r.ok) throw new Error(`${province} does not load`);
  const { inventory, addressPlan } = r.province;

  it(`K8S-13 ${k13}, K8S-14 holds`, async () => {
    const j = await judgeSite(inventory, addressPlan, site);
    expect(j.k13).toEqual({ status: k13, findings: [] });
    expect(j.k14.findings).toEqual([]);
    expect(["pass", "not-applicable"]).toContain(j.k14.status);
    expect(j.k15).toEqual({ status: "pass", findings: [] });
    expect(j.etcdData).toEqual([]);
  });

  if (k13 === "pass")
    it("K8S-13 fails once the hypervisors' zones are removed (a rack holds three)", async () => {
      expect(crowdedRack(inventory, site)).toBe(true);
      const j = await judgeSite(withoutZones(inventory), addressPlan, site);
      expect(j.k13.status).toBe("fail");
      expect(j.k13.findings).toEqual([expect.stringContaining("may be placed in rack")]);
    });
});

describe.each([
  [{ sites: 1, systems: 3 }],
  [{ sites: 2, systems: 6, devices: 80 }],
])("generated province %j", (sizes) => {
  const inventory = syntheticProvince(sizes);
  const allocated = allocateAddressPlan(inventory);
  if (!allocated.ok) throw new Error("the generated province does not allocate");
  const addressPlan = allocated.plan;

  it.each(inventory.sites.map((s) => s.id))("site %s: K8S-13 and K8S-14 pass, and K8S-13 fails without zones where a rack holds three hypervisors", async (site) => {
    const j = await judgeSite(inventory, addressPlan, site);
    expect(j.k13).toEqual({ status: "pass", findings: [] });
    expect(j.k14.findings).toEqual([]);
    expect(j.k15).toEqual({ status: "pass", findings: [] });
    const bare = await judgeSite(withoutZones(inventory), addressPlan, site);
    expect(bare.k13.status).toBe(crowdedRack(inventory, site) ? "fail" : "pass");
  });
});
