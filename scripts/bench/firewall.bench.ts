/**
 * Firewall rule bases: rendering (nftables with the verdict-map dispatch, and the naive linear layout
 * with one guarded jump per zone-pair section as the baseline; FortiOS, JSON, CSV and the analysis at the
 * largest size) and the kernel's load time of the rendered ruleset (`nft -f` in a fresh network namespace),
 * at several sizes up to 50 zones and 2,000 flows, with the growth exponent. Ours and the baseline run in
 * the same process, interleaved, after the same warm-up; CPU time is user + system (the kernel's work
 * for `nft -f` is system time of the child).
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { analyzeRuleBase } from "../../compilers/firewall/analysis/shadowing";
import { renderFortios } from "../../compilers/firewall/render/fortios";
import { renderNftables, type NftLayout } from "../../compilers/firewall/render/nftables";
import { renderRuleBaseCsv } from "../../compilers/firewall/render/ruleBaseCsv";
import { renderRuleBaseJson } from "../../compilers/firewall/render/ruleBaseJson";
import type { RuleBase } from "../../compilers/firewall/ruleBaseTypes";
import { exponent, measure, median, round } from "./measure";
import { writeBenchResult, type BenchRow } from "./result";
import { syntheticRuleBase } from "./syntheticRuleBase";

const SIZES: Array<[number, number]> = [
  [10, 400],
  [20, 800],
  [35, 1400],
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

function main(): void {
  const rows: BenchRow[] = [];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "fwbench-"));
  const load = canLoad();
  if (!load) console.log("nft or network namespaces unavailable (needs root and nftables: scripts/services/ovs-install): kernel load not measured");
  const series: Record<NftLayout, { render: number[]; load: number[]; loadWall: number[] }> = { dispatch: { render: [], load: [], loadWall: [] }, linear: { render: [], load: [], loadWall: [] } };
  const ruleCounts: number[] = [];
  let largest: RuleBase | undefined;
  // Warm-up: the JIT compiles the renderers on a small base before anything is measured.
  const warm = syntheticRuleBase(SIZES[0][0], SIZES[0][1]);
  for (let i = 0; i < 5; i++) for (const l of LAYOUTS) renderNftables(warm, { layout: l });
  try {
    for (const [zones, flows] of SIZES) {
      const rb = syntheticRuleBase(zones, flows);
      largest = rb;
      ruleCounts.push(rb.rules.length);
      console.log(`${zones} zones, ${flows} flows: ${rb.rules.length} rules, ${rb.addresses.length} address objects`);
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
        const note = `${rb.rules.length} rules; forward chain ${forward} rules${elements ? `, ${elements} map elements` : ""}; ${Math.round(texts[l].length / 1024)} KiB`;
        rows.push({ metric: `render nftables ${l}, ${zones} zones / ${flows} flows`, value: r, unit: "ms CPU", note });
        if (load) {
          const cpu = round(median(kernel[l].map((k) => k.cpuMs)));
          const wall = round(median(kernel[l].map((k) => k.wallMs)));
          series[l].load.push(cpu);
          series[l].loadWall.push(wall);
          rows.push({ metric: `kernel load (nft -f) ${l}, ${zones} zones / ${flows} flows`, value: cpu, unit: "ms CPU", note: `wall ${wall} ms, median of ${REPS}` });
        }
      }
    }
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
      rows.push({ metric: `render ${name}, 50 zones / 2,000 flows`, value: round(median([0, 1, 2].map(() => measure(f).cpuMs))), unit: "ms CPU" });
    }
    rows.push({ metric: "peak RSS (renderer process)", value: Math.round(process.resourceUsage().maxRSS / 1024), unit: "MB" });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  writeBenchResult("firewall", "Firewall rule bases: rendering and kernel load (synthetic base, one device enforcing every zone)", rows);
}

main();
