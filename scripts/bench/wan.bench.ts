/**
 * TSLCD benchmark: the configurations of a province with 250, 500 and 1,000 agency endpoints (Ninh An with
 * its endpoints replaced by that many communes, LANs and PE–CE links allocated by the address plan):
 * every site's edge routers and every CPE generated, rendered as FRR text and checked (each CPE announces
 * exactly its LAN and accepts only routes an edge router carrying its VPN announces, read back from the
 * text). Ours: `compileCpeIntents` resolving each site's flows once. Baseline, in the same run, same
 * warm-up, interleaved: compiling CPE by CPE (each resolves every flow again, as a per-device template
 * would); it must render the same text. CPU time per phase, the allocator's time, peak RSS, growth exponents.
 * The BGP convergence after a circuit cut is measured on real routers by `npm run test:wan` (printed there).
 */
import * as path from "node:path";
import { loadProvinceOnce } from "../../inventory/province/loadProvince";
import { allocateAddressPlan } from "../../inventory/addressing";
import type { Inventory, TslcdEndpoint } from "../../inventory/model";
import type { AddressPlan } from "../../inventory/addressing/types";
import { compileEdgeIntent, type EdgeRouterIntent } from "../../compilers/wan/edgeIntent";
import { compileCpeIntents, type CpeIntent } from "../../compilers/wan/cpeIntent";
import { renderCpeFrr, renderEdgeFrr } from "../../compilers/wan/renderFrr";
import { exponent, measure, median, round } from "./measure";
import { writeBenchResult, type BenchRow } from "./result";

const SIZES = [250, 500, 1000];
const RUNS = 3;
const AS_OF = "2026-12-05";
const ROOT = path.join(__dirname, "..", "..");

/** Ninh An with `n` commune endpoints (one circuit each, Linux CPEs, every 10th with a backup circuit). */
function provinceWith(n: number): { inventory: Inventory; plan: AddressPlan } {
  const r = loadProvinceOnce(path.join(ROOT, "inventory", "provinces", "ninh-an"), { asOf: AS_OF, waiverFile: path.join(ROOT, "policies", "waivers", "ninh-an.yaml") });
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join("\n"));
  const inv = r.province.inventory;
  const template = inv.tslcdEndpoints.find((e) => e.attachments.some((a) => a.cpe.platform === "frr" && a.cpe.routing === "bgp"))!;
  const agencies = [...new Set(inv.tslcdEndpoints.map((e) => e.agency))];
  const routes = [...new Set(inv.tslcdEndpoints.flatMap((e) => e.attachments.map((a) => a.route)))];
  const endpoints: TslcdEndpoint[] = Array.from({ length: n }, (_, i) => {
    const a = { ...template.attachments[0], circuit: `BENCH-L2-${i}`, route: routes[i % routes.length], backup: false, link: undefined };
    const attachments = i % 10 === 0 ? [a, { ...a, circuit: `BENCH-L2-${i}-B`, route: routes[(i + 1) % routes.length], backup: true }] : [a];
    return { id: `bench-${i}`, agency: agencies[i % agencies.length], hosts: 12, lan: undefined, attachments };
  });
  // A second level-II block, as a province of 1,000 endpoints would be assigned.
  const blocks = [...inv.tslcd!.blocks, { prefix: "10.253.0.0/16", ipv6: "2001:db8:f300::/40", carrier: "bench", reference: "bench" }];
  const inventory = { ...inv, tslcd: { ...inv.tslcd!, blocks }, tslcdEndpoints: endpoints };
  const alloc = allocateAddressPlan(inventory);
  if (!alloc.ok) throw new Error(`the bench province does not allocate: ${alloc.problems.map((p) => p.message).slice(0, 3).join("; ")}`);
  return { inventory, plan: alloc.plan };
}

/** The edge routers of every site. */
function edges(inventory: Inventory, plan: AddressPlan): EdgeRouterIntent[] {
  return plan.sites.flatMap((s) => compileEdgeIntent({ inventory, plan: s, province: plan, asOf: AS_OF }).routers);
}

/** The baseline: one CPE at a time, each compilation resolving the sites' flows again. */
function cpesOneByOne(inventory: Inventory, plan: AddressPlan): CpeIntent[] {
  return inventory.tslcdEndpoints.flatMap((e) => compileCpeIntents({ inventory: { ...inventory, tslcdEndpoints: [e] }, province: plan, asOf: AS_OF }).cpes);
}

/** Reads the rendered texts back: problems where a CPE announces more than its LAN or accepts what no edge announces. */
function check(edgeTexts: readonly string[], cpeTexts: readonly string[], cpes: readonly CpeIntent[]): number {
  const lists = (text: string, dir: "IN" | "OUT"): string[] => [...text.matchAll(new RegExp(`^ip(?:v6)? prefix-list \\S+-${dir}-V[46] seq \\d+ permit (\\S+)$`, "gm"))].map((m) => m[1]);
  const announced = new Set(edgeTexts.flatMap((t) => lists(t, "OUT")));
  let problems = 0;
  cpeTexts.forEach((t, i) => {
    const lan = [...cpes[i].lan.ipv4, ...cpes[i].lan.ipv6].sort();
    if (lists(t, "OUT").sort().join() !== lan.join()) problems++;
    problems += lists(t, "IN").filter((p) => !announced.has(p)).length;
  });
  return problems;
}

function main(): void {
  const rows: BenchRow[] = [];
  const results: Array<{ n: number; ours: number; base: number }> = [];
  for (const n of SIZES) {
    const a = measure(() => provinceWith(n));
    const { inventory, plan } = a.value;
    // Same warm-up for both.
    cpesOneByOne(inventory, plan);
    compileCpeIntents({ inventory, province: plan, asOf: AS_OF });
    const oursCpu: number[] = [];
    const baseCpu: number[] = [];
    const phases = { edge: [] as number[], cpe: [] as number[], render: [] as number[], check: [] as number[] };
    let files = 0;
    for (let r = 0; r < RUNS; r++) {
      const e = measure(() => edges(inventory, plan));
      const c = measure(() => compileCpeIntents({ inventory, province: plan, asOf: AS_OF }).cpes);
      const t = measure(() => ({ edge: e.value.map((x) => renderEdgeFrr(x)), cpe: c.value.map((x) => renderCpeFrr(x)) }));
      const k = measure(() => check(t.value.edge, t.value.cpe, c.value));
      if (k.value !== 0) throw new Error(`${k.value} problem(s) in the generated configurations at ${n} endpoints`);
      const b = measure(() => cpesOneByOne(inventory, plan).map((x) => renderCpeFrr(x)));
      if ([...b.value].sort().join("\n") !== [...t.value.cpe].sort().join("\n")) throw new Error(`the baseline renders other CPE configurations at ${n} endpoints`);
      phases.edge.push(e.cpuMs);
      phases.cpe.push(c.cpuMs);
      phases.render.push(t.cpuMs);
      phases.check.push(k.cpuMs);
      oursCpu.push(e.cpuMs + c.cpuMs + t.cpuMs + k.cpuMs);
      baseCpu.push(e.cpuMs + b.cpuMs + k.cpuMs);
      files = t.value.edge.length + t.value.cpe.length;
    }
    results.push({ n, ours: median(oursCpu), base: median(baseCpu) });
    const label = `${n} endpoints`;
    console.log(`  ${label}: ${files} configurations`);
    rows.push(
      { metric: `${label}: province load + address plan (wall)`, value: round(a.wallMs), unit: "ms", note: "LANs and PE–CE links allocated once; the first size includes the modules warming up" },
      { metric: `${label}: configurations`, value: files, unit: "files", note: "edge routers and CPEs" },
      { metric: `${label}: generate + render + check, ours (CPU)`, value: round(median(oursCpu)), unit: "ms", note: `median of ${RUNS}; edge ${round(median(phases.edge))}, CPEs ${round(median(phases.cpe))}, render ${round(median(phases.render))}, check ${round(median(phases.check))}` },
      { metric: `${label}: the same, CPE-by-CPE baseline (CPU)`, value: round(median(baseCpu)), unit: "ms", note: "same texts" },
    );
  }
  const ns = results.map((r) => r.n);
  rows.push(
    { metric: "growth exponent, ours", value: exponent(ns, results.map((r) => r.ours)), unit: "", note: `${ns[0]}→${ns[ns.length - 1]} endpoints` },
    { metric: "growth exponent, baseline", value: exponent(ns, results.map((r) => r.base)), unit: "" },
    { metric: "peak RSS (benchmark process)", value: Math.round(process.resourceUsage().maxRSS / 1024), unit: "MiB" },
  );
  writeBenchResult("wan", "TSLCD configurations (edge routers and agency CPEs): generated, rendered and checked", rows);
}

main();
