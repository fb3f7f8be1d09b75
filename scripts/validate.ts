#!/usr/bin/env tsx
/** `npm run validate -- [--json] [PROVINCE]`: loads and validates a province; prints a summary or every problem (exit 1). Writes nothing. */
import { flag, runCommand, type CommandSpec } from "../cli/command";
import { DEFAULT_PROVINCE, validateReport } from "../inventory/loader/validateReport";

const spec: CommandSpec = {
  name: "validate",
  summary: "check a province's inventory: every problem at once, with file, line, column and field",
  description: "Runs every check the later stages would (model, cross-field rules, address plan); writes nothing.",
  options: { json: { type: "boolean", description: "print one JSON document (the problems, or the summary)" } },
  positionals: { name: "PROVINCE", description: `a province folder or one YAML file (default: ${DEFAULT_PROVINCE})` },
  findings: "the inventory has problems (each printed as file:line:col  field.path  message)",
  examples: ["npm run validate", "npm run validate -- inventory/provinces/ninh-an --json"],
};

runCommand(spec, (args) => {
  const report = validateReport(args.positionals[0], flag(args, "json"));
  process.stdout.write(report.stdout);
  process.stderr.write(report.stderr);
  return report.exitCode;
});
