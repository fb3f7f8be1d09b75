import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { Workbook } from "exceljs";
import { basisLabel, buildManifest, citationLines, filesDigest, sha256 } from "../../exports/provenance";
import { runExport } from "../../exports/command";

const ROOT = path.resolve(__dirname, "../..");

describe("provenance", () => {
  it("labels the basis Vietnamese first", () => {
    expect(basisLabel("design")).toBe("thiết kế / design");
    expect(basisLabel("as-built")).toBe("hoàn công / as-built");
  });

  it("digests a file list independently of its order, and changes with any hash", () => {
    const entry = fc.record({ path: fc.stringMatching(/^[a-z/.]{1,12}$/), sha256: fc.stringMatching(/^[0-9a-f]{64}$/) });
    const listAndShuffle = fc
      .uniqueArray(entry, { minLength: 1, maxLength: 8, selector: (e) => e.path })
      .chain((files) => fc.tuple(fc.constant(files), fc.shuffledSubarray(files, { minLength: files.length, maxLength: files.length })));
    fc.assert(
      fc.property(listAndShuffle, ([files, shuffled]) => {
        expect(filesDigest(shuffled)).toBe(filesDigest(files));
        const changed = files.map((f, i) => (i === 0 ? { ...f, sha256: f.sha256 === "0".repeat(64) ? "1".repeat(64) : "0".repeat(64) } : f));
        expect(filesDigest(changed)).not.toBe(filesDigest(files));
      }),
    );
  });

  it("hashes every YAML file of the province, the lock included, and cites the plan only when it exists", () => {
    const m = buildManifest({ root: ROOT, command: "t", stack: "na-dc1", site: "na-dc1", inventoryPath: "inventory/provinces/ninh-an", planPath: "does/not/exist.json", asOf: "2026-05-01", basis: "design", now: new Date(0) });
    const names = m.inventory.files.map((f) => path.basename(f.path));
    expect(names).toEqual(expect.arrayContaining(["sites.yaml", "addressplan.lock.yaml"]));
    expect(names).not.toContain("README.md");
    const sites = m.inventory.files.find((f) => f.path === "inventory/provinces/ninh-an/sites.yaml");
    expect(sites?.sha256).toBe(sha256(fs.readFileSync(path.join(ROOT, "inventory/provinces/ninh-an/sites.yaml"))));
    expect(m.inventory.digest).toBe(filesDigest(m.inventory.files));
    expect(m.plan).toBeNull();
    expect(citationLines(m).en).toContain("no plan file (compiled from the inventory)");
  });

  describe("on the exports", () => {
    let dir: string;
    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "hatang-prov-"));
    });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("titles the workbook and the Markdown as design, and cites the plan written before the export", async () => {
      const out = path.join(dir, "out");
      fs.mkdirSync(path.join(out, "na-dc1"), { recursive: true });
      const planText = '{"project":"hatang","stack":"na-dc1","province":"na","resources":[]}';
      fs.writeFileSync(path.join(out, "na-dc1", "plan.json"), planText);
      const r = await runExport(["--stack", "na-dc1", "--out", out, "--as-of", "2026-05-01"], ROOT);
      expect(r.stderr).toBe("");
      const md = fs.readFileSync(path.join(out, "na-dc1", "asbuilt.md"), "utf8");
      expect(md.split("\n")[0]).toBe("# Hồ sơ hạ tầng (thiết kế) / Infrastructure inventory (design) — na-dc1");
      expect(md).toContain(`sha256 ${sha256(planText).slice(0, 16)}`);
      expect(md).not.toContain("hoàn công");
      const wb = new Workbook();
      await wb.xlsx.readFile(path.join(out, "na-dc1", "asbuilt.xlsx"));
      expect(wb.title).toContain("(thiết kế) / Infrastructure inventory (design)");
      expect(wb.subject).toContain(`plan.json sha256 ${sha256(planText).slice(0, 16)}`);
      const overview = wb.worksheets[0];
      const cells = overview.getSheetValues().flat().map(String);
      expect(cells).toContain("thiết kế / design");
      expect(cells.some((c) => c.startsWith("Lập từ: hồ sơ inventory/provinces/ninh-an @ "))).toBe(true);
    });
  });
});
