import * as fs from "node:fs";
import * as path from "node:path";
import { toComplianceCsv, toComplianceMarkdown } from "./compliance";
import { toJunit } from "./junit";
import type { PolicyReport } from "./reportTypes";
import { toSarif } from "./sarif";

/**
 * Writes every report format into a folder.
 * @param r the report.
 * @param dir output folder (created).
 * @returns the files written.
 */
export function writeReports(r: PolicyReport, dir: string): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const files: Array<[string, string]> = [
    ["policy-report.json", `${JSON.stringify(r, null, 2)}\n`],
    ["policy.sarif", `${JSON.stringify(toSarif(r), null, 2)}\n`],
    ["junit.xml", toJunit(r)],
    ["compliance.md", toComplianceMarkdown(r)],
    ["compliance.csv", toComplianceCsv(r)],
  ];
  return files.map(([name, text]) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, text);
    return p;
  });
}
