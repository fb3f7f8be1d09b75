/**
 * Routing and filtering agree at the TSLCD edge: on every site of both bundled provinces and of synthetic
 * ones, the zone firewall's accept rules between the DC and the TSLCD (compiled from the flows in force)
 * open only TSLCD addresses the edge routers accept from the carrier and DC addresses they announce to it,
 * and every DC prefix the edge announces is opened by some rule (nothing is routed that no rule lets
 * through). Read from the compiled rule bases and the edge intent; containment by the tests' own arithmetic.
 */
import * as path from "node:path";
import { loadProvinceOnce, type Province } from "../../inventory/province/loadProvince";
import { compileSite } from "../../compilers/site";
import { compileRuleBases } from "../../compilers/firewall/compileRuleBases";
import type { RuleBase } from "../../compilers/firewall/ruleBaseTypes";
import { compileEdgeIntent } from "../../compilers/wan/edgeIntent";
import { containsPrefix } from "./support/prefixMath";

const ROOT = path.join(__dirname, "..", "..");
const AS_OF = "2026-12-05";
const TSLCD = "external:tslcd";

function bundled(name: string): Province {
  const r = loadProvinceOnce(path.join(ROOT, "inventory", "provinces", name), { asOf: AS_OF, waiverFile: path.join(ROOT, "policies", "waivers", `${name}.yaml`) });
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join("\n"));
  return r.province;
}

/** What the site's rule bases open between the DC and the TSLCD: prefixes on each side, per family. */
function firewallTslcdOpenings(bases: readonly RuleBase[]): { tslcd: string[]; dc: string[] } {
  const out = { tslcd: new Set<string>(), dc: new Set<string>() };
  for (const b of bases) {
    const objects = new Map(b.addresses.map((a) => [a.name, a]));
    const prefixes = (names: string[], families: string[]): string[] => names.flatMap((n) => families.flatMap((f) => (f === "ipv4" ? objects.get(n)!.ipv4 : objects.get(n)!.ipv6)));
    for (const r of b.rules) {
      if (r.action !== "accept") continue;
      const [remote, local] = r.section.from === TSLCD ? [r.sources, r.destinations] : r.section.to === TSLCD ? [r.destinations, r.sources] : [undefined, undefined];
      if (remote === undefined) continue;
      for (const p of prefixes(remote, r.families)) out.tslcd.add(p);
      for (const p of prefixes(local, r.families)) out.dc.add(p);
    }
  }
  return { tslcd: [...out.tslcd].sort(), dc: [...out.dc].sort() };
}

describe.each(["ninh-an", "vinh-lam"])("the TSLCD edge of %s: routing and filtering agree", (name) => {
  const province = bundled(name);
  const opened = new Map<string, number>();
  afterAll(() => {
    // Not vacuous: some site opens DC tiers to the TSLCD and routes them.
    expect([...opened.values()].some((n) => n > 0)).toBe(true);
  });
  it.each(province.addressPlan.sites.map((s) => s.site))("site %s", (site) => {
    const plan = province.addressPlan.sites.find((s) => s.site === site)!;
    const c = compileSite(province.inventory, plan, { province: province.addressPlan, asOf: AS_OF });
    const bases = compileRuleBases({ inventory: province.inventory, sitePlan: plan, province: province.addressPlan, rules: c.rules, instances: c.placements.instances });
    const fw = firewallTslcdOpenings(bases);
    opened.set(site, fw.dc.length);
    const edge = compileEdgeIntent({ inventory: province.inventory, plan, province: province.addressPlan, asOf: AS_OF });
    expect(edge.problems).toEqual([]);
    const accepted = edge.routers.flatMap((r) => r.vrfs.flatMap((v) => [...v.accept.ipv4, ...v.accept.ipv6]));
    const announced = edge.routers.flatMap((r) => r.vrfs.flatMap((v) => [...v.announce.ipv4, ...v.announce.ipv6]));
    const unrouted = { tslcd: fw.tslcd.filter((p) => !accepted.some((a) => containsPrefix(a, p))), dc: fw.dc.filter((p) => !announced.some((a) => containsPrefix(a, p))) };
    expect(unrouted).toEqual({ tslcd: [], dc: [] });
    expect(announced.filter((a) => !fw.dc.some((p) => containsPrefix(a, p)))).toEqual([]);
  });
});
