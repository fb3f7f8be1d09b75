import * as fc from "fast-check";
import * as path from "node:path";
import { loadSources, type SourceText } from "../../inventory/loader";
import { locateRuleProblem } from "../../inventory/loader/loadInventory";
import type { Inventory } from "../../inventory/model";
import { ZoneKind } from "../../inventory/model/zone";
import { decidePair, parsePortSpec, portRangeWithin, shippedBaseline, type BaselineEnd, type ZoneBaseline } from "../../inventory/zoning/baseline";
import { checkFlowZoning, pairsAtSite } from "../../inventory/zoning/checkFlows";
import { syntheticProvince } from "../../inventory/synthetic/syntheticProvince";
import { loadProvince } from "../../inventory/province/loadProvince";
import type { Waiver } from "../../inventory/waivers/waivers";
import { readYamlFolder, SMALL_FIXTURE } from "../inventory/helpers/overlay";

const baseline = shippedBaseline();

/** The small fixture with extra flows (and services) appended in a file of its own. */
function withFlows(extra: string): { inventory: Inventory; sources: ReturnType<typeof loadSources> } {
  const files = readYamlFolder(SMALL_FIXTURE);
  // The fixture publishes https only; ICMP to the portal is not published, so its flow drops ping here.
  files.set("flows.yaml", (files.get("flows.yaml") as string).replace("services: [https, ping]", "services: [https]"));
  files.set("zz-flows.yaml", extra);
  const sources: SourceText[] = [...files.keys()].sort().map((file) => ({ file, text: files.get(file) as string }));
  const loaded = loadSources(sources);
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join("\n"));
  return { inventory: loaded.inventory, sources: loaded };
}

const FORBIDDEN_FLOW = `flows:
  - name: dmz-straight-to-db
    from: { system: portal, tier: web }
    to: { system: lgsp, tier: db }
    services: [postgres]
    justification: a shortcut
`;

function waiver(expires: string): Waiver {
  return { id: "WVR-T-1", control: "NET-20", match: { name: "flow/dmz-straight-to-db" }, justification: "legacy reporting job", approver: "CISO", expires };
}

describe("the shipped zone baseline", () => {
  it("cites both regimes on every entry and only known service classes", () => {
    expect(baseline.control).toBe("NET-20");
    for (const e of baseline.entries) {
      expect(e.references.legacy.length).toBeGreaterThan(0);
      expect(e.references.current.length).toBeGreaterThan(0);
      for (const c of e.services) expect(Object.keys(baseline.serviceClasses)).toContain(c);
    }
  });
  it("has unique entry ids", () => {
    const ids = baseline.entries.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

const end = (party: BaselineEnd["party"], extra: Partial<BaselineEnd> = {}): BaselineEnd => ({ party, tier: true, published: [], ...extra });
const svc = (text: string): { name: string; range: ReturnType<typeof parsePortSpec> } => ({ name: text, range: parsePortSpec(text) });

describe("decidePair", () => {
  it("keeps the DMZ, the edge, TSLCD and users out of the database zone, and lets application servers in", () => {
    for (const from of ["dmz", "edge", "tslcd", "internal", "external:tslcd", "external:national-platforms"] as const) {
      expect(decidePair(baseline, end(from), end("db-server"), [svc("tcp/5432")])).toMatchObject({ ok: false, entry: { id: "database-from-application-servers-only" } });
    }
    expect(decidePair(baseline, end("internal-server"), end("db-server"), [svc("tcp/5432")]).ok).toBe(true);
  });
  it("lets the Internet reach only published DMZ ports and the edge's VPN", () => {
    const web = end("dmz", { published: [parsePortSpec("tcp/443")] });
    expect(decidePair(baseline, end("external:internet"), web, [svc("tcp/443")]).ok).toBe(true);
    expect(decidePair(baseline, end("external:internet"), web, [svc("tcp/22")])).toMatchObject({ ok: false, because: "tcp/22 is not published by the destination tier" });
    expect(decidePair(baseline, end("external:internet"), end("dmz", { tier: false }), [svc("tcp/443")])).toMatchObject({ ok: false });
    expect(decidePair(baseline, end("external:internet"), end("edge"), [svc("udp/4500")]).ok).toBe(true);
    expect(decidePair(baseline, end("external:internet"), end("edge"), [svc("tcp/22")]).ok).toBe(false);
    for (const kind of ZoneKind.options.filter((k) => k !== "dmz" && k !== "edge")) {
      expect(decidePair(baseline, end("external:internet"), end(kind), [svc("tcp/443")]).ok).toBe(false);
    }
  });
  it("keeps Wi-Fi to the Internet and published services", () => {
    expect(decidePair(baseline, end("wireless"), end("external:internet"), [svc("tcp/80")]).ok).toBe(true);
    expect(decidePair(baseline, end("wireless"), end("dmz", { published: [parsePortSpec("tcp/443")] }), [svc("tcp/443")]).ok).toBe(true);
    for (const kind of ["internal-server", "db-server", "management", "internal", "soc"] as const) expect(decidePair(baseline, end("wireless"), end(kind), [svc("tcp/443")]).ok).toBe(false);
  });
  it("restricts the management zone to its infrastructure services and gateways", () => {
    expect(decidePair(baseline, end("dmz"), end("management", { tier: false }), [svc("udp/123"), svc("udp/53")]).ok).toBe(true);
    expect(decidePair(baseline, end("internal"), end("management", { role: "access-gateway" }), [svc("tcp/443")]).ok).toBe(true);
    expect(decidePair(baseline, end("internal"), end("management", { role: "monitoring" }), [svc("tcp/443")])).toMatchObject({ ok: false, entry: { id: "management-only-services-and-gateways" } });
    expect(decidePair(baseline, end("management"), end("db-server"), [svc("tcp/22")]).ok).toBe(true);
    expect(decidePair(baseline, end("dmz"), end("out-of-band"), [svc("udp/123")]).ok).toBe(false);
  });
  it("keeps storage and backup to their protocols", () => {
    expect(decidePair(baseline, end("internal-server"), end("storage"), [svc("tcp/2049")]).ok).toBe(true);
    expect(decidePair(baseline, end("internal-server"), end("storage"), [svc("tcp/22")]).ok).toBe(false);
    expect(decidePair(baseline, end("backup"), end("internal-server"), [svc("tcp/8400-8403")]).ok).toBe(true);
    expect(decidePair(baseline, end("backup"), end("internal-server"), [svc("tcp/5432")]).ok).toBe(false);
    expect(decidePair(baseline, end("internal-server"), end("backup"), [svc("tcp/8400-8403")]).ok).toBe(true);
  });
  it("reads port ranges as sets", () => {
    expect(portRangeWithin(parsePortSpec("tcp/8400-8401"), parsePortSpec("tcp/8400-8403"))).toBe(true);
    expect(portRangeWithin(parsePortSpec("tcp/8399-8401"), parsePortSpec("tcp/8400-8403"))).toBe(false);
    expect(portRangeWithin(parsePortSpec("udp/53"), parsePortSpec("tcp/53"))).toBe(false);
    expect(portRangeWithin(parsePortSpec("icmp"), parsePortSpec("any"))).toBe(true);
  });
  it("is first-match: an entry earlier in the list wins (property)", () => {
    const parties = [...ZoneKind.options, "external:internet", "external:tslcd", "external:national-platforms"] as const;
    fc.assert(
      fc.property(fc.constantFrom(...parties), fc.constantFrom(...parties), fc.constantFrom("tcp/22", "tcp/443", "udp/53", "udp/123", "tcp/2049", "tcp/8400"), (a, b, s) => {
        const allowFirst: ZoneBaseline = {
          ...baseline,
          entries: [{ id: "all", from: ["*"], to: ["*"], verdict: "allow", services: [], toRoles: [], fromRoles: [], reason: { vi: "x", en: "x" }, references: { legacy: ["x"], current: ["x"] } }, ...baseline.entries],
        };
        expect(decidePair(allowFirst, end(a), end(b), [svc(s)])).toMatchObject({ ok: true, entry: { id: "all" } });
        // A forbid entry forbids whatever the services.
        const d = decidePair(baseline, end(a), end(b), [svc(s)]);
        if (!d.ok && d.entry.verdict === "forbid") expect(decidePair(baseline, end(a), end(b), [svc("icmp")]).ok).toBe(false);
      }),
    );
  });
});

describe("checkFlowZoning over the interconnect", () => {
  // Two sites; a DMZ zone only at dc2 and sys-3 (its database tier in the db-server zone) only at dc1: the pair
  // exists only across sites, where the flow compiles (a system reaches the other end wherever it is).
  const base = syntheticProvince({ sites: 2, systems: 3 });
  const kiosk = { ...base.zones.find((z) => z.site === "dc2" && z.id === "dmz")!, id: "kiosk", vlans: [{ id: 3900, name: "kiosk-1", purpose: "kiosks", hosts: 20, physnet: "physnet1", ipv6Mode: "slaac" as const, dhcp: true }] };
  const check = (flows: Inventory["flows"]) => checkFlowZoning({ inventory: { ...base, zones: [...base.zones, kiosk], flows: [...base.flows, ...flows] }, baseline, waivers: [], asOf: "2026-12-05", waiverFile: "w.yaml" });
  it("judges a pair that exists only across sites, naming the site it compiles at", () => {
    const forbidden = check([{ name: "kiosk-to-db", from: { zone: "kiosk" }, to: { system: "sys-3", tier: "db" }, services: ["postgres"], justification: "test" }]);
    expect(forbidden.problems.map((p) => p.message.slice(0, p.message.indexOf(" is forbidden")))).toEqual(['flow "kiosk-to-db" (zone kiosk → sys-3/db, at dc2)']);
    // The reverse direction: the source system at a site without the destination.
    const back = check([{ name: "db-to-kiosk", from: { system: "sys-3", tier: "db" }, to: { zone: "kiosk" }, services: ["https"], justification: "test" }]);
    expect(back.problems).toEqual([]);
    expect(check([]).problems).toEqual([]);
  });
  it("pairs the destination here with the source's tiers only at sites lacking the destination", () => {
    const inv = { ...base, zones: [...base.zones, kiosk] };
    const parties = (site: string, flow: Inventory["flows"][number]) => pairsAtSite(inv, site, flow).map(([a, b]) => [a.map((e) => e.party), b.map((e) => e.party)]);
    // sys-1 runs at both sites: at dc1 its own copy reaches sys-3; only dc2's copy crosses, judged at dc1.
    const f = { name: "x", from: { system: "sys-1", tier: "app" }, to: { system: "sys-3", tier: "db" }, services: ["postgres"], justification: "t" };
    expect(parties("dc1", f)).toEqual([[["internal-server"], ["db-server"]], [["internal-server"], ["db-server"]]]);
    expect(parties("dc2", f)).toEqual([[["internal-server"], []], [["internal-server"], ["db-server"]]]);
  });
});

describe("checkFlowZoning", () => {
  it("rejects a forbidden flow at its file and line, naming the baseline entry, the law and the fix", () => {
    const { inventory, sources } = withFlows(FORBIDDEN_FLOW);
    const r = checkFlowZoning({ inventory, baseline, waivers: [], asOf: "2026-12-05", waiverFile: "policies/waivers/small.yaml" });
    expect(r.problems).toHaveLength(1);
    const p = locateRuleProblem(r.problems[0], sources.ok ? sources.sources : (undefined as never));
    expect(p.location).toEqual({ file: "zz-flows.yaml", line: 2, column: 5 });
    expect(p.message).toBe(
      'flow "dmz-straight-to-db" (portal/web → lgsp/db, at dc1, dc2) is forbidden by the level-3 zone baseline, entry "database-from-application-servers-only": dmz may not reach db-server — ' +
        "The database zone is reached by application servers of the internal-server zone (through the database firewall), never from the DMZ, the edge, the TSLCD or users. " +
        "(Thông tư 12/2022/TT-BTTTT Phụ lục III mục II.1.a.vi; Thông tư 12/2022/TT-BTTTT Phụ lục III mục II.1.b.iv; TCVN 11930:2017 7.2.1.3; TCVN 14423:2026 5.12.2.2 a, b (summary)). " +
        'Remove the flow, or waive NET-20 for it in policies/waivers/small.yaml (match: { name: "flow/dmz-straight-to-db" }) with a justification, an approver and an expiry',
    );
    expect(p.found).toBe("portal/web → lgsp/db: postgres");
  });
  it("lets a waived flow through and counts it apart; an expired waiver brings the error back", () => {
    const { inventory } = withFlows(FORBIDDEN_FLOW);
    const ok = checkFlowZoning({ inventory, baseline, waivers: [waiver("2027-01-31")], asOf: "2026-12-05", waiverFile: "w.yaml" });
    expect(ok.problems).toEqual([]);
    expect(ok.waived).toEqual([
      {
        control: "NET-20",
        subject: "flow/dmz-straight-to-db",
        path: ["flows", 2],
        reasons: ["zone baseline entry database-from-application-servers-only"],
        waiver: { id: "WVR-T-1", approver: "CISO", expires: "2027-01-31", justification: "legacy reporting job" },
      },
    ]);
    const back = checkFlowZoning({ inventory, baseline, waivers: [waiver("2026-12-04")], asOf: "2026-12-05", waiverFile: "w.yaml" });
    expect(back.waived).toEqual([]);
    expect(back.problems[0].message).toMatch(/ \(waiver WVR-T-1 expired on 2026-12-04\)$/);
  });
  it("does not check an expired flow, and lists it", () => {
    const { inventory } = withFlows(FORBIDDEN_FLOW.replace("justification: a shortcut", 'justification: a shortcut\n    expires: "2026-11-30"'));
    const r = checkFlowZoning({ inventory, baseline, waivers: [], asOf: "2026-12-05", waiverFile: "w.yaml" });
    expect(r.problems).toEqual([]);
    expect(r.expired).toEqual([{ flow: "dmz-straight-to-db", index: 2, expires: "2026-11-30" }]);
    // Still in force on its expiry day.
    expect(checkFlowZoning({ inventory, baseline, waivers: [], asOf: "2026-11-30", waiverFile: "w.yaml" }).problems).toHaveLength(1);
  });
  it("decides each flow alone: order and neighbours never change a verdict (property)", () => {
    const { inventory } = withFlows(FORBIDDEN_FLOW);
    const whole = checkFlowZoning({ inventory, baseline, waivers: [], asOf: "2026-12-05", waiverFile: "w.yaml" });
    const verdict = (name: string, r: typeof whole): string[] => r.problems.filter((p) => p.message.startsWith(`flow "${name}"`)).map((p) => p.message);
    fc.assert(
      fc.property(fc.shuffledSubarray(inventory.flows, { minLength: 1 }), (flows) => {
        const r = checkFlowZoning({ inventory: { ...inventory, flows }, baseline, waivers: [], asOf: "2026-12-05", waiverFile: "w.yaml" });
        for (const f of flows) expect(verdict(f.name, r)).toEqual(verdict(f.name, whole));
      }),
    );
  });
});

describe("the example province", () => {
  it("passes the baseline with exactly one waived flow and nothing expired", () => {
    const root = path.resolve(__dirname, "../..");
    const r = loadProvince(path.join(root, "inventory/provinces/ninh-an"), { asOf: "2026-12-05", waiverFile: path.join(root, "policies/waivers/ninh-an.yaml") });
    if (!r.ok) throw new Error(r.problems.map((p) => p.message).join("\n"));
    expect(r.province.zoning.waived.map((w) => [w.subject, w.waiver.id])).toEqual([["flow/backup-to-management", "WVR-2026-004"]]);
    expect(r.province.zoning.expired).toEqual([]);
  });
});
