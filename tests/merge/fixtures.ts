import fc from "fast-check";
import * as path from "node:path";
import { allocateAddressPlan } from "../../inventory/addressing";
import type { AddressLock } from "../../inventory/addressing/lockFile";
import type { SourceMap } from "../../inventory/loader/types";
import type { MergeInput } from "../../inventory/merge/types";
import type { Inventory } from "../../inventory/model";
import { loadProvince } from "../../inventory/province/loadProvince";
import type { SyntheticSizes } from "../../inventory/synthetic/syntheticProvince";
import { waiverFileOf } from "../../inventory/waivers/waiverFile";

export const ROOT = path.join(__dirname, "../..");
export const NINH_AN = "inventory/provinces/ninh-an";
export const VINH_LAM = "inventory/provinces/vinh-lam";

/** A bundled province as a merge input (paths relative to the repository root, as the CLI shows them). */
export function bundledInput(folder: string): MergeInput {
  const r = loadProvince(path.join(ROOT, folder), { asOf: "2026-12-01", waiverFile: waiverFileOf(folder, ROOT) });
  if (!r.ok) throw new Error(`${folder}: ${r.problems.map((p) => p.message).join("; ")}`);
  return { name: path.basename(folder), path: folder, inventory: r.province.inventory, sources: r.province.sources, plan: r.province.addressPlan, lock: r.province.newLock };
}

const NO_SOURCES: SourceMap = { locate: () => undefined, files: [] };

/** An in-memory province (a synthetic one) as a merge input, allocated with `lock` (its own earlier lock) or without. */
export function memoryInput(name: string, inventory: Inventory, lock?: AddressLock): MergeInput {
  const r = allocateAddressPlan(inventory, lock);
  if (!r.ok) throw new Error(`${name}: ${r.problems.map((p) => p.message).join("; ")}`);
  return { name, path: name, inventory, sources: NO_SOURCES, plan: r.plan, lock: r.lock };
}

/** Random sizes of a synthetic province, each field between its bounds. */
export function syntheticSizes(bounds: Record<keyof SyntheticSizes, [number, number]>): fc.Arbitrary<SyntheticSizes> {
  const [sites, agencies, vlans, devices, systems] = (["sites", "agencies", "vlans", "devices", "systems"] as const).map((k) => fc.integer({ min: bounds[k][0], max: bounds[k][1] }));
  return fc.record({ sites, agencies, vlans, devices, systems });
}
