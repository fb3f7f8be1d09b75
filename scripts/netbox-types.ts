#!/usr/bin/env tsx
/**
 * `npm run netbox:types [-- --check]`: regenerates clients/netbox/types.generated.ts from NetBox's OpenAPI
 * document (shared/netbox/openapi-netbox-4.2.2.json beside the checkout by default); `--check` fails when the committed file is stale.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { EXIT, InputError, flag, runCommand, stringOption } from "../cli/command";
import { ENDPOINTS } from "../clients/netbox/endpoints";
import { generateTypes, type OpenApiDocument } from "../clients/netbox/generateTypes";
import { findOpenApiFile } from "../clients/netbox/openapiFile";

const ROOT = path.resolve(__dirname, "..");
const TARGET = path.join(ROOT, "clients/netbox/types.generated.ts");

runCommand(
  {
    name: "netbox:types",
    summary: "generate the NetBox client's types from NetBox's OpenAPI document",
    options: {
      check: { type: "boolean", description: "fail (exit 1) when clients/netbox/types.generated.ts is not what the document gives" },
      schema: { type: "string", valueName: "FILE", description: "the OpenAPI document (default: shared/netbox/openapi-netbox-4.2.2.json found above the checkout, or $NETBOX_OPENAPI)" },
    },
    findings: "--check found the generated file stale",
  },
  (args) => {
    const given = stringOption(args, "schema");
    const file = given ? path.resolve(given) : findOpenApiFile(ROOT);
    if (!file || !fs.existsSync(file)) throw new InputError(`no OpenAPI document at ${file ?? "shared/netbox/ above the checkout"}; pass --schema FILE`);
    const doc = JSON.parse(fs.readFileSync(file, "utf8")) as OpenApiDocument;
    const text = generateTypes(doc, ENDPOINTS, path.basename(file));
    const current = fs.existsSync(TARGET) ? fs.readFileSync(TARGET, "utf8") : "";
    if (flag(args, "check")) {
      if (current === text) return EXIT.ok;
      process.stderr.write(`netbox:types: ${path.relative(ROOT, TARGET)} is stale; run npm run netbox:types\n`);
      return EXIT.findings;
    }
    fs.writeFileSync(TARGET, text);
    process.stdout.write(`wrote ${path.relative(ROOT, TARGET)} (${text.split("\n").length} lines)\n`);
    return EXIT.ok;
  },
);
