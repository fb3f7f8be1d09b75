/**
 * Management ranges and management zones are one fact: every management zone's block lies inside
 * `security.managementRanges`, in both families, or the province does not load (file and line of the
 * ranges, the zone, the site and the block named).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { Inventory } from "../../inventory/model";
import { allocateAddressPlan } from "../../inventory/addressing";
import { checkManagementRanges } from "../../inventory/zoning/managementRanges";
import { loadProvince } from "../../inventory/province/loadProvince";
import { syntheticProvince } from "../../inventory/synthetic/syntheticProvince";

const ROOT = path.join(__dirname, "..", "..");
const AS_OF = "2026-12-05";

/** The management zones' blocks of an allocated plan, as the address plan gives them (not the checker's lookup). */
function managementBlocks(inv: Inventory, plan: ReturnType<typeof allocateAddressPlan> & { ok: true }): Array<{ zone: string; site: string; ipv4: string; ipv6: string }> {
  const kinds = new Map(inv.zones.map((z) => [`${z.site}/${z.id}`, z.kind]));
  return plan.plan.sites.flatMap((s) => s.zones.filter((b) => kinds.get(`${s.site}/${b.zone}`) === "management").map((b) => ({ zone: b.zone, site: s.site, ipv4: b.ipv4, ipv6: b.ipv6 })));
}

describe("both bundled provinces declare ranges holding every management zone", () => {
  it.each(["ninh-an", "vinh-lam"])("%s loads", (p) => {
    const r = loadProvince(path.join(ROOT, "inventory", "provinces", p), { asOf: AS_OF });
    expect(r.ok ? [] : r.problems).toEqual([]);
  });
});

it("a bundled province whose ranges miss its DR management zone does not load, at the ranges' line, naming zone, site and block", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mgmt-ranges-"));
  try {
    const src = path.join(ROOT, "inventory", "provinces", "ninh-an");
    for (const f of fs.readdirSync(src)) fs.copyFileSync(path.join(src, f), path.join(dir, f));
    const file = path.join(dir, "province.yaml");
    const text = fs.readFileSync(file, "utf8");
    // Drop the DR site's IPv4 range (10.24.0.0/20): its management zone's IPv4 block falls outside.
    fs.writeFileSync(file, text.replace(/\n\s*- 10\.24\.0\.0\/20/, ""));
    const r = loadProvince(dir, { asOf: AS_OF, waiverFile: path.join(ROOT, "policies", "waivers", "ninh-an.yaml") });
    expect(r.ok).toBe(false);
    const problems = r.ok ? [] : r.problems.filter((p) => p.path.join(".") === "security.managementRanges");
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(/^management zone "management" at site na-dc2 has the IPv4 block 10\.24\.\d+\.\d+\/\d+, outside every management range/);
    expect(problems[0].found).toBe("10.16.0.0/20");
    expect(problems[0].location?.file).toMatch(/province\.yaml$/);
    const line = text.split("\n").findIndex((l) => l.includes("managementRanges:")) + 1;
    expect(problems[0].location?.line).toBeGreaterThanOrEqual(line);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

it("generated provinces: ranges equal to the management blocks pass; dropping any one range reports exactly that zone and family (property)", () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 12, max: 30 }), fc.nat(), (sites, vlans, pick) => {
      const base = syntheticProvince({ sites, vlans, systems: 2 });
      const allocated = allocateAddressPlan(base);
      if (!allocated.ok) throw new Error(JSON.stringify(allocated.problems.slice(0, 3)));
      const blocks = managementBlocks(base, allocated);
      const all = blocks.flatMap((b) => [b.ipv4, b.ipv6]);
      const withRanges = (ranges: string[]): Inventory => Inventory.parse({ ...base, security: { ...base.security, managementRanges: ranges } });
      expect(checkManagementRanges(withRanges(all), allocated.plan)).toEqual([]);
      if (all.length === 0) return;
      const dropped = all[pick % all.length];
      const owner = blocks.find((b) => b.ipv4 === dropped || b.ipv6 === dropped)!;
      const problems = checkManagementRanges(withRanges(all.filter((r) => r !== dropped)), allocated.plan);
      expect(problems.map((p) => p.message.slice(0, p.message.indexOf(","))))
        .toEqual([`management zone "${owner.zone}" at site ${owner.site} has the ${dropped.includes(":") ? "IPv6" : "IPv4"} block ${dropped}`]);
    }),
    { numRuns: 25 },
  );
});

it("a range holding several management zones at once is enough (ranges are prefixes, not a list of zones)", () => {
  const base = syntheticProvince({ sites: 2, vlans: 20, systems: 1 });
  const allocated = allocateAddressPlan(base);
  if (!allocated.ok) throw new Error("allocation failed");
  const wide = ["0.0.0.0/0", "::/0"];
  expect(checkManagementRanges(Inventory.parse({ ...base, security: { ...base.security, managementRanges: wide } }), allocated.plan)).toEqual([]);
  expect(managementBlocks(base, allocated).length).toBeGreaterThan(0);
});
