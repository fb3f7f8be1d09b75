import fc from "fast-check";
import { markdownCell, renderMarkdown, renderMarkdownTable } from "../../exports/markdown";
import type { Table } from "../../exports/table";
import { fixedManifest } from "./manifestFixture";

const base: Table = {
  id: "t",
  titleVi: "Luồng được phép",
  titleEn: "Allowed flows",
  sheet: "Luồng - Flows",
  columns: [
    { vi: "Tên", en: "Name" },
    { vi: "Lý do", en: "Justification" },
    { vi: "Số", en: "Count", type: "integer" },
  ],
  rows: [["a|b", "dòng 1\ndòng 2", 3]],
};

/** Cells of a Markdown table row, read the way GFM does: a backslash escapes the next character, other pipes split. */
function cellsOf(line: string): string[] {
  const cells: string[] = [];
  let cell = "";
  for (let i = 0; i < line.length; i++) {
    if (line[i] === "\\") cell += line[i] + (line[++i] ?? "");
    else if (line[i] === "|") {
      cells.push(cell.trim());
      cell = "";
    } else cell += line[i];
  }
  cells.push(cell.trim());
  // A row starts and ends with a pipe: drop the empty text outside them.
  return cells.slice(1, -1);
}

describe("Markdown writer", () => {
  it("escapes pipes and markup, and turns line breaks into spaces", () => {
    expect(markdownCell("a|b")).toBe("a\\|b");
    expect(markdownCell("dòng 1\ndòng 2")).toBe("dòng 1 dòng 2");
    expect(markdownCell("*x* _y_ <b> [l] `c` \\")).toBe("\\*x\\* \\_y\\_ \\<b\\> \\[l\\] \\`c\\` \\\\");
    expect(markdownCell(42)).toBe("42");
  });

  it("writes a bilingual header, right-aligns numeric columns and keeps one line per row", () => {
    expect(renderMarkdownTable(base).split("\n")).toEqual([
      "| Tên / Name | Lý do / Justification | Số / Count |",
      "|---|---|---:|",
      "| a\\|b | dòng 1 dòng 2 | 3 |",
      "",
    ]);
  });

  it("says so when a table is empty", () => {
    expect(renderMarkdownTable({ ...base, rows: [] })).toBe("_(không có / none)_\n");
  });

  it("keeps every row at exactly one cell per column, whatever the text", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ unit: "grapheme" }), fc.string()), { minLength: 1, maxLength: 5 }), (pairs) => {
        const md = renderMarkdownTable({ ...base, rows: pairs.map(([a, b]) => [a, b, 1]) });
        const lines = md.trimEnd().split("\n");
        expect(lines).toHaveLength(pairs.length + 2);
        for (const l of lines.slice(2)) expect(cellsOf(l)).toHaveLength(3);
      }),
      { numRuns: 300 },
    );
  });

  it("puts one numbered section per table after the heading", () => {
    const md = renderMarkdown([base, { ...base, id: "u", titleVi: "Sao lưu", titleEn: "Backups" }], { province: "Tỉnh Ninh An (Ninh An Province)", site: "na-dc1", siteName: "TTDL", asOf: "2026-05-01", manifest: fixedManifest() });
    expect(md).toContain("# Hồ sơ hạ tầng (thiết kế) / Infrastructure inventory (design) — na-dc1\n");
    expect(md).toContain("- **Cơ sở / Basis:** thiết kế / design\n");
    expect(md).toContain("Made from: inventory inventory/provinces/ninh-an @ fedcba987654, digest bbbbbbbbbbbbbbbb (1 tệp/files); plan out/na-dc1/plan.json sha256 cccccccccccccccc; as of 2026-05-01; basis: design");
    const asBuilt = renderMarkdown([base], { province: "p", site: "na-dc1", siteName: "s", asOf: "2026-05-01", manifest: fixedManifest("as-built") });
    expect(asBuilt).toContain("# Hồ sơ hạ tầng (hoàn công) / Infrastructure inventory (as-built) — na-dc1\n");
    expect(asBuilt).not.toContain("thiết kế");
    expect(md).toContain("- **Ngày lập / As of:** 2026-05-01\n");
    expect(md.match(/^## \d+\. .*$/gm)).toEqual(["## 1. Luồng được phép / Allowed flows", "## 2. Sao lưu / Backups"]);
  });
});
