#!/usr/bin/env tsx
/**
 * `npm run check [-- --stack <site>] [--plan out/<site>/plan.json] [--as-of YYYY-MM-DD]`: evaluates the
 * level-3 pack's real handlers over the offline plan and the inventory (no Pulumi CLI), writes
 * out/<stack>/{policy-report.json, policy.sarif, junit.xml, compliance.md, compliance.csv}, and exits
 * non-zero when a mandatory control is violated.
 */
import { DataFileError } from "../policies/lib/yamlData";
import { CatalogueError } from "../policies/catalogue/load";
import { checkStack, parseCheckArgs, stacksToCheck } from "../offline/policyCheck";
import { STATUS_LABEL } from "../offline/reports/reportTypes";

async function main(): Promise<number> {
  const parsed = parseCheckArgs(process.argv.slice(2));
  if (!parsed.ok) {
    for (const p of parsed.problems) console.error(`check: ${p}`);
    return 2;
  }
  const root = process.cwd();
  let violations = 0;
  for (const stack of stacksToCheck(root, parsed.args)) {
    const { report, files } = await checkStack(root, stack, parsed.args);
    const counts = Object.entries(report.summary.byStatus).map(([k, n]) => `${STATUS_LABEL[k as keyof typeof STATUS_LABEL].en} ${n}`).join(", ");
    console.log(`${stack} (as of ${report.asOf}): ${counts}; ${report.summary.findings} finding(s), ${report.summary.waived} waived, ${report.summary.mandatoryViolations} mandatory violation(s)`);
    for (const f of report.findings.filter((x) => !x.waiver && x.enforcement === "mandatory"))
      console.log(`  ✗ ${f.control} ${f.urn ?? f.name ?? ""}${f.location ? ` (${f.location.file}:${f.location.line})` : ""}: ${f.message}`);
    console.log(`  wrote ${files.join(", ")}`);
    violations += report.summary.mandatoryViolations;
  }
  return violations > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof DataFileError || e instanceof CatalogueError) console.error(`check: ${e.message}`);
    else console.error(`check: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(2);
  },
);
