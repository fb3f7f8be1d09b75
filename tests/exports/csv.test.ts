import fc from "fast-check";
import { csvField, renderCsv } from "../../exports/csv";
import { heading, type Table } from "../../exports/table";
import { parseCsv } from "./csvTable";

function table(rows: Array<Array<string | number>>, columns = rows[0]?.length ?? 1): Table {
  return {
    id: "t",
    titleVi: "Bảng",
    titleEn: "Table",
    sheet: "Bảng - Table",
    columns: Array.from({ length: columns }, (_, i) => ({ vi: `Cột ${i}`, en: `Column ${i}` })),
    rows,
  };
}

describe("CSV writer", () => {
  it("quotes commas, quotes and line breaks, and leaves Vietnamese text as UTF-8", () => {
    expect(csvField("Sở Thông tin và Truyền thông")).toBe("Sở Thông tin và Truyền thông");
    expect(csvField("VNPT, Viettel")).toBe('"VNPT, Viettel"');
    expect(csvField('Cổng "một cửa"')).toBe('"Cổng ""một cửa"""');
    expect(csvField("dòng 1\ndòng 2")).toBe('"dòng 1\ndòng 2"');
    expect(csvField(" lề")).toBe('" lề"');
    expect(csvField(443)).toBe("443");
    expect(csvField("")).toBe("");
  });

  it("keeps a cell that looks like a formula as text", () => {
    expect(csvField("=HYPERLINK(\"http://x\")")).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField("+84 24 1234")).toBe("'+84 24 1234");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField("na1-fw-core-01")).toBe("na1-fw-core-01");
  });

  it("starts with a byte-order mark and a bilingual header, and ends lines with CRLF", () => {
    const csv = renderCsv(table([["Vùng DMZ, biên", 2]]));
    expect(csv).toBe(`\uFEFF${heading({ vi: "Cột 0", en: "Column 0" })},Cột 1 / Column 1\r\n"Vùng DMZ, biên",2\r\n`);
    expect(Buffer.from(csv, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it("reads back as the same cells for any text (formula-looking cells gain one apostrophe)", () => {
    const cell = fc.oneof(fc.string({ unit: "grapheme" }), fc.constantFrom("Vùng DMZ", "a,b", '"', "x\r\ny", "|", ""), fc.integer({ min: 0, max: 1e6 }));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }).chain((n) => fc.array(fc.array(cell, { minLength: n, maxLength: n }), { maxLength: 6 })), (rows) => {
        const n = rows[0]?.length ?? 1;
        const back = parseCsv(renderCsv(table(rows, n)));
        const expected = rows.map((r) => r.map((c) => (typeof c === "number" ? String(c) : /^[=+@\t\r]/.test(c) ? `'${c}` : c)));
        expect(back.slice(1)).toEqual(expected);
        expect(back[0]).toHaveLength(n);
      }),
      { numRuns: 300 },
    );
  });
});
