#!/usr/bin/env tsx
/** `npm run validate -- [--json] [path]`: loads and validates a province; prints a summary or every problem (exit 1). Writes nothing. */
import { validateReport } from "../inventory/loader/validateReport";

const report = validateReport(process.argv.slice(2));
process.stdout.write(report.stdout);
process.stderr.write(report.stderr);
process.exitCode = report.exitCode;
