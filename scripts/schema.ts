#!/usr/bin/env tsx
/**
 * `npm run schema`: regenerates inventory/schema/hatang.schema.json from the zod model.
 * `npm run schema -- --check`: exits 1 when the committed file differs from what the model generates.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { fileErrorText, flag, InputError, runCommand, type CommandSpec } from "../cli/command";
import { writeFileAtomic } from "../offline/stagedOutput";
import { renderInventoryFileSchema, SCHEMA_PATH } from "../inventory/schema/jsonSchema";

const spec: CommandSpec = {
  name: "schema",
  summary: "regenerate the inventory's JSON Schema (editor completion) from the zod model",
  description: `Writes ${SCHEMA_PATH}, which every inventory file names in its first line so editors complete and check it.`,
  options: { check: { type: "boolean", description: "write nothing; exit 1 when the committed schema differs from the model (CI)" } },
  findings: "with --check: the committed schema is stale",
  examples: ["npm run schema", "npm run schema -- --check"],
};

runCommand(spec, (args) => {
  const file = path.resolve(__dirname, "..", SCHEMA_PATH);
  const wanted = renderInventoryFileSchema();
  if (flag(args, "check")) {
    const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
    if (current !== wanted) {
      console.error(`${SCHEMA_PATH} is stale: run \`npm run schema\` and commit the result`);
      return 1;
    }
    console.log(`${SCHEMA_PATH} is up to date`);
    return 0;
  }
  try {
    writeFileAtomic(file, wanted);
  } catch (e) {
    throw new InputError(`${SCHEMA_PATH}: cannot write it: ${fileErrorText(e)}`);
  }
  console.log(`wrote ${SCHEMA_PATH}`);
  return 0;
});
