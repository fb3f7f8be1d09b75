import { toComplianceCsv, toComplianceMarkdown } from "./compliance";
import { toJunit } from "./junit";
import type { PolicyReport } from "./reportTypes";
import { toSarif } from "./sarif";

/**
 * Every report format of a policy report, as files of a stack folder.
 * @param r the report.
 * @returns file name and content, in the order they are listed.
 */
export function reportFiles(r: PolicyReport): Array<[string, string]> {
  return [
    ["policy-report.json", `${JSON.stringify(r, null, 2)}\n`],
    ["policy.sarif", `${JSON.stringify(toSarif(r), null, 2)}\n`],
    ["junit.xml", toJunit(r)],
    ["compliance.md", toComplianceMarkdown(r)],
    ["compliance.csv", toComplianceCsv(r)],
  ];
}
