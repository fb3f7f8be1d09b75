#!/usr/bin/env tsx
/**
 * `npm run schema`: regenerates inventory/schema/hatang.schema.json from the zod model.
 * `npm run schema -- --check`: exits 1 when the committed file differs from what the model generates.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { renderInventoryFileSchema, SCHEMA_PATH } from "../inventory/schema/jsonSchema";

const file = path.resolve(__dirname, "..", SCHEMA_PATH);
const wanted = renderInventoryFileSchema();
if (process.argv.includes("--check")) {
  const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  if (current !== wanted) {
    console.error(`${SCHEMA_PATH} is stale: run \`npm run schema\` and commit the result`);
    process.exitCode = 1;
  } else console.log(`${SCHEMA_PATH} is up to date`);
} else {
  fs.writeFileSync(file, wanted);
  console.log(`wrote ${SCHEMA_PATH}`);
}
