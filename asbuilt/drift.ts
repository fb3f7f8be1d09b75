/** Renders a drift report as JSON and Markdown and writes them to out/<stack>/. */
import * as fs from "node:fs";
import * as path from "node:path";
import type { DriftReport } from "./reconcile";

function show(v: unknown): string {
  return v === undefined ? "—" : "`" + JSON.stringify(v).replace(/`/g, "'") + "`";
}

/**
 * Markdown for people: a summary line, then missing, extra and changed (field by field).
 * @param report the drift report
 */
export function driftMarkdown(report: DriftReport): string {
  const by = (s: string) => report.drifts.filter((d) => d.status === s);
  const lines = [
    `# Drift — ${report.stack} / Sai lệch so với kế hoạch`,
    "",
    `${report.planned} planned objects, ${report.live} live objects, ${report.drifts.length} drift(s).`,
    "",
  ];
  if (report.drifts.length === 0) lines.push("No drift: the cloud matches the plan. / Không có sai lệch.", "");
  const missing = by("missing");
  if (missing.length) lines.push("## Missing (in the plan, not in the cloud) / Thiếu", "", ...missing.map((d) => `- ${d.kind} \`${d.key}\``), "");
  const extra = by("extra");
  if (extra.length) lines.push("## Extra (in the cloud, not in the plan) / Thừa", "", ...extra.map((d) => `- ${d.kind} \`${d.key}\`${"id" in d && d.id ? ` (id ${d.id})` : ""}`), "");
  const changed = report.drifts.filter((d) => d.status === "changed");
  if (changed.length) {
    lines.push("## Changed / Thay đổi", "", "| object | field | planned | live |", "|---|---|---|---|");
    for (const d of changed) if (d.status === "changed") for (const c of d.changes) lines.push(`| ${d.kind} \`${d.key}\` | ${c.field} | ${show(c.planned)} | ${show(c.live)} |`);
    lines.push("");
  }
  return lines.join("\n");
}

/**
 * Writes out/<stack>/drift.json and drift.md; returns their paths.
 * @param report the drift report
 * @param outRoot the output root (default `out`)
 */
export function writeDrift(report: DriftReport, outRoot = "out"): { json: string; md: string } {
  const dir = path.join(outRoot, report.stack);
  fs.mkdirSync(dir, { recursive: true });
  const json = path.join(dir, "drift.json");
  const md = path.join(dir, "drift.md");
  fs.writeFileSync(json, JSON.stringify(report, null, 2) + "\n");
  fs.writeFileSync(md, driftMarkdown(report));
  return { json, md };
}
