/**
 * A flow's TSLCD end resolved at a site (compilers/flows/resolve.ts): national platforms are level-I
 * prefixes holding them and nothing else; `level`, `holds` and `agencies` narrow `external: tslcd`; agency
 * LANs follow lineage; the level-II blocks are never a flow's party. Then, on the bundled provinces' compiled
 * rules: the flows to the national platforms and to the monitoring centre open no level-II prefix.
 */
import * as path from "node:path";
import { resolveEndpoint } from "../../compilers/flows/resolve";
import { compileSite } from "../../compilers/site";
import type { Endpoint } from "../../inventory/model";
import type { AddressPlan } from "../../inventory/addressing/types";
import { loadProvince } from "../../inventory/province/loadProvince";
import { formatProblem } from "../../inventory/loader";
import { contains, overlaps, parsePrefix, type Prefix } from "../../inventory/addressing/prefix";
import { loadTslcdProvince } from "./support/fixture";

const overlayProvince = (() => {
  const r = loadTslcdProvince();
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join("\n"));
  return r.province;
})();

function prefixesAt(site: string, ep: Endpoint, family: "ipv4" | "ipv6" = "ipv4"): string[] {
  const plan = overlayProvince.addressPlan.sites.find((s) => s.site === site)!;
  return resolveEndpoint({ inventory: overlayProvince.inventory, plan, province: overlayProvince.addressPlan }, ep, family).flatMap((r) => r.prefixes);
}
const lan = (endpoint: string, family: "ipv4" | "ipv6" = "ipv4"): string => overlayProvince.addressPlan.tslcd!.lans.find((l) => l.endpoint === endpoint)![family];

describe("a TSLCD end at a site", () => {
  it("national-platforms is the level-I prefixes holding the national platforms, both families", () => {
    expect(prefixesAt("dc1", { external: "national-platforms" })).toEqual(["10.250.0.0/24"]);
    expect(prefixesAt("dc1", { external: "national-platforms" }, "ipv6")).toEqual(["2001:db8:ff00::/56"]);
  });
  it("level II is the agencies' LANs, never the province's block", () => {
    expect(prefixesAt("dc1", { external: "tslcd", level: "II" })).toEqual([lan("huyen-yk-cu"), lan("sttt"), lan("xa-kh")].sort());
    expect(prefixesAt("dc1", { external: "tslcd", level: "II" }, "ipv6")).toEqual([lan("huyen-yk-cu", "ipv6"), lan("sttt", "ipv6"), lan("xa-kh", "ipv6")].sort());
  });
  it("agencies select their endpoints' LANs, a former unit's office included", () => {
    expect(prefixesAt("dc1", { external: "tslcd", agencies: ["UBND-XA-KH"] })).toEqual([lan("huyen-yk-cu"), lan("xa-kh")].sort());
    expect(prefixesAt("dc1", { external: "tslcd", agencies: ["STTTT"] })).toEqual([lan("sttt")]);
  });
  it("holds selects by what the prefixes hold, at the sites that reach them", () => {
    expect(prefixesAt("dc1", { external: "tslcd", holds: ["monitoring-centre"] })).toEqual(["10.250.12.0/24"]);
    expect(prefixesAt("dc2", { external: "tslcd", holds: ["monitoring-centre"] })).toEqual([]);
    expect(prefixesAt("dc1", { external: "tslcd", level: "I" })).toEqual(["10.250.0.0/24", "10.250.12.0/24"]);
  });
  it("tslcd alone is every TSLCD prefix reachable there: both levels and every agency LAN", () => {
    expect(prefixesAt("dc1", { external: "tslcd" })).toEqual(["10.250.0.0/24", "10.250.12.0/24", lan("huyen-yk-cu"), lan("sttt"), lan("xa-kh")].sort());
  });
});

const pp = (t: string): Prefix => (parsePrefix(t) as { prefix: Prefix }).prefix;

describe("the bundled provinces' compiled rules", () => {
  for (const name of ["ninh-an", "vinh-lam"]) {
    it(`${name}: the flows to the national platforms and the monitoring centre open only level-I prefixes of that purpose`, () => {
      const r = loadProvince(path.join(__dirname, "../../inventory/provinces", name), { asOf: "2026-06-01" });
      if (!r.ok) throw new Error(r.problems.map(formatProblem).join("\n"));
      const { inventory, addressPlan } = r.province;
      const levelTwo = levelTwoSpace(addressPlan);
      let checked = 0;
      for (const plan of addressPlan.sites) {
        const compiled = compileSite(inventory, plan, { province: addressPlan, asOf: r.province.asOf });
        const allowedFor = (holds: string): Prefix[] => plan.tslcd.filter((t) => t.level === "I" && t.holds === holds).map((t) => pp(t.prefix));
        for (const flow of inventory.flows) {
          const ends = [flow.from, flow.to];
          const target = ends.some((e) => e.external === "national-platforms") ? "national-platforms" : ends.some((e) => e.holds?.length === 1 && e.holds[0] === "monitoring-centre") ? "monitoring-centre" : undefined;
          if (!target) continue;
          // Every prefix the security groups open for the flow (the tier side is a group or its own subnets).
          const opened = compiled.securityGroups.flatMap((g) => g.rules).filter((x) => x.flows.includes(flow.name) && x.remoteIpPrefix !== undefined).map((x) => x.remoteIpPrefix as string);
          const external = opened.filter((p) => allowedFor(target).some((a) => a.family === pp(p).family && overlaps(a, pp(p))) || levelTwo.some((l) => overlaps(l, pp(p))));
          for (const p of external) {
            expect({ flow: flow.name, p, inside: allowedFor(target).some((a) => contains(a, pp(p))) }).toEqual({ flow: flow.name, p, inside: true });
            expect({ flow: flow.name, p, levelTwo: levelTwo.some((l) => overlaps(l, pp(p))) }).toEqual({ flow: flow.name, p, levelTwo: false });
          }
          checked += external.length;
        }
      }
      expect(checked).toBeGreaterThan(0);
    });
  }
});

/** Every level-II prefix of the province: its blocks, each site's level-II prefixes, every agency LAN. */
function levelTwoSpace(plan: AddressPlan): Prefix[] {
  const texts = [
    ...(plan.tslcd?.blocks.ipv4 ?? []),
    ...(plan.tslcd?.blocks.ipv6 ?? []),
    ...plan.sites.flatMap((s) => s.tslcd.filter((t) => t.level === "II").map((t) => t.prefix)),
    ...(plan.tslcd?.lans.flatMap((l) => [l.ipv4, l.ipv6]) ?? []),
  ];
  return texts.map(pp);
}
