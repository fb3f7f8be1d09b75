import type { PlanDiff, ResourceChange } from "./planDiff";
import { shortType } from "./planLabels";

const HEADINGS: Record<ResourceChange["kind"], string> = {
  replace: "Thay thế / To replace",
  update: "Cập nhật / To update",
  add: "Thêm / To add",
  remove: "Xoá / To remove",
};

/** Text in a Markdown list item: one line, backticks kept from closing inline code. */
function inline(s: string): string {
  return s.replace(/\r?\n/g, " ").replace(/`/g, "'");
}

/**
 * The diff as Markdown for a reviewer: counts, then each change with what it is (rules by zones,
 * protocol, ports and family), the rule it replaces, and every changed field before → after, whole.
 * @param d the diff
 * @param header lines under the title (what the two plans are)
 */
export function renderPlanDiff(d: PlanDiff, header: readonly string[] = []): string {
  const lines = [
    `# Thay đổi kế hoạch / Plan diff — ${d.stack}`,
    "",
    ...(header.length > 0 ? [...header.map((l) => `> ${l}  `), ""] : []),
    `**${d.counts.add} to add, ${d.counts.replace} to replace, ${d.counts.update} to update, ${d.counts.remove} to remove**; ${d.unchanged} unchanged.`,
    "",
  ];
  if (d.changes.length === 0) lines.push("Không có thay đổi / No changes.", "");
  for (const kind of ["replace", "update", "add", "remove"] as const) {
    const of = d.changes.filter((c) => c.kind === kind);
    if (of.length === 0) continue;
    lines.push(`## ${HEADINGS[kind]} (${of.length})`, "");
    for (const c of of) {
      lines.push(`- \`${shortType(c.type)}\` ${inline(c.label)} — \`${c.name}\``);
      if (c.previous) lines.push(`  - replaces \`${c.previous.name}\`: ${inline(c.previous.label)}`);
      for (const f of c.fields) {
        const force = f.replaces ? " (forces replacement)" : "";
        if (f.added !== undefined || f.removed !== undefined) {
          lines.push(`  - \`${f.field}\`${force}:`);
          for (const a of f.added ?? []) lines.push(`    - \\+ ${inline(a)}`);
          for (const r of f.removed ?? []) lines.push(`    - − ${inline(r)}`);
          if ((f.added ?? []).length === 0 && (f.removed ?? []).length === 0) lines.push(`    - order: ${inline(f.beforeText)} → ${inline(f.afterText)}`);
        } else lines.push(`  - \`${f.field}\`${force}: ${inline(f.beforeText)} → ${inline(f.afterText)}`);
      }
    }
    lines.push("");
  }
  return lines.join("\n");
}
