import { stringify } from "yaml";
import type { Inventory } from "../model";

/**
 * Which top-level keys each written file holds (one concern per file, as in the bundled provinces). Every key
 * of the model is in one file (a test holds this to `Inventory.shape`): a key left out would be dropped.
 */
export const PROVINCE_FILES: ReadonlyArray<[string, ReadonlyArray<keyof Inventory>]> = [
  ["province.yaml", ["province", "security"]],
  ["sites.yaml", ["sites"]],
  ["zones.yaml", ["zones"]],
  ["agencies.yaml", ["agencies"]],
  ["systems.yaml", ["systems"]],
  ["flows.yaml", ["services", "flows"]],
  ["plant.yaml", ["racks", "devices", "uplinks", "sanFabrics", "storageArrays", "storageReplication"]],
  ["kubernetes.yaml", ["clusters"]],
  ["backup.yaml", ["backupPolicies"]],
  ["tslcd.yaml", ["tslcd", "tslcdEndpoints"]],
];

/** Drops empty lists and the objects they leave empty: the loader gives them back as defaults. */
function compact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(compact);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue;
      const c = compact(v);
      if (Array.isArray(c) && c.length === 0) continue;
      if (c !== null && typeof c === "object" && !Array.isArray(c) && Object.keys(c).length === 0) continue;
      out[k] = c;
    }
    return out;
  }
  return value;
}

/**
 * A province as YAML files, each starting with the schema comment and a header saying where it came from.
 * Files whose keys would all be empty are left out.
 * @param inv the province
 * @param schemaRef the `$schema` reference (relative to the folder the files go to)
 * @param header comment lines under the schema line
 */
export function renderProvinceFiles(inv: Inventory, schemaRef: string, header: readonly string[]): Array<{ file: string; text: string }> {
  const out: Array<{ file: string; text: string }> = [];
  for (const [file, keys] of PROVINCE_FILES) {
    const part: Record<string, unknown> = {};
    for (const k of keys) {
      const v = compact(inv[k]);
      if (Array.isArray(v) && v.length === 0) continue;
      part[k] = v;
    }
    if (Object.keys(part).length === 0) continue;
    const head = [`# yaml-language-server: $schema=${schemaRef}`, "#", ...header.map((l) => (l === "" ? "#" : `# ${l}`)), ""].join("\n");
    out.push({ file, text: `${head}\n${stringify(part, { lineWidth: 0 })}` });
  }
  return out;
}
