import * as fs from "node:fs";
import * as path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { buildAsBuiltTables } from "../../exports/asBuilt";
import { asBuiltJson, columnKey } from "../../exports/asbuiltJson";
import { exampleInput } from "./exampleInput";
import { fixedManifest } from "./manifestFixture";

const schema = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../exports/asbuilt.schema.json"), "utf8")) as object;

describe("asbuilt.json", () => {
  const validate = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);

  it.each(["na-dc1", "na-dc2"])("holds every table and cell of the workbook at %s and matches its JSON Schema", (site) => {
    const tables = buildAsBuiltTables(exampleInput(site), fixedManifest());
    const json = JSON.parse(JSON.stringify(asBuiltJson(tables, fixedManifest()))) as ReturnType<typeof asBuiltJson>;
    expect(validate(json)).toBe(true);
    expect(validate.errors ?? []).toEqual([]);
    expect(json.tables.map((t) => t.id)).toEqual(tables.map((t) => t.id));
    tables.forEach((t, i) => {
      const jt = json.tables[i];
      expect(jt.rows).toHaveLength(t.rows.length);
      // Every cell back in its place, numbers still numbers.
      expect(jt.rows.map((r) => jt.columns.map((c) => r[c.key]))).toEqual(t.rows);
      // Numeric columns hold numbers (or nothing); text columns may hold a number where the value is one.
      for (const [ci, c] of jt.columns.entries()) {
        if (c.type !== "text") for (const r of t.rows) if (r[ci] !== "") expect(typeof r[ci]).toBe("number");
      }
    });
    expect(json.provenance).not.toHaveProperty("generatedAt");
  });

  it("rejects a file whose rows are not objects of strings and numbers", () => {
    const tables = buildAsBuiltTables(exampleInput("na-dc1"));
    const bad = JSON.parse(JSON.stringify(asBuiltJson(tables, fixedManifest()))) as { tables: { rows: unknown[] }[] };
    bad.tables[1].rows[0] = { name: { nested: true } };
    expect(validate(bad)).toBe(false);
  });

  it("derives camelCase keys from English headings and refuses two equal keys in one table", () => {
    expect(columnKey({ en: "IPv4 prefix" })).toBe("ipv4Prefix");
    expect(columnKey({ en: "Restore test every (days)" })).toBe("restoreTestEveryDays");
    const t = { id: "t", titleVi: "t", titleEn: "t", sheet: "t", columns: [{ vi: "a", en: "A b" }, { vi: "b", en: "a-B" }], rows: [] };
    expect(() => asBuiltJson([t], fixedManifest())).toThrow('table t: two columns have the key "aB"');
  });
});
