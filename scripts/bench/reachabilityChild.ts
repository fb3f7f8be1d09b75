/**
 * One proof of a stack's real offline plan (with the zone firewall rule bases the compiler put in it), in
 * its own process (so its heap and peak memory are its own), as the benchmark runs it:
 * `node --import tsx scripts/bench/reachabilityChild.ts <province> <site> <plan.json>`. One warm-up
 * proof, then the measured one. Prints one JSON line.
 */
import * as fs from "node:fs";
import { loadProvince } from "../../inventory/province/loadProvince";
import type { Plan } from "../../offline/planTypes";
import { planRuleBases } from "../../offline/firewallFiles";
import { proveSitePlan } from "../../reachability/siteProof";

const [provinceDir, site, planFile] = process.argv.slice(2);
const loaded = loadProvince(provinceDir);
if (!loaded.ok) throw new Error(`the province does not load: ${loaded.problems.slice(0, 3).map((p) => p.message).join("; ")}`);
const { inventory, addressPlan, sources } = loaded.province;
const plan = JSON.parse(fs.readFileSync(planFile, "utf8")) as Plan;
const ruleBases = planRuleBases(plan);
// The proof must face the firewall layer the compiler generates: a plan without it is not what a user proves.
if (ruleBases.length === 0) throw new Error(`${planFile} carries no zone firewall rule base`);
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
    ruleBases: ruleBases.length,
    ruleBaseRules: ruleBases.reduce((n, rb) => n + rb.rules.length, 0),
    zoneFirewallLayer: proof.zoneFirewallLayer,
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
