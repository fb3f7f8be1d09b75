import * as fs from "node:fs";
import * as path from "node:path";
import type { Table } from "./table";
import { renderCsv } from "./csv";
import { INVENTORY_TITLE, renderMarkdown, type ReportHeading } from "./markdown";
import { buildWorkbook } from "./xlsx";
import { citationLines, titleWithBasis } from "./provenance";
import { asBuiltJson } from "./asbuiltJson";

/** The JSON Schema of asbuilt.json, written beside it so the file's `$schema` resolves offline. */
const ASBUILT_SCHEMA_TEXT = fs.readFileSync(path.join(__dirname, "asbuilt.schema.json"), "utf8");

/** One output file: where it goes under the stack's folder and what it holds. */
export interface OutputFile {
  /** Path relative to the output root, e.g. `na-dc1/asbuilt.md`. */
  path: string;
  /** Content: text (UTF-8) or bytes. */
  content: string | Buffer;
}

/**
 * One document of a stack as a workbook and its Markdown twin: `<stack>/<base>.xlsx` and `<stack>/<base>.md`
 * (and `<stack>/<base>.html` when `html` renders it), titled with the heading's title and basis and citing
 * what it was made from.
 * @param stack the stack name (folder under the output root)
 * @param base the file name without extension
 * @param tables the document's tables
 * @param meta what the document's heading says (its `asOf` also dates the workbook)
 * @param html renders the HTML page of the same tables (optional)
 */
export async function documentFiles(stack: string, base: string, tables: readonly Table[], meta: ReportHeading, html?: (tables: readonly Table[]) => string): Promise<OutputFile[]> {
  const title = meta.title ?? INVENTORY_TITLE;
  const about = { title: `${titleWithBasis(title.vi, title.en, meta.manifest.basis)} — ${meta.site}`, subject: citationLines(meta.manifest).en };
  const xlsx = Buffer.from(await buildWorkbook(tables, meta.asOf, about).xlsx.writeBuffer());
  return [
    { path: path.join(stack, `${base}.xlsx`), content: xlsx },
    { path: path.join(stack, `${base}.md`), content: renderMarkdown(tables, meta) },
    ...(html ? [{ path: path.join(stack, `${base}.html`), content: html(tables) }] : []),
  ];
}

/**
 * The files of one stack's report: `<stack>/asbuilt.xlsx`, `.md`, `.json` (+ its schema), `<stack>/asbuilt/<table>.csv`.
 * Built in memory so a failure anywhere writes nothing.
 * @param stack the stack name (folder under the output root)
 * @param tables the report's tables
 * @param meta what the report's heading says (its `asOf` also dates the workbook)
 */
export async function asBuiltFiles(stack: string, tables: readonly Table[], meta: ReportHeading): Promise<OutputFile[]> {
  return [
    ...(await documentFiles(stack, "asbuilt", tables, meta)),
    { path: path.join(stack, "asbuilt.json"), content: JSON.stringify(asBuiltJson(tables, meta.manifest), null, 2) + "\n" },
    { path: path.join(stack, "asbuilt.schema.json"), content: ASBUILT_SCHEMA_TEXT },
    ...tables.map((t) => ({ path: path.join(stack, "asbuilt", `${t.id}.csv`), content: renderCsv(t) })),
  ];
}
