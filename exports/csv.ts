import { heading, type Cell, type Table } from "./table";

/**
 * Excel treats a cell that starts with one of these as a formula; a leading apostrophe keeps it text
 * (OWASP "CSV injection"). `-` is left alone: our data uses it in names and never as a formula.
 */
const FORMULA_START = /^[=+@\t\r]/;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, a quote, a line break or edge spaces; quotes doubled.
 * @param cell the cell
 */
export function csvField(cell: Cell): string {
  if (typeof cell === "number") return String(cell);
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A table as CSV: a bilingual header line, then one line per row, CRLF line ends and a UTF-8 byte-order mark,
 * because that is what makes Excel open Vietnamese text correctly on a double-click.
 * @param table the table
 */
export function renderCsv(table: Table): string {
  const lines = [table.columns.map((c) => csvField(heading(c))), ...table.rows.map((r) => r.map(csvField))];
  return "\uFEFF" + lines.map((l) => l.join(",")).join("\r\n") + "\r\n";
}
