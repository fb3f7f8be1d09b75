import * as path from "node:path";
import { loadProvince, type Province } from "../../inventory/province/loadProvince";
import { formatProblem } from "../../inventory/loader";
import { BUNDLED_AS_OF } from "../bundledAsOf";
import { asBuiltInput, type AsBuiltInput } from "../../exports/input";

/** The example province folder. */
export const EXAMPLE_PROVINCE = path.resolve(__dirname, "../../inventory/provinces/ninh-an");

/** The report date the tests use. */
export const AS_OF = "2026-05-01";

let cached: Province | undefined;

/** The example province, loaded once per test file (loading takes about half a second). */
export function exampleProvince(): Province {
  if (cached) return cached;
  const r = loadProvince(EXAMPLE_PROVINCE, { asOf: BUNDLED_AS_OF });
  if (!r.ok) throw new Error(`the example province does not load:\n${r.problems.map(formatProblem).join("\n")}`);
  cached = r.province;
  return cached;
}

/**
 * One site's as-built input from the example province.
 * @param site the site id
 */
export function exampleInput(site: string): AsBuiltInput {
  const p = exampleProvince();
  const r = asBuiltInput(p.inventory, p.addressPlan.sites, site, AS_OF);
  if (!r.ok) throw new Error(r.message);
  return r.input;
}
