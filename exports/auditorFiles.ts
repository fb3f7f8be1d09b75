import * as path from "node:path";
import type { AsBuiltInput } from "./input";
import type { RunManifest } from "./provenance";
import type { PolicyReportRead } from "./policyReportFile";
import type { OutputFile } from "./files";
import { asBuiltHtml } from "./html/asbuiltHtml";

/**
 * The auditors' documents of one stack beside the workbook: the self-contained HTML record (zone diagram,
 * address plan, racks, SAN and backup, compliance summary). Built in memory, like every export.
 * @param stack the stack (folder under the output root)
 * @param input the site's as-built input
 * @param manifest what they are made from
 * @param policy the stack's policy report as read
 */
export async function auditorFiles(stack: string, input: AsBuiltInput, manifest: RunManifest, policy: PolicyReportRead): Promise<OutputFile[]> {
  return [{ path: path.join(stack, "asbuilt.html"), content: asBuiltHtml(input, manifest, policy) }];
}
