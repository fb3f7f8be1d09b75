/**
 * One proof of a stack's plan, in its own process (so its heap and peak memory are its own), as the
 * benchmark runs it: `node --import tsx scripts/bench/reachabilityChild.ts <province> <site> <plan.json> [rule-bases]`.
 * With `rule-bases`, a plan that carries none gets zone firewall rule bases built from the compilers'
 * resolved rules first (what the proof faces once the firewall compiler emits them). Prints one JSON line.
 */
import * as fs from "node:fs";
import { loadProvince } from "../../inventory/province/loadProvince";
import { resolveFlows } from "../../compilers/flows/resolve";
import type { Plan } from "../../offline/planTypes";
import { proveSitePlan } from "../../reachability/siteProof";
import { T } from "../../reachability/planInputs";
import { ruleBasesFromRules, withRuleBases } from "../../tests/reachability/ruleBaseBuilder";

const [provinceDir, site, planFile, mode] = process.argv.slice(2);
const loaded = loadProvince(provinceDir);
if (!loaded.ok) throw new Error("the province does not load");
const { inventory, addressPlan, sources } = loaded.province;
let plan = JSON.parse(fs.readFileSync(planFile, "utf8")) as Plan;
const hadRuleBases = plan.resources.some((r) => r.type === T.ruleBase);
if (mode === "rule-bases" && !hadRuleBases) {
  const sitePlan = addressPlan.sites.find((s) => s.site === site);
  if (!sitePlan) throw new Error(site);
  plan = withRuleBases(plan, ruleBasesFromRules(inventory, site, resolveFlows({ inventory, plan: sitePlan, province: addressPlan, asOf: "2026-10-15" })));
}
const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
// One warm-up run, then the measured one: the same for every size.
proveSitePlan(inventory, addressPlan, site, plan, { asOf: "2026-10-15", sources });
const c0 = cpu();
const t0 = performance.now();
const proof = proveSitePlan(inventory, addressPlan, site, plan, { asOf: "2026-10-15", sources });
const cpuMs = cpu() - c0;
const wallMs = performance.now() - t0;
process.stdout.write(
  JSON.stringify({
    resources: plan.resources.length,
    ruleBases: mode === "rule-bases" ? (hadRuleBases ? "from the plan" : "hand-built") : hadRuleBases ? "from the plan" : "none",
    cpuMs: Math.round(cpuMs),
    wallMs: Math.round(wallMs),
    maxRssKiB: process.resourceUsage().maxRSS,
    classes: proof.counts.ipv4.classes + proof.counts.ipv6.classes,
    pairs: proof.counts.ipv4.pairs + proof.counts.ipv6.pairs,
    evaluated: proof.counts.ipv4.evaluated + proof.counts.ipv6.evaluated,
    discrepancies: proof.discrepancies.length,
    apart: proof.apart.length,
    holds: proof.holds,
  }) + "\n",
);
