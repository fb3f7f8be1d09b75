/**
 * The proof's own reading of the flow intent, and its independence from the compilers: a resolver that
 * swaps `from` and `to` — in the proof, or in the compilers — makes the proof fail.
 */
import { Inventory, type Flow } from "../../inventory/model";
import * as compilerResolve from "../../compilers/flows/resolve";
import { resolveEnd, resolveIntent, type SiteIntent } from "../../reachability/intent/resolver";
import { intendedPairs, indexEndpoints, endpointsOfEnd } from "../../reachability/intent/pairs";
import { tslcdPrefixesFor } from "../../reachability/intent/externals";
import { formatSet } from "../../reachability/portSet";
import { proveSitePlan, siteModel } from "../../reachability/siteProof";
import type { SourceMap } from "../../inventory/loader/types";
import { smallProvinceInput } from "../fixtures/smallProvince";
import { allocate, compiledPlan } from "./compiledPlan";

const SITE = "tp-dc1";

function province(flows?: Flow[]): { inventory: Inventory; addressPlan: ReturnType<typeof allocate> } {
  const input = smallProvinceInput();
  if (flows) input.flows = flows;
  // The flows' resolver is the subject here; a built cluster's own intent is tested in clusterProof.test.ts.
  for (const c of input.clusters as Array<Record<string, unknown>>) c.external = true;
  const inventory = Inventory.parse(input);
  return { inventory, addressPlan: allocate(inventory) };
}

const base = province();
const sitePlan = base.addressPlan.sites[0];

describe("the proof's intent resolver", () => {
  it("resolves zones, systems (every tier), one tier, and the outside networks by family", () => {
    expect(resolveEnd(base.inventory, sitePlan, { zone: "mgmt" }, "ipv4")).toEqual([{ kind: "zone", zone: "mgmt" }]);
    expect(resolveEnd(base.inventory, sitePlan, { zone: "nowhere" }, "ipv4")).toEqual([]);
    expect(resolveEnd(base.inventory, sitePlan, { system: "portal" }, "ipv4").map((e) => (e.kind === "tier" ? e.tier : "?"))).toEqual(["web", "app", "db"]);
    expect(resolveEnd(base.inventory, sitePlan, { system: "portal", tier: "db" }, "ipv6")).toEqual([{ kind: "tier", system: "portal", tier: "db" }]);
    expect(resolveEnd(base.inventory, sitePlan, { external: "internet" }, "ipv6")).toEqual([{ kind: "internet" }]);
    expect(resolveEnd(base.inventory, sitePlan, { external: "tslcd" }, "ipv4")).toEqual([{ kind: "tslcd", network: "tslcd", prefixes: ["10.250.1.0/24"] }]);
    // The small province's one TSLCD prefix is level II (the agencies): the national platforms are level I.
    expect(resolveEnd(base.inventory, sitePlan, { external: "national-platforms" }, "ipv6")).toEqual([]);
    expect(tslcdPrefixesFor({ external: "tslcd", level: "II" }, sitePlan)).toEqual(["10.250.1.0/24", "2001:db8:ff00::/56"]);
    expect(tslcdPrefixesFor({ external: "tslcd", level: "I" }, sitePlan)).toEqual([]);
    expect(tslcdPrefixesFor({ external: "tslcd", holds: ["ministries"] }, sitePlan)).toEqual([]);
    expect(tslcdPrefixesFor({ external: "tslcd", agencies: ["X"] }, sitePlan)).toEqual([]);
  });

  it("gives a system hosted at another site nothing here", () => {
    const input = smallProvinceInput();
    (input.systems as Array<Record<string, unknown>>)[0].sites = ["elsewhere"];
    const inventory = Inventory.parse(input);
    expect(resolveEnd(inventory, sitePlan, { system: "portal" }, "ipv4")).toEqual([]);
  });

  it("leaves out a flow expired before the evaluation date, lists it with where it is written, and keeps one expiring that day", () => {
    const flows: Flow[] = [
      { name: "old", from: { zone: "mgmt" }, to: { zone: "app" }, services: ["ssh"], justification: "t", expires: "2026-01-31" },
      { name: "today", from: { zone: "mgmt" }, to: { zone: "db" }, services: ["ssh"], justification: "t", expires: "2026-02-01" },
    ];
    const { inventory } = province(flows);
    const sources: SourceMap = { files: ["flows.yaml"], locate: (p) => ({ file: "flows.yaml", line: 10 + Number(p[1]), column: 5 }) };
    const intent = resolveIntent({ inventory, sitePlan, asOf: "2026-02-01", sources });
    expect(intent.expired).toEqual([{ flow: "old", file: "flows.yaml", line: 10, expires: "2026-01-31" }]);
    expect([...new Set(intent.rules.map((r) => r.flow))]).toEqual(["today"]);
    expect(intent.locations.get("today")).toEqual({ flow: "today", file: "flows.yaml", line: 11 });
  });

  it("holds zones by identity, and composes nothing through the Internet", () => {
    const flows: Flow[] = [
      { name: "app-out", from: { system: "portal", tier: "app" }, to: { external: "internet" }, services: ["https"], justification: "t" },
      { name: "publish", from: { external: "internet" }, to: { system: "portal", tier: "web" }, services: ["https"], justification: "t" },
      { name: "admin", from: { zone: "mgmt" }, to: { zone: "app" }, services: ["ssh"], justification: "t" },
    ];
    const { inventory, addressPlan } = province(flows);
    const { plan } = compiledPlan(inventory, addressPlan, SITE);
    const m = siteModel(inventory, addressPlan, SITE, plan);
    const intent: SiteIntent = resolveIntent({ inventory, sitePlan: addressPlan.sites[0], asOf: "2026-10-15" });
    const pairs = intendedPairs(intent.rules, m.endpoints, "ipv4");
    const id = (i: number): string => m.endpoints[i].id;
    const listed = [...pairs.values()].map((p) => `${id(p.from)} -> ${id(p.to)}: ${formatSet(p.ports)}`).sort();
    expect(listed).toEqual([
      "internet -> tier:portal/web: tcp/443",
      "tier:portal/app -> internet: tcp/443",
      "zone:mgmt -> tier:portal/app: tcp/22",
      "zone:mgmt -> zone:app: tcp/22",
    ]);
    const idx = indexEndpoints(m.endpoints);
    expect(endpointsOfEnd({ kind: "zone", zone: "k8s" }, idx).map(id).sort()).toEqual(["tier:ioc/api", "zone:k8s"]);
  });
});

describe("the proof's independence from the compilers", () => {
  const { plan } = compiledPlan(base.inventory, base.addressPlan, SITE);

  it("holds on the correctly compiled small province", () => {
    const proof = proveSitePlan(base.inventory, base.addressPlan, SITE, plan, { asOf: "2026-10-15" });
    expect(proof.discrepancies).toEqual([]);
    expect(proof.holds).toBe(true);
  });

  it("fails when its own resolver swaps from and to", () => {
    const swapped: typeof resolveIntent = (input) => {
      const intent = resolveIntent(input);
      return { ...intent, rules: intent.rules.map((r) => ({ ...r, from: r.to, to: r.from })) };
    };
    const proof = proveSitePlan(base.inventory, base.addressPlan, SITE, plan, { asOf: "2026-10-15", resolve: swapped });
    expect(proof.holds).toBe(false);
    const kinds = new Set(proof.discrepancies.map((d) => d.kind));
    expect([...kinds].sort()).toEqual(["excess", "missing"]);
    expect(proof.discrepancies.some((d) => d.kind === "missing" && d.from === "tier:portal/db" && d.to === "tier:portal/app" && d.ports === "tcp/5432")).toBe(true);
    expect(proof.discrepancies.some((d) => d.kind === "excess" && d.from === "tier:portal/app" && d.to === "tier:portal/db" && d.ports === "tcp/5432")).toBe(true);
  });

  it("fails when the compilers' resolver swaps from and to (the plan is wrong, the proof's reading is not)", () => {
    const original = compilerResolve.resolveFlows;
    const spy = jest.spyOn(compilerResolve, "resolveFlows").mockImplementation((ctx) => original(ctx).map((r) => ({ ...r, from: r.to, to: r.from })));
    try {
      const broken = compiledPlan(base.inventory, base.addressPlan, SITE).plan;
      expect(spy).toHaveBeenCalled();
      const proof = proveSitePlan(base.inventory, base.addressPlan, SITE, broken, { asOf: "2026-10-15" });
      expect(proof.holds).toBe(false);
      expect(proof.discrepancies.some((d) => d.kind === "missing" && d.from === "tier:portal/app" && d.to === "tier:portal/db")).toBe(true);
      expect(proof.discrepancies.some((d) => d.kind === "excess" && d.from === "tier:portal/db" && d.to === "tier:portal/app")).toBe(true);
    } finally {
      spy.mockRestore();
    }
  });
});
