/** The analysis of a site's rule bases as Markdown (reviewers) and JSON (tools). */
import type { RuleBaseAnalysis } from "./shadowing";

/**
 * Markdown: per device, counts and every shadowed or redundant rule with what decides its packets.
 * @param analyses one per device
 */
export function renderAnalysisMarkdown(analyses: readonly RuleBaseAnalysis[]): string {
  const lines = ["# Phân tích tập luật tường lửa / Firewall rule-base analysis", ""];
  lines.push("Shadowed: never the first match, and earlier rules decide some of its packets the other way. Redundant: removing it changes no verdict.", "");
  for (const a of analyses) {
    lines.push(`## ${a.device} (${a.site})`, "");
    lines.push(`${a.rules} rules (${a.accept} accept, ${a.deny} deny) in ${a.sections} sections; ${a.findings.filter((f) => f.kind === "shadowed").length} shadowed, ${a.findings.filter((f) => f.kind === "redundant").length} redundant (per family).`, "");
    if (a.findings.length > 0) {
      lines.push("| # | rule | section | family | finding | decided by | why |", "|---:|---|---|---|---|---|---|");
      for (const f of a.findings) lines.push(`| ${f.sequence} | \`${f.rule}\` | ${f.section.from} → ${f.section.to} | ${f.family} | ${f.kind} | ${f.decidedBy.map((d) => `\`${d}\``).join(", ")} | ${f.reason} |`);
      lines.push("");
    }
    if (a.acceptWithoutLog.length > 0) lines.push(`Accept rules that do not log: ${a.acceptWithoutLog.map((r) => `\`${r}\``).join(", ")}.`, "");
    if (a.acceptWithoutIps.length > 0) lines.push(`Accept rules without an IPS profile: ${a.acceptWithoutIps.map((r) => `\`${r}\``).join(", ")}.`, "");
  }
  return lines.join("\n") + "\n";
}

/**
 * JSON of the analyses.
 * @param analyses one per device
 */
export function renderAnalysisJson(analyses: readonly RuleBaseAnalysis[]): string {
  return JSON.stringify({ format: "hatang.firewall-analysis/v1", devices: analyses }, null, 2) + "\n";
}
