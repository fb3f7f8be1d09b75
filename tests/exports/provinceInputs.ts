/**
 * Every site of the bundled provinces and of a generated one as as-built inputs: what the exports' tests
 * run on, so nothing is checked on the example's shape alone.
 */
import * as path from "node:path";
import { asBuiltInput, type AsBuiltInput } from "../../exports/input";
import { loadProvince } from "../../inventory/province/loadProvince";
import { formatProblem, loadSources } from "../../inventory/loader";
import { allocateAddressPlan } from "../../inventory/addressing";
import { syntheticProvinceFiles } from "../../inventory/synthetic/syntheticProvince";
import type { Inventory } from "../../inventory/model";
import type { SitePlan } from "../../inventory/addressing/types";

const ROOT = path.resolve(__dirname, "../..");

/**
 * Every site of an inventory as an as-built input.
 * @param inventory the province
 * @param plans its site plans
 * @param asOf the evaluation date
 */
export function sitesOf(inventory: Inventory, plans: readonly SitePlan[], asOf: string): AsBuiltInput[] {
  return inventory.sites.map((s) => {
    const r = asBuiltInput(inventory, plans, s.id, asOf);
    if (!r.ok) throw new Error(r.message);
    return r.input;
  });
}

/**
 * Every site of a bundled province.
 * @param dir the folder under inventory/provinces
 * @param asOf the evaluation date
 */
export function provinceInputs(dir: string, asOf: string): AsBuiltInput[] {
  const p = loadProvince(path.join(ROOT, "inventory/provinces", dir), { asOf });
  if (!p.ok) throw new Error(`${dir} does not load:\n${p.problems.map(formatProblem).join("\n")}`);
  return sitesOf(p.province.inventory, p.province.addressPlan.sites, asOf);
}

/**
 * Every site of a generated three-site province.
 * @param asOf the evaluation date
 */
export function syntheticInputs(asOf: string): AsBuiltInput[] {
  const loaded = loadSources(syntheticProvinceFiles({ sites: 3, systems: 7, devices: 60, vlans: 45 }));
  if (!loaded.ok) throw new Error("synthetic province does not load");
  const plan = allocateAddressPlan(loaded.inventory, undefined, loaded.sources);
  if (!plan.ok) throw new Error("synthetic plan fails");
  return sitesOf(loaded.inventory, plan.plan.sites, asOf);
}

/** The provinces every export test runs on: both bundled ones and a generated one. */
export const PROVINCES: readonly [string, (asOf: string) => AsBuiltInput[]][] = [
  ["ninh-an", (asOf) => provinceInputs("ninh-an", asOf)],
  ["vinh-lam", (asOf) => provinceInputs("vinh-lam", asOf)],
  ["a synthetic province", syntheticInputs],
];
