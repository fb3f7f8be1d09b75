/**
 * Merger benchmark: two synthetic provinces of about 5,000 inventory objects each (agencies, VLANs, devices,
 * systems and their tiers, flows …), the second merged into the first — conflicts, renames, aggregate
 * placement, VLAN renumbering, every stage's address plan through the allocator and lock, and the whole
 * renumbering table — at several sizes with the growth exponent. Baseline: allocating the merged province's
 * address plan once, from scratch (no lock), which any merger must at least do. Ours and the baseline run in
 * the same process, interleaved, after the same warm-up; CPU time is user + system.
 */
import { allocateAddressPlan } from "../../inventory/addressing";
import { mergeProvinces } from "../../inventory/merge/merge";
import type { MergeInput } from "../../inventory/merge/types";
import type { Inventory } from "../../inventory/model";
import { syntheticProvince, type SyntheticSizes } from "../../inventory/synthetic/syntheticProvince";
import { renumberingRows } from "../../offline/merge/renumberingRows";
import { exponent, measure, median, round } from "./measure";
import { writeBenchResult, type BenchRow } from "./result";

const REPS = 3;
/** Fractions of the full size (about 5,000 objects per province). */
const SCALES = [0.25, 0.5, 1];
const FULL: Required<SyntheticSizes> = { sites: 6, agencies: 1600, vlans: 2400, devices: 900, systems: 60 };

function sized(scale: number): SyntheticSizes {
  return { sites: FULL.sites, agencies: Math.round(FULL.agencies * scale), vlans: Math.round(FULL.vlans * scale), devices: Math.round(FULL.devices * scale), systems: Math.max(1, Math.round(FULL.systems * scale)) };
}

/** Inventory objects: every list item, VLANs, tiers and storage pools included. */
function objects(inv: Inventory): number {
  const lists = [inv.sites, inv.zones, inv.agencies, inv.systems, inv.services, inv.flows, inv.racks, inv.devices, inv.uplinks, inv.sanFabrics, inv.storageArrays, inv.clusters, inv.backupPolicies];
  return lists.reduce((n, l) => n + l.length, 0) + inv.zones.reduce((n, z) => n + z.vlans.length, 0) + inv.systems.reduce((n, s) => n + s.tiers.length, 0);
}

function input(name: string, inv: Inventory): MergeInput {
  const r = allocateAddressPlan(inv);
  if (!r.ok) throw new Error(`${name}: ${r.problems.map((p) => p.message).join("; ")}`);
  return { name, path: name, inventory: inv, sources: { locate: () => undefined, files: [] }, plan: r.plan, lock: r.lock };
}

function main(): void {
  const rows: BenchRow[] = [];
  const sizes: number[] = [];
  const oursCpu: number[] = [];
  const baseCpu: number[] = [];
  for (const scale of SCALES) {
    const inputs = [input("a", syntheticProvince(sized(scale))), input("b", syntheticProvince(sized(scale)))];
    const n = objects(inputs[0].inventory);
    const merge = () => {
      const outcome = mergeProvinces(inputs, { keep: 0, mergedOn: "2025-07-01", retireBy: "2027-06-30" });
      if (!outcome.ok) throw new Error(JSON.stringify(outcome.failure.problems));
      return { outcome: outcome.result, rows: renumberingRows(outcome.result) };
    };
    // The baseline allocates what the merger's first stage holds, from scratch.
    const merged = merge().outcome.stages[0].inventory;
    const baseline = () => {
      const r = allocateAddressPlan(merged);
      if (!r.ok) throw new Error(r.problems.map((p) => p.message).join("; "));
      return r;
    };
    baseline(); // warm-up (JIT), not measured; the merger was warmed up above
    const ours: number[] = [];
    const base: number[] = [];
    let last = merge();
    for (let i = 0; i < REPS; i++) {
      const m = measure(merge);
      last = m.value;
      ours.push(m.cpuMs);
      base.push(measure(baseline).cpuMs);
    }
    const changed = last.rows.filter((r) => r.old !== r.new).length;
    console.log(`  ${n} objects per province: merge ${round(median(ours))} ms CPU, baseline ${round(median(base))} ms; ${last.rows.length} renumbering rows (${changed} change), ${last.outcome.conflicts.length} conflicts, ${last.outcome.stages.length} stages`);
    sizes.push(n);
    oursCpu.push(median(ours));
    baseCpu.push(median(base));
    rows.push(
      { metric: `merge, ${n} objects per province (median of ${REPS})`, value: round(median(ours)), unit: "ms CPU", note: `${last.outcome.stages.length} stages, ${last.outcome.conflicts.length} conflicts` },
      { metric: `baseline: allocate the merged province once, ${n} objects per province`, value: round(median(base)), unit: "ms CPU" },
      { metric: `renumbering rows, ${n} objects per province`, value: last.rows.length, unit: "rows", note: `${changed} change` },
    );
  }
  rows.push(
    { metric: "growth exponent, merge", value: exponent(sizes, oursCpu), unit: "", note: "CPU time vs objects, log-log slope" },
    { metric: "growth exponent, baseline", value: exponent(sizes, baseCpu), unit: "", note: "CPU time vs objects, log-log slope" },
    { metric: "peak RSS", value: Math.round(process.resourceUsage().maxRSS / 1024), unit: "MB" },
  );
  writeBenchResult("merge", `Merger of two provinces of up to ${sizes[sizes.length - 1]} objects each`, rows);
}

main();
