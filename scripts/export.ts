#!/usr/bin/env tsx
/**
 * `npm run export -- [--stack <site>]… [--province <path>] [--out <dir>] [--as-of YYYY-MM-DD]`
 * Writes the auditors' as-built inventory of each stack (default: every Pulumi.<stack>.yaml):
 * out/<stack>/asbuilt.xlsx, asbuilt.md and asbuilt/<table>.csv, Vietnamese headings with English alongside.
 * Exit 0 = written, 1 = bad inventory or stack (every problem printed, nothing written), 2 = bad arguments.
 */
import { runExport } from "../exports/command";

runExport(process.argv.slice(2), process.cwd()).then(
  (report) => {
    process.stdout.write(report.stdout);
    process.stderr.write(report.stderr);
    process.exitCode = report.exitCode;
  },
  (e: Error) => {
    console.error(`export: ${e.message}`);
    process.exitCode = 1;
  },
);
