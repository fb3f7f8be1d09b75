/**
 * SAN benchmark: zoning and LUN masking generated and verified for 400 hosts × 2 fabrics × 2,000 LUNs
 * (and two smaller sizes, for the growth exponent). Ours: the generator (`compileSanPlan`) and the
 * indexed checker (`verifySan`). Baseline, in the same run and interleaved: the nested-loop check an
 * operator's script would do (for each host, fabric and LUN: scan the zones for the host's port and the
 * LUN's array, then the masking for the port); it must reach the same verdict.
 */
import { compileSanPlan } from "../../compilers/san/sanPlan";
import { sanDocument, type SanDocument } from "../../compilers/san/renderSan";
import { syntheticSanProvince } from "../../inventory/synthetic/syntheticSan";
import type { Inventory } from "../../inventory/model";
import { verifySan } from "../../policies/san/visibility";
import { writeBenchResult, type BenchRow } from "./result";

const SIZES = [
  { hosts: 100, luns: 500 },
  { hosts: 200, luns: 1000 },
  { hosts: 400, luns: 2000 },
];
const RUNS = 3;

/** The baseline: for every host, fabric and LUN of the model, a linear scan of zones and masking. Returns missing paths. */
function naiveMissing(inv: Inventory, doc: SanDocument): number {
  let missing = 0;
  const site = doc.site;
  const arrayOfController = new Map(inv.storageArrays.filter((a) => a.site === site).flatMap((a) => a.devices.map((d) => [d, a.id] as const)));
  const arrayOfPool = new Map(inv.storageArrays.filter((a) => a.site === site).flatMap((a) => a.pools.map((p) => [p.id, a.id] as const)));
  const targetArray = (w: string): string | undefined => {
    for (const d of inv.devices) for (const p of d.sanPorts) if (p.wwpn.toLowerCase() === w) return arrayOfController.get(d.name);
    return undefined;
  };
  for (const s of inv.systems)
    for (const l of s.luns)
      for (const h of l.hosts) {
        const dev = inv.devices.find((d) => d.name === h)!;
        for (const f of doc.fabrics) {
          const ports = dev.sanPorts.filter((p) => p.fabric === f.fabric).map((p) => p.wwpn.toLowerCase());
          const array = arrayOfPool.get(l.pool);
          const zoned = ports.filter((w) => f.zones.some((z) => z.initiator === w && z.targets.some((t) => targetArray(t) === array)));
          const mapping = doc.luns.find((m) => m.system === s.id && m.lun === l.name);
          const group = doc.hostGroups.find((g) => g.array === mapping?.array && g.name === mapping?.hostGroup);
          const ok = zoned.some((w) => mapping?.hosts.includes(h) && group?.hosts.some((gh) => gh.device === h && gh.wwpns.includes(w)));
          if (!ok) missing++;
        }
      }
  return missing;
}

function cpuMs<T>(f: () => T): { value: T; cpu: number; wall: number } {
  const c = process.cpuUsage();
  const t = performance.now();
  const value = f();
  const used = process.cpuUsage(c);
  return { value, cpu: (used.user + used.system) / 1000, wall: performance.now() - t };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x: number): number => Math.round(x * 10) / 10;

function main(): void {
  const rows: BenchRow[] = [];
  const results: Array<{ hosts: number; luns: number; ours: number; naive: number }> = [];
  for (const size of SIZES) {
    const inv = syntheticSanProvince(size);
    const site = inv.sites[0].id;
    // Same warm-up for both.
    const warm = sanDocument(compileSanPlan(inv, site));
    verifySan(inv, warm);
    naiveMissing(inv, warm);
    const gen: number[] = [];
    const ver: number[] = [];
    const base: number[] = [];
    let zones = 0;
    let paths = 0;
    let findings = 0;
    let naive = 0;
    for (let r = 0; r < RUNS; r++) {
      const g = cpuMs(() => sanDocument(compileSanPlan(inv, site)));
      const v = cpuMs(() => verifySan(inv, g.value));
      const b = cpuMs(() => naiveMissing(inv, g.value));
      gen.push(g.cpu);
      ver.push(v.cpu);
      base.push(b.cpu);
      zones = g.value.fabrics.reduce((n, f) => n + f.zones.length, 0);
      paths = v.value.paths;
      findings = v.value.findings.length;
      naive = b.value;
    }
    if (findings !== 0 || naive !== 0) throw new Error(`the generated SAN does not verify at ${size.hosts} hosts: ${findings} finding(s), baseline ${naive} missing path(s)`);
    const ours = median(gen) + median(ver);
    results.push({ ...size, ours, naive: median(base) });
    const label = `${size.hosts} hosts × 2 fabrics × ${size.luns} LUNs`;
    console.log(`  ${label}: ${zones} zones, ${paths} host–LUN–fabric paths`);
    rows.push(
      { metric: `${label}: zones generated`, value: zones, unit: "zones", note: "single-initiator, per initiator port and array" },
      { metric: `${label}: paths verified`, value: paths, unit: "paths" },
      { metric: `${label}: generate (CPU)`, value: round(median(gen)), unit: "ms", note: `median of ${RUNS}` },
      { metric: `${label}: verify, ours (CPU)`, value: round(median(ver)), unit: "ms", note: `median of ${RUNS}` },
      { metric: `${label}: verify, nested-loop baseline (CPU)`, value: round(median(base)), unit: "ms", note: "same verdict" },
    );
  }
  const first = results[0];
  const last = results[results.length - 1];
  const exponent = (a: number, b: number): number => round(Math.log(b / a) / Math.log(last.luns / first.luns));
  rows.push(
    { metric: "growth exponent, ours (generate + verify)", value: exponent(first.ours, last.ours), unit: "", note: `${first.hosts}→${last.hosts} hosts, ${first.luns}→${last.luns} LUNs` },
    { metric: "growth exponent, baseline", value: exponent(first.naive, last.naive), unit: "" },
    { metric: "peak RSS", value: Math.round(process.resourceUsage().maxRSS / 1024), unit: "MiB" },
  );
  writeBenchResult("san", "SAN zoning and LUN masking: generated and verified", rows);
}

main();
