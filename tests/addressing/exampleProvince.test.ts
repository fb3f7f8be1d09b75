/**
 * Golden for the example province: its committed lock file is the golden. Allocating the province
 * with that lock must reproduce it byte for byte (what `npm run addressplan -- --check` enforces in CI).
 * When the province changes, regenerate the lock with `npm run addressplan` and review its diff.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { allocateAddressPlan, parseLock, renderLock } from "../../inventory/addressing";
import { loadInventory } from "../../inventory/loader";

const PROVINCE = path.join(__dirname, "../../inventory/provinces/ninh-an");
const LOCK = path.join(PROVINCE, "addressplan.lock.yaml");

describe("example province ninh-an", () => {
  const loaded = loadInventory(PROVINCE);
  it("loads", () => expect(loaded.ok ? [] : loaded.problems.map((p) => p.message)).toEqual([]));
  it("reproduces its committed lock file exactly", () => {
    if (!loaded.ok) throw new Error("the province does not load");
    const text = fs.readFileSync(LOCK, "utf8");
    const lock = parseLock(text, LOCK);
    if (!lock.ok) throw new Error(lock.problems.map((p) => p.message).join("\n"));
    const r = allocateAddressPlan(loaded.inventory, lock.lock, loaded.sources);
    if (!r.ok) throw new Error(r.problems.map((p) => p.message).join("\n"));
    expect(renderLock(r.lock)).toBe(text);
    expect(r.plan.sites.map((s) => s.site).sort()).toEqual(loaded.inventory.sites.map((s) => s.id).sort());
    expect(r.plan.sites.reduce((n, s) => n + s.subnets.length, 0)).toBe(loaded.inventory.zones.reduce((n, z) => n + z.vlans.length, 0));
  });
});
