import * as fc from "fast-check";
import { formatProblem, loadSources, type SourceText } from "../../inventory/loader";
import { Inventory } from "../../inventory/model";
import { allocateAddressPlan, contains, parsePrefix } from "../../inventory/addressing";
import { checkBoundaryControls } from "../../inventory/zoning/boundaryControls";
import type { Waiver } from "../../inventory/waivers/waivers";
import { readYamlFolder, SMALL_FIXTURE } from "../inventory/helpers/overlay";
import { smallProvinceInput } from "../fixtures/smallProvince";

/** The small YAML fixture with files replaced or added, loaded by the loader (structural rules only). */
function load(overrides: Record<string, string>): ReturnType<typeof loadSources> {
  const files = readYamlFolder(SMALL_FIXTURE);
  for (const [name, text] of Object.entries(overrides)) files.set(name, text);
  const sources: SourceText[] = [...files.keys()].sort().map((file) => ({ file, text: files.get(file) as string }));
  return loadSources(sources);
}

function problems(overrides: Record<string, string>): string[] {
  const r = load(overrides);
  return r.ok ? [] : r.problems.map(formatProblem);
}

function inventoryOf(overrides: Record<string, string> = {}): Inventory {
  const r = load(overrides);
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join("\n"));
  return r.inventory;
}

describe("zone boundaries (structural, at load)", () => {
  it("wants a firewall (or an HA group of firewalls) as every zone's enforcer", () => {
    const zones = readYamlFolder(SMALL_FIXTURE).get("zones.yaml") as string;
    expect(problems({ "zones.yaml": zones.replace("enforcedBy: dc1-fw-db", "enforcedBy: dc1-rtr-01") })).toEqual([
      'zones.yaml:22:17  zones[2].enforcedBy  expected a firewall (role core-firewall, edge-firewall, db-firewall) or an HA group of firewalls to enforce zone "db": it is its VLANs\' gateway and the firewall with IPS between zones; "dc1-rtr-01" is router (found: "dc1-rtr-01")',
    ]);
  });
  it("wants every in-line device at the zone's site", () => {
    const zones = readYamlFolder(SMALL_FIXTURE).get("zones.yaml") as string;
    expect(problems({ "zones.yaml": zones.replace("    enforcedBy: dc1-fw-core\n    vlans:\n      - { id: 110", "    enforcedBy: dc1-fw-core\n    inline: [dc2-fw-core, nowhere]\n    vlans:\n      - { id: 110") })).toEqual([
        'zones.yaml:8:14  zones[0].inline[0]  expected a device name or HA group at site "dc1" in line on zone "dmz"\'s boundary (found: "dc2-fw-core")',
        'zones.yaml:8:27  zones[0].inline[1]  expected a device name or HA group at site "dc1" in line on zone "dmz"\'s boundary (found: "nowhere")',
      ]);
  });
  it("wants every tap to name the boundary it monitors, at its site; nothing else monitors", () => {
    const extra = `devices:
  - { name: dc1-tap-1, site: dc1, rack: dc1-r01, role: network-tap, model: G-TAP, powerSupplies: { A: 1 } }
  - { name: dc1-tap-2, site: dc1, rack: dc1-r01, role: network-tap, model: G-TAP, powerSupplies: { A: 1 }, monitors: nowhere }
  - { name: dc1-tap-3, site: dc1, rack: dc1-r01, role: network-tap, model: G-TAP, powerSupplies: { A: 1 }, monitors: db }
  - { name: dc1-sw-1, site: dc1, rack: dc1-r01, role: core-switch, model: N9K, powerSupplies: { A: 1 }, monitors: db, firewallPlatform: nftables }
`;
    expect(problems({ "zz-taps.yaml": extra })).toEqual([
      'zz-taps.yaml:2:5  devices[9]  network tap "dc1-tap-1" must name the zone boundary it is attached to (monitors: <zone id>)',
      'zz-taps.yaml:3:118  devices[10].monitors  expected a zone id at site "dc1" (the boundary the tap is attached to) (found: "nowhere")',
      'zz-taps.yaml:5:115  devices[12].monitors  only network taps monitor a boundary; "dc1-sw-1" is a core-switch (found: "db")',
      'zz-taps.yaml:5:137  devices[12].firewallPlatform  only firewalls take a rule base; "dc1-sw-1" is a core-switch (found: "nftables")',
    ]);
  });
  it("wants an HA pair's members to take their rule base the same way", () => {
    const plant = readYamlFolder(SMALL_FIXTURE).get("plant.yaml") as string;
    const mixed = plant.replace("haGroup: dc1-fw-core, powerSupplies: { A: 1, B: 1 } }\n  - { name: dc1-fw-core-02", "haGroup: dc1-fw-core, firewallPlatform: nftables, powerSupplies: { A: 1, B: 1 } }\n  - { name: dc1-fw-core-02");
    expect(problems({ "plant.yaml": mixed })).toEqual([
      'plant.yaml:8:5  devices[1].firewallPlatform  the members of HA group "dc1-fw-core" must take their rule base the same way (found appliance and nftables) (found: "appliance")',
    ]);
  });
  it("wants published tiers to run as VMs (destination NAT needs their fixed addresses)", () => {
    const systems = readYamlFolder(SMALL_FIXTURE).get("systems.yaml") as string;
    const out = problems({ "systems.yaml": systems.replace("      - { name: app, zone: app, vlan: app-k8s, form: container, cluster: dc1-k8s }", "      - { name: app, zone: app, vlan: app-k8s, form: container, cluster: dc1-k8s, publish: [{ protocol: tcp, port: 8443 }] }") });
    expect(out).toContain(
      "systems.yaml:32:92  systems[1].tiers[0].publish  lgsp/app publishes ports but runs as container: the edge firewall's destination NAT needs the fixed addresses of VM instances (publish a VM tier, e.g. a reverse proxy in front of it) (found: container)",
    );
  });
  it("wants the Internet to enter a site at one enforcer", () => {
    const extra = `zones:
  - { id: edge-a, site: dc1, kind: edge, name: Edge A, enforcedBy: dc1-fw-core, vlans: [{ id: 150, name: edge-a, purpose: transit, hosts: 4 }] }
  - { id: edge-b, site: dc1, kind: edge, name: Edge B, enforcedBy: dc1-fw-db, vlans: [{ id: 151, name: edge-b, purpose: transit, hosts: 4 }] }
`;
    expect(problems({ "zz-edges.yaml": extra })).toEqual([
      'zz-edges.yaml:3:68  zones[6].enforcedBy  the edge zones of site "dc1" (edge-a, edge-b) are where the Internet enters: they must share one enforcer (found dc1-fw-core, dc1-fw-db) (found: "dc1-fw-db")',
    ]);
  });
});

describe("boundary controls (with waivers)", () => {
  const waiver = (control: string, name: string, expires: string): Waiver => ({ id: `W-${control}`, control, match: { name }, justification: "why", approver: "CISO", expires });

  it("wants a database firewall on the path into a database zone: as its enforcer or in line", () => {
    const zones = readYamlFolder(SMALL_FIXTURE).get("zones.yaml") as string;
    const inv = inventoryOf({ "zones.yaml": zones.replace("enforcedBy: dc1-fw-db", "enforcedBy: dc1-fw-core") });
    const r = checkBoundaryControls({ inventory: inv, waivers: [], asOf: "2026-12-05", waiverFile: "w.yaml" });
    const db = r.problems.filter((p) => p.message.includes("database firewall"));
    expect(db.map((p) => [p.path.join("."), p.message])).toEqual([
      [
        "zones.2.enforcedBy",
        'expected a database firewall (role db-firewall) on the path into database zone "db" at site "dc1": as its enforcer, or in line (zone.inline) (Circular 12/2022 Annex III II.1.b.iv); add one, or waive NET-21 for it in w.yaml (match: { name: "zone/dc1/db" }) with a justification, an approver and an expiry',
      ],
    ]);
    const inline = inventoryOf({ "zones.yaml": zones.replace("enforcedBy: dc1-fw-db\n", "enforcedBy: dc1-fw-core\n    inline: [dc1-fw-db]\n") });
    expect(checkBoundaryControls({ inventory: inline, waivers: [], asOf: "2026-12-05", waiverFile: "w.yaml" }).problems.filter((p) => p.message.includes("database firewall"))).toEqual([]);
    const waived = checkBoundaryControls({ inventory: inv, waivers: [waiver("NET-21", "zone/dc1/db", "2027-01-01")], asOf: "2026-12-05", waiverFile: "w.yaml" });
    expect(waived.waived.map((w) => [w.control, w.subject, w.waiver.id])).toEqual([["NET-21", "zone/dc1/db", "W-NET-21"]]);
    const expired = checkBoundaryControls({ inventory: inv, waivers: [waiver("NET-21", "zone/dc1/db", "2026-12-04")], asOf: "2026-12-05", waiverFile: "w.yaml" });
    expect(expired.problems.filter((p) => p.message.includes("database firewall"))[0].message).toMatch(/\(waiver W-NET-21 expired on 2026-12-04\)$/);
  });
  it("wants a WAF in line in front of every published HTTP(S) port, at every site of the system", () => {
    const inv = inventoryOf();
    const r = checkBoundaryControls({ inventory: inv, waivers: [], asOf: "2026-12-05", waiverFile: "w.yaml" });
    expect(r.problems.map((p) => `${p.path.join(".")} ${p.found}`)).toEqual(["systems.0.tiers.0.publish.0 tcp/443", "systems.0.tiers.0.publish.0 tcp/443"]);
    expect(r.problems[0].message).toContain('portal/web publishes HTTP(S) (tcp/443) at site "dc1" but zone "dmz" there has no WAF in line');
    expect(r.problems[1].message).toContain('at site "dc2"');
    // A WAF in line at dc1 only leaves dc2's.
    const withWaf = inventoryOf({
      "zz-waf.yaml": "devices:\n  - { name: dc1-waf, site: dc1, rack: dc1-r01, role: waf, model: FortiWeb, powerSupplies: { A: 1 } }\n",
      "zones.yaml": (readYamlFolder(SMALL_FIXTURE).get("zones.yaml") as string).replace("    enforcedBy: dc1-fw-core\n    vlans:\n      - { id: 110", "    enforcedBy: dc1-fw-core\n    inline: [dc1-waf]\n    vlans:\n      - { id: 110"),
    });
    const one = checkBoundaryControls({ inventory: withWaf, waivers: [], asOf: "2026-12-05", waiverFile: "w.yaml" });
    expect(one.problems.map((p) => p.message.match(/at site "(\w+)"/)?.[1])).toEqual(["dc2"]);
    expect(checkBoundaryControls({ inventory: withWaf, waivers: [waiver("NET-09", "zone/dc2/dmz", "2027-01-01")], asOf: "2026-12-05", waiverFile: "w.yaml" }).problems).toEqual([]);
  });
});

describe("public addresses of published services", () => {
  function plan(input = smallProvinceInput()) {
    const r = allocateAddressPlan(Inventory.parse(input));
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    return r;
  }
  it("gives every published tier one public IPv4 address inside the site's public prefixes, pinned in the lock", () => {
    const r = plan();
    expect(r.plan.sites[0].published).toEqual([{ site: "tp-dc1", system: "portal", tier: "web", ipv4: "203.0.113.0" }]);
    expect(r.lock.allocations["tp-dc1/public/portal/web"]).toEqual({ ipv4: "203.0.113.0/32" });
  });
  it("fails where a site publishes but has no public IPv4 prefix, naming the tier and the field to fill", () => {
    const input = smallProvinceInput();
    (input.sites as Array<Record<string, unknown>>)[0].publicPrefixes = { ipv4: [], ipv6: [] };
    const r = allocateAddressPlan(Inventory.parse(input));
    expect(r.ok ? [] : r.problems.map((p) => [p.path.join("."), p.message])).toEqual([
      ["systems.0.tiers.0.publish", 'portal/web publishes ports at site "tp-dc1", which has no public IPv4 prefix for their destination NAT: add the province\'s registered range under sites[0].publicPrefixes.ipv4'],
    ]);
  });
  it("moves no public address when published tiers are added or removed (property)", () => {
    const base = smallProvinceInput();
    const systems = base.systems as Array<Record<string, unknown>>;
    const extra = (i: number): Record<string, unknown> => ({ ...systems[0], id: `pub-${i}`, tiers: [(systems[0].tiers as unknown[])[0]] });
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 9 }), { maxLength: 6 }), fc.uniqueArray(fc.integer({ min: 0, max: 9 }), { maxLength: 6 }), (first, second) => {
        const one = { ...base, systems: [...systems, ...first.map(extra)] };
        const r1 = plan(one);
        // The next run keeps the lock of the first and changes the set of published systems.
        const two = { ...base, systems: [...systems, ...second.map(extra)] };
        const r2 = allocateAddressPlan(Inventory.parse(two), r1.lock);
        if (!r2.ok) throw new Error(JSON.stringify(r2.problems));
        const p2 = new Map((r2.plan.sites[0].published ?? []).map((p) => [`${p.system}/${p.tier}`, p.ipv4]));
        for (const p of r1.plan.sites[0].published ?? []) if (p2.has(`${p.system}/${p.tier}`)) expect(p2.get(`${p.system}/${p.tier}`)).toBe(p.ipv4);
        const pub = parsePrefix("203.0.113.0/28");
        for (const a of p2.values()) {
          const x = parsePrefix(`${a}/32`);
          expect(pub.ok && x.ok && contains(pub.prefix, x.prefix)).toBe(true);
        }
        expect(new Set(p2.values()).size).toBe(p2.size);
      }),
      { numRuns: 40 },
    );
  });
});
