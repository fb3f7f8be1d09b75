/**
 * The stack's policy report (`out/<stack>/policy-report.json`, written by `npm run check`) as the exports read
 * it: absent (the compliance parts then say "not evaluated" — they never invent a verdict), read, or unusable
 * (a problem the export reports, writing nothing).
 */
import * as fs from "node:fs";
import type { ControlStatus, PolicyReport } from "../offline/reports/reportTypes";

/** What was found at the report's path. */
export type PolicyReportRead = { state: "absent"; path: string } | { state: "read"; path: string; report: PolicyReport } | { state: "unusable"; path: string; message: string };

const STATUSES: readonly ControlStatus[] = ["pass", "pass-waived", "fail", "not-applicable", "not-assessed"];

/**
 * Checks the parts of a parsed report the exports rely on, and says what is wrong.
 * @param value the parsed JSON
 * @param stack the stack the report must be about
 */
export function policyReportProblem(value: unknown, stack: string): string | undefined {
  if (typeof value !== "object" || value === null) return "expected a JSON object";
  const r = value as Partial<PolicyReport>;
  if (r.schemaVersion !== 1) return `schemaVersion: expected 1 (found: ${JSON.stringify(r.schemaVersion)})`;
  if (r.stack !== stack) return `stack: expected "${stack}" (found: ${JSON.stringify(r.stack)})`;
  if (typeof r.asOf !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(r.asOf)) return `asOf: expected a date YYYY-MM-DD (found: ${JSON.stringify(r.asOf)})`;
  if (!Array.isArray(r.controls)) return "controls: expected a list";
  for (const [i, c] of r.controls.entries()) {
    if (typeof c?.id !== "string") return `controls[${i}].id: expected a control id`;
    if (!STATUSES.includes(c.status)) return `controls[${i}].status: expected one of ${STATUSES.join(", ")} (found: ${JSON.stringify(c.status)})`;
  }
  if (!Array.isArray(r.findings)) return "findings: expected a list";
  if (!r.summary || typeof r.summary !== "object") return "summary: expected an object";
  return undefined;
}

/**
 * Reads a stack's policy report.
 * @param file path of `policy-report.json`
 * @param stack the stack it must describe
 */
export function readPolicyReport(file: string, stack: string): PolicyReportRead {
  if (!fs.existsSync(file)) return { state: "absent", path: file };
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    return { state: "unusable", path: file, message: `not valid JSON: ${(e as Error).message}` };
  }
  const problem = policyReportProblem(value, stack);
  return problem ? { state: "unusable", path: file, message: problem } : { state: "read", path: file, report: value as PolicyReport };
}
