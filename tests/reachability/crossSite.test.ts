/**
 * Flows between sites of one province (a merged province's former data centres, a system hosted at one site
 * and used from another): compiled at both ends over the interconnect, and proven. A system at site x reaches
 * the other end at x when it is there, else wherever it is.
 */
import fc from "fast-check";
import type { Flow, Inventory } from "../../inventory/model";
import { tierVlan } from "../../inventory/model";
import type { AddressPlan } from "../../inventory/addressing/types";
import { syntheticProvince } from "../../inventory/synthetic/syntheticProvince";
import { resolveFlows } from "../../compilers/flows/resolve";
import type { ResolvedRule } from "../../compilers/flows/types";
import { compileSite } from "../../compilers/site";
import { proveSitePlan, siteModel } from "../../reachability/siteProof";
import { probe, probeModel } from "../../reachability/probe";
import { resolveIntent } from "../../reachability/intent/resolver";
import { allocate, compiledPlan } from "./compiledPlan";
import { withRuleBases } from "./ruleBaseBuilder";

const AS_OF = "2026-10-15";

/** A two-site synthetic province: sys-3 (containers on dc1's cluster) is at dc1 only, sys-1 and sys-2 at both. */
function province(extra: Flow[]): { inventory: Inventory; addressPlan: AddressPlan } {
  const base = syntheticProvince({ sites: 2, systems: 4 });
  const inventory = { ...base, flows: [...base.flows, ...extra] };
  return { inventory, addressPlan: allocate(inventory) };
}

const XS_APP: Flow = { name: "xs-app", from: { system: "sys-1", tier: "app" }, to: { system: "sys-3", tier: "app" }, services: ["app"], justification: "sys-1 calls sys-3 wherever it runs" };
const XS_BACK: Flow = { name: "xs-back", from: { system: "sys-3", tier: "app" }, to: { system: "sys-2", tier: "db" }, services: ["postgres"], justification: "sys-3 reads sys-2's data at its own site" };
const XS_DB: Flow = { name: "xs-db", from: { system: "sys-2", tier: "db" }, to: { system: "sys-3", tier: "app" }, services: ["app"], justification: "sys-2's database reports to sys-3 (crosses the db zone's own firewall, then the entry)" };
const XS_INET: Flow = { name: "xs-inet", from: { external: "internet" }, to: { system: "sys-3", tier: "web" }, services: ["https"], justification: "citizens reach sys-3" };

/** The prefixes of a tier's VLAN at a site, read from the address plan. */
function vlanPrefixes(inventory: Inventory, addressPlan: AddressPlan, site: string, system: string, tier: string, family: "ipv4" | "ipv6"): string[] {
  const t = inventory.systems.find((s) => s.id === system)!.tiers.find((x) => x.name === tier)!;
  const zone = inventory.zones.find((z) => z.site === site && z.id === t.zone)!;
  const vlan = tierVlan(zone, t)!;
  return addressPlan.sites.find((p) => p.site === site)!.subnets.filter((s) => s.zone === t.zone && s.vlanName === vlan.name).map((s) => s[family].prefix);
}

function rulesAt(inventory: Inventory, addressPlan: AddressPlan, site: string): ResolvedRule[] {
  const plan = addressPlan.sites.find((p) => p.site === site)!;
  return resolveFlows({ inventory, plan, province: addressPlan, asOf: AS_OF });
}

/** The plan of a site with the real rule base compiler's output. */
function sitePlanOf(inventory: Inventory, addressPlan: AddressPlan, site: string, mutate?: (c: ReturnType<typeof compileSite>) => ReturnType<typeof compileSite>) {
  const { plan, compiled } = compiledPlan(inventory, addressPlan, site, { ruleBases: false, asOf: AS_OF, mutate });
  return { plan: withRuleBases(plan, compiled.ruleBases), compiled };
}

describe("a flow between sites", () => {
  const { inventory, addressPlan } = province([XS_APP, XS_BACK, XS_DB, XS_INET]);

  it("resolves at the source's site to the destination's VLAN at its site, in both families", () => {
    const rules = rulesAt(inventory, addressPlan, "dc2").filter((r) => r.flow === "xs-app");
    expect(rules.map((r) => ({ family: r.family, from: r.from.label, to: r.to.label, kind: r.to.kind, prefixes: r.to.prefixes, port: r.portMin }))).toEqual(
      (["ipv4", "ipv6"] as const).map((family) => ({ family, from: "sys-1/app", to: "remote:dc1/sys-3/app", kind: "remote", prefixes: vlanPrefixes(inventory, addressPlan, "dc1", "sys-3", "app", family), port: 8443 })),
    );
  });

  it("resolves at the destination's site both its own source and the source's tiers at sites lacking the destination", () => {
    const rules = rulesAt(inventory, addressPlan, "dc1").filter((r) => r.flow === "xs-app");
    const v4 = rules.filter((r) => r.family === "ipv4");
    expect(v4.map((r) => `${r.from.label} > ${r.to.label}`).sort()).toEqual(["remote:dc2/sys-1/app > sys-3/app", "sys-1/app > sys-3/app"]);
    expect(v4.find((r) => r.from.kind === "remote")!.from.prefixes).toEqual(vlanPrefixes(inventory, addressPlan, "dc2", "sys-1", "app", "ipv4"));
  });

  it("does not cross when the destination is at the source's own site, and never pairs two ends outside the site", () => {
    expect(rulesAt(inventory, addressPlan, "dc2").filter((r) => r.flow === "xs-back" || r.flow === "xs-inet")).toEqual([]);
    const dc1 = rulesAt(inventory, addressPlan, "dc1").filter((r) => r.flow === "xs-back");
    expect(dc1.every((r) => r.from.kind === "tier" && r.to.kind === "tier")).toBe(true);
  });

  it("is opened by the rule base where the interconnect enters, in a section of its own, and nowhere else", () => {
    const { compiled } = sitePlanOf(inventory, addressPlan, "dc2");
    const app = inventory.zones.find((z) => z.site === "dc2" && z.id === "app")!;
    const entry = inventory.zones.find((z) => z.site === "dc2" && z.kind === "edge")!;
    const accepts = compiled.ruleBases.flatMap((rb) => rb.rules.filter((r) => r.action === "accept" && r.flows.some((f) => f.flow === "xs-app")).map((r) => ({ device: rb.device, section: r.section, dst: r.destinations })));
    const devices = [...new Set([app.enforcedBy, entry.enforcedBy])].sort();
    expect(accepts.map((a) => a.device).sort()).toEqual(devices);
    for (const a of accepts) expect(a).toMatchObject({ section: { from: "app", to: "external:interconnect" }, dst: ["remote:dc1/sys-3/app"] });
    const atEntry = compiled.ruleBases.find((rb) => rb.device === entry.enforcedBy)!;
    expect(atEntry.externals).toContain("interconnect");
    expect(atEntry.rules.some((r) => r.id === "deny:app>external:interconnect")).toBe(true);
    // A site whose flows do not cross keeps its rule bases without the interconnect.
    const alone = province([]);
    const plain = sitePlanOf(alone.inventory, alone.addressPlan, "dc2").compiled.ruleBases;
    expect(plain.flatMap((rb) => rb.externals)).not.toContain("interconnect");
  });

  it.each(["dc1", "dc2"])("is proven at %s: declared pairs open on their port only, nothing else, the other site's space covered", (site) => {
    const { plan } = sitePlanOf(inventory, addressPlan, site);
    const proof = proveSitePlan(inventory, addressPlan, site, plan, { asOf: AS_OF });
    expect(proof.discrepancies).toEqual([]);
    const m = siteModel(inventory, addressPlan, site, plan);
    const other = site === "dc1" ? "dc2" : "dc1";
    expect(m.endpoints.filter((e) => e.column === "(other sites)").map((e) => e.site)).toContain(other);
    const intent = resolveIntent({ inventory, sitePlan: m.sitePlan, asOf: AS_OF, addressPlan });
    const pm = probeModel(m, intent);
    const remote = m.endpoints.find((e) => e.kind === "remote" && e.site === other && e.remoteTiers?.includes(site === "dc2" ? "sys-3/app" : "sys-1/app"))!;
    const [from, to] = site === "dc2" ? ["tier:sys-1/app", remote.id] : [remote.id, "tier:sys-3/app"];
    for (const family of ["ipv4", "ipv6"] as const) {
      expect(probe(pm, { from, to, protocol: "tcp", port: 8443, family }).allowed).toBe(true);
      expect(probe(pm, { from, to, protocol: "tcp", port: 443, family }).allowed).toBe(false);
      // The reverse direction is not declared.
      expect(probe(pm, { from: to, to: from, protocol: "tcp", port: 8443, family }).allowed).toBe(false);
    }
  });

  it("crosses the database zone's firewall and then the one where the interconnect enters: without the entry's rule it is blocked", () => {
    const db = inventory.zones.find((z) => z.site === "dc2" && z.id === "db")!;
    const entry = inventory.zones.find((z) => z.site === "dc2" && z.kind === "edge")!;
    expect(db.enforcedBy).not.toBe(entry.enforcedBy);
    const { compiled } = sitePlanOf(inventory, addressPlan, "dc2");
    const carrying = compiled.ruleBases.filter((rb) => rb.rules.some((r) => r.action === "accept" && r.flows.some((f) => f.flow === "xs-db"))).map((rb) => rb.device);
    expect(carrying.sort()).toEqual([db.enforcedBy, entry.enforcedBy].sort());
    const drop = (c: ReturnType<typeof compileSite>): ReturnType<typeof compileSite> => ({
      ...c,
      ruleBases: c.ruleBases.map((rb) => (rb.device === entry.enforcedBy ? { ...rb, rules: rb.rules.filter((r) => !r.flows.some((f) => f.flow === "xs-db")) } : rb)),
    });
    const proof = proveSitePlan(inventory, addressPlan, "dc2", sitePlanOf(inventory, addressPlan, "dc2", drop).plan, { asOf: AS_OF });
    const missing = proof.discrepancies.filter((d) => d.kind === "missing" && d.flows.includes("xs-db"));
    expect(missing.map((d) => [d.family, d.from, d.to.startsWith("remote:dc1/")])).toEqual([
      ["ipv4", "tier:sys-2/db", true],
      ["ipv6", "tier:sys-2/db", true],
    ]);
  });

  it("refutes a plan whose interconnect rules open the other site's whole zone (IPv4 only)", () => {
    const vlan = vlanPrefixes(inventory, addressPlan, "dc1", "sys-3", "app", "ipv4")[0];
    const zone = addressPlan.sites.find((p) => p.site === "dc1")!.zones.find((z) => z.zone === "app")!.ipv4;
    const widen = (c: ReturnType<typeof compileSite>): ReturnType<typeof compileSite> => ({
      ...c,
      securityGroups: c.securityGroups.map((g) => ({ ...g, rules: g.rules.map((r) => (r.remoteIpPrefix === vlan ? { ...r, remoteIpPrefix: zone } : r)) })),
      ruleBases: c.ruleBases.map((rb) => ({ ...rb, addresses: rb.addresses.map((o) => (o.name === "remote:dc1/sys-3/app" ? { ...o, ipv4: [zone] } : o)) })),
    });
    const { plan } = sitePlanOf(inventory, addressPlan, "dc2", widen);
    const proof = proveSitePlan(inventory, addressPlan, "dc2", plan, { asOf: AS_OF });
    // The rest of dc1's app zone is now open too; the plan no longer tells it from the declared VLAN, so the proof
    // lists it apart (address sharing, counted until waived) rather than as a plain excess.
    expect(proof.holds).toBe(false);
    const flagged = [...proof.discrepancies, ...proof.apart].filter((d) => d.from === "tier:sys-1/app" && d.to === "site:dc1");
    expect(flagged.map((d) => d.family)).toEqual(["ipv4"]);
    const clean = proveSitePlan(inventory, addressPlan, "dc2", sitePlanOf(inventory, addressPlan, "dc2").plan, { asOf: AS_OF });
    expect([...clean.discrepancies, ...clean.apart].filter((d) => d.to.startsWith("site:") || d.to.startsWith("remote:"))).toEqual([]);
  });
});

describe("flows between sites, on generated provinces", () => {
  const SYSTEMS = 5;
  const flowArb = fc.record({
    from: fc.integer({ min: 1, max: SYSTEMS }),
    to: fc.integer({ min: 1, max: SYSTEMS }),
    fromTier: fc.constantFrom("web", "app", "db"),
    toTier: fc.constantFrom("web", "app", "db"),
    service: fc.constantFrom("app", "postgres"),
  });
  const asFlow = (x: { from: number; to: number; fromTier: string; toTier: string; service: string }, name: string): Flow => ({
    name,
    from: { system: `sys-${x.from}`, tier: x.fromTier },
    to: { system: `sys-${x.to}`, tier: x.toTier },
    services: [x.service],
    justification: "generated",
  });

  it("adding or removing a flow between sites changes no rule of any other flow, at any site", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 3 }), flowArb, (sites, x) => {
        const base = syntheticProvince({ sites, systems: SYSTEMS });
        const addressPlan = allocate(base);
        const withFlow = { ...base, flows: [...base.flows, asFlow(x, "zz-generated")] };
        for (const p of addressPlan.sites) {
          const before = resolveFlows({ inventory: base, plan: p, province: addressPlan, asOf: AS_OF });
          const after = resolveFlows({ inventory: withFlow, plan: p, province: addressPlan, asOf: AS_OF }).filter((r) => r.flow !== "zz-generated");
          expect(after).toEqual(before);
        }
      }),
      { numRuns: 15 },
    );
  });

  it("every site's proof holds with generated flows between sites, and each remote pair is open exactly when declared", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 3 }), fc.array(flowArb, { minLength: 1, maxLength: 3 }), (sites, xs) => {
        const base = syntheticProvince({ sites, systems: SYSTEMS });
        const inventory = { ...base, flows: [...base.flows, ...xs.map((x, i) => asFlow(x, `zz-generated-${i}`))] };
        const addressPlan = allocate(inventory);
        for (const p of addressPlan.sites) {
          const { plan } = sitePlanOf(inventory, addressPlan, p.site);
          const proof = proveSitePlan(inventory, addressPlan, p.site, plan, { asOf: AS_OF });
          expect(proof.discrepancies).toEqual([]);
          expect(proof.apart.filter((x) => /^(remote|site):/.test(x.from) || /^(remote|site):/.test(x.to))).toEqual([]);
        }
      }),
      { numRuns: 4 },
    );
  });
});
