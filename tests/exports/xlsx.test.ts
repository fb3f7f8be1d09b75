import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Workbook } from "exceljs";
import { buildAsBuiltTables } from "../../exports/asBuilt";
import fc from "fast-check";
import { buildWorkbook, columnWidth, sheetNameProblem, wrappedLines } from "../../exports/xlsx";
import { heading } from "../../exports/table";
import { AS_OF, exampleInput } from "./exampleInput";

describe("XLSX writer on the example province", () => {
  const tables = buildAsBuiltTables(exampleInput("na-dc1"));
  let dir: string;
  let back: Workbook;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "hatang-xlsx-"));
    const file = path.join(dir, "asbuilt.xlsx");
    await buildWorkbook(tables, AS_OF).xlsx.writeFile(file);
    back = new Workbook();
    await back.xlsx.readFile(file);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("has one worksheet per table, in order, with names Excel accepts", () => {
    expect(back.worksheets.map((w) => w.name)).toEqual(tables.map((t) => t.sheet));
    for (const t of tables) expect(sheetNameProblem(t.sheet)).toBeUndefined();
  });

  it("writes the bilingual header in bold, frozen, with an auto-filter over it", () => {
    for (const t of tables) {
      const ws = back.getWorksheet(t.sheet);
      expect(ws).toBeDefined();
      if (!ws) continue;
      expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(t.columns.map(heading));
      expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
      expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
      expect(ws.autoFilter).toBeDefined();
      expect(ws.rowCount).toBe(t.rows.length + 1);
    }
  });

  it("keeps the known VLAN's prefixes as text and its id as a number", () => {
    const ws = back.getWorksheet("VLAN - VLANs");
    const row = ws?.getRows(2, ws.rowCount - 1)?.find((r) => r.getCell(1).value === 300);
    expect(row?.getCell(2).value).toBe("dmz-web");
    expect(row?.getCell(6).value).toBe("10.16.60.0/25");
    expect(row?.getCell(10).value).toBe("2001:db8:100:502::/64");
  });

  it("keeps Vietnamese text intact", () => {
    const ws = back.getWorksheet("Vùng - Zones");
    const dmz = ws?.getRows(2, ws.rowCount - 1)?.find((r) => r.getCell(2).value === "dmz");
    expect(dmz?.getCell(3).value).toBe("Vùng DMZ");
  });

  it("dates the workbook with the report date, not the clock", () => {
    expect(back.created.toISOString()).toBe(`${AS_OF}T00:00:00.000Z`);
    expect(back.modified.toISOString()).toBe(`${AS_OF}T00:00:00.000Z`);
  });
});

describe("sheet names and column widths", () => {
  it("refuses names Excel refuses, saying why", () => {
    expect(sheetNameProblem("Tủ rack và nguồn - Racks & power")).toBe('sheet name "Tủ rack và nguồn - Racks & power" has 32 characters; Excel allows 31');
    expect(sheetNameProblem("Vùng / Zone")).toBe('sheet name "Vùng / Zone" holds one of \\ / ? * [ ] :');
    expect(sheetNameProblem("")).toBe("a sheet name cannot be empty");
    expect(sheetNameProblem("Thiết bị - Devices")).toBeUndefined();
  });

  it("throws on duplicate sheet names, a programming error", () => {
    const t = { id: "a", titleVi: "A", titleEn: "A", sheet: "Trùng", columns: [{ vi: "X", en: "Y" }], rows: [] };
    expect(() => buildWorkbook([t, { ...t, id: "b" }], AS_OF)).toThrow("duplicate sheet names: trùng");
  });

  it("fits the longest cell within 8 to 50 characters", () => {
    const col = { vi: "Mã", en: "Id" };
    expect(columnWidth(col, ["ab"])).toBe(8);
    expect(columnWidth(col, ["x".repeat(20)])).toBe(22);
    expect(columnWidth(col, ["x".repeat(500)])).toBe(50);
  });

  it("counts wrapped lines the way a spreadsheet wraps words", () => {
    expect(wrappedLines("Vùng DMZ", 20)).toBe(1);
    expect(wrappedLines("aaaa bbbb cccc", 10)).toBe(2);
    expect(wrappedLines("x".repeat(25), 11)).toBe(3);
    expect(wrappedLines("dòng 1\ndòng 2", 40)).toBe(2);
    expect(wrappedLines("", 10)).toBe(1);
  });

  it("never counts fewer lines than the text needs, nor more when the column is wider", () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-zà-ỹ]{1,15}$/), { maxLength: 20 }), fc.integer({ min: 3, max: 60 }), (words, width) => {
        const text = words.join(" ");
        const lines = wrappedLines(text, width);
        expect(lines * (width - 1)).toBeGreaterThanOrEqual(words.join("").length);
        expect(wrappedLines(text, width + 5)).toBeLessThanOrEqual(lines);
      }),
      { numRuns: 300 },
    );
  });
});
