import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { defaultAsOf, parseExportArgs, runExport } from "../../exports/command";
import { EXAMPLE_PROVINCE } from "./exampleInput";

const ROOT = path.resolve(__dirname, "../..");

/** Every file under a folder, relative to it, sorted. */
function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile()).sort();
}

/**
 * A project folder with its own stack files: `good` reads the example province, `bad` a copy with two mistakes.
 * @param dir where to build it
 */
function projectWithBrokenProvince(dir: string): void {
  fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  fs.writeFileSync(path.join(dir, "Pulumi.good.yaml"), `config:\n  hatang:site: na-dc1\n  hatang:province: ${EXAMPLE_PROVINCE}\n`);
  fs.writeFileSync(path.join(dir, "Pulumi.bad.yaml"), "config:\n  hatang:site: na-dc1\n  hatang:province: broken\n");
  fs.cpSync(EXAMPLE_PROVINCE, path.join(dir, "broken"), { recursive: true });
  fs.writeFileSync(
    path.join(dir, "broken", "zz-mistakes.yaml"),
    [
      "devices:",
      "  - { name: na1-extra-01, site: na-dc1, rack: dc1-a01, role: firewal, model: X, powerSupplies: { A: 1, B: 1 } }",
      "racks:",
      "  - { id: dc1-z99, site: na-dc1, row: Z, feeds: [C] }",
      "",
    ].join("\n"),
  );
}

describe("npm run export", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "hatang-export-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("writes the XLSX, the Markdown and one CSV per table, byte-identical on a second run", async () => {
    const out = path.join(dir, "out");
    const args = ["--stack", "na-dc1", "--out", out, "--as-of", "2026-05-01"];
    const first = await runExport(args, ROOT);
    expect(first.stderr).toBe("");
    expect(first.exitCode).toBe(0);
    const files = listFiles(out);
    expect(files).toEqual(expect.arrayContaining(["na-dc1/asbuilt.xlsx", "na-dc1/asbuilt.md", "na-dc1/asbuilt/vlans.csv", "na-dc1/asbuilt/security-rules.csv", "na-dc1/asbuilt/san-zones.csv", "na-dc1/asbuilt/lun-masking.csv", "na-dc1/asbuilt/backup-jobs.csv", "na-dc1/asbuilt/disaster-recovery.csv"]));
    expect(files.filter((f) => f.endsWith(".csv"))).toHaveLength(18);
    const texts = files.filter((f) => !f.endsWith(".xlsx")).map((f) => fs.readFileSync(path.join(out, f)));
    const second = await runExport(args, ROOT);
    expect(second.exitCode).toBe(0);
    expect(files.filter((f) => !f.endsWith(".xlsx")).map((f) => fs.readFileSync(path.join(out, f)))).toEqual(texts);
    expect(fs.readFileSync(path.join(out, "na-dc1/asbuilt/vlans.csv"), "utf8")).toContain("\r\n300,dmz-web,dmz,");
  });

  it("prints every problem of a bad inventory and writes nothing, not even the good stack's files", async () => {
    projectWithBrokenProvince(dir);
    const r = await runExport(["--out", "out", "--as-of", "2026-05-01"], dir);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/broken\/zz-mistakes\.yaml:2:\d+ {2}devices\[\d+\]\.role /);
    expect(r.stderr).toMatch(/broken\/zz-mistakes\.yaml:4:\d+ {2}racks\[\d+\]\.feeds\[0\] /);
    expect(r.stderr).toContain("export: nothing written");
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(listFiles(path.join(dir, "out"))).toEqual([]);
  });

  it("names unknown stacks and the stacks there are", async () => {
    const r = await runExport(["--stack", "na-dc9", "--out", path.join(dir, "out")], ROOT);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^export: unknown stack "na-dc9": no Pulumi\.na-dc9\.yaml in .* \(stacks here: (?:[^)]*, )?na-dc1, na-dc2[^)]*\)\n$/);
  });

  it("refuses a bad --as-of or an unknown option with exit 2", async () => {
    const bad = await runExport(["--as-of", "2026-02-30"], ROOT);
    expect([bad.exitCode, bad.stderr.split("\n")[0]]).toEqual([2, 'export: --as-of expects a date written YYYY-MM-DD, found "2026-02-30"']);
    const unknown = await runExport(["--stak", "na-dc1"], ROOT);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain("--stak");
  });

  it("reads the report date from SOURCE_DATE_EPOCH, else from the clock in UTC", () => {
    expect(defaultAsOf({ SOURCE_DATE_EPOCH: "1777593600" }, new Date("2020-01-01T00:00:00Z"))).toBe("2026-05-01");
    expect(defaultAsOf({}, new Date("2026-05-01T23:30:00-05:00"))).toBe("2026-05-02");
    const parsed = parseExportArgs(["--stack", "a", "--stack", "b"], "2026-05-01");
    expect(parsed).toEqual({ ok: true, options: { stacks: ["a", "b"], province: undefined, out: "out", asOf: "2026-05-01" } });
  });
});
