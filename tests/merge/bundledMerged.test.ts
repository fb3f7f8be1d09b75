/**
 * The bundled merged province (inventory/provinces/ninh-an-vinh-lam, Vĩnh Lâm consolidated into Ninh An) is exactly
 * what `npm run merge` writes today from the two bundled provinces — file by file, its stage folders left out (the
 * command regenerates them) and its waivers where every province keeps them — so it never drifts from its inputs or
 * from the merger. That it loads, has a stack per site and passes the main job is checked like any bundled province
 * (tests/inventory/bundledProvinces.test.ts, `npm start`).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runMerge } from "../../offline/merge/run";
import { BUNDLED_AS_OF } from "../bundledAsOf";
import { NINH_AN, ROOT, VINH_LAM } from "./fixtures";

const BUNDLED = "inventory/provinces/ninh-an-vinh-lam";

/** Every file under a folder, relative to it, sorted; `merge/stages/` left out. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = path.join(rel, e.name);
      if (e.isDirectory()) {
        if (r !== path.join("merge", "stages")) walk(r);
      } else out.push(r);
    }
  };
  walk("");
  return out.sort();
}

/** A file's text with its schema reference (relative to where it was written) taken out. */
function normalised(file: string): string {
  return fs.readFileSync(file, "utf8").replace(/^# yaml-language-server: \$schema=.*\n/, "");
}

describe("the bundled merged province", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `hatang-merged-${process.pid}-`));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("is what the merger writes from the bundled pair, file by file", async () => {
    const into = path.join(tmp, "ninh-an-vinh-lam");
    const r = await runMerge({ provinces: [NINH_AN, VINH_LAM], into, mergedOn: "2025-07-01", retireBy: "2027-06-30", checks: false, asOf: BUNDLED_AS_OF, root: ROOT, log: () => undefined });
    expect(r.result.stages.length).toBeGreaterThan(2);
    const written = filesUnder(into).filter((f) => f !== path.join("merge", "waivers.yaml"));
    expect(filesUnder(path.join(ROOT, BUNDLED))).toEqual(written);
    const differing = written.filter((f) => normalised(path.join(into, f)) !== normalised(path.join(ROOT, BUNDLED, f)));
    expect(differing).toEqual([]);
    expect(fs.readFileSync(path.join(into, "merge", "waivers.yaml"), "utf8")).toBe(fs.readFileSync(path.join(ROOT, "policies/waivers/ninh-an-vinh-lam.yaml"), "utf8"));
  }, 300_000);
});
