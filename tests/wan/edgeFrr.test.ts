/**
 * The TSLCD edge routers' FRR configuration (compilers/wan): on both bundled provinces, checked against an
 * independent reading of the inventory and the lock file (not the allocator's or the compiler's code),
 * on the small overlay under insertion and removal of endpoints, and for the path preference and ECMP.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { parse } from "yaml";
import { loadProvinceOnce, type Province } from "../../inventory/province/loadProvince";
import { compileEdgeIntent, defaultMaxPrefixes, type EdgeRouterIntent } from "../../compilers/wan/edgeIntent";
import { renderEdgeFrr } from "../../compilers/wan/renderFrr";
import { tslcdEdgeOutputs } from "../../offline/tslcdEdgeFiles";
import { attachmentRecords, attachmentTable } from "../../compilers/wan/attachmentRecords";
import { renderCsv } from "../../exports/csv";
import { loadTslcdProvince } from "./support/fixture";
import { parseFrr, prefixListPermits } from "./support/frrText";
import { containsPrefix } from "./support/prefixMath";

const ROOT = path.join(__dirname, "..", "..");
const AS_OF = "2026-12-05";
const BUNDLED = ["ninh-an", "vinh-lam"];

function bundled(name: string): Province {
  const r = loadProvinceOnce(path.join(ROOT, "inventory", "provinces", name), { asOf: AS_OF, waiverFile: path.join(ROOT, "policies", "waivers", `${name}.yaml`) });
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join("\n"));
  return r.province;
}

function routersOf(p: Province, asOf = AS_OF): EdgeRouterIntent[] {
  return p.addressPlan.sites.flatMap((plan) => {
    const r = compileEdgeIntent({ inventory: p.inventory, plan, province: p.addressPlan, asOf });
    expect(r.problems).toEqual([]);
    return r.routers;
  });
}

/** What the YAML says, read without the model's code: level-I/II prefixes per site, LANs per endpoint from the lock. */
function independentAccept(name: string, p: Province, site: string, vpnId: string): Set<string> {
  const dir = path.join(ROOT, "inventory", "provinces", name);
  const lock = parse(fs.readFileSync(path.join(dir, "addressplan.lock.yaml"), "utf8")) as { allocations: Record<string, { ipv4?: string; ipv6?: string }> };
  const vpn = p.inventory.tslcd!.vpns.find((v) => v.id === vpnId)!;
  const out = new Set<string>();
  const siteEntry = p.inventory.sites.find((s) => s.id === site)!;
  for (const t of siteEntry.tslcd) if (t.level === vpn.level) for (const x of [t.prefix, t.ipv6]) out.add(x);
  for (const e of p.inventory.tslcdEndpoints) {
    if (!e.attachments.some((a) => a.vpn === vpnId)) continue;
    const entry = lock.allocations[`tslcd/lan/${e.id}`];
    for (const x of [e.lan?.ipv4 ?? entry?.ipv4, e.lan?.ipv6 ?? entry?.ipv6]) if (x) out.add(x);
  }
  return out;
}

describe.each(BUNDLED)("edge routers of %s", (name) => {
  const province = bundled(name);
  const routers = routersOf(province);

  it("one configuration per TSLCD router of every site with TSLCD circuits, both families on every circuit", () => {
    const expected = [...new Set(province.inventory.uplinks.filter((u) => u.kind === "tslcd" && (u.vpns ?? []).length > 0).map((u) => u.device))].sort();
    expect(routers.map((r) => r.device).sort()).toEqual(expected);
    for (const r of routers) {
      const text = parseFrr(renderEdgeFrr(r));
      for (const u of province.inventory.uplinks.filter((x) => x.device === r.device && x.kind === "tslcd")) {
        for (const v of u.vpns ?? []) {
          const vrf = province.inventory.tslcd!.vpns.find((x) => x.id === v)!.vrf;
          // eBGP to the carrier: the neighbours of another AS than the instance's own (the iBGP peer is the pair's).
          const peers = (text.neighbors.get(vrf) ?? []).filter((n) => text.remoteAs.get(vrf)?.get(n) !== text.localAs.get(vrf));
          expect(peers.filter((n) => n.includes(":"))).toHaveLength(1);
          expect(peers.filter((n) => !n.includes(":"))).toHaveLength(1);
        }
      }
    }
  });

  it("accepts from the PE exactly the level's carrier prefixes and the attached agencies' LANs (read from the YAML and the lock)", () => {
    for (const r of routers) {
      const text = parseFrr(renderEdgeFrr(r));
      for (const v of r.vrfs) {
        const accepted = new Set([...prefixListPermits(text, `PL-${v.vrf}-IN-V4`), ...prefixListPermits(text, `PL-${v.vrf}-IN-V6`)]);
        expect([...accepted].sort()).toEqual([...independentAccept(name, province, r.site, v.vpn)].sort());
      }
    }
  });

  it("never accepts the province's level-II blocks themselves, nor a prefix of the DC", () => {
    const blocks = province.inventory.tslcd!.blocks.flatMap((b) => [b.prefix, b.ipv6]);
    for (const r of routers) {
      const site = province.inventory.sites.find((s) => s.id === r.site)!;
      const dc = [...site.aggregates.ipv4, ...site.aggregates.ipv6];
      for (const v of r.vrfs)
        for (const p of [...v.accept.ipv4, ...v.accept.ipv6]) {
          expect(blocks).not.toContain(p);
          expect(dc.some((a) => containsPrefix(a, p))).toBe(false);
        }
    }
  });

  it("announces only the site's own prefixes, and on level I only what flows to level-I parties open", () => {
    for (const r of routers) {
      const site = province.inventory.sites.find((s) => s.id === r.site)!;
      const dc = [...site.aggregates.ipv4, ...site.aggregates.ipv6];
      for (const v of r.vrfs) {
        const text = parseFrr(renderEdgeFrr(r));
        const out = [...prefixListPermits(text, `PL-${v.vrf}-OUT-V4`), ...prefixListPermits(text, `PL-${v.vrf}-OUT-V6`)];
        for (const p of out) expect(dc.some((a) => containsPrefix(a, p))).toBe(true);
        // What BGP originates is what the prefix list lets out: nothing announced is dropped silently.
        expect([...(text.networks.get(v.vrf) ?? [])].sort()).toEqual([...out].sort());
      }
    }
    // The database and management zones are never published on the TSLCD.
    for (const r of routers)
      for (const v of r.vrfs) {
        const plan = province.addressPlan.sites.find((s) => s.site === r.site)!;
        const hidden = plan.zones.filter((z) => /^(db|mgmt|management|data|oob)/.test(z.zone)).flatMap((z) => [z.ipv4, z.ipv6]);
        for (const p of [...v.announce.ipv4, ...v.announce.ipv6]) for (const h of hidden) expect(containsPrefix(h, p)).toBe(false);
      }
  });

  it("limits each session to the declared prefixes plus max(10, 20 %)", () => {
    for (const r of routers)
      for (const v of r.vrfs) {
        const vpn = province.inventory.tslcd!.vpns.find((x) => x.id === v.vpn)!;
        expect(v.maxPrefixes.ipv4).toBe(vpn.maxPrefixes ?? v.accept.ipv4.length + Math.max(10, Math.ceil(v.accept.ipv4.length / 5)));
      }
  });
});

describe("path preference and ECMP", () => {
  const province = bundled("ninh-an");
  const routers = routersOf(province);

  it("the backup circuit's router lowers local preference and prepends; the primary's does neither", () => {
    const backupDevices = new Set(province.inventory.uplinks.filter((u) => u.kind === "tslcd" && u.backup === true).map((u) => u.device));
    expect(backupDevices.size).toBeGreaterThan(0);
    for (const r of routers) {
      const text = renderEdgeFrr(r);
      if (backupDevices.has(r.device)) {
        expect(text).toContain(" set local-preference 100\n");
        expect(text).toContain(` set as-path prepend ${r.asn} ${r.asn}\n`);
      } else {
        expect(text).toContain(" set local-preference 200\n");
        expect(text).not.toContain("as-path prepend");
      }
    }
  });

  it("with paths: ecmp, both circuits share the traffic (no preference, no prepend, two paths)", () => {
    const ecmp = { ...province.inventory, tslcd: { ...province.inventory.tslcd!, paths: "ecmp" as const } };
    for (const plan of province.addressPlan.sites) {
      for (const r of compileEdgeIntent({ inventory: ecmp, plan, province: province.addressPlan, asOf: AS_OF }).routers) {
        const text = renderEdgeFrr(r);
        expect(text).not.toMatch(/local-preference|as-path prepend/);
        expect(text).toContain("  maximum-paths 2\n");
        expect(r.vrfs.flatMap((v) => v.sessions).every((s) => !s.backup)).toBe(true);
      }
    }
  });
});

describe("on the small overlay", () => {
  const r = loadTslcdProvince();
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join("\n"));
  const base = r.province;

  it("an expired flow no longer opens its DC prefixes on the TSLCD", () => {
    const flows = base.inventory.flows.map((f) => (f.name === "lgsp-to-national" ? { ...f, expires: "2026-01-01" } : f));
    const plan = base.addressPlan.sites.find((s) => s.site === "dc1")!;
    const before = compileEdgeIntent({ inventory: base.inventory, plan, province: base.addressPlan, asOf: "2026-06-01" }).routers[0].vrfs.find((v) => v.vpn === "cap1")!;
    const after = compileEdgeIntent({ inventory: { ...base.inventory, flows }, plan, province: base.addressPlan, asOf: "2026-06-01" }).routers[0].vrfs.find((v) => v.vpn === "cap1")!;
    expect(before.announce.ipv4.length).toBeGreaterThan(0);
    expect(after.announce).toEqual({ ipv4: [], ipv6: [] });
    expect(renderEdgeFrr({ ...compileEdgeIntent({ inventory: { ...base.inventory, flows }, plan, province: base.addressPlan, asOf: "2026-06-01" }).routers[0] })).toContain("ip prefix-list PL-CAP1-OUT-V4 seq 5 deny any\n");
  });

  it("does not depend on the order of uplinks, VPNs, endpoints or flows", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), (seed) => {
        const mix = <T>(xs: readonly T[]): T[] => xs.map((x, i) => ({ x, k: (i * 7919 + seed) % 101 })).sort((a, b) => a.k - b.k).map((e) => e.x);
        const inv = { ...base.inventory, uplinks: mix(base.inventory.uplinks).map((u) => ({ ...u, vpns: u.vpns ? mix(u.vpns) : u.vpns })), tslcdEndpoints: mix(base.inventory.tslcdEndpoints), flows: mix(base.inventory.flows) };
        for (const plan of base.addressPlan.sites) {
          const a = compileEdgeIntent({ inventory: base.inventory, plan, province: base.addressPlan }).routers.map((x) => renderEdgeFrr(x));
          const b = compileEdgeIntent({ inventory: inv, plan, province: base.addressPlan }).routers.map((x) => renderEdgeFrr(x));
          expect(b).toEqual(a);
        }
      }),
      { numRuns: 20 },
    );
  });

  it("removing an endpoint removes exactly its LAN from every accept list, and nothing else moves", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: base.inventory.tslcdEndpoints.length - 1 }), (i) => {
        const gone = base.inventory.tslcdEndpoints[i];
        const lan = base.addressPlan.tslcd!.lans.find((l) => l.endpoint === gone.id)!;
        const plans = base.addressPlan.sites.map((s) => ({ ...s, tslcdLans: (s.tslcdLans ?? []).filter((l) => l.endpoint !== gone.id) }));
        const inv = { ...base.inventory, tslcdEndpoints: base.inventory.tslcdEndpoints.filter((e) => e.id !== gone.id) };
        base.addressPlan.sites.forEach((plan, si) => {
          const before = compileEdgeIntent({ inventory: base.inventory, plan, province: base.addressPlan }).routers;
          const after = compileEdgeIntent({ inventory: inv, plan: plans[si], province: base.addressPlan }).routers;
          expect(after.map((r) => r.device)).toEqual(before.map((r) => r.device));
          before.forEach((r, ri) =>
            r.vrfs.forEach((v, vi) => {
              const w = after[ri].vrfs[vi];
              for (const f of ["ipv4", "ipv6"] as const) expect(w.accept[f]).toEqual(v.accept[f].filter((p) => p !== lan[f]));
              expect(w.sessions).toEqual(v.sessions);
            }),
          );
        });
      }),
      { numRuns: 10 },
    );
  });

  it("the default maximum-prefix is the declared count plus max(10, 20 %)", () => {
    expect([0, 1, 49, 50, 51, 1000].map(defaultMaxPrefixes)).toEqual([10, 11, 59, 60, 62, 1200]);
  });
});

describe("the plan stage's tslcd/ files", () => {
  const province = bundled("vinh-lam");

  it("one FRR file per edge router and per Linux CPE of its VPNs, and the intents, for every site with circuits", () => {
    for (const plan of province.addressPlan.sites) {
      const files = tslcdEdgeOutputs(province, plan, AS_OF);
      const devices = [...new Set(province.inventory.uplinks.filter((u) => u.site === plan.site && u.kind === "tslcd" && (u.vpns ?? []).length > 0).map((u) => u.device))].sort();
      const levels = [...new Set(province.inventory.uplinks.filter((u) => u.site === plan.site && u.kind === "tslcd").flatMap((u) => u.vpns ?? []).map((v) => province.inventory.tslcd!.vpns.find((x) => x.id === v)!.level))].sort();
      const carried = new Set(province.inventory.uplinks.filter((u) => u.site === plan.site && u.kind === "tslcd").flatMap((u) => u.vpns ?? []));
      // Linux CPEs speaking BGP: their own FRR file.
      const linuxCpes = province.inventory.tslcdEndpoints.filter((e) => e.attachments.some((a) => a.cpe.platform === "frr" && a.cpe.routing !== "static"));
      expect(files.map(([n]) => n)).toEqual(
        devices.length === 0
          ? []
          : [
              ...devices.map((d) => `tslcd/${d}.frr.conf`),
              "tslcd/edge.json",
              "tslcd/attachments.json",
              ...levels.map((l) => `tslcd/attachments-level-${l}.csv`),
              "tslcd/cpe.json",
              ...linuxCpes.filter((e) => e.attachments.some((a) => carried.has(a.vpn))).map((e) => `tslcd/cpe/${e.id}.frr.conf`).sort(),
            ],
      );
    }
  });

  it("refuses, naming the circuit, when the address plan lacks a circuit's PE–CE link", () => {
    const plan = province.addressPlan.sites.find((s) => tslcdEdgeOutputs(province, s, AS_OF).length > 0)!;
    const stale = { ...province.addressPlan, tslcd: { ...province.addressPlan.tslcd!, links: province.addressPlan.tslcd!.links.filter((l) => !l.id.startsWith(`tslcd/link/${plan.site}/`)) } };
    expect(() => tslcdEdgeOutputs({ inventory: province.inventory, addressPlan: stale }, plan, AS_OF)).toThrow(/no PE–CE link in the address plan for VPN "[^"]+" on circuit "[^"]+"/);
  });
});

describe("attachment records and the per-level export", () => {
  const province = bundled("ninh-an");
  const records = attachmentRecords(province.inventory, province.addressPlan.tslcd);
  const levelOf = new Map(province.inventory.tslcd!.vpns.map((v) => [v.id, v.level]));

  it("one record per circuit and VPN: every agency circuit and every DC circuit's VPN, at its VPN's level", () => {
    const expected = [
      ...province.inventory.tslcdEndpoints.flatMap((e) => e.attachments.map((a) => `${a.vpn}|${e.id}|${a.circuit}`)),
      ...province.inventory.uplinks.filter((u) => u.kind === "tslcd").flatMap((u) => (u.vpns ?? []).map((v) => `${v}|${u.site}|${u.circuit}`)),
    ].sort();
    expect(records.map((r) => `${r.vpn}|${r.attachedBy}|${r.circuit}`).sort()).toEqual(expected);
    for (const r of records) {
      expect(r.level).toBe(levelOf.get(r.vpn));
      // Every circuit has its dual-stack PE–CE link; every agency its dual-stack LAN.
      expect(r.link?.ce.ipv4).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
      expect(r.link?.ce.ipv6).toContain(":");
      if (r.kind === "endpoint") expect([r.lan.ipv4.includes("."), r.lan.ipv6.includes(":")]).toEqual([true, true]);
    }
  });

  it("the CSV of a level lists exactly that level's attachments, with a BOM and bilingual headings", () => {
    for (const level of ["I", "II"] as const) {
      const csv = renderCsv(attachmentTable(records, level));
      const lines = csv.split("\r\n").filter((l) => l !== "");
      expect(csv.startsWith("\uFEFFCấp / Level,")).toBe(true);
      expect(lines).toHaveLength(1 + records.filter((r) => r.level === level).length);
      expect(lines.slice(1).every((l) => l.startsWith(`${level},`))).toBe(true);
    }
  });
});
