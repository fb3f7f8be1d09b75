import { formatProblem } from "./formatProblems";
import { loadInventory } from "./loadInventory";
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
 * Validates a province; reads files, writes nothing.
 * @param target a province folder or file (default: the example province)
 * @param json print a JSON document instead of lines
 */
export function validateReport(target: string = DEFAULT_PROVINCE, json = false): ValidateReport {
  const result = loadInventory(target);
  if (json) {
    const body = result.ok ? { ok: true, path: target, files: result.sources.files, summary: summarizeInventory(result.inventory) } : { ok: false, path: target, problems: result.problems };
    return { exitCode: result.ok ? 0 : 1, stdout: `${JSON.stringify(body, null, 2)}\n`, stderr: "" };
  }
  if (!result.ok) {
    const n = result.problems.length;
    return { exitCode: 1, stdout: result.problems.map(formatProblem).join("\n") + "\n", stderr: `${target}: ${n} problem${n === 1 ? "" : "s"}\n` };
  }
  const s = summarizeInventory(result.inventory);
  const counts = Object.entries(s)
    .filter(([k]) => k !== "province")
    .map(([k, v]) => `${v} ${k}`)
    .join(", ");
  return { exitCode: 0, stdout: `${target}: valid (province ${s.province}, ${result.sources.files.length} files)\n  ${counts}\n`, stderr: "" };
}
