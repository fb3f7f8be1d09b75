import fc from "fast-check";
import { asBuiltInput, type AsBuiltInput } from "../../exports/input";
import { zoneGraph, type ZoneGraph } from "../../exports/diagram/zoneGraph";
import { zoneDiagramSvg } from "../../exports/diagram/zoneDiagramSvg";
import { rackViews } from "../../exports/diagram/rackElevation";
import { TslcdHolds, type Device, type Endpoint, type Flow, type Inventory } from "../../inventory/model";
import { expectedDiagram } from "./expectedDiagram";
import { PROVINCES, provinceInputs } from "./provinceInputs";

const AS_OF = "2026-12-20";

/** The graph's flows as directed pairs, and its uplink lines, in the expected diagram's shape. */
function drawn(g: ZoneGraph): { directed: Map<string, Set<string>>; uplinks: Map<string, Set<string>> } {
  const directed = new Map<string, Set<string>>();
  const uplinks = new Map<string, Set<string>>();
  for (const e of g.edges) {
    if (e.kind === "uplink") {
      uplinks.set([e.a, e.b].sort().join("|"), new Set(e.sources));
      continue;
    }
    if (e.forward.length > 0) directed.set(`${e.a}→${e.b}`, new Set(e.forward));
    if (e.backward.length > 0) directed.set(`${e.b}→${e.a}`, new Set(e.backward));
  }
  return { directed, uplinks };
}

describe("zone graph", () => {
  it.each(PROVINCES)("%s: nodes, flows each way, flows inside zones and uplinks are exactly what the inventory says", (_, inputs) => {
    for (const input of inputs(AS_OF)) {
      const g = zoneGraph(input);
      const want = expectedDiagram(input.inventory, input.site.id, AS_OF);
      expect(new Set(g.nodes.map((n) => n.id))).toEqual(want.nodes);
      const got = drawn(g);
      expect(got.directed).toEqual(want.directed);
      expect(got.uplinks).toEqual(want.uplinks);
      expect(new Map([...g.withinZone].map(([z, s]) => [z, new Set(s)]))).toEqual(want.within);
      // One line per pair of boxes: the drawing aggregates.
      expect(new Set(g.edges.map((e) => [e.a, e.b].sort().join("|"))).size).toBe(g.edges.length);
    }
  });

  // Two-level TSLCD ends: a level, what the prefixes hold, agencies (in force or former, with or without an
  // endpoint), or the national platforms, from or to any zone or tier, at every site: the diagram draws
  // exactly what the checker's own reading of the model says is reachable there (nothing where it is not).
  it.each(PROVINCES.slice(0, 2))("%s: TSLCD ends narrowed by level, holds or agencies are drawn at every site exactly where they reach", (_, inputs) => {
    const all = inputs(AS_OF);
    const inventory = all[0].inventory;
    const plans = all.map((i) => i.plan);
    const agencyCodes = [...new Set([...inventory.agencies.map((a) => a.code), ...inventory.tslcdEndpoints.map((e) => e.agency)])].sort();
    const tslcdEnd: fc.Arbitrary<Endpoint> = fc.oneof(
      fc.constant<Endpoint>({ external: "national-platforms" }),
      fc.record(
        {
          external: fc.constant("tslcd" as const),
          level: fc.constantFrom("I" as const, "II" as const),
          holds: fc.uniqueArray(fc.constantFrom(...TslcdHolds.options), { minLength: 1, maxLength: 2 }),
          agencies: fc.uniqueArray(fc.constantFrom(...agencyCodes), { minLength: 1, maxLength: 3 }),
        },
        { requiredKeys: ["external"] },
      ),
    );
    const inside: fc.Arbitrary<Endpoint> = fc.oneof(
      fc.constantFrom(...inventory.zones.map((z) => z.id)).map((zone): Endpoint => ({ zone })),
      fc.constantFrom(...inventory.systems.flatMap((sys) => sys.tiers.map((t) => ({ system: sys.id, tier: t.name })))),
    );
    const service = inventory.services[0].name;
    let drawnSome = 0;
    let droppedSome = 0;
    const flow = fc.tuple(tslcdEnd, inside, fc.boolean()).map(([t, i, out]): Omit<Flow, "name"> => ({ from: out ? i : t, to: out ? t : i, services: [service], justification: "property" }));
    fc.assert(
      fc.property(fc.array(flow, { minLength: 1, maxLength: 4 }), fc.constantFrom(...plans.map((p) => p.site)), (made, site) => {
        const flows = made.map((f, n) => ({ ...f, name: `prop-${n}` }));
        const inv: Inventory = { ...inventory, flows };
        const r = asBuiltInput(inv, plans, site, AS_OF);
        if (!r.ok) throw new Error(r.message);
        const want = expectedDiagram(inv, site, AS_OF).directed;
        expect(drawn(zoneGraph(r.input)).directed).toEqual(want);
        const outside = [...want.keys()].filter((k) => k.includes("external:")).length;
        if (outside > 0) drawnSome++;
        if (outside < flows.length) droppedSome++;
      }),
      { numRuns: 40, seed: 1307 },
    );
    // The runs covered both: narrowed ends drawn, and ends (or tiers) with nothing at the site left out.
    expect([drawnSome > 0, droppedSome > 0]).toEqual([true, true]);
  });

  it("drops a flow once it has expired, and draws it while it is in force", () => {
    const [input] = provinceInputs("ninh-an", AS_OF);
    const flow = input.inventory.flows.find((f) => f.from.zone === "internal" && f.to.zone === "management");
    expect(flow).toBeDefined();
    const inventory = { ...input.inventory, flows: input.inventory.flows.map((f) => (f === flow ? { ...f, expires: "2026-06-30" } : f)) };
    const before = asBuiltInput(inventory, [input.plan], input.site.id, "2026-06-30");
    const after = asBuiltInput(inventory, [input.plan], input.site.id, "2026-07-01");
    if (!before.ok || !after.ok) throw new Error("no input");
    const services = (i: AsBuiltInput): Map<string, Set<string>> => drawn(zoneGraph(i)).directed;
    expect(services(before.input)).toEqual(expectedDiagram(inventory, input.site.id, "2026-06-30").directed);
    expect(services(after.input)).toEqual(expectedDiagram(inventory, input.site.id, "2026-07-01").directed);
    expect(services(before.input)).not.toEqual(services(after.input));
  });

  it("names a zone's enforcer with its HA members and racks, the devices in line in order, and the site's public prefixes", () => {
    const [input] = provinceInputs("ninh-an", AS_OF);
    const zones = input.inventory.zones.map((z) => (z.site === input.site.id && z.id === "dmz" ? { ...z, inline: ["na1-ddos", "na1-ips-01", "na1-waf"] } : z));
    const plan = { ...input.plan, publicPrefixes: { ipv4: ["203.0.113.0/24"], ipv6: ["2001:db8:100::/48"] } };
    const g = zoneGraph({ ...input, inventory: { ...input.inventory, zones }, plan });
    const dmz = g.nodes.find((n) => n.id === "zone:dmz");
    expect(dmz?.lines).toContain("Thực thi / Enforced by: na1-fw-edge (HA: na1-fw-edge-01 @ dc1-a01, na1-fw-edge-02 @ dc1-b01)");
    expect(dmz?.lines).toContain("Nội tuyến / In line: na1-ddos (HA: na1-ddos-01 @ dc1-a01, na1-ddos-02 @ dc1-b01) → na1-ips-01 @ dc1-a01 → na1-waf (HA: na1-waf-01 @ dc1-a01, na1-waf-02 @ dc1-b01)");
    expect(g.nodes.find((n) => n.id === "external:internet")?.lines).toEqual(["Dải công khai / Public: 203.0.113.0/24, 2001:db8:100::/48"]);
  });

  it("draws the same SVG whatever the order of the inventory's lists", () => {
    const [input] = provinceInputs("vinh-lam", AS_OF);
    const reversed: Inventory = Object.fromEntries(Object.entries(input.inventory).map(([k, v]) => [k, Array.isArray(v) ? [...v].reverse() : v])) as unknown as Inventory;
    const again = asBuiltInput(reversed, [input.plan], input.site.id, AS_OF);
    if (!again.ok) throw new Error(again.message);
    expect(zoneDiagramSvg(zoneGraph(again.input)).svg).toBe(zoneDiagramSvg(zoneGraph(input)).svg);
  });
});

describe("rack views", () => {
  const device = (name: string, rack: string, haGroup?: string): Device => ({ name, site: "s", rack, role: "server", model: "m", powerSupplies: { A: 1, B: 1 }, sanFabrics: [], sanPorts: [], ...(haGroup ? { haGroup } : {}) }) as Device;
  const racks = ["r1", "r2"].map((id) => ({ id, site: "s", row: "A", feeds: ["A", "B"] as ("A" | "B")[], units: 42 }));

  it("names the racks of the other members, and flags a group whose members all share one rack", () => {
    const views = rackViews(racks, [device("a1", "r1", "split"), device("a2", "r2", "split"), device("b1", "r1", "together"), device("b2", "r1", "together"), device("c", "r2"), device("d1", "r1", "three"), device("d2", "r1", "three"), device("d3", "r2", "three")]);
    const by = new Map(views.flatMap((v) => v.devices.map((d) => [d.device.name, d])));
    expect([by.get("a1")?.peerRacks, by.get("a1")?.oneRack]).toEqual([["r2"], false]);
    expect([by.get("b1")?.peerRacks, by.get("b1")?.oneRack]).toEqual([["r1"], true]);
    expect([by.get("d1")?.peerRacks, by.get("d1")?.oneRack]).toEqual([["r1", "r2"], false]);
    expect([by.get("c")?.peerRacks, by.get("c")?.oneRack]).toEqual([[], false]);
    expect(views.map((v) => v.devices.map((d) => d.device.name))).toEqual([
      ["a1", "b1", "b2", "d1", "d2"],
      ["a2", "c", "d3"],
    ]);
  });
});
