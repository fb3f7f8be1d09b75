import * as path from "node:path";
import type { AsBuiltInput } from "./input";
import type { PolicyReportRead } from "./policyReportFile";
import { documentFiles, type OutputFile } from "./files";
import type { ReportHeading } from "./markdown";
import type { Plan } from "../offline/planTypes";
import { asBuiltHtml } from "./html/asbuiltHtml";
import { documentHtml } from "./html/documentHtml";
import type { Table } from "./table";
import { buildDossierTables, DOSSIER_TITLE } from "./dossier";
import { ANNUAL_TITLE, annualReportTables } from "./annual/annualReport";

/**
 * The auditors' documents of one stack beside the workbook: the self-contained HTML record (zone diagram,
 * address plan, racks, SAN and backup, compliance summary), the level-3 dossier's technical annex
 * (`dossier.xlsx`, `.md`, `.html`) and the annual report (`annual-report.xlsx`, `.md`, `.html`). Built in
 * memory, like every export.
 * @param stack the stack (folder under the output root)
 * @param input the site's as-built input
 * @param meta the heading every document shares (what it was made from, the date)
 * @param policy the stack's policy report as read
 * @param plan the stack's plan, when one was written (the annual report places findings on systems with it)
 */
export async function auditorFiles(stack: string, input: AsBuiltInput, meta: ReportHeading, policy: PolicyReportRead, plan?: Pick<Plan, "resources">): Promise<OutputFile[]> {
  const document = (base: string, tables: Table[], m: ReportHeading & Required<Pick<ReportHeading, "title">>): Promise<OutputFile[]> =>
    documentFiles(stack, base, tables, m, (t) => documentHtml(t, m, input.inventory.province, input.site));
  return [
    { path: path.join(stack, "asbuilt.html"), content: asBuiltHtml(input, meta.manifest, policy) },
    ...(await document("dossier", buildDossierTables(input), { ...meta, title: DOSSIER_TITLE })),
    ...(await document("annual-report", annualReportTables(input, policy, plan), { ...meta, title: ANNUAL_TITLE })),
  ];
}
