/**
 * `asbuilt.json`: every table of the workbook, machine-readable, with the provenance it cites. Each row is
 * an object keyed by its column's key (camelCase of the English heading), numbers kept as numbers. The
 * shape is described by `exports/asbuilt.schema.json` (JSON Schema 2020-12), which the file names.
 */
import type { Cell, Column, ColumnType, Table } from "./table";
import type { RunManifest } from "./provenance";

/** The schema identifier of the file's format. */
export const ASBUILT_JSON_FORMAT = "hatang.asbuilt/v1";

/**
 * A column's key: the English heading in camelCase, letters and digits only ("IPv4 prefix" → "ipv4Prefix").
 * @param column the column
 */
export function columnKey(column: Pick<Column, "en">): string {
  const words = column.en
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .filter((w) => w.length > 0);
  return words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0].toUpperCase() + w.slice(1).toLowerCase())).join("") || "value";
}

/** One table in the JSON file. */
export interface JsonTable {
  id: string;
  titleVi: string;
  titleEn: string;
  columns: { key: string; vi: string; en: string; type: ColumnType }[];
  rows: Record<string, Cell>[];
}

/** The whole file. */
export interface AsBuiltJson {
  $schema: string;
  format: typeof ASBUILT_JSON_FORMAT;
  site: string;
  asOf: string;
  basis: RunManifest["basis"];
  /** The run manifest without its time of day, so the same inputs give the same file. */
  provenance: Omit<RunManifest, "generatedAt" | "outputs">;
  tables: JsonTable[];
}

/**
 * The workbook's tables as JSON. Throws on two columns of one table with the same key (a table definition bug).
 * @param tables the tables, in report order
 * @param manifest what they were made from
 */
export function asBuiltJson(tables: readonly Table[], manifest: RunManifest): AsBuiltJson {
  const jsonTables = tables.map((t): JsonTable => {
    const keys = t.columns.map(columnKey);
    const dup = keys.find((k, i) => keys.indexOf(k) !== i);
    if (dup !== undefined) throw new Error(`table ${t.id}: two columns have the key "${dup}"`);
    return {
      id: t.id,
      titleVi: t.titleVi,
      titleEn: t.titleEn,
      columns: t.columns.map((c, i) => ({ key: keys[i], vi: c.vi, en: c.en, type: c.type ?? "text" })),
      rows: t.rows.map((r) => Object.fromEntries(r.map((cell, i) => [keys[i], cell]))),
    };
  });
  const provenance: Omit<RunManifest, "generatedAt" | "outputs"> = { schema: manifest.schema, tool: manifest.tool, command: manifest.command, asOf: manifest.asOf, stack: manifest.stack, site: manifest.site, basis: manifest.basis, inventory: manifest.inventory, plan: manifest.plan };
  return { $schema: "./asbuilt.schema.json", format: ASBUILT_JSON_FORMAT, site: manifest.site, asOf: manifest.asOf, basis: manifest.basis, provenance, tables: jsonTables };
}
