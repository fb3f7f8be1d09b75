import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { validateReport } from "../../inventory/loader";
import { brokenCaseSources, SMALL_FIXTURE, writeTempProvince } from "./helpers/overlay";

const ROOT = path.join(__dirname, "..", "..");
const VINH_LAM = "inventory/provinces/vinh-lam";

function runValidate(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts", "validate.ts"), ...args], { encoding: "utf8", cwd: ROOT });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("npm run validate", () => {
  it("exits 1 on a bad province, prints each problem with its place, and writes nothing", () => {
    const dir = writeTempProvince(brokenCaseSources("vlan-outside-physnet-range"));
    const before = fs.readdirSync(dir).sort();
    const r = runValidate([dir]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(
      `${path.join(dir, "zz-case.yaml")}:8:15  zones[5].vlans[0].id  expected a VLAN id in physnet "physnet1"'s range 100..999 (found: 1500)\n`,
    );
    expect(r.stderr).toBe(`${dir}: 1 problem\n`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(fs.readdirSync(dir).sort()).toEqual(before);
  });

  it("exits 0 with a summary on a valid province", () => {
    const r = runValidate([VINH_LAM, "--as-of", "2026-12-01"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/valid \(province vl, 15 files\)/);
    expect(r.stdout).toMatch(/3 sites, 24 zones, 42 vlans, 120 agencies/);
  });

  it("holds flows to the zone baseline as the plan does: a province that only loads is not valid", () => {
    const r = runValidate([path.relative(ROOT, SMALL_FIXTURE)]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/flows\.yaml:8:5 {2}flows\[0\] {2}flow "internet-to-portal" .* is forbidden by the level-3 zone baseline/);
  });

  it("refuses a date that is not a real calendar date", () => {
    expect(runValidate([VINH_LAM, "--as-of", "2027-02-30"])).toMatchObject({ status: 2, stdout: "" });
  });
});

describe("validateReport", () => {
  it("gives JSON with every problem when asked", () => {
    const dir = writeTempProvince(brokenCaseSources("service-port-and-range"));
    const r = validateReport(dir, true);
    expect(r.exitCode).toBe(1);
    const body = JSON.parse(r.stdout) as { ok: boolean; problems: { path: unknown[]; location: { line: number } }[] };
    expect(body.ok).toBe(false);
    expect(body.problems.map((p) => [p.path, p.location.line])).toEqual([
      [["services", 4, "port"], 2],
      [["services", 5, "port"], 3],
      [["services", 6, "portMax"], 4],
    ]);
  });

  it("gives JSON with the summary on success", () => {
    const r = validateReport(VINH_LAM, true, "2026-12-01");
    expect(r.exitCode).toBe(0);
    const body = JSON.parse(r.stdout) as { ok: boolean; summary: { vlans: number; devices: number } };
    expect(body).toMatchObject({ ok: true, summary: { vlans: 42, devices: 72 } });
  });

  it("rejects unknown options and extra paths with exit code 2 and a usage line", () => {
    const unknown = runValidate(["--jsn"]);
    expect(unknown).toMatchObject({ status: 2, stdout: "", stderr: "validate: unknown option --jsn\nusage: npm run validate -- [options] [PROVINCE]\n(npm run validate -- --help for more)\n" });
    expect(runValidate(["a", "b"])).toMatchObject({ status: 2, stderr: expect.stringContaining('validate: too many arguments: "b"') });
  });
});
