/**
 * The shape every as-built sheet has: bilingual columns and rows of typed cells.
 * Builders produce tables; writers (XLSX, Markdown, CSV) only render them, so every format shows the same data.
 */

/** A cell: text, or a number the spreadsheet keeps as a number (so auditors can sum and filter it). Empty is "". */
export type Cell = string | number;

/** How a column's cells are typed and shown. */
export type ColumnType = "text" | "integer" | "decimal";

/** One column of a table. */
export interface Column {
  /** Vietnamese heading (shown first: the auditors' language). */
  vi: string;
  /** English heading (shown alongside). */
  en: string;
  /** Cell type; numbers stay numbers in the XLSX. Default "text". */
  type?: ColumnType;
}

/** One as-built table: a worksheet, a Markdown section, a CSV file. */
export interface Table {
  /** File-name identity, e.g. `vlans` → `asbuilt/vlans.csv`. Lower-case slug, unique in a report. */
  id: string;
  /** Vietnamese title. */
  titleVi: string;
  /** English title. */
  titleEn: string;
  /** Worksheet name: at most 31 characters, none of `\ / ? * [ ] :` (Excel's limits). */
  sheet: string;
  /** Columns, in display order. */
  columns: Column[];
  /** Rows; each has exactly one cell per column, in a stable order. */
  rows: Cell[][];
}

/**
 * The heading of a column as every writer prints it: "Vietnamese / English".
 * @param column the column
 */
export function heading(column: Column): string {
  return `${column.vi} / ${column.en}`;
}

/**
 * The title of a table as every writer prints it: "Vietnamese / English".
 * @param table the table
 */
export function tableTitle(table: Pick<Table, "titleVi" | "titleEn">): string {
  return `${table.titleVi} / ${table.titleEn}`;
}

/**
 * Compares two strings the same way on every machine (code-unit order, not the locale's), so row order never
 * depends on where the export runs.
 * @param a first string
 * @param b second string
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
