import * as path from "node:path";
import type { Table } from "./table";
import { renderCsv } from "./csv";
import { renderMarkdown, type ReportHeading } from "./markdown";
import { buildWorkbook } from "./xlsx";

/** One output file: where it goes under the stack's folder and what it holds. */
export interface OutputFile {
  /** Path relative to the output root, e.g. `na-dc1/asbuilt.md`. */
  path: string;
  /** Content: text (UTF-8) or bytes. */
  content: string | Buffer;
}

/**
 * The files of one stack's report: `<stack>/asbuilt.xlsx`, `<stack>/asbuilt.md`, `<stack>/asbuilt/<table>.csv`.
 * Built in memory so a failure anywhere writes nothing.
 * @param stack the stack name (folder under the output root)
 * @param tables the report's tables
 * @param meta what the report's heading says (its `asOf` also dates the workbook)
 */
export async function asBuiltFiles(stack: string, tables: readonly Table[], meta: ReportHeading): Promise<OutputFile[]> {
  const xlsx = Buffer.from(await buildWorkbook(tables, meta.asOf).xlsx.writeBuffer());
  return [
    { path: path.join(stack, "asbuilt.xlsx"), content: xlsx },
    { path: path.join(stack, "asbuilt.md"), content: renderMarkdown(tables, meta) },
    ...tables.map((t) => ({ path: path.join(stack, "asbuilt", `${t.id}.csv`), content: renderCsv(t) })),
  ];
}
