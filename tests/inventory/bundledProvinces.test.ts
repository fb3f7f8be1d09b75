/**
 * Every bundled province (inventory/provinces/*) loads, its committed lock reproduces byte for byte, and
 * each of its sites has exactly one stack file at the root, so `npm start` runs the main job on all of them.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { loadProvince } from "../../inventory/province/loadProvince";
import { renderLock } from "../../inventory/addressing";
import { listStacks, readStackConfig } from "../../offline/stackConfig";
import { BUNDLED_AS_OF } from "../bundledAsOf";

const ROOT = path.join(__dirname, "../..");
const PROVINCES = path.join(ROOT, "inventory/provinces");
const bundled = fs
  .readdirSync(PROVINCES, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

describe("bundled provinces", () => {
  it("are at least the two former neighbours", () => expect(bundled).toEqual(expect.arrayContaining(["ninh-an", "vinh-lam"])));

  const stacks = listStacks(ROOT).map((s) => ({ stack: s, config: readStackConfig(ROOT, s).config }));

  it.each(bundled)("%s loads, its lock is current, and every site has one stack", (name) => {
    const folder = path.join("inventory/provinces", name);
    const loaded = loadProvince(path.join(ROOT, folder), { asOf: BUNDLED_AS_OF });
    if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join("\n"));
    const { inventory, lock, newLock } = loaded.province;
    expect(lock).toBeDefined();
    expect(renderLock(newLock)).toBe(fs.readFileSync(path.join(ROOT, folder, "addressplan.lock.yaml"), "utf8"));
    const mine = stacks.filter((s) => s.config["hatang:province"] === folder);
    expect(mine.map((s) => s.config["hatang:site"]).sort()).toEqual(inventory.sites.map((s) => s.id).sort());
    expect(fs.existsSync(path.join(ROOT, "policies/waivers", `${name}.yaml`))).toBe(true);
    expect(fs.existsSync(path.join(ROOT, "policies/evidence", `${name}.yaml`))).toBe(true);
  });

  it("every stack file names a bundled province and one of its sites", () => {
    for (const s of stacks) expect(bundled.map((b) => `inventory/provinces/${b}`)).toContain(s.config["hatang:province"]);
  });
});
