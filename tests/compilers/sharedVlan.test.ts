/**
 * Tiers of different systems sharing a VLAN: each tier is named by its own hosts' addresses wherever
 * addresses must be used (NetworkPolicy ipBlocks, zone firewall objects, FWaaS), so one system's flows
 * never open a path for the other's tier on the same VLAN. Any number of systems (property).
 */
import fc from "fast-check";
import { Inventory } from "../../inventory/model";
import { allocateAddressPlan } from "../../inventory/addressing";
import { compileSite } from "../../compilers/site";
import { compileKubernetes } from "../../compilers/kubernetes/compile";
import { smallProvinceInput } from "../fixtures/smallProvince";

const SITE = "tp-dc1";

function province(count: number): Inventory {
  const input = smallProvinceInput();
  const ids = Array.from({ length: count }, (_, i) => `s${i + 1}`);
  input.systems = ids.map((id) => ({
    id, name: `Hệ thống ${id}`, owner: "STTTT", securityLevel: 3, exposure: ["internet"], dataClass: "internal", backupPolicy: "daily", sites: [SITE],
    tiers: [
      // Every web tier on the DMZ's one VLAN, every app tier on the cluster (pods share the nodes' VLAN).
      { name: "web", zone: "dmz", form: "vm", instances: 2, image: "ubuntu-24.04-cis", flavor: "std.medium", publish: [{ protocol: "tcp", port: 443 }], role: "web" },
      { name: "app", zone: "k8s", form: "container", instances: 2, cluster: "tp-k8s", role: "application" },
    ],
  }));
  input.flows = ids.flatMap((id) => [
    { name: `internet-to-${id}`, from: { external: "internet" }, to: { system: id, tier: "web" }, services: ["https"], justification: "public" },
    { name: `${id}-web-to-app`, from: { system: id, tier: "web" }, to: { system: id, tier: "app" }, services: ["app-http"], justification: "web calls its app" },
  ]);
  return Inventory.parse(input);
}

/** Every address an ipBlock of the app tier's ingress policies admits, per system. */
function appIngressBlocks(inv: Inventory): Map<string, string[]> {
  const r = allocateAddressPlan(inv);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  const compiled = compileSite(inv, r.plan.sites[0], { province: r.plan });
  const k8s = compileKubernetes({ inventory: inv, clusterRanges: r.plan.sites.flatMap((s) => s.clusters), subnets: r.plan.sites.flatMap((s) => s.subnets), rules: compiled.rules, options: { logShipperImage: "x" } });
  const out = new Map<string, string[]>();
  for (const o of k8s.clusters.flatMap((c) => c.objects)) {
    if (o.kind !== "NetworkPolicy") continue;
    const spec = o.spec as { ingress?: Array<{ from?: Array<{ ipBlock?: { cidr: string } }> }> };
    const ns = String((o.metadata as { namespace?: string }).namespace);
    const blocks = (spec.ingress ?? []).flatMap((i) => i.from ?? []).flatMap((f) => (f.ipBlock ? [f.ipBlock.cidr] : []));
    out.set(ns, [...(out.get(ns) ?? []), ...blocks]);
  }
  return out;
}

function hostsOf(inv: Inventory, system: string): string[] {
  const r = allocateAddressPlan(inv);
  if (!r.ok) throw new Error("plan");
  return compileSite(inv, r.plan.sites[0], { province: r.plan }).placements.instances.filter((i) => i.system === system).flatMap((i) => [`${i.ipv4}/32`, `${i.ipv6}/128`]).sort();
}

describe("tiers of two systems on one VLAN", () => {
  it("opens each app only to its own web tier's hosts, in both families (property over the number of systems)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 5 }), (count) => {
        const inv = province(count);
        const blocks = appIngressBlocks(inv);
        const web = new Map(inv.systems.map((s) => [s.id, hostsOf(inv, s.id)]));
        const byNamespace = [...blocks.entries()];
        for (const s of inv.systems) {
          // The app's namespace admits its own web hosts and nobody else's.
          const mine = byNamespace.filter(([, b]) => b.some((x) => (web.get(s.id) ?? []).includes(x)));
          expect(mine.length).toBeGreaterThan(0);
          for (const [, b] of mine) {
            for (const other of inv.systems.filter((o) => o.id !== s.id)) for (const h of web.get(other.id) ?? []) expect(b).not.toContain(h);
            expect(b.some((x) => x.includes(":"))).toBe(true);
            // No VLAN-wide block: every admitted address is a host.
            for (const x of b.filter((c) => !c.startsWith("0.") && !c.includes("::/0"))) expect(x).toMatch(/\/(32|128)$/);
          }
        }
      }),
      { numRuns: 8 },
    );
  });

  it("names each web tier by its own hosts in the zone firewall's address objects", () => {
    const inv = province(2);
    const r = allocateAddressPlan(inv);
    if (!r.ok) throw new Error("plan");
    const compiled = compileSite(inv, r.plan.sites[0], { province: r.plan });
    for (const s of ["s1", "s2"]) {
      const hosts = hostsOf(inv, s);
      for (const rb of compiled.ruleBases) {
        for (const o of rb.addresses.filter((a) => a.kind === "tier" && a.description === `${s}/web`)) expect([...o.ipv4, ...o.ipv6].sort()).toEqual(hosts);
      }
    }
  });
});
