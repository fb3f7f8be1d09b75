/**
 * The SAN generator: golden renderings (vendor-neutral JSON, CSV, Brocade FOS, Cisco MDS) of a fixed
 * province, independence from list order, stability under insertion, names both CLIs accept. A diff in
 * a golden file changes what operators paste into their switches: review it, then UPDATE_GOLDEN=1.
 */
import * as path from "node:path";
import { goldenIn } from "../fixtures/golden";
import fc from "fast-check";
import { compileSanPlan } from "../../compilers/san/sanPlan";
import { renderBrocadeFos, renderCiscoMds, sanDocument } from "../../compilers/san/renderSan";
import { assignHostLunIds } from "../../compilers/san/hostLunIds";
import { fitName, MAX_NAME } from "../../compilers/san/names";
import { renderCsv } from "../../exports/csv";
import { lunMaskingTable, sanZonesTable } from "../../exports/tables/san";
import { seedArb, shuffleDeep } from "../fixtures/shuffle";
import { host, sanProvince, sanProvinceInput } from "./sanFixture";

const GOLDEN = path.join(__dirname, "golden");

const expectGolden = goldenIn(GOLDEN);

describe("golden SAN configuration of a fixed province", () => {
  const plan = compileSanPlan(sanProvince(), "tp-dc1");
  const [a, b] = plan.fabrics;

  it("generates without problems", () => expect(plan.problems).toEqual([]));
  it("writes the expected vendor-neutral document", () => expectGolden("zoning.json", JSON.stringify(sanDocument(plan), null, 2) + "\n"));
  it("writes the expected zone and masking CSVs", () => {
    expectGolden("zones.csv", renderCsv(sanZonesTable(plan)));
    expectGolden("masking.csv", renderCsv(lunMaskingTable(plan)));
  });
  it("writes the expected Brocade FOS commands for fabric A", () => expectGolden("fab-a.fos.txt", renderBrocadeFos("tp-dc1", a)));
  it("writes the expected Cisco MDS commands for fabric B in its VSAN", () => expectGolden("fab-b.mds.txt", renderCiscoMds("tp-dc1", b)));

  it("makes one zone per initiator port and array, holding that initiator only", () => {
    for (const f of plan.fabrics) {
      expect(f.zones.map((z) => `${z.host}→${z.array}`)).toEqual(["db-1→arr1", "db-2→arr1", "hv-1→arr1", "stream-1→arr1"]);
      for (const z of f.zones) expect(z.targets).toHaveLength(4);
    }
  });

  it("masks each system's LUNs to its own hosts, with the fixed LUN id kept", () => {
    expect(plan.hostGroups.map((g) => `${g.name}: ${g.hosts.map((h) => h.device).join(" ")}`)).toEqual(["hg_ioc: stream-1", "hg_portal: db-1 db-2"]);
    expect(plan.luns.find((l) => l.lun === "data")?.hostLunId).toBe(10);
  });
});

describe("generator properties", () => {
  it("gives the same configuration whatever the order of every list in the model", () => {
    const base = JSON.stringify(sanDocument(compileSanPlan(sanProvince(), "tp-dc1")));
    fc.assert(
      fc.property(seedArb, (seed) => {
        const shuffled = sanProvince(shuffleDeep(sanProvinceInput(), seed) as Record<string, unknown>);
        expect(JSON.stringify(sanDocument(compileSanPlan(shuffled, "tp-dc1")))).toBe(base);
      }),
      { numRuns: 25 },
    );
  });

  it("never renames or changes an existing zone, alias or LUN id when hosts and LUNs are added", () => {
    const before = compileSanPlan(sanProvince(), "tp-dc1");
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), (extra) => {
        const input = sanProvinceInput();
        const devices = input.devices as Array<Record<string, unknown>>;
        const systems = input.systems as Array<Record<string, unknown> & { luns: unknown[] }>;
        for (let k = 0; k < extra; k++) {
          devices.push(host(`new-${k}`, "server", 0x40 + k));
          systems[1].luns.push({ name: `added-${k}`, pool: "ssd", sizeGiB: 100, hosts: [`new-${k}`] });
        }
        const after = compileSanPlan(sanProvince(input), "tp-dc1");
        for (const f of before.fabrics) {
          const zones = new Map(after.fabrics.find((x) => x.fabric === f.fabric)!.zones.map((z) => [z.name, z]));
          for (const z of f.zones) expect(zones.get(z.name)).toEqual(z);
          const aliases = new Set(after.fabrics.find((x) => x.fabric === f.fabric)!.aliases.map((a) => `${a.name}=${a.wwpn}`));
          for (const al of f.aliases) expect(aliases).toContain(`${al.name}=${al.wwpn}`);
        }
        for (const l of before.luns.filter((x) => x.system === "portal")) expect(after.luns.find((x) => x.system === l.system && x.lun === l.lun)?.hostLunId).toBe(l.hostLunId);
      }),
      { numRuns: 10 },
    );
  });

  it("keeps every name to what both CLIs accept, however long the ids", () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z][a-z0-9-]{0,62}$/), { minLength: 1, maxLength: 4 }), fc.string(), (parts, id) => {
        const name = fitName("z", parts, id);
        expect(name.length).toBeLessThanOrEqual(MAX_NAME);
        expect(name).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
      }),
    );
  });

  it("gives every LUN of a group its own id in 1–4095, fixed ids first, stable when LUNs are added", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.stringMatching(/^[a-z]{1,8}$/), { minLength: 1, maxLength: 60 }), fc.stringMatching(/^[a-z]{9,12}$/), (names, added) => {
        const ids = assignHostLunIds(names.map((n, i) => ({ identity: n, fixed: i === 0 ? 7 : undefined })));
        expect(ids.get(names[0])).toBe(7);
        const values = [...ids.values()];
        expect(new Set(values).size).toBe(names.length);
        for (const v of values) expect(v >= 1 && v <= 4095).toBe(true);
        // One more LUN moves at most the LUNs whose probe chains it joins: here, never more than it displaces.
        const after = assignHostLunIds([...names, added].map((n, i) => ({ identity: n, fixed: i === 0 ? 7 : undefined })));
        const moved = names.filter((n) => after.get(n) !== ids.get(n));
        for (const n of moved) expect(after.get(n)).not.toBe(undefined);
        expect(moved.length).toBeLessThanOrEqual(names.filter((n) => n > added).length);
      }),
    );
  });

  it("reports a host without a port on a fabric and an array without target ports, and zones nothing there", () => {
    const input = sanProvinceInput();
    const devices = input.devices as Array<Record<string, unknown>>;
    devices[devices.findIndex((d) => d.name === "db-2")] = host("db-2", "server", 2, ["fab-a"]);
    const ctl = devices.filter((d) => d.role === "storage-array");
    for (const c of ctl) c.sanPorts = (c.sanPorts as Array<{ fabric: string }>).filter((p) => p.fabric === "fab-a");
    const plan = compileSanPlan(sanProvince(input), "tp-dc1");
    expect(plan.problems).toEqual([
      "array arr1 has no target port on fabric fab-b (side B): 4 host(s) reach it on the other fabric only",
      "host db-2 has no SAN port on fabric fab-b (side B): it is cut off if the other fabric fails",
    ]);
    expect(plan.fabrics[1].zones).toEqual([]);
  });
});
