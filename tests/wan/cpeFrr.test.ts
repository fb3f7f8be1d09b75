/**
 * The agency CPEs' configurations (compilers/wan/cpeIntent.ts, renderCpeFrr), checked against an independent
 * reading of the YAML and the lock file: one per endpoint speaking BGP, eBGP to the PE of each circuit,
 * announcing exactly its LAN, accepting only DC prefixes the site's edge announces in that VPN; on the
 * small overlay, what a CPE accepts follows the flows that name its agency (property), and removing an
 * endpoint changes no other CPE (property). The edge pair's iBGP is checked here too.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { parse } from "yaml";
import { loadProvinceOnce, type Province } from "../../inventory/province/loadProvince";
import { compileCpeIntents, type CpeIntent } from "../../compilers/wan/cpeIntent";
import { compileEdgeIntent, type EdgeRouterIntent } from "../../compilers/wan/edgeIntent";
import { renderCpeFrr, renderEdgeFrr } from "../../compilers/wan/renderFrr";
import { loadTslcdProvince } from "./support/fixture";
import { parseFrr, prefixListPermits } from "./support/frrText";
import { containsPrefix } from "./support/prefixMath";

const ROOT = path.join(__dirname, "..", "..");
const AS_OF = "2026-12-05";
const BUNDLED = ["ninh-an", "vinh-lam"];

type Lock = { allocations: Record<string, { ipv4?: string; ipv6?: string }> };

function bundled(name: string): { province: Province; lock: Lock } {
  const dir = path.join(ROOT, "inventory", "provinces", name);
  const r = loadProvinceOnce(dir, { asOf: AS_OF, waiverFile: path.join(ROOT, "policies", "waivers", `${name}.yaml`) });
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join("\n"));
  return { province: r.province, lock: parse(fs.readFileSync(path.join(dir, "addressplan.lock.yaml"), "utf8")) as Lock };
}

function cpesOf(p: Pick<Province, "inventory" | "addressPlan">, asOf?: string): CpeIntent[] {
  const r = compileCpeIntents({ inventory: p.inventory, province: p.addressPlan, asOf });
  expect(r.problems).toEqual([]);
  return r.cpes;
}

function edgesOf(p: Pick<Province, "inventory" | "addressPlan">, asOf?: string): EdgeRouterIntent[] {
  return p.addressPlan.sites.flatMap((plan) => {
    const r = compileEdgeIntent({ inventory: p.inventory, plan, province: p.addressPlan, asOf });
    expect(r.problems).toEqual([]);
    return r.routers;
  });
}

describe.each(BUNDLED)("agency CPEs of %s", (name) => {
  const { province, lock } = bundled(name);
  const cpes = cpesOf(province, AS_OF);
  const edges = edgesOf(province, AS_OF);

  it("one CPE per endpoint with a circuit routed by BGP; the carrier's static ones get none", () => {
    const expected = province.inventory.tslcdEndpoints.filter((e) => e.attachments.some((a) => a.cpe.routing !== "static")).map((e) => e.id);
    expect(cpes.map((c) => c.endpoint).sort()).toEqual([...expected].sort());
    expect(province.inventory.tslcdEndpoints.length).toBeGreaterThan(expected.length); // both kinds are present
  });

  it("announces exactly its LAN (read from the YAML or the lock), eBGP to one PE per circuit and family", () => {
    for (const c of cpes) {
      const e = province.inventory.tslcdEndpoints.find((x) => x.id === c.endpoint)!;
      const lan = [e.lan?.ipv4 ?? lock.allocations[`tslcd/lan/${e.id}`]?.ipv4, e.lan?.ipv6 ?? lock.allocations[`tslcd/lan/${e.id}`]?.ipv6];
      const text = parseFrr(renderCpeFrr(c));
      const out = c.vrfs.flatMap((v) => [...prefixListPermits(text, `PL-${v.vrf}-OUT-V4`), ...prefixListPermits(text, `PL-${v.vrf}-OUT-V6`)]);
      expect([...new Set(out)].sort()).toEqual([...lan].sort());
      expect([...(text.networks.get("default") ?? [])].sort()).toEqual([...lan].sort());
      const bgpCircuits = e.attachments.filter((a) => a.cpe.routing !== "static");
      const peers = text.neighbors.get("default") ?? [];
      expect(peers).toHaveLength(2 * bgpCircuits.length);
      for (const p of peers) expect(province.inventory.tslcd!.vpns.map((v) => v.peAsn)).toContain(text.remoteAs.get("default")!.get(p));
      expect(text.localAs.get("default")).toBe(province.inventory.tslcd!.cpeAsn);
    }
  });

  it("accepts only DC prefixes that an edge router carrying its VPN announces (routing agrees end to end)", () => {
    for (const c of cpes)
      for (const v of c.vrfs)
        for (const f of ["ipv4", "ipv6"] as const) {
          const announced = edges.flatMap((r) => r.vrfs.filter((w) => w.vpn === v.vpn).flatMap((w) => w.announce[f]));
          for (const p of v.accept[f]) expect({ cpe: c.device, prefix: p, announced: announced.includes(p) }).toEqual({ cpe: c.device, prefix: p, announced: true });
          const aggregates = province.inventory.sites.flatMap((s) => [...s.aggregates.ipv4, ...s.aggregates.ipv6]);
          for (const p of v.accept[f]) expect(aggregates.some((a) => containsPrefix(a, p))).toBe(true);
        }
    // Every VPN prefix the edge announces to agencies reaches some CPE (otherwise it would be announced for nothing).
    expect(cpes.some((c) => c.vrfs.some((v) => v.accept.ipv4.length > 0))).toBe(true);
  });
});

describe("the edge pair's iBGP", () => {
  it.each(BUNDLED)("%s: each router of a pair peers with the other's loopbacks (from the lock) in every VPN both carry, next-hop-self", (name) => {
    const { province, lock } = bundled(name);
    const edges = edgesOf(province, AS_OF);
    const groups = new Map<string, string[]>();
    for (const r of edges) {
      const g = province.inventory.devices.find((d) => d.name === r.device)!.haGroup!;
      groups.set(g, [...(groups.get(g) ?? []), r.device]);
    }
    expect([...groups.values()].some((m) => m.length === 2)).toBe(true);
    for (const r of edges) {
      const g = province.inventory.devices.find((d) => d.name === r.device)!.haGroup!;
      const other = groups.get(g)!.find((d) => d !== r.device);
      // A site whose pair has one router with circuits: nothing to peer with.
      if (other === undefined) {
        for (const v of r.vrfs) expect(v.ibgp).toEqual([]);
        continue;
      }
      const mine = lock.allocations[`${r.site}/loopback/${r.device}`];
      const theirs = lock.allocations[`${r.site}/loopback/${other}`];
      const text = parseFrr(renderEdgeFrr(r));
      for (const v of r.vrfs) {
        const ibgp = (text.neighbors.get(v.vrf) ?? []).filter((n) => text.remoteAs.get(v.vrf)!.get(n) === r.asn).sort();
        expect(ibgp).toEqual([theirs.ipv4!.split("/")[0], theirs.ipv6!.split("/")[0]].sort());
        for (const n of ibgp) {
          const clauses = text.clauses.get(v.vrf)!.get(n)!;
          expect(clauses).toEqual(expect.arrayContaining(["next-hop-self", "activate", `update-source ${(n.includes(":") ? mine.ipv6! : mine.ipv4!).split("/")[0]}`, `prefix-list PL-${v.vrf}-IN-${n.includes(":") ? "V6" : "V4"} in`, "bfd profile tslcd-ibgp"]));
        }
      }
      // The iBGP BFD profile exists exactly when the router has an iBGP session, with the province's timers.
      const bfd = province.inventory.tslcd!.bfd;
      const profile = `bfd\n profile tslcd-pe\n  detect-multiplier ${bfd.multiplier}\n  receive-interval ${bfd.intervalMs}\n  transmit-interval ${bfd.intervalMs}\n exit\n !\n profile tslcd-ibgp\n  detect-multiplier ${bfd.multiplier}\n  receive-interval ${bfd.intervalMs}\n  transmit-interval ${bfd.intervalMs}\n exit\n !\nexit\n`;
      if (r.vrfs.some((v) => v.ibgp.length > 0)) expect(renderEdgeFrr(r)).toContain(profile);
      else expect(renderEdgeFrr(r)).not.toContain("tslcd-ibgp");
    }
  });

  it("a lone router has no iBGP; a router of a pair without loopback is a problem", () => {
    const r = loadTslcdProvince();
    if (!r.ok) throw new Error(r.problems.map((p) => p.message).join("\n"));
    const p = r.province;
    const plan = p.addressPlan.sites.find((s) => s.site === "dc1")!;
    const lone = { ...p.inventory, devices: p.inventory.devices.map((d) => (d.name === "dc1-rt-tslcd-02" ? { ...d, haGroup: undefined } : d)) };
    for (const x of compileEdgeIntent({ inventory: lone, plan, province: p.addressPlan }).routers) for (const v of x.vrfs) expect(v.ibgp).toEqual([]);
    const noLoop = { ...plan, loopbacks: plan.loopbacks.filter((l) => l.device !== "dc1-rt-tslcd-01") };
    expect(compileEdgeIntent({ inventory: p.inventory, plan: noLoop, province: p.addressPlan }).problems).toEqual([
      { site: "dc1", device: "dc1-rt-tslcd-01", message: "no loopback in the address plan for the edge pair's iBGP (run npm run addressplan)" },
    ]);
  });
});

describe("on the small overlay", () => {
  const r = loadTslcdProvince();
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join("\n"));
  const base = r.province;
  const baseCpes = cpesOf(base);
  const acceptOf = (cpes: CpeIntent[], endpoint: string) => cpes.find((c) => c.endpoint === endpoint)?.vrfs.flatMap((v) => [...v.accept.ipv4, ...v.accept.ipv6]) ?? [];
  // The LGSP's prefixes: opened to the commune alone by `commune-to-lgsp`.
  const lgsp = acceptOf(baseCpes, "xa-kh").filter((p) => !acceptOf(baseCpes, "sttt").includes(p));

  it("the statically routed endpoint gets no CPE; the commune alone accepts the LGSP", () => {
    expect(baseCpes.map((c) => c.endpoint)).toEqual(["sttt", "xa-kh"]);
    expect(lgsp.length).toBe(2);
  });

  it("a CPE accepts the LGSP exactly when the flow opening it names the CPE's agency (property)", () => {
    const owners = { sttt: "STTTT", "xa-kh": "UBND-XA-KH" } as const;
    fc.assert(
      fc.property(fc.subarray(["STTTT", "UBND-XA-KH", "SNV"], { minLength: 1 }), (agencies) => {
        const flows = base.inventory.flows.map((f) => (f.name === "commune-to-lgsp" ? { ...f, from: { external: "tslcd" as const, agencies } } : f));
        const cpes = cpesOf({ ...base, inventory: { ...base.inventory, flows } });
        for (const [endpoint, owner] of Object.entries(owners)) for (const p of lgsp) expect(acceptOf(cpes, endpoint).includes(p)).toBe(agencies.includes(owner));
      }),
      { numRuns: 15 },
    );
  });

  it("removing an endpoint changes no other CPE's configuration (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: base.inventory.tslcdEndpoints.length - 1 }), (i) => {
        const gone = base.inventory.tslcdEndpoints[i].id;
        const sites = base.addressPlan.sites.map((s) => ({ ...s, tslcdLans: (s.tslcdLans ?? []).filter((l) => l.endpoint !== gone) }));
        const after = cpesOf({ inventory: { ...base.inventory, tslcdEndpoints: base.inventory.tslcdEndpoints.filter((e) => e.id !== gone) }, addressPlan: { ...base.addressPlan, sites } });
        expect(after.map((c) => renderCpeFrr(c))).toEqual(baseCpes.filter((c) => c.endpoint !== gone).map((c) => renderCpeFrr(c)));
      }),
      { numRuns: 10 },
    );
  });

  it("an expired flow closes what it opened to the CPE", () => {
    const flows = base.inventory.flows.map((f) => (f.name === "commune-to-lgsp" ? { ...f, expires: "2026-01-01" } : f));
    const after = cpesOf({ ...base, inventory: { ...base.inventory, flows } }, "2026-06-01");
    expect(acceptOf(after, "xa-kh").filter((p) => lgsp.includes(p))).toEqual([]);
  });

  it("a missing LAN or link is a problem naming the endpoint and circuit", () => {
    const t = base.addressPlan.tslcd!;
    const stale = { ...base.addressPlan, tslcd: { ...t, links: t.links.filter((l) => l.id !== "tslcd/link/xa-kh/L2-0003"), lans: t.lans.filter((l) => l.endpoint !== "sttt") } };
    expect(compileCpeIntents({ inventory: base.inventory, province: stale }).problems).toEqual([
      { endpoint: "sttt", message: "no LAN in the address plan (run npm run addressplan)" },
      { endpoint: "xa-kh", message: 'no PE–CE link in the address plan for circuit "L2-0003" (run npm run addressplan)' },
    ]);
  });
});
