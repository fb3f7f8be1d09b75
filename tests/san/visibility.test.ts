/**
 * The SAN checker, on the generated configuration (passing) and on single breakages of it or of the
 * model (failing): each must name the host, the fabric and the LUN. It reads the vendor-neutral
 * document only, so these mutate the document as a hand-edited or half-applied configuration would be.
 */
import fc from "fast-check";
import { compileSanPlan } from "../../compilers/san/sanPlan";
import { sanDocument, type SanDocument } from "../../compilers/san/renderSan";
import { verifySan, type SanFinding } from "../../policies/san/visibility";
import { loadInventory } from "../../inventory/loader";
import { host, sanProvince, sanProvinceInput } from "./sanFixture";

const inv = sanProvince();
const generated = (): SanDocument => structuredClone(sanDocument(compileSanPlan(inv, "tp-dc1")));
const brief = (f: SanFinding): string => `${f.kind} ${f.host ?? "-"} ${f.fabric ?? "-"} ${f.lun ?? "-"}`;

describe("the SAN checker", () => {
  it("verifies the generated configuration: own LUNs on both fabrics, nothing else", () => {
    const v = verifySan(inv, generated());
    expect(v.findings).toEqual([]);
    expect({ hosts: v.hosts, zones: v.zones, luns: v.luns, paths: v.paths }).toEqual({ hosts: 4, zones: 8, luns: 3, paths: 10 });
  });

  it("finds a host that sees another system's LUN (its WWPN added to a foreign host group)", () => {
    const doc = generated();
    const portal = doc.hostGroups.find((g) => g.system === "portal")!;
    portal.hosts.push({ device: "stream-1", wwpns: ["21:00:00:24:ff:00:03:a0"] });
    doc.luns.find((l) => l.lun === "data")!.hosts.push("stream-1");
    expect(verifySan(inv, doc).findings.map(brief)).toEqual(["foreign stream-1 fab-a portal/data"]);
  });

  it("finds a LUN missing on one fabric, and that losing the other fabric cuts the host off", () => {
    const doc = generated();
    const b = doc.fabrics.find((f) => f.fabric === "fab-b")!;
    b.zones = b.zones.filter((z) => z.host !== "db-1");
    expect(verifySan(inv, doc).findings.map(brief)).toEqual([
      "missing db-1 fab-b portal/data",
      "missing db-1 fab-b portal/wal",
      "fabric-loss db-1 fab-a portal/data",
      "fabric-loss db-1 fab-a portal/wal",
    ]);
  });

  it("finds a zone with two initiators, and what the second one then sees", () => {
    const doc = generated();
    const z = doc.fabrics[0].zones.find((x) => x.host === "db-1")!;
    z.targets.push("21:00:00:24:ff:00:04:a0");
    const kinds = verifySan(inv, doc).findings.map((f) => f.kind);
    expect(kinds).toContain("not-single-initiator");
  });

  it("finds a zone member no device of the site owns, or one from the other fabric", () => {
    const doc = generated();
    doc.fabrics[0].zones[0].targets.push("50:00:00:00:00:00:00:99", "21:00:00:24:ff:00:01:b0");
    expect(verifySan(inv, doc).findings.filter((f) => f.kind === "unknown-port").map((f) => f.text)).toEqual([
      "zone z_db_1_arr1_ff0001a0 on fabric fab-a holds 21:00:00:24:ff:00:01:b0, a port of db-1 on fabric fab-b",
      "zone z_db_1_arr1_ff0001a0 on fabric fab-a holds 50:00:00:00:00:00:00:99, a WWPN no device of the site has",
    ]);
  });

  it("finds a LUN masked to a host of its own system that the model does not give it", () => {
    const input = sanProvinceInput();
    (input.systems as Array<{ luns: Array<{ hosts: string[] }> }>)[0].luns[1].hosts = ["db-1"];
    const model = sanProvince(input);
    const doc = generated(); // masks wal to db-1 and db-2, as the old model did
    expect(verifySan(model, doc).findings.map(brief)).toEqual(["unmasked db-2 fab-a portal/wal", "unmasked db-2 fab-b portal/wal"]);
  });

  it("finds a host the model puts on one fabric only, through the generated configuration itself", () => {
    const input = sanProvinceInput();
    const devices = input.devices as Array<Record<string, unknown>>;
    devices[devices.findIndex((d) => d.name === "stream-1")] = host("stream-1", "server", 3, ["fab-a"]);
    const model = sanProvince(input);
    expect(verifySan(model, sanDocument(compileSanPlan(model, "tp-dc1"))).findings.map(brief)).toEqual(["missing stream-1 fab-b ioc/stream", "fabric-loss stream-1 fab-a ioc/stream"]);
  });

  it("finds a hypervisor left with one fabric to an array", () => {
    const doc = generated();
    const a = doc.fabrics.find((f) => f.fabric === "fab-a")!;
    a.zones = a.zones.filter((z) => z.host !== "hv-1");
    expect(verifySan(inv, doc).findings.map((f) => f.text)).toEqual(["losing fabric fab-b leaves hypervisor hv-1 no path to array arr1"]);
  });

  it("always verifies what the generator makes from a model where every host and array is on both fabrics", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 1, max: 3 })), { minLength: 1, maxLength: 12 }), (hosts) => {
        const input = sanProvinceInput();
        const devices = input.devices as Array<Record<string, unknown>>;
        const systems = input.systems as Array<Record<string, unknown> & { luns: unknown[] }>;
        hosts.forEach(([system, luns], k) => {
          devices.push(host(`h-${k}`, "server", 0x30 + k));
          for (let l = 0; l < luns; l++) systems[system].luns.push({ name: `h${k}-l${l}`, pool: "ssd", sizeGiB: 10, hosts: [`h-${k}`] });
        });
        const model = sanProvince(input);
        const plan = compileSanPlan(model, "tp-dc1");
        expect(plan.problems).toEqual([]);
        expect(verifySan(model, sanDocument(plan)).findings).toEqual([]);
      }),
      { numRuns: 30 },
    );
  });
});

describe("the bundled provinces", () => {
  for (const name of ["ninh-an", "vinh-lam"]) {
    it(`${name}: every site's generated SAN verifies`, () => {
      const loaded = loadInventory(`inventory/provinces/${name}`);
      if (!loaded.ok) throw new Error(`${name} does not load`);
      for (const site of loaded.inventory.sites) {
        const plan = compileSanPlan(loaded.inventory, site.id);
        expect(plan.problems).toEqual([]);
        expect(verifySan(loaded.inventory, sanDocument(plan)).findings).toEqual([]);
      }
    });
  }
});
