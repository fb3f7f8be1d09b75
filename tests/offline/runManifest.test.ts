import fc from "fast-check";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { buildManifest, filesDigest, inventoryRecord, manifestPath, provenanceLines, sha256Hex, type Provenance } from "../../offline/runManifest";
import { htmlWithProvenance, markdownWithProvenance } from "../../offline/provenanceHeader";

const H = (c: string): string => c.repeat(64);
const provenance: Provenance = {
  schema: "hatang.run/v1",
  tool: { name: "hatang", version: "0.1.0", commit: "0123456789abcdef0123456789abcdef01234567", dirty: false },
  command: "npm run check",
  asOf: "2026-12-05",
  stack: "na-dc1",
  site: "na-dc1",
  basis: "design",
  inventory: { path: "inventory/provinces/ninh-an", commit: "fedcba9876543210fedcba9876543210fedcba98", dirty: true, files: [{ path: "inventory/provinces/ninh-an/sites.yaml", sha256: H("a") }], digest: H("d") },
  plan: { path: "out/na-dc1/plan.json", sha256: H("p") },
};

describe("run manifest", () => {
  it("digests a set of files independently of the order they were read in, and changes with any file", () => {
    const hex = fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: 64, maxLength: 64 });
    const file = fc.record({ path: fc.string({ minLength: 1 }), sha256: hex });
    const filesAndShuffle = fc
      .uniqueArray(file, { selector: (f) => f.path, minLength: 1, maxLength: 20 })
      .chain((files) => fc.tuple(fc.constant(files), fc.shuffledSubarray(files, { minLength: files.length, maxLength: files.length })));
    fc.assert(
      fc.property(filesAndShuffle, ([files, shuffled]) => {
        expect(filesDigest(shuffled)).toBe(filesDigest(files));
        const changed = files.map((f, i) => (i === 0 ? { ...f, sha256: f.sha256 === H("0") ? H("1") : H("0") } : f));
        expect(filesDigest(changed)).not.toBe(filesDigest(files));
      }),
    );
  });

  it("has exactly the fields of the spec, outputs sorted by path", () => {
    const m = buildManifest(provenance, [{ path: "out/na-dc1/z.md", sha256: H("1") }, { path: "out/na-dc1/a.md", sha256: H("2") }], new Date("2026-12-05T01:02:03Z"));
    expect(Object.keys(m)).toEqual(["schema", "tool", "command", "asOf", "generatedAt", "stack", "site", "basis", "inventory", "plan", "outputs"]);
    expect(m.outputs.map((o) => o.path)).toEqual(["out/na-dc1/a.md", "out/na-dc1/z.md"]);
    expect(m.generatedAt).toBe("2026-12-05T01:02:03.000Z");
  });

  it("cites inventory, commit, digest, plan hash, date, basis and tool in each language", () => {
    expect(provenanceLines(provenance, "en")).toEqual([
      `Made from: inventory inventory/provinces/ninh-an @ fedcba987654+, digest ${"d".repeat(16)} (1 tệp/files); plan out/na-dc1/plan.json sha256 ${"p".repeat(16)}; as of 2026-12-05; basis: design; tool hatang 0.1.0 @ 0123456789ab`,
    ]);
    expect(provenanceLines({ ...provenance, basis: "as-built", plan: null, inventory: null }, "vi")).toEqual([
      "Lập từ: nhiều hồ sơ (xem manifest.json của từng điểm); chưa có kế hoạch (biên dịch từ hồ sơ); ngày đánh giá 2026-12-05; cơ sở: hoàn công; công cụ hatang 0.1.0 @ 0123456789ab",
    ]);
  });

  it("hashes a province outside git: every YAML file (the lock included), no commit", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hatang-manifest-"));
    try {
      fs.writeFileSync(path.join(dir, "sites.yaml"), "sites: []\n");
      fs.writeFileSync(path.join(dir, "addressplan.lock.yaml"), "version: 1\n");
      fs.writeFileSync(path.join(dir, "README.md"), "not read\n");
      const r = inventoryRecord(dir, dir);
      expect(r.commit).toBeNull();
      expect(r.files).toEqual([
        { path: "addressplan.lock.yaml", sha256: sha256Hex("version: 1\n") },
        { path: "sites.yaml", sha256: sha256Hex("sites: []\n") },
      ]);
      expect(r.digest).toBe(filesDigest(r.files));
      expect(manifestPath("/a/b", "/elsewhere/x.json")).toBe("/elsewhere/x.json");
      expect(manifestPath("/a/b", "out/x.json")).toBe("out/x.json");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("puts provenance under the title of Markdown and HTML reports rendered elsewhere", () => {
    expect(markdownWithProvenance("# Title\n\nbody\n", ["one", "two"])).toBe("# Title\n\n> one  \n> two  \n\nbody\n");
    expect(markdownWithProvenance("no title\n", ["one"])).toBe("> one  \n\nno title\n");
    expect(htmlWithProvenance("<body><h1>T</h1><p>x</p>", ["a<b", "c"])).toBe('<body><h1>T</h1><p class="provenance"><small>a&lt;b<br>c</small></p><p>x</p>');
  });
});
