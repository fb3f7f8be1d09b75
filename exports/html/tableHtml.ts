import { esc, attrs } from "./escape";
import type { Table } from "../table";

/**
 * A table as HTML: bilingual header cells (Vietnamese, English beneath), numbers right-aligned, and a
 * header row that repeats on every printed page. An empty table says so instead of drawing an empty grid.
 * @param table the table
 * @param id the element id (optional)
 */
export function tableHtml(table: Pick<Table, "columns" | "rows">, id?: string): string {
  if (table.rows.length === 0) return `<p class="empty"${attrs({ id })}>Không có / None</p>`;
  const numeric = table.columns.map((c) => c.type === "integer" || c.type === "decimal");
  const head = table.columns.map((c, i) => `<th${numeric[i] ? ' class="num"' : ""}>${esc(c.vi)}<span class="en">${esc(c.en)}</span></th>`).join("");
  const body = table.rows.map((r) => `<tr>${r.map((cell, i) => `<td${numeric[i] ? ' class="num"' : ""}>${esc(cell)}</td>`).join("")}</tr>`).join("\n");
  return `<table${attrs({ id })}><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/**
 * A bilingual heading: "Vietnamese" with the English beside it.
 * @param level 2 or 3
 * @param vi Vietnamese text
 * @param en English text
 * @param id anchor id (optional)
 */
export function headingHtml(level: 2 | 3, vi: string, en: string, id?: string): string {
  return `<h${level}${attrs({ id })}>${esc(vi)} <span class="en">/ ${esc(en)}</span></h${level}>`;
}
