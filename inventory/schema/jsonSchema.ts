import { z } from "zod";
import { Inventory } from "../model";

/** Where the committed JSON Schema lives, relative to the repository root. */
export const SCHEMA_PATH = "inventory/schema/hatang.schema.json";

/**
 * The schema of ONE inventory file. A province is split across files, so every top-level key is
 * optional here; the loader checks the merged whole against `Inventory` (where `province` and `sites`
 * are required). Fields with defaults are optional too (the schema describes what a person writes).
 */
export const InventoryFile = Inventory.partial();

/**
 * The JSON Schema (draft 2020-12) editors use to autocomplete and check inventory files.
 */
export function inventoryFileJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(InventoryFile, { io: "input", target: "draft-2020-12" }) as Record<string, unknown>;
  return {
    $schema: generated.$schema,
    $id: "https://hatang.example/schema/hatang.schema.json",
    title: "hatang inventory file",
    description:
      "One YAML file of a province inventory (generated from inventory/model by `npm run schema`; do not edit). Lists under the same key in several files are concatenated; province and security appear in one file only.",
    ...Object.fromEntries(Object.entries(generated).filter(([k]) => k !== "$schema")),
  };
}

/**
 * The committed file's exact text: stable key order, two-space indent, final newline.
 */
export function renderInventoryFileSchema(): string {
  return `${JSON.stringify(inventoryFileJsonSchema(), null, 2)}\n`;
}
