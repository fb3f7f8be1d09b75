/**
 * The example province (ninh-an), both sites, compiled by the real compilers into a plan the way the
 * components wire it, with zone firewall rule bases built from the same rules: nothing declared is
 * blocked, nothing undeclared is open; what is listed apart is exactly what its definition says (bare-metal
 * tiers of several systems on one VLAN, ICMP to or from pods) and it counts until waived. Without rule
 * bases (the plan as the compilers emit it before the firewall compiler), every zone is reported.
 */
import { loadProvince } from "../../inventory/province/loadProvince";
import { proveSitePlan, siteModel } from "../../reachability/siteProof";
import type { SiteProof } from "../../reachability/proof";
import { renderReachabilityMarkdown } from "../../reachability/renderMarkdown";
import { renderReachabilityHtml } from "../../reachability/renderHtml";
import { apartLine } from "../../reachability/reportModel";
import type { Waiver } from "../../inventory/waivers/waivers";
import { compiledPlan } from "./compiledPlan";
import { BUNDLED_AS_OF } from "../bundledAsOf";

const loaded = loadProvince("inventory/provinces/ninh-an", { asOf: BUNDLED_AS_OF });
if (!loaded.ok) throw new Error("the example province does not load");
const { inventory, addressPlan, sources } = loaded.province;
const AS_OF = "2026-10-15";

const formOfTier = new Map<string, string>(inventory.systems.flatMap((s) => s.tiers.map((t): [string, string] => [`tier:${s.id}/${t.name}`, t.form])));
const systemOfTier = new Map<string, string>(inventory.systems.flatMap((s) => s.tiers.map((t): [string, string] => [`tier:${s.id}/${t.name}`, s.id])));
const icmpServices = new Set(inventory.services.filter((s) => s.protocol === "icmp" || s.protocol === "any").map((s) => s.name));
const flowByName = new Map(inventory.flows.map((f) => [f.name, f]));

const results = Object.fromEntries(
  ["na-dc1", "na-dc2"].map((site) => {
    const { plan } = compiledPlan(inventory, addressPlan, site);
    return [site, { plan, proof: proveSitePlan(inventory, addressPlan, site, plan, { asOf: AS_OF, sources }) }];
  }),
);

describe.each(["na-dc1", "na-dc2"])("the reachability proof of %s", (site) => {
  const { proof, plan } = results[site];
  const m = siteModel(inventory, addressPlan, site, plan);
  const vlanOf = new Map(m.endpoints.map((e) => [e.id, e.vlan]));

  it("covers every tier, zone, cluster node and API VIP, the Internet, TSLCD and the other site in both families", () => {
    expect([...new Set(proof.endpoints.map((e) => e.kind))].sort()).toEqual(["api", "internet", "node", "remote", "site", "tier", "tslcd", "zone"]);
    // The other site's systems this one does not host are reached there: each is on a VLAN endpoint of that site.
    const other = site === "na-dc1" ? "na-dc2" : "na-dc1";
    const elsewhere = inventory.systems.filter((s) => s.sites.includes(other) && !s.sites.includes(site)).flatMap((s) => s.tiers.map((t) => `${s.id}/${t.name}`));
    expect(elsewhere.length).toBeGreaterThan(0);
    const held = m.endpoints.filter((e) => e.kind === "remote").flatMap((e) => (e.remoteTiers ?? []).map((t) => `${e.site}/${t}`));
    expect(elsewhere.map((t) => `${other}/${t}`).filter((t) => !held.includes(t))).toEqual([]);
    expect(proof.counts.ipv4.enforced).toBeGreaterThan(1000);
    expect(proof.counts.ipv6.pairs).toBe(proof.counts.ipv4.pairs);
  });

  it("finds nothing declared blocked and nothing undeclared open, every enforcer with its rule base", () => {
    expect(proof.discrepancies).toEqual([]);
    expect(proof.missingRuleBases).toEqual([]);
    expect(proof.ruleBaseProblems).toEqual([]);
  });

  it("lists apart only ICMP to or from container tiers, declared by a flow with ICMP, alike in both families", () => {
    const icmp = proof.apart.filter((x) => x.kind === "icmp-not-expressible");
    expect(icmp.length).toBeGreaterThan(0);
    for (const x of icmp) {
      expect({ ports: x.ports, pods: formOfTier.get(x.from) === "container" || formOfTier.get(x.to) === "container" }).toEqual({ ports: "icmp", pods: true });
      expect(x.flows.some((f) => flowByName.get(f)?.services.some((s) => icmpServices.has(s)))).toBe(true);
    }
    const key = (x: SiteProof["apart"][number]): string => `${x.kind}|${x.from}|${x.to}|${x.ports}|${x.flows.join(",")}`;
    expect(proof.apart.filter((x) => x.family === "ipv6").map(key)).toEqual(proof.apart.filter((x) => x.family === "ipv4").map(key));
  });

  it("lists as unenforced only pairs of bare-metal tiers of different systems on one VLAN, and as address sharing only ports a flow opens to one of them", () => {
    for (const x of proof.apart.filter((a) => a.kind === "unenforced-shared-vlan")) {
      expect([formOfTier.get(x.from), formOfTier.get(x.to)]).toEqual(["bare-metal", "bare-metal"]);
      expect(systemOfTier.get(x.from)).not.toBe(systemOfTier.get(x.to));
      expect(vlanOf.get(x.from)).toBe(vlanOf.get(x.to));
    }
    for (const x of proof.apart.filter((a) => a.kind === "address-sharing")) {
      expect(formOfTier.get(x.to)).toBe("bare-metal");
      expect(x.flows.length).toBeGreaterThan(0);
      // The flow names another tier on the same VLAN as the destination.
      const flows = x.flows.map((f) => flowByName.get(f));
      expect(flows.some((f) => f?.to.system !== undefined && `tier:${f.to.system}/${f.to.tier}` !== x.to && vlanOf.get(`tier:${f.to.system}/${f.to.tier}`) === vlanOf.get(x.to))).toBe(true);
    }
  });

  it("does not hold until every item listed apart is waived, and holds once they are", () => {
    expect(proof.apart.length).toBeGreaterThan(0);
    expect(proof.holds).toBe(false);
    const waivers: Waiver[] = proof.apart.map((x, i) => ({ id: `W-${i}`, control: x.control, match: { name: x.name }, justification: "test", approver: "test", expires: "2027-01-01" }));
    const waived = proveSitePlan(inventory, addressPlan, site, plan, { asOf: AS_OF, sources, waivers });
    expect(waived.apart.every((x) => x.waiver?.id !== undefined)).toBe(true);
    expect(waived.holds).toBe(true);
    // An expired waiver brings the item back.
    const late = proveSitePlan(inventory, addressPlan, site, plan, { asOf: "2027-01-02", sources, waivers });
    expect(late.holds).toBe(false);
    expect(late.apart.every((x) => x.expiredWaiver !== undefined)).toBe(true);
  });

  it("reports the expired flow and leaves it out", () => {
    expect(proof.expiredFlows.map((f) => f.flow)).toEqual([]);
    const later = proveSitePlan(inventory, addressPlan, site, plan, { asOf: "2027-06-01", sources });
    const expired = inventory.flows.filter((f) => f.expires !== undefined && f.expires < "2027-06-01").map((f) => f.name);
    expect(later.expiredFlows.map((f) => f.flow).sort()).toEqual(expired.sort());
    for (const f of later.expiredFlows) expect(f.file).toMatch(/flows\.yaml$/);
  });

  it("shows in every report what the JSON holds", () => {
    const md = renderReachabilityMarkdown(proof, site);
    const html = renderReachabilityHtml(proof, site);
    expect(md).toContain(apartLine(proof));
    for (const x of proof.apart) {
      expect(md).toContain(x.name);
      expect(html).toContain(x.name.replace(/>/g, "&gt;"));
    }
    for (const e of proof.endpoints) {
      expect(md).toContain(`| ${e.id} |`);
      expect(html).toContain(`<td>${e.id.replace(/>/g, "&gt;")}</td>`);
    }
    for (const p of proof.probes) expect(md).toContain(`| ${p.name} |`);
    expect(md).toContain("## Chú giải / Legend");
    expect(html).toContain("Legend");
  });
});

describe("the example as the compilers emit it without rule bases", () => {
  it("says the zone firewall layer is absent, lists no zone as missing one, and never counts the absent layer as allowing", () => {
    const { plan } = compiledPlan(inventory, addressPlan, "na-dc1", { ruleBases: false });
    const proof = proveSitePlan(inventory, addressPlan, "na-dc1", plan, { asOf: AS_OF, sources });
    const withRuleBases = results["na-dc1"].proof;
    expect(proof.zoneFirewallLayer).toBe("absent");
    expect(withRuleBases.zoneFirewallLayer).toBe("present");
    expect(proof.missingRuleBases).toEqual([]);
    // Pairs only a zone firewall guards (bare-metal tiers, zones, the outside) are unenforced, not allowed.
    for (const f of ["ipv4", "ipv6"] as const) expect(proof.counts[f].unenforced).toBeGreaterThan(withRuleBases.counts[f].unenforced);
    // The security groups alone keep every undeclared path closed; any opening would be blamed on the missing rule bases.
    for (const d of proof.discrepancies) expect(d.cause).toBe("enforcer-without-rule-base");
  });

  it("counts a site with rule bases for some enforcers only as failing, naming the zones without one", () => {
    const { plan } = compiledPlan(inventory, addressPlan, "na-dc1");
    const firstRuleBase = plan.resources.find((r) => r.type === "hatang:firewall:RuleBase");
    if (!firstRuleBase) throw new Error("the compiled plan carries no rule base");
    const partial = { ...plan, resources: plan.resources.filter((r) => r.type !== "hatang:firewall:RuleBase" || r === firstRuleBase) };
    const proof = proveSitePlan(inventory, addressPlan, "na-dc1", partial, { asOf: AS_OF, sources });
    expect(proof.zoneFirewallLayer).toBe("present");
    expect(proof.holds).toBe(false);
    const kept = (firstRuleBase.inputs["ruleBase"] as { device: string }).device;
    const zonesWithout = inventory.zones.filter((z) => z.site === "na-dc1" && z.enforcedBy !== kept).map((z) => z.id);
    expect(zonesWithout.length).toBeGreaterThan(0);
    expect(proof.missingRuleBases.map((x) => x.zone).sort()).toEqual(zonesWithout.sort());
  });
});
