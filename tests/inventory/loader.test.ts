import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadInventory, loadSources } from "../../inventory/loader";
import { isInventoryFileName } from "../../inventory/loader/inventoryFiles";
import { readYamlFolder, SMALL_FIXTURE, writeTempProvince } from "./helpers/overlay";

const relFixture = path.relative(process.cwd(), SMALL_FIXTURE);

describe("loadInventory on the small fixture", () => {
  const result = loadInventory(relFixture);

  it("returns the merged, validated model", () => {
    if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 2));
    const inv = result.inventory;
    expect(inv.province.code).toBe("na");
    expect(inv.sites.map((s) => s.id)).toEqual(["dc1", "dc2"]);
    expect(inv.zones.map((z) => `${z.site}/${z.id}`)).toEqual(["dc1/dmz", "dc1/app", "dc1/db", "dc1/backup", "dc2/dmz"]);
    expect(inv.devices).toHaveLength(9);
    // defaults from the schema are filled in
    expect(inv.racks[0].units).toBe(42);
    expect(inv.zones[0].vlans[0].ipv6Mode).toBe("slaac");
    expect(inv.security.adminPorts).toEqual([22, 3389, 5985, 5986, 6443]);
  });

  it("lists the files it read, sorted by name, relative to the working directory", () => {
    if (!result.ok) throw new Error("fixture should load");
    expect(result.sources.files.map((f) => path.basename(f))).toEqual([
      "flows.yaml",
      "plant.yaml",
      "province.yaml",
      "sites.yaml",
      "systems.yaml",
      "tenants.yaml",
      "zones.yaml",
    ]);
    expect(result.sources.files[0]).toBe(path.join(relFixture, "flows.yaml"));
  });

  it("maps merged paths back to the file and line they came from", () => {
    if (!result.ok) throw new Error("fixture should load");
    const { sources } = result;
    expect(sources.locate(["zones", 1, "vlans", 1, "id"])).toEqual({ file: path.join(relFixture, "zones.yaml"), line: 17, column: 15 });
    expect(sources.locate(["security", "logRetentionDays"])).toEqual({ file: path.join(relFixture, "province.yaml"), line: 8, column: 21 });
    // a field that is not written resolves to its parent mapping
    expect(sources.locate(["racks", 0, "units"])).toEqual({ file: path.join(relFixture, "plant.yaml"), line: 3, column: 5 });
  });
});

describe("loading from the file system", () => {
  it("concatenates lists across files in name order and ignores *.lock.yaml", () => {
    const files = readYamlFolder(SMALL_FIXTURE);
    const dir = writeTempProvince([...files].map(([file, text]) => ({ file, text })));
    fs.writeFileSync(path.join(dir, "more-agencies.yml"), "agencies:\n  - { code: SYT, name: Sở Y tế, kind: department }\n");
    fs.writeFileSync(path.join(dir, "addressplan.lock.yaml"), "not: an inventory file\n");
    const r = loadInventory(dir);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    // more-agencies.yml sorts before tenants.yaml
    expect(r.inventory.agencies.map((a) => a.code)).toEqual(["SYT", "STTTT", "UBND-HUYEN-YK", "UBND-XA-KH"]);
    expect(r.sources.files.some((f) => f.endsWith(".lock.yaml"))).toBe(false);
  });

  it("loads a single file", () => {
    const dir = writeTempProvince([{ file: "one.yaml", text: MINIMAL_PROVINCE }]);
    const r = loadInventory(path.join(dir, "one.yaml"));
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.inventory.sites.map((s) => s.id)).toEqual(["dc1"]);
    expect(r.inventory.zones).toEqual([]);
    expect(r.sources.files).toEqual([path.join(dir, "one.yaml")]);
  });

  it("reports a missing path and an empty folder without a location", () => {
    const missing = loadInventory("no/such/province");
    expect(missing).toEqual({ ok: false, problems: [{ path: [], message: "no such file or folder: no/such/province" }] });
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), "hatang-empty-"));
    const r = loadInventory(empty);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0].message).toMatch(/^no inventory files/);
  });

  it("recognises inventory file names", () => {
    expect(["a.yaml", "b.yml", "C.YAML"].map(isInventoryFileName)).toEqual([true, true, true]);
    expect(["plan.lock.yaml", "plan.lock.yml", "notes.md", "yaml"].map(isInventoryFileName)).toEqual([false, false, false, false]);
  });
});

describe("loadSources stages", () => {
  it("reports YAML problems of every file at once and stops there", () => {
    const r = loadSources([
      { file: "a.yaml", text: "sites: [\n" },
      { file: "b.yaml", text: "zones:\n\t- x\n" },
    ]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(new Set(r.problems.map((p) => p.location?.file))).toEqual(new Set(["a.yaml", "b.yaml"]));
  });

  it("treats empty and comment-only files as adding nothing", () => {
    const files = [...readYamlFolder(SMALL_FIXTURE)].map(([file, text]) => ({ file, text }));
    const r = loadSources([...files, { file: "empty.yaml", text: "" }, { file: "notes.yaml", text: "# nothing yet\n" }]);
    expect(r.ok).toBe(true);
  });
});

/** The least a province needs: who it is and one site. */
const MINIMAL_PROVINCE = `province: { code: na, name: Tỉnh Ninh An, nameEn: Ninh An Province, operator: Sở TTTT }
sites:
  - id: dc1
    name: THDL
    role: primary
    location: { address: 1 Trần Hưng Đạo, city: Ninh An, latitude: 20.25, longitude: 105.97 }
    facility: { tierTarget: 3, standard: TIA-942-B, powerPaths: [A, B], upsRedundancy: N+1, coolingRedundancy: N+1 }
    aggregates: { ipv4: [10.16.0.0/14], ipv6: ["2001:db8:100::/48"] }
    physnets: [{ name: physnet1, vlanMin: 100, vlanMax: 999 }]
`;
