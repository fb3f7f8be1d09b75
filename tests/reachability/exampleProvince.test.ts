/**
 * The example province (ninh-an), both sites, compiled by the real compilers into a plan the way the
 * components wire it. The proof does not hold today; this test pins down why, by cause, so that any
 * other kind of discrepancy (a security group blocking a declared flow, a rule wider than its flow)
 * fails it, and a fix in the compilers shows up as a smaller set here.
 */
import { loadProvince } from "../../inventory/province/loadProvince";
import { compileSite } from "../../compilers/site";
import { compileKubernetes } from "../../compilers/kubernetes/compile";
import { proveSitePlan } from "../../reachability/siteProof";
import type { SiteProof } from "../../reachability/proof";
import { TEST_IMAGE } from "../kubernetes/fixture";
import { planFromCompiled } from "./planBuilder";

const loaded = loadProvince("inventory/provinces/ninh-an");
if (!loaded.ok) throw new Error("the example province does not load");
const { inventory, addressPlan } = loaded.province;

function proofOf(site: string): SiteProof {
  const sitePlan = addressPlan.sites.find((s) => s.site === site);
  if (!sitePlan) throw new Error(site);
  const compiled = compileSite(inventory, sitePlan);
  const kube = compileKubernetes({ inventory, clusterRanges: addressPlan.sites.flatMap((s) => s.clusters), subnets: addressPlan.sites.flatMap((s) => s.subnets), rules: compiled.rules, options: { logShipperImage: TEST_IMAGE } });
  const objects = Object.fromEntries(kube.clusters.filter((c) => c.site === site).map((c) => [c.cluster, c.objects]));
  return proveSitePlan(inventory, addressPlan, site, planFromCompiled(compiled, objects));
}

const proofs = Object.fromEntries(["na-dc1", "na-dc2"].map((s) => [s, proofOf(s)]));
const flowByName = new Map(inventory.flows.map((f) => [f.name, f]));

describe.each(["na-dc1", "na-dc2"])("the reachability proof of %s", (site) => {
  const proof = proofs[site];
  const columnOf = new Map(proof.endpoints.map((e) => [e.id, e.column]));

  it("covers every tier, zone, the Internet and TSLCD in both families", () => {
    const kinds = new Set(proof.endpoints.map((e) => e.kind));
    expect([...kinds].sort()).toEqual(["internet", "tier", "tslcd", "zone"]);
    expect(proof.counts.ipv4.enforced).toBeGreaterThan(1000);
    expect(proof.counts.ipv6.enforced).toBe(proof.counts.ipv4.enforced);
  });

  it("finds no security group that blocks a declared flow and no rule wider than its flow", () => {
    expect(proof.discrepancies.filter((d) => d.cause === "security-group-blocks" || d.cause === "rule-wider-than-its-flow")).toEqual([]);
  });

  it("finds each IPv4 discrepancy in IPv6 too (the twins agree)", () => {
    const key = (d: SiteProof["discrepancies"][number]): string => `${d.kind}|${d.from}|${d.to}|${d.ports}|${d.flows.join(",")}`;
    expect(proof.discrepancies.filter((d) => d.family === "ipv6").map(key).sort()).toEqual(proof.discrepancies.filter((d) => d.family === "ipv4").map(key).sort());
  });

  it("blames NetworkPolicies only for zone flows into or out of pods, or for ICMP", () => {
    for (const d of proof.discrepancies.filter((x) => x.cause === "network-policy-blocks")) {
      const podSide = d.rules.some((r) => r.startsWith("egress of pods")) ? "from" : "to";
      const zoneFlow = d.flows.some((f) => flowByName.get(f)?.[podSide].zone !== undefined);
      expect({ d: `${d.from} -> ${d.to} ${d.ports}`, explained: zoneFlow || d.ports === "icmp" }).toEqual({ d: `${d.from} -> ${d.to} ${d.ports}`, explained: true });
    }
  });

  it("blames FWaaS only inside one zone (between its VLANs, through the router)", () => {
    for (const d of proof.discrepancies.filter((x) => x.cause === "firewall-blocks")) expect(columnOf.get(d.from)).toBe(columnOf.get(d.to));
  });

  it("finds undeclared openings only where rules of two or more flows compose", () => {
    for (const d of proof.discrepancies.filter((x) => x.kind === "excess")) expect(d.flows.length).toBeGreaterThanOrEqual(2);
  });
});
