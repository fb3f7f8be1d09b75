/**
 * The TSLCD load-time rules, each with a passing and a failing input, the failures with file:line:col and
 * field path as `npm run validate` prints them. Inputs: the small fixture with the valid TSLCD overlay
 * (`fixtures/tslcd-small`), and a case file laid over it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { formatProblem } from "../../inventory/loader";
import { loadTslcdCase, loadTslcdProvince, TSLCD_OVERLAY } from "./support/fixture";

const overlay = (file: string): string => fs.readFileSync(path.join(TSLCD_OVERLAY, file), "utf8");
/** The overlay's file with one piece of text replaced (it must be there). */
const edited = (file: string, from: string, to: string): Record<string, string> => {
  const text = overlay(file);
  if (!text.includes(from)) throw new Error(`${file} has no ${JSON.stringify(from)}`);
  return { [file]: text.replace(from, to) };
};
const problems = (extra: Record<string, string>): string[] => {
  const r = loadTslcdCase(undefined, extra);
  return r.ok ? [] : r.problems.map(formatProblem);
};
const planProblems = (extra: Record<string, string>): string[] => {
  const r = loadTslcdProvince(undefined, extra);
  return r.ok ? [] : r.problems.map(formatProblem);
};

describe("the valid TSLCD overlay", () => {
  it("loads, and its address plan allocates every LAN and link", () => {
    expect(problems({})).toEqual([]);
    const r = loadTslcdProvince();
    if (!r.ok) throw new Error(r.problems.map(formatProblem).join("\n"));
    const t = r.province.addressPlan.tslcd;
    expect(t?.lans.map((l) => l.endpoint)).toEqual(["huyen-yk-cu", "sttt", "xa-kh"]);
    expect(t?.links).toHaveLength(4 * 2 + 4);
  });
});

describe("every TSLCD prefix is dual-stack", () => {
  it("refuses a site prefix written in the wrong family and a block without its twin's family", () => {
    expect(
      problems({
        ...edited("sites.yaml", 'prefix: 10.250.12.0/24, ipv6: "2001:db8:ff00:c00::/56"', 'prefix: "2001:db8:ff00:c00::/56", ipv6: 10.250.12.0/24'),
        ...edited("tslcd.yaml", 'ipv6: "2001:db8:f200::/44"', "ipv6: 10.253.0.0/16"),
      }),
    ).toEqual([
      "sites.yaml:16:19  sites[0].tslcd[1].prefix  expected the IPv4 prefix (write its IPv6 twin under `ipv6` of the same entry) (found: 2001:db8:ff00:c00::/56)",
      "sites.yaml:16:51  sites[0].tslcd[1].ipv6  expected the IPv6 twin of the prefix (found: 10.250.12.0/24)",
      "tslcd.yaml:7:38  tslcd.blocks[0].ipv6  expected the IPv6 twin of the prefix (found: 10.253.0.0/16)",
    ]);
  });
  it("refuses a site prefix without its IPv6 twin", () => {
    expect(problems(edited("sites.yaml", '{ prefix: 10.250.12.0/24, ipv6: "2001:db8:ff00:c00::/56", level: I', "{ prefix: 10.250.12.0/24, level: I"))).toEqual([
      'sites.yaml:16:9  sites[0].tslcd[1].ipv6  missing required field "ipv6" (expected text)',
    ]);
  });
  it("refuses half a carrier-assigned link and a LAN in the wrong family", () => {
    expect(problems(edited("tslcd.yaml", 'link: { ipv4: 10.252.15.252/30, ipv6: "2001:db8:f20f:ff00::/127" }', "link: { ipv4: 10.252.15.252/30 }"))).toEqual([
      'tslcd.yaml:45:144  tslcdEndpoints[2].attachments[0].link  expected both ipv4 and ipv6: a carrier-assigned PE–CE link is dual-stack (leave `link` out to allocate it) (found: {"ipv4":"10.252.15.252/30"})',
    ]);
    expect(problems(edited("tslcd.yaml", "lan: { ipv4: 10.252.15.0/26 }", 'lan: { ipv4: "2001:db8:f20f::/56" }'))).toEqual([
      "tslcd.yaml:43:18  tslcdEndpoints[2].lan.ipv4  expected an IPv4 prefix (found: 2001:db8:f20f::/56)",
    ]);
  });
});

const ZZ = (text: string): Record<string, string> => ({ "zz-case.yaml": `# yaml-language-server: $schema=../../../../inventory/schema/hatang.schema.json\n${text}` });

describe("references, identities and the TSLCD section", () => {
  it("refuses unknown VPNs, routes and agencies, duplicate endpoint ids and circuits, and VPNs where they do not belong", () => {
    expect(
      problems(
        ZZ(`tslcdEndpoints:
  - id: sttt
    agency: STTTX
    attachments:
      - { vpn: cap3, circuit: L2-0001, route: ring-c, bandwidthMbps: 10, cpe: { model: X, role: router } }
uplinks:
  - { id: dc1-tslcd-3, site: dc1, kind: tslcd, provider: VNPT, entrance: north, route: n, bandwidthMbps: 10, device: dc1-rt-tslcd-01, vpns: [cap9], circuit: DC1-C1, physicalRoute: dc1-nort }
  - { id: dc1-tslcd-4, site: dc1, kind: tslcd, provider: VNPT, entrance: north, route: n, bandwidthMbps: 10, device: dc1-rt-tslcd-01 }
  - { id: dc1-inet-3, site: dc1, kind: internet, provider: VNPT, entrance: north, route: n, bandwidthMbps: 10, device: dc1-rtr-01, vpns: [cap1] }
`),
      ),
    ).toEqual([
      'zz-case.yaml:3:9  tslcdEndpoints[3].id  duplicate TSLCD endpoint id "sttt" (first defined at tslcd.yaml:29)',
      'zz-case.yaml:4:13  tslcdEndpoints[3].agency  expected an agency code defined under agencies (did you mean "STTTT"?) (found: "STTTX")',
      'zz-case.yaml:6:16  tslcdEndpoints[3].attachments[0].vpn  expected a VPN id defined under tslcd.vpns (did you mean "cap1"?) (found: "cap3")',
      'zz-case.yaml:6:31  tslcdEndpoints[3].attachments[0].circuit  duplicate circuit id "L2-0001": the carrier\'s circuit ids are unique (first defined at tslcd.yaml:33)',
      'zz-case.yaml:6:47  tslcdEndpoints[3].attachments[0].route  expected a physical route id defined under tslcd.routes (did you mean "ring-a"?) (found: "ring-c")',
      'zz-case.yaml:8:142  uplinks[6].vpns[0]  expected a VPN id defined under tslcd.vpns (did you mean "cap1"?) (found: "cap9")',
      'zz-case.yaml:8:158  uplinks[6].circuit  duplicate circuit id "DC1-C1": the carrier\'s circuit ids are unique (first defined at tslcd.yaml:24)',
      'zz-case.yaml:8:181  uplinks[6].physicalRoute  expected a physical route id defined under tslcd.routes (did you mean "dc1-north"?) (found: "dc1-nort")',
      "zz-case.yaml:9:5  uplinks[7].vpns  expected the TSLCD VPNs this circuit carries (ids under tslcd.vpns) (found: none)",
      'zz-case.yaml:10:138  uplinks[8].vpns  expected no VPNs: only a `tslcd` uplink carries TSLCD VPNs (found: ["cap1"])',
    ]);
  });
  it("refuses two VPNs with one id or one VRF name", () => {
    const line = "    - { id: cap2, name: Level II, level: II, vrf: CAP2, carrier: VNPT, peAsn: 64513 }\n";
    expect(problems(edited("tslcd.yaml", line, `${line}    - { id: cap2, name: Level II again, level: II, vrf: CAP1, carrier: VNPT, peAsn: 64513 }\n`))).toEqual([
      'tslcd.yaml:11:13  tslcd.vpns[2].id  duplicate VPN id "cap2" (first defined at tslcd.yaml:10)',
      'tslcd.yaml:11:57  tslcd.vpns[2].vrf  duplicate VRF name "CAP1": each VPN runs as its own routing instance (first defined at tslcd.yaml:9)',
    ]);
  });
  it("refuses endpoints and VPN-carrying uplinks without the province's tslcd section", () => {
    const text = overlay("tslcd.yaml");
    const withoutSection = text.slice(0, text.indexOf("tslcd:\n")) + text.slice(text.indexOf("devices:\n"));
    expect(problems({ "tslcd.yaml": withoutSection })).toEqual([
      'tslcd.yaml:9:152  uplinks[2].vpns  expected the province\'s `tslcd` section to define these VPNs (found: ["cap1","cap2"])',
      'tslcd.yaml:10:155  uplinks[3].vpns  expected the province\'s `tslcd` section to define these VPNs (found: ["cap1","cap2"])',
      'tslcd.yaml:11:153  uplinks[4].vpns  expected the province\'s `tslcd` section to define these VPNs (found: ["cap1","cap2"])',
      'tslcd.yaml:12:150  uplinks[5].vpns  expected the province\'s `tslcd` section to define these VPNs (found: ["cap1","cap2"])',
      "tslcd.yaml:14:5  tslcdEndpoints[0]  expected the province's `tslcd` section (VPNs, level-II blocks, routes) before any TSLCD endpoint (found: 3 endpoint(s))",
      'tslcd.yaml:33:11  flows[2].from  expected the TSLCD end to select at least one prefix of the province: no site TSLCD prefix of level II and no agency endpoint matches (found: {"external":"tslcd","level":"II"})',
    ]);
  });
});

describe("CE devices have the router role", () => {
  it("refuses a DC circuit ending on a firewall, a BGP CPE that is an L3 switch and an FRR CPE without BGP", () => {
    expect(
      problems({
        ...edited("tslcd.yaml", "device: dc1-rt-tslcd-02, vpns", "device: dc1-fw-core-02, vpns"),
        ...ZZ(`tslcdEndpoints:
  - id: bad-cpe
    agency: STTTT
    attachments:
      - { vpn: cap2, circuit: L2-0100, route: ring-a, bandwidthMbps: 10, cpe: { model: S5735, role: l3-switch } }
      - { vpn: cap2, circuit: L2-0101, route: ring-b, bandwidthMbps: 10, cpe: { model: APU, role: router, platform: frr, routing: static } }
`),
      }),
    ).toEqual([
      'tslcd.yaml:25:132  uplinks[3].device  expected a router: the CE of a TSLCD circuit has the router role; "dc1-fw-core-02" is a core-firewall (found: "dc1-fw-core-02")',
      'zz-case.yaml:6:101  tslcdEndpoints[3].attachments[0].cpe.role  expected a router: a CE that speaks BGP with the carrier\'s PE has the router role (an L3 switch takes `routing: static`) (found: "l3-switch")',
      'zz-case.yaml:7:131  tslcdEndpoints[3].attachments[1].cpe.routing  expected `bgp`: the FRR rendering of a Linux CPE peers with the PE (found: "static")',
    ]);
  });
});

describe("an endpoint of a former unit follows its lineage", () => {
  it("accepts a former unit leading to one unit in force (the overlay's former district office) and refuses a split lineage", () => {
    expect(
      problems(
        ZZ(`agencies:
  - { code: UBND-X-A, name: UBND xã A, kind: commune, adminCode: "14001" }
  - { code: UBND-X-B, name: UBND xã B, kind: commune, adminCode: "14002" }
  - { code: UBND-XA-CU, name: UBND xã cũ, kind: commune, adminCode: "14003", ceased: 2025-07-01, successors: [UBND-X-A, UBND-X-B] }
tslcdEndpoints:
  - id: xa-cu
    agency: UBND-XA-CU
    attachments:
      - { vpn: cap2, circuit: L2-0200, route: ring-a, bandwidthMbps: 10, cpe: { model: X, role: router } }
`),
      ),
    ).toEqual([
      'zz-case.yaml:8:13  tslcdEndpoints[3].agency  expected one unit in force; "UBND-XA-CU" ceased on 2025-07-01 and its lineage leads to UBND-X-A, UBND-X-B: name the unit that owns the endpoint now (found: "UBND-XA-CU")',
    ]);
  });
});

describe("the DC's level-I and level-II access is redundant at every site hosting level-3 systems", () => {
  const why = "which hosts level-3 systems (QĐ 8/2023/QĐ-TTg, TT 19/2023/TT-BTTTT)";
  it("refuses routes that share a duct (identities, whatever their text says)", () => {
    expect(problems(edited("tslcd.yaml", "{ id: dc1-south, description: south duct, ducts: [d-le-loi] }", "{ id: dc1-south, description: south duct, ducts: [d-le-loi, d-tran-hung-dao] }"))).toEqual(
      ["I", "II"].map(
        (l) =>
          `sites.yaml:4:5  sites[0]  expected two TSLCD level-${l} circuits on different entrances and physical routes at site "dc1", ${why}; found circuits dc1-tslcd-1, dc1-tslcd-2 that are not diverse (routes "dc1-north" and "dc1-south" share duct "d-tran-hung-dao")`,
      ),
    );
  });
  it("refuses one entrance for both circuits, and a level on one circuit", () => {
    expect(problems(edited("tslcd.yaml", "entrance: west, route: west duct, bandwidthMbps: 1000, device: dc2-rt-tslcd-02, vpns: [cap1, cap2]", "entrance: east, route: west duct, bandwidthMbps: 1000, device: dc2-rt-tslcd-02, vpns: [cap2]"))).toEqual([
      `sites.yaml:19:5  sites[1]  expected two TSLCD level-I circuits on different entrances and physical routes at site "dc2", ${why}; found 1 circuit(s) (dc2-tslcd-1)`,
      `sites.yaml:19:5  sites[1]  expected two TSLCD level-II circuits on different entrances and physical routes at site "dc2", ${why}; found circuits dc2-tslcd-1, dc2-tslcd-2 that are not diverse (both enter by entrance "east")`,
    ]);
  });
  it("refuses two circuits on one route", () => {
    expect(problems(edited("tslcd.yaml", "physicalRoute: dc2-west", "physicalRoute: dc2-east"))).toEqual(
      ["I", "II"].map((l) => `sites.yaml:19:5  sites[1]  expected two TSLCD level-${l} circuits on different entrances and physical routes at site "dc2", ${why}; found circuits dc2-tslcd-1, dc2-tslcd-2 that are not diverse (both run on route "dc2-east")`),
    );
  });
  it("asks nothing of a site hosting no level-3 system", () => {
    const systems = fs.readFileSync(path.join(__dirname, "../inventory/fixtures/small/systems.yaml"), "utf8").replace(/securityLevel: 3/g, "securityLevel: 2");
    expect(problems({ "systems.yaml": systems, ...edited("tslcd.yaml", "physicalRoute: dc2-west", "physicalRoute: dc2-east") })).toEqual([]);
  });
});

describe("a flow's TSLCD narrowing", () => {
  it("is for external: tslcd only, names agencies in force, and selects at least one prefix", () => {
    expect(
      problems(
        ZZ(`flows:
  - { name: f1, from: { external: internet, level: II }, to: { system: portal, tier: web }, services: [https], justification: x }
  - { name: f2, from: { system: lgsp, tier: app }, to: { external: national-platforms, holds: [ministries] }, services: [https], justification: x }
  - { name: f3, from: { external: tslcd, agencies: [UBND-HUYEN-YK, STTTX] }, to: { system: lgsp, tier: app }, services: [https], justification: x }
  - { name: f4, from: { system: lgsp, tier: app }, to: { external: tslcd, level: I, holds: [ministries] }, services: [https], justification: x }
  - { name: f5, from: { external: tslcd, level: I, agencies: [STTTT] }, to: { system: lgsp, tier: app }, services: [https], justification: x }
`),
      ),
    ).toEqual([
      "zz-case.yaml:3:52  flows[5].from.level  expected `external: tslcd` with `level`, `holds` or `agencies` (found: level)",
      "zz-case.yaml:4:95  flows[6].to.holds  expected no narrowing: `national-platforms` is the level-I national platforms (write `external: tslcd` with `level`/`holds` for other TSLCD prefixes) (found: holds)",
      'zz-case.yaml:5:53  flows[7].from.agencies[0]  expected a unit in force; "UBND-HUYEN-YK" ceased on 2025-07-01 (name UBND-XA-KH: its endpoints follow the lineage) (found: "UBND-HUYEN-YK")',
      'zz-case.yaml:5:68  flows[7].from.agencies[1]  expected an agency code defined under agencies (did you mean "STTTT"?) (found: "STTTX")',
      'zz-case.yaml:6:56  flows[8].to  expected the TSLCD end to select at least one prefix of the province: no site TSLCD prefix of level I holding ministries and no agency endpoint matches (found: {"external":"tslcd","level":"I","holds":["ministries"]})',
      'zz-case.yaml:7:23  flows[9].from  expected the TSLCD end to select at least one prefix of the province: no site TSLCD prefix and no agency endpoint matches (found: {"external":"tslcd","level":"I","agencies":["STTTT"]})',
    ]);
  });
});

describe("address plan: LANs and links never overlap the DC, nor each other", () => {
  const outside = "lies outside the province's TSLCD level-II blocks and outside every level-II prefix the carrier assigned for the province's agencies (sites[].tslcd with holds: province-agencies)";
  it("refuses a block on the DC's aggregates, in both families", () => {
    const block = '    - { prefix: 10.252.0.0/20, ipv6: "2001:db8:f200::/44", carrier: CBĐTW, reference: CV-2 }\n';
    expect(planProblems(edited("tslcd.yaml", block, `${block}    - { prefix: 10.20.0.0/24, ipv6: "2001:db8:200:ff00::/56", carrier: CBĐTW, reference: CV-3 }\n`))).toEqual([
      'tslcd.yaml:8:17  tslcd.blocks[1].prefix  TSLCD level-II block 10.20.0.0/24 overlaps the data centre\'s aggregate 10.20.0.0/14 of site "dc2": agency LANs and links never share the DC\'s space (found: 10.20.0.0/24)',
      'tslcd.yaml:8:37  tslcd.blocks[1].ipv6  TSLCD level-II block 2001:db8:200:ff00::/56 overlaps the data centre\'s aggregate 2001:db8:200::/48 of site "dc2": agency LANs and links never share the DC\'s space (found: 2001:db8:200:ff00::/56)',
    ]);
  });
  it("refuses a carrier LAN on the DC's space or outside the province's agency space", () => {
    expect(planProblems(edited("tslcd.yaml", "lan: { ipv4: 10.252.15.0/26 }", "lan: { ipv4: 10.20.0.0/26 }"))).toEqual([
      'tslcd.yaml:43:18  tslcdEndpoints[2].lan.ipv4  10.20.0.0/26 for the LAN of TSLCD endpoint "huyen-yk-cu" overlaps the data centre\'s aggregate 10.20.0.0/14 of site "dc2" (found: 10.20.0.0/26)',
      `tslcd.yaml:43:18  tslcdEndpoints[2].lan.ipv4  10.20.0.0/26 for the LAN of TSLCD endpoint "huyen-yk-cu" ${outside} (found: 10.20.0.0/26)`,
    ]);
    expect(planProblems(edited("tslcd.yaml", "lan: { ipv4: 10.252.15.0/26 }", "lan: { ipv4: 192.168.7.0/26 }"))).toEqual([
      `tslcd.yaml:43:18  tslcdEndpoints[2].lan.ipv4  192.168.7.0/26 for the LAN of TSLCD endpoint "huyen-yk-cu" ${outside} (found: 192.168.7.0/26)`,
    ]);
  });
  it("accepts a carrier LAN outside the blocks when it lies in a level-II agency prefix of the carrier's plan", () => {
    const sites = edited("sites.yaml", "    physnets:\n      - { name: physnet1, vlanMin: 100, vlanMax: 999 }\n  - id: dc2", '      - { prefix: 192.168.0.0/16, ipv6: "2001:db8:fa00::/40", level: II, holds: province-agencies, purpose: legacy agencies, carrier: VNPT, reference: CV-9 }\n    physnets:\n      - { name: physnet1, vlanMin: 100, vlanMax: 999 }\n  - id: dc2');
    expect(planProblems({ ...sites, ...edited("tslcd.yaml", "lan: { ipv4: 10.252.15.0/26 }", "lan: { ipv4: 192.168.7.0/26 }") })).toEqual([]);
  });
  it("refuses two carrier LANs on one prefix and a carrier link that is not point-to-point", () => {
    expect(
      planProblems({
        ...edited("tslcd.yaml", 'link: { ipv4: 10.252.15.252/30, ipv6: "2001:db8:f20f:ff00::/127" }', 'link: { ipv4: 10.252.15.248/29, ipv6: "2001:db8:f20f:ff00::/127" }'),
        ...ZZ(`tslcdEndpoints:
  - id: twin-lan
    agency: STTTT
    lan: { ipv4: 10.252.15.0/26 }
    attachments:
      - { vpn: cap2, circuit: L2-0300, route: ring-a, bandwidthMbps: 10, cpe: { model: X, role: router } }
`),
      }),
    ).toEqual([
      'tslcd.yaml:45:152  tslcdEndpoints[2].attachments[0].link.ipv4  the PE–CE link of circuit "L2-0004" of endpoint "huyen-yk-cu": expected a /30 or /31 point-to-point link (found: 10.252.15.248/29)',
      'zz-case.yaml:5:18  tslcdEndpoints[3].lan.ipv4  10.252.15.0/26 for the LAN of TSLCD endpoint "twin-lan" overlaps the LAN of TSLCD endpoint "huyen-yk-cu" (found: 10.252.15.0/26)',
    ]);
  });
  it("needs a block of each family for what the carrier did not assign", () => {
    const found = planProblems(edited("tslcd.yaml", '  blocks:\n    - { prefix: 10.252.0.0/20, ipv6: "2001:db8:f200::/44", carrier: CBĐTW, reference: CV-2 }\n', "  blocks: []\n"));
    // The carrier's LAN (IPv4) and link (both families) now lie outside every agency prefix (3); IPv4 is missing
    // for 2 LANs, 3 agency links and 8 DC links; IPv6 for 3 LANs, 3 agency links and 8 DC links.
    expect(found).toHaveLength(3 + (2 + 3 + 8) + (3 + 3 + 8));
    expect(found).toContain('tslcd.yaml:28:5  tslcdEndpoints[0]  the LAN of TSLCD endpoint "sttt" needs an IPv6 prefix: add an IPv6 level-II block under tslcd.blocks, or write the carrier-assigned prefix');
    expect(found).toContain('tslcd.yaml:23:5  uplinks[2]  the PE–CE link of VPN "cap2" on circuit "dc1-tslcd-1" of site "dc1" needs an IPv4 prefix: add an IPv4 level-II block under tslcd.blocks, or write the carrier-assigned prefix');
  });
});
