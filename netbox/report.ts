/**
 * The sync's diff as people and tools read it: a table of create / update / delete / conflict per type,
 * then every change (an update lists its fields, what NetBox has → what the model says).
 */
import { markdownCell } from "../exports/markdown";
import type { SyncResult } from "./sync";

/** A value as one short line. */
function shown(v: unknown): string {
  const s = typeof v === "string" ? v : JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 77)}…` : s;
}

/**
 * The summary table as plain text (the console).
 * @param r the sync result
 */
export function summaryText(r: SyncResult): string {
  const rows = r.types.filter((t) => t.desired + t.existing > 0);
  const w = Math.max(...rows.map((t) => t.type.length), 4);
  const lines = [`${"type".padEnd(w)}  ${["model", "netbox", "create", "update", "delete", "not ours"].map((h) => h.padStart(10)).join("")}`];
  for (const t of rows) lines.push(`${t.type.padEnd(w)}  ${[t.desired, t.existing, t.create, t.update, t.delete, t.conflict].map((n) => String(n).padStart(10)).join("")}`);
  const sum = (k: "create" | "update" | "delete" | "conflict"): number => r.types.reduce((n, t) => n + t[k], 0);
  lines.push(`${"total".padEnd(w)}  ${["", "", sum("create"), sum("update"), sum("delete"), sum("conflict")].map((n) => String(n).padStart(10)).join("")}`);
  return lines.join("\n") + "\n";
}

/**
 * The diff as Markdown.
 * @param r the sync result
 * @param heading what the first lines say (stack, NetBox, dry run or applied)
 */
export function diffMarkdown(r: SyncResult, heading: string[]): string {
  const out = [`# NetBox — ${r.applied ? "đã đồng bộ / applied" : "chạy thử / dry run"}`, "", ...heading.map((h) => `- ${markdownCell(h)}`), "", "| Loại / Type | Mô hình / Model | NetBox | Tạo / Create | Sửa / Update | Xóa / Delete | Không thuộc hatang / Not ours |", "|---|---:|---:|---:|---:|---:|---:|"];
  for (const t of r.types) out.push(`| ${t.type} | ${t.desired} | ${t.existing} | ${t.create} | ${t.update} | ${t.delete} | ${t.conflict} |`);
  out.push("");
  for (const action of ["create", "update", "delete", "conflict"] as const) {
    const list = r.changes.filter((c) => c.action === action);
    if (list.length === 0) continue;
    out.push(`## ${{ create: "Tạo / Create", update: "Sửa / Update", delete: "Xóa / Delete", conflict: "Khác mô hình nhưng không thuộc hatang (không sửa) / Differs but not ours (left alone)" }[action]} (${list.length})`, "");
    for (const c of list) {
      out.push(`- ${c.type} \`${markdownCell(c.key)}\``);
      for (const [f, [from, to]] of Object.entries(c.fields ?? {})) out.push(`  - ${markdownCell(f)}: ${markdownCell(shown(from))} → ${markdownCell(shown(to))}`);
    }
    out.push("");
  }
  return out.join("\n");
}
