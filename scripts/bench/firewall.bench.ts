/**
 * Firewall rule bases (issue 9): their generation by the compiler from a province's flows
 * (`compileRuleBases`, every enforcing device of the site), their rendering (nftables with the
 * verdict-map dispatch, and the naive linear layout with one guarded jump per zone-pair section as the
 * baseline; FortiOS, JSON, CSV and the analysis at the largest size) and the kernel's load time of the
 * rendered ruleset (`nft -f` in a fresh network namespace), on synthetic provinces of 20 to 50 zones and
 * 500 to 2,000 flows (`manyZoneProvince.ts`, loaded like any province), with the growth exponents. Ours
 * and the baseline run in the same process, interleaved, after the same warm-up; CPU time is user +
 * system (the kernel's work for `nft -f` is system time of the child). Needs root and nftables
 * (`scripts/services/ovs-install` installs it): without them the kernel load is not measured and the
 * benchmark fails.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { analyzeRuleBase } from "../../compilers/firewall/analysis/shadowing";
import { compileRuleBases, type RuleBaseInput } from "../../compilers/firewall/compileRuleBases";
import { renderFortios } from "../../compilers/firewall/render/fortios";
import { renderNftables, type NftLayout } from "../../compilers/firewall/render/nftables";
import { renderRuleBaseCsv } from "../../compilers/firewall/render/ruleBaseCsv";
import { renderRuleBaseJson } from "../../compilers/firewall/render/ruleBaseJson";
import type { RuleBase } from "../../compilers/firewall/ruleBaseTypes";
import { resolveFlows } from "../../compilers/flows/resolve";
import { compilePlacements } from "../../compilers/openstack/placements";
import { loadProvince } from "../../inventory/province/loadProvince";
import { exponent, measure, median, round } from "./measure";
import { manyZoneProvince } from "./manyZoneProvince";
import { writeBenchResult, type BenchRow } from "./result";
import { writeInventoryStack } from "./syntheticStack";

/** Zones and flows. */
const SIZES: Array<[number, number]> = [
  [20, 500],
  [30, 1000],
  [40, 1500],
  [50, 2000],
];
const REPS = 5;
const LAYOUTS: NftLayout[] = ["dispatch", "linear"];

/** `nft -f` in a fresh namespace: wall ms and the child's CPU ms (from the shell's `times`). */
function kernelLoad(file: string): { wallMs: number; cpuMs: number } {
  const t0 = performance.now();
  const out = execFileSync("unshare", ["-n", "sh", "-c", `nft -f '${file}' && times`], { encoding: "utf8", timeout: 600_000 });
  const wallMs = performance.now() - t0;
  // `times` prints the shell's, then its children's user and system time: "0m0.012s 0m1.345s".
  const child = out.trim().split("\n").pop() ?? "";
  const secs = [...child.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  return { wallMs, cpuMs: (secs[0] + secs[1]) * 1000 };
}

function canLoad(): boolean {
  try {
    execFileSync("unshare", ["-n", "nft", "list", "ruleset"], { stdio: "ignore", timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
}

/**
 * The compiler's input for a province of `zones` zones and `flows` flows: loaded (and validated) like
 * any province, its flows resolved; none of this is timed.
 */
function compilerInput(zones: number, flows: number): RuleBaseInput {
  const stack = writeInventoryStack(manyZoneProvince(zones, flows), "fwbench-province-");
  try {
    const loaded = loadProvince(stack.provinceDir);
    if (!loaded.ok) throw new Error(`the synthetic province does not load: ${loaded.problems.slice(0, 3).map((p) => p.message).join("; ")}`);
    const { inventory, addressPlan, asOf } = loaded.province;
    const sitePlan = addressPlan.sites[0];
    const instances = compilePlacements(inventory, sitePlan).instances;
    const rules = resolveFlows({ inventory, plan: sitePlan, province: addressPlan, asOf, hosts: instances });
    return { inventory, sitePlan, province: addressPlan, rules, instances };
  } finally {
    fs.rmSync(stack.root, { recursive: true, force: true });
  }
}

/** The largest rule base (the core firewall's, which enforces every zone but the database's). */
const largestOf = (bases: readonly RuleBase[]): RuleBase => bases.reduce((a, b) => (b.rules.length > a.rules.length ? b : a));

function main(): number {
  const rows: BenchRow[] = [];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "fwbench-"));
  const load = canLoad();
  if (!load) console.log("nft or network namespaces unavailable (needs root and nftables: scripts/services/ovs-install): kernel load not measured");
  const series: Record<NftLayout, { render: number[]; load: number[]; loadWall: number[] }> = { dispatch: { render: [], load: [], loadWall: [] }, linear: { render: [], load: [], loadWall: [] } };
  const generation: number[] = [];
  const ruleCounts: number[] = [];
  let largest: RuleBase | undefined;
  // Warm-up: the JIT compiles the compiler and the renderers on the smallest province before anything is measured.
  const warm = compileRuleBases(compilerInput(SIZES[0][0], SIZES[0][1]));
  for (let i = 0; i < 3; i++) for (const l of LAYOUTS) for (const rb of warm) renderNftables(rb, { layout: l });
  try {
    for (const [zones, flows] of SIZES) {
      const input = compilerInput(zones, flows);
      const gen = [0, 1, 2].map(() => measure(() => compileRuleBases(input)));
      const bases = gen[0].value;
      const rb = largestOf(bases);
      largest = rb;
      ruleCounts.push(rb.rules.length);
      const g = round(median(gen.map((m) => m.cpuMs)));
      generation.push(g);
      const allRules = bases.reduce((n, b) => n + b.rules.length, 0);
      console.log(`${zones} zones, ${flows} flows (${input.rules.length} resolved rules): ${bases.length} rule bases, ${allRules} rules; largest ${rb.device}: ${rb.rules.length} rules, ${rb.addresses.length} address objects; generated in ${g} ms CPU`);
      rows.push({ metric: `generate rule bases (compileRuleBases), ${zones} zones / ${flows} flows`, value: g, unit: "ms CPU", note: `${input.rules.length} resolved rules → ${bases.length} rule bases, ${allRules} rules (${rb.device}: ${rb.rules.length}); median of 3` });
      const render: Record<NftLayout, number[]> = { dispatch: [], linear: [] };
      const kernel: Record<NftLayout, Array<{ wallMs: number; cpuMs: number }>> = { dispatch: [], linear: [] };
      const texts = {} as Record<NftLayout, string>;
      for (let rep = 0; rep < REPS; rep++) {
        for (const l of rep % 2 === 0 ? LAYOUTS : [...LAYOUTS].reverse()) {
          const m = measure(() => renderNftables(rb, { layout: l }));
          render[l].push(m.cpuMs);
          texts[l] = m.value;
        }
      }
      for (const l of LAYOUTS) fs.writeFileSync(path.join(tmp, `${l}-${zones}.nft`), texts[l]);
      if (load) {
        for (let rep = 0; rep < REPS; rep++) {
          for (const l of rep % 2 === 0 ? LAYOUTS : [...LAYOUTS].reverse()) kernel[l].push(kernelLoad(path.join(tmp, `${l}-${zones}.nft`)));
        }
      }
      for (const l of LAYOUTS) {
        const r = round(median(render[l]));
        series[l].render.push(r);
        const forward = texts[l].slice(texts[l].indexOf("  chain forward {")).split("\n").filter((x) => /^ {4}\S/.test(x)).length - 1;
        const elements = (texts[l].match(/ : (?:jump|goto) /g) ?? []).length;
        const note = `${rb.device}: ${rb.rules.length} rules; forward chain ${forward} rules${elements ? `, ${elements} map elements` : ""}; ${Math.round(texts[l].length / 1024)} KiB`;
        rows.push({ metric: `render nftables ${l}, ${zones} zones / ${flows} flows`, value: r, unit: "ms CPU", note });
        if (load) {
          const cpu = round(median(kernel[l].map((k) => k.cpuMs)));
          const wall = round(median(kernel[l].map((k) => k.wallMs)));
          series[l].load.push(cpu);
          series[l].loadWall.push(wall);
          rows.push({ metric: `kernel load (nft -f) ${l}, ${zones} zones / ${flows} flows`, value: cpu, unit: "ms CPU", note: `${rb.device}; wall ${wall} ms, median of ${REPS}` });
        }
      }
    }
    rows.push({ metric: "growth exponent, rule-base generation", value: exponent(SIZES.map(([, f]) => f), generation), unit: "", note: "CPU time vs flows, log-log slope" });
    for (const l of LAYOUTS) {
      rows.push({ metric: `growth exponent, render ${l}`, value: exponent(ruleCounts, series[l].render), unit: "", note: "CPU time vs rules, log-log slope" });
      if (load) rows.push({ metric: `growth exponent, kernel load ${l}`, value: exponent(ruleCounts, series[l].load), unit: "", note: `CPU time vs rules (wall: ${exponent(ruleCounts, series[l].loadWall)})` });
    }
    const rb = largest!;
    for (const [name, f] of [
      ["FortiOS CLI", () => renderFortios(rb)],
      ["JSON", () => renderRuleBaseJson(rb)],
      ["CSV", () => renderRuleBaseCsv(rb)],
      ["shadowing analysis", () => analyzeRuleBase(rb)],
    ] as Array<[string, () => unknown]>) {
      f();
      rows.push({ metric: `render ${name}, 50 zones / 2,000 flows`, value: round(median([0, 1, 2].map(() => measure(f).cpuMs))), unit: "ms CPU", note: rb.device });
    }
    rows.push({ metric: "peak RSS (benchmark process)", value: Math.round(process.resourceUsage().maxRSS / 1024), unit: "MiB" });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  writeBenchResult("firewall", "Firewall rule bases: generation from flows, rendering and kernel load (synthetic provinces of 20-50 zones)", rows);
  if (!load) console.log("the kernel's load time was not measured: run as root with nftables installed (scripts/services/ovs-install)");
  return load ? 0 : 1;
}

process.exitCode = main();
