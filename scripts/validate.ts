#!/usr/bin/env tsx
/**
 * `npm run validate -- [--json] [PROVINCE]`: loads and validates a province; prints a summary or every problem (exit 1).
 * Also refuses credentials held in plaintext by the stack files here (`file:line:col  key  message`). Writes nothing.
 */
import * as fs from "node:fs";
import { flag, runCommand, type CommandSpec } from "../cli/command";
import { AS_OF_OPTION, asOfArg } from "../cli/options";
import { DEFAULT_PROVINCE, validateReport } from "../inventory/loader/validateReport";
import { listStacks } from "../offline/stackConfig";
import { formatPlaintextSecret, plaintextSecrets } from "../offline/stackSecrets";

const spec: CommandSpec = {
  name: "validate",
  summary: "check a province's inventory: every problem at once, with file, line, column and field",
  description: "Runs every check the later stages would (model, cross-field rules, zone baseline and boundary controls with the province's waivers, address plan against its lock), and refuses credentials held in plaintext by the stack files (Pulumi.<stack>.yaml) here; writes nothing.",
  options: { json: { type: "boolean", description: "print one JSON document (the problems, or the summary)" }, "as-of": AS_OF_OPTION },
  positionals: { name: "PROVINCE", description: `a province folder or one YAML file (default: ${DEFAULT_PROVINCE})` },
  findings: "the inventory has problems (each printed as file:line:col  field.path  message), or a stack file holds a credential in plaintext",
  examples: ["npm run validate", "npm run validate -- inventory/provinces/ninh-an --json"],
};

runCommand(spec, (args) => {
  const report = validateReport(args.positionals[0], flag(args, "json"), asOfArg(args));
  const plaintext = listStacks(".").flatMap((s) => plaintextSecrets(`Pulumi.${s}.yaml`, fs.readFileSync(`Pulumi.${s}.yaml`, "utf8")));
  process.stdout.write(report.stdout);
  process.stderr.write(report.stderr + plaintext.map((p) => `${formatPlaintextSecret(p)}\n`).join(""));
  return plaintext.length > 0 && report.exitCode === 0 ? 1 : report.exitCode;
});
