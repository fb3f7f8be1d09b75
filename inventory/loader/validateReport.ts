import { formatProblems } from "./formatProblems";
import { loadProvince } from "../province/loadProvince";
import type { LoadResult } from "./types";
import { summarizeInventory } from "./summary";

/** Province validated when no path is given. */
export const DEFAULT_PROVINCE = "inventory/provinces/ninh-an";

/** What `npm run validate` prints and how it exits. */
export interface ValidateReport {
  /** 0 when the inventory is valid, 1 when it has problems. */
  exitCode: number;
  /** Text for standard output. */
  stdout: string;
  /** Text for standard error. */
  stderr: string;
}

/**
 * Validates a province as every later stage loads it (model, cross-field rules, zone baseline and boundary
 * controls with the province's waivers at `asOf`, address plan against the lock); reads files, writes nothing.
 * @param target a province folder or file (default: the example province)
 * @param json print a JSON document instead of lines
 * @param asOf evaluation date of waivers and flow expiries (default today)
 */
export function validateReport(target: string = DEFAULT_PROVINCE, json = false, asOf?: string): ValidateReport {
  const province = loadProvince(target, asOf !== undefined ? { asOf } : {});
  const result: LoadResult = province.ok ? { ok: true, inventory: province.province.inventory, sources: province.province.sources } : province;
  if (json) {
    const body = result.ok ? { ok: true, path: target, files: result.sources.files, summary: summarizeInventory(result.inventory) } : { ok: false, path: target, problems: result.problems };
    return { exitCode: result.ok ? 0 : 1, stdout: `${JSON.stringify(body, null, 2)}\n`, stderr: "" };
  }
  if (!result.ok) {
    const n = result.problems.length;
    return { exitCode: 1, stdout: formatProblems(result.problems).join("\n") + "\n", stderr: `${target}: ${n} problem${n === 1 ? "" : "s"}\n` };
  }
  const s = summarizeInventory(result.inventory);
  const counts = Object.entries(s)
    .filter(([k]) => k !== "province")
    .map(([k, v]) => `${v} ${k}`)
    .join(", ");
  return { exitCode: 0, stdout: `${target}: valid (province ${s.province}, ${result.sources.files.length} files)\n  ${counts}\n`, stderr: "" };
}

