import { Workbook } from "exceljs";
import { heading, type Cell, type Column, type Table } from "./table";

/** Narrowest and widest column, in characters: narrower cuts short ids, wider makes rows unreadable (long text wraps instead). */
const MIN_WIDTH = 8;
const MAX_WIDTH = 50;

/** Height of one line of 11-point text, in points. */
const LINE_HEIGHT = 15;

/** Characters Excel forbids in a sheet name. */
const FORBIDDEN_SHEET_CHARS = /[\\/?*[\]:]/;

/**
 * Why a sheet name would be refused by Excel, or undefined when it is fine (≤ 31 characters, none of `\ / ? * [ ] :`,
 * not starting or ending with an apostrophe).
 * @param name the sheet name
 */
export function sheetNameProblem(name: string): string | undefined {
  if (name.length === 0) return "a sheet name cannot be empty";
  if (name.length > 31) return `sheet name "${name}" has ${name.length} characters; Excel allows 31`;
  if (FORBIDDEN_SHEET_CHARS.test(name)) return `sheet name "${name}" holds one of \\ / ? * [ ] :`;
  if (name.startsWith("'") || name.endsWith("'")) return `sheet name "${name}" starts or ends with an apostrophe`;
  return undefined;
}

/**
 * A column's width in characters: fits its longest cell and half its heading (the heading wraps onto two lines),
 * within 8–60.
 * @param column the column
 * @param cells the column's cells
 */
export function columnWidth(column: Column, cells: readonly Cell[]): number {
  const longest = cells.reduce<number>((n, c) => Math.max(n, String(c).length), 0);
  const head = heading(column);
  const headWords = Math.max(...head.split(/\s+/).map((w) => w.length));
  const wanted = Math.max(longest, Math.ceil(head.length / 2), headWords) + 2;
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, wanted));
}

/**
 * How many lines a text takes in a wrapping cell of `width` characters (greedy word wrap, as spreadsheets do).
 * Spreadsheets do not grow rows for wrapped text written by a program, so the writer sets each row's height.
 * @param text the cell text
 * @param width the column width in characters
 */
export function wrappedLines(text: string, width: number): number {
  const room = Math.max(1, Math.floor(width) - 1);
  let lines = 0;
  for (const paragraph of text.split(/\r?\n/)) {
    let used = 0;
    lines++;
    for (const word of paragraph.split(" ").filter((w) => w.length > 0)) {
      if (used > 0 && used + 1 + word.length <= room) used += 1 + word.length;
      else if (used === 0 && word.length <= room) used = word.length;
      else {
        // The word starts a new line (or several, when it is longer than a line).
        if (used > 0) lines++;
        lines += Math.ceil(word.length / room) - 1;
        used = word.length % room || room;
      }
    }
  }
  return lines;
}

/** Number formats per column type (text has none). */
const NUMBER_FORMATS: Readonly<Record<string, string>> = { integer: "0", decimal: "0.0" };

/**
 * The report as a workbook: one worksheet per table, a bold, frozen, filterable header row and fitted columns.
 * The workbook's dates are the report date, so two exports of the same day carry the same metadata.
 * @param tables the tables, in report order
 * @param asOf the report date, YYYY-MM-DD
 * @param about the workbook's title and what it was made from (document properties a file browser shows)
 */
export function buildWorkbook(tables: readonly Table[], asOf: string, about?: { title: string; subject: string }): Workbook {
  const problems = tables.map((t) => sheetNameProblem(t.sheet)).filter((p): p is string => p !== undefined);
  const names = tables.map((t) => t.sheet.toLowerCase());
  const duplicates = names.filter((n, i) => names.indexOf(n) !== i);
  if (duplicates.length > 0) problems.push(`duplicate sheet names: ${[...new Set(duplicates)].join(", ")}`);
  // A programming error, not a user error: table definitions are code.
  if (problems.length > 0) throw new Error(problems.join("; "));
  const date = new Date(`${asOf}T00:00:00Z`);
  const wb = new Workbook();
  wb.creator = "hatang";
  wb.lastModifiedBy = "hatang";
  wb.created = date;
  wb.modified = date;
  wb.lastPrinted = date;
  if (about) {
    wb.title = about.title;
    wb.subject = about.subject;
  }
  for (const t of tables) {
    const ws = wb.addWorksheet(t.sheet, {
      views: [{ state: "frozen", xSplit: 0, ySplit: 1 }],
      // Auditors print the dossier: A4 landscape, one page wide, the header row repeated on every page.
      pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "1:1" },
    });
    const widths = t.columns.map((c, i) => columnWidth(c, t.rows.map((r) => r[i])));
    ws.columns = t.columns.map((c, i) => {
      const width = widths[i];
      const numFmt = NUMBER_FORMATS[c.type ?? "text"];
      const alignment = { vertical: "top", wrapText: width === MAX_WIDTH } as const;
      return { header: heading(c), key: `c${i}`, width, style: numFmt ? { alignment, numFmt } : { alignment } };
    });
    for (const r of t.rows) {
      const row = ws.addRow(r);
      const lines = Math.max(...r.map((c, i) => (widths[i] === MAX_WIDTH ? wrappedLines(String(c), widths[i]) : 1)));
      if (lines > 1) row.height = lines * LINE_HEIGHT;
    }
    const head = ws.getRow(1);
    head.height = Math.max(...t.columns.map((c, i) => wrappedLines(heading(c), widths[i]))) * LINE_HEIGHT;
    // The font is named: a bold font without a name falls back to a serif face in some spreadsheets.
    head.font = { name: "Calibri", size: 11, bold: true };
    head.alignment = { vertical: "top", wrapText: true };
    head.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDE7F0" } };
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: t.columns.length } };
  }
  return wb;
}
