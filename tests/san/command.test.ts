/**
 * `npm run san` end to end, in process: the bundled province's files written and verified (exit 0,
 * byte-identical on a second run); a province whose server lost its fabric-B port written but refused
 * (exit 1, the host and LUN named); a broken inventory writes nothing.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { InputError, parseCommandLine, type ParsedArgs } from "../../cli/command";
import { runSan, SAN_SPEC } from "../../exports/san/command";
import { listFiles } from "../../offline/stagedOutput";

const ROOT = path.resolve(__dirname, "../..");
const EXAMPLE = path.join(ROOT, "inventory/provinces/ninh-an");

function args(argv: string[]): ParsedArgs {
  const r = parseCommandLine(SAN_SPEC, argv);
  if (r.kind !== "args") throw new Error(`bad test command line: ${argv.join(" ")}`);
  return r.args;
}

/**
 * A project folder with one stack on a copy of the example province, plus an extra YAML file.
 * @param dir where
 * @param edit changes to the copied province's plant-primary.yaml text
 */
function project(dir: string, edit: (text: string) => string): void {
  fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  fs.writeFileSync(path.join(dir, "Pulumi.s.yaml"), "config:\n  hatang:site: na-dc1\n  hatang:province: province\n");
  fs.cpSync(EXAMPLE, path.join(dir, "province"), { recursive: true });
  const plant = path.join(dir, "province", "plant-primary.yaml");
  fs.writeFileSync(plant, edit(fs.readFileSync(plant, "utf8")));
}

describe("npm run san", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "hatang-san-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("writes the example's SAN files per stack, verified, byte-identical on a second run", () => {
    const out = path.join(dir, "out");
    const lines: string[] = [];
    expect(runSan(args(["--stack", "na-dc1", "--stack", "na-dc2", "--out", out, "--as-of", "2026-05-01"]), ROOT, (l) => lines.push(l))).toBe(0);
    // manifest.json says when it ran; the SAN files themselves must not change.
    const files = listFiles(out).filter((f) => !f.endsWith("manifest.json"));
    for (const f of ["zoning.json", "zones.csv", "masking.csv", "pools.csv", "fabrics.csv", "verification.md", "verification.json"]) expect(files).toContain(`na-dc1/san/${f}`);
    // The example's fabric CLIs: Brocade at the primary, Cisco MDS at the DR site.
    expect(files.filter((f) => /\.(fos|mds)\.txt$/.test(f)).length).toBeGreaterThanOrEqual(2);
    expect(lines.filter((l) => l.includes(": verified:"))).toHaveLength(2);
    const texts = files.map((f) => fs.readFileSync(path.join(out, f)));
    expect(runSan(args(["--stack", "na-dc1", "--stack", "na-dc2", "--out", out, "--as-of", "2026-05-01"]), ROOT, () => undefined)).toBe(0);
    expect(files.map((f) => fs.readFileSync(path.join(out, f)))).toEqual(texts);
  });

  it("says a site without a Fibre Channel fabric is not assessed, never verified", () => {
    const out = path.join(dir, "out");
    const lines: string[] = [];
    expect(runSan(args(["--stack", "vl-dc1", "--out", out, "--as-of", "2026-05-01"]), ROOT, (l) => lines.push(l))).toBe(0);
    expect(lines[0]).toBe("vl-dc1: not assessed: no Fibre Channel fabric at this site: nothing to zone or mask (iSCSI and NVMe-oF fabrics are not generated)");
    const md = fs.readFileSync(path.join(out, "vl-dc1/san/verification.md"), "utf8");
    expect(md).toContain("**Chưa đánh giá / Not assessed**");
    expect(md).not.toContain("Verified");
  });

  it("exits 1 and names the host when a server lost its port on fabric B", () => {
    // The first shared-database server keeps its fabric-A port only.
    project(dir, (t) => t.replace(/(name: na1-bm-shared-db-01,[^\n]*sanPorts: \[\{[^}]*\}), \{[^}]*\}\]/, "$1]"));
    const lines: string[] = [];
    expect(runSan(args(["--stack", "s", "--out", "out", "--as-of", "2026-05-01"]), dir, (l) => lines.push(l))).toBe(1);
    expect(lines[0]).toMatch(/^s: NOT verified: /);
    const md = fs.readFileSync(path.join(dir, "out/s/san/verification.md"), "utf8");
    expect(md).toContain("host na1-bm-shared-db-01 has no SAN port on fabric");
    expect(md).toMatch(/\| missing \| na1-bm-shared-db-01 \| [^|]+ \| shared-db\/data-dc1-01 \|/);
  });

  it("writes nothing for an inventory that does not load, and names the file and line", () => {
    project(dir, (t) => t.replace('wwpn: "10:00:00:10:9b:01:01:a0"', 'wwpn: "10:00:00:10:9b:01:01"'));
    let error: unknown;
    try {
      runSan(args(["--stack", "s", "--out", "out"]), dir, () => undefined);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(/plant-primary\.yaml:\d+:\d+ {2}devices\[\d+\]\.sanPorts\[0\]\.wwpn /);
    expect(listFiles(path.join(dir, "out"))).toEqual([]);
  });
});
