import * as fs from "node:fs";
import { fileErrorText, InputError } from "../cli/command";
import type { Plan } from "./planTypes";
import { shownPath } from "./stackConfig";

/**
 * Reads a plan.json, or an `InputError` naming the file and what is wrong with it (missing, unreadable,
 * not JSON, not a plan): a reviewer passing the wrong file gets one line, never a trace.
 * @param file the plan file
 */
export function readPlanFile(file: string): { plan: Plan; shown: string; bytes: Buffer } {
  const shown = shownPath(file);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    throw new InputError(`${shown}: cannot read the plan: ${fileErrorText(e)}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString("utf8"));
  } catch (e) {
    throw new InputError(`${shown}: not a plan: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const problem = planShapeProblem(value);
  if (problem) throw new InputError(`${shown}: not a plan written by \`npm run plan\`: ${problem}`);
  return { plan: value as Plan, shown, bytes };
}

/**
 * What makes a value not a plan, or undefined. Exported for testing.
 * @param value parsed JSON
 */
export function planShapeProblem(value: unknown): string | undefined {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return "expected a JSON object";
  const v = value as Record<string, unknown>;
  for (const k of ["project", "stack"]) if (typeof v[k] !== "string") return `expected "${k}" to be text`;
  if (!Array.isArray(v.resources)) return 'expected "resources" to be a list';
  const bad = v.resources.findIndex((r) => r === null || typeof r !== "object" || typeof (r as Record<string, unknown>).urn !== "string" || typeof (r as Record<string, unknown>).type !== "string" || typeof (r as Record<string, unknown>).inputs !== "object");
  if (bad >= 0) return `resources[${bad}]: expected an object with urn, type and inputs`;
  return undefined;
}
