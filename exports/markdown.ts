import { heading, tableTitle, type Cell, type Table } from "./table";
import { basisLabel, citationLines, titleWithBasis, type RunManifest } from "./provenance";

/** What the report's heading says about the site. */
export interface ReportHeading {
  /** Province name (Vietnamese and English). */
  province: string;
  /** Site id. */
  site: string;
  /** Site name. */
  siteName: string;
  /** Report date, YYYY-MM-DD. */
  asOf: string;
  /** What the report was made from; its basis titles the report. */
  manifest: RunManifest;
  /** The document's title, without its basis (default: the infrastructure inventory). */
  title?: DocumentTitle;
}

/** A document's title in both languages; the basis ("thiết kế / design" …) is added where it is shown. */
export interface DocumentTitle {
  vi: string;
  en: string;
}

/** The as-built workbook's title. */
export const INVENTORY_TITLE: DocumentTitle = { vi: "Hồ sơ hạ tầng", en: "Infrastructure inventory" };

/**
 * A cell as Markdown table text: pipes, backslashes and the characters that would start markup are escaped,
 * line breaks become spaces, so a row always stays one row with the same number of cells.
 * @param cell the cell
 */
export function markdownCell(cell: Cell): string {
  if (typeof cell === "number") return String(cell);
  return cell
    .replace(/[\\`*_|[\]<>]/g, (c) => `\\${c}`)
    .replace(/\r\n|\r|\n/g, " ");
}

/**
 * A table as a GitHub-flavoured Markdown table; numeric columns are right-aligned.
 * @param table the table
 */
export function renderMarkdownTable(table: Table): string {
  if (table.rows.length === 0) return "_(không có / none)_\n";
  const head = `| ${table.columns.map((c) => markdownCell(heading(c))).join(" | ")} |`;
  const rule = `|${table.columns.map((c) => (c.type === "integer" || c.type === "decimal" ? "---:" : "---")).join("|")}|`;
  const body = table.rows.map((r) => `| ${r.map(markdownCell).join(" | ")} |`);
  return [head, rule, ...body].join("\n") + "\n";
}

/**
 * The whole report as Markdown: a heading, a list of sections, then one section per table.
 * @param tables the tables, in report order
 * @param meta what the heading says
 */
export function renderMarkdown(tables: readonly Table[], meta: ReportHeading): string {
  const out = [
    `# ${markdownCell(titleWithBasis((meta.title ?? INVENTORY_TITLE).vi, (meta.title ?? INVENTORY_TITLE).en, meta.manifest.basis))} — ${markdownCell(meta.site)}`,
    "",
    `- **Cơ sở / Basis:** ${markdownCell(basisLabel(meta.manifest.basis))}`,
    `- ${markdownCell(citationLines(meta.manifest).vi)}`,
    `- ${markdownCell(citationLines(meta.manifest).en)}`,
    `- **Tỉnh / Province:** ${markdownCell(meta.province)}`,
    `- **Điểm / Site:** ${markdownCell(meta.siteName)} (${markdownCell(meta.site)})`,
    `- **Ngày lập / As of:** ${markdownCell(meta.asOf)}`,
    "",
    "## Mục lục / Contents",
    "",
    ...tables.map((t, i) => `${i + 1}. ${markdownCell(tableTitle(t))} (${t.rows.length})`),
    "",
  ];
  tables.forEach((t, i) => out.push(`## ${i + 1}. ${markdownCell(tableTitle(t))}`, "", renderMarkdownTable(t)));
  return out.join("\n");
}
