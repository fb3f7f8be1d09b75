import * as fc from "fast-check";
import * as path from "node:path";
import { loadProvince, type Province } from "../../inventory/province/loadProvince";
import { contains, overlaps, parsePrefix, parseAddress, provinceSpace, type Prefix } from "../../inventory/addressing";
import { compileSite } from "../../compilers/site";
import { enforcerMap, enforcersOnPath } from "../../compilers/firewall/enforcers";
import { compileRuleBases, partyOf } from "../../compilers/firewall/compileRuleBases";
import type { ResolvedRule } from "../../compilers/flows/types";
import type { RuleBase, RuleFamily } from "../../compilers/firewall/ruleBaseTypes";

const ROOT = path.resolve(__dirname, "../..");

function province(name: string): Province {
  const r = loadProvince(path.join(ROOT, "inventory/provinces", name), { asOf: "2026-12-05", waiverFile: path.join(ROOT, "policies/waivers", `${name}.yaml`) });
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join("\n"));
  return r.province;
}

function compile(p: Province, site: string, flows = p.inventory.flows): { bases: RuleBase[]; rules: ResolvedRule[] } {
  const inventory = { ...p.inventory, flows };
  const sitePlan = p.addressPlan.sites.find((s) => s.site === site);
  if (!sitePlan) throw new Error(site);
  const c = compileSite(inventory, sitePlan, { province: p.addressPlan, asOf: p.asOf });
  return { bases: compileRuleBases({ inventory, sitePlan, province: p.addressPlan, rules: c.rules, instances: c.placements.instances }), rules: c.rules };
}

/** A packet as the test's own evaluator sees it. */
interface Packet {
  family: RuleFamily;
  src: bigint;
  dst: bigint;
  protocol: "tcp" | "udp" | "icmp";
  port?: number;
}

const prefix = (t: string): Prefix => {
  const r = parsePrefix(t);
  if (!r.ok) throw new Error(t);
  return r.prefix;
};
const inPrefixes = (a: bigint, family: RuleFamily, prefixes: readonly string[]): boolean =>
  prefixes.some((t) => {
    const p = prefix(t);
    return p.family === family && contains(p, { family, network: a, length: family === "ipv4" ? 32 : 128 });
  });
const servicePorts = (r: Pick<ResolvedRule, "protocol" | "portMin" | "portMax">, pk: Packet): boolean =>
  r.protocol === "any" || (r.protocol === pk.protocol && (pk.protocol === "icmp" || (pk.port !== undefined && pk.port >= (r.portMin ?? 1) && pk.port <= (r.portMax ?? 65535))));

/** First-match over a rule base, written from the contract (independent of the compiler). */
function firstMatch(rb: RuleBase, pk: Packet): "accept" | "deny" {
  const objects = new Map(rb.addresses.map((o) => [o.name, o]));
  const services = new Map(rb.services.map((s) => [s.name, s]));
  const within = (names: readonly string[], a: bigint): boolean => names.length === 0 || names.some((n) => inPrefixes(a, pk.family, objects.get(n)?.[pk.family] ?? []));
  for (const r of rb.rules) {
    if (!r.families.includes(pk.family)) continue;
    if (!within(r.sources, pk.src) || !within(r.destinations, pk.dst)) continue;
    if (r.services.length > 0 && !r.services.some((n) => { const s = services.get(n); return s !== undefined && servicePorts(s, pk); })) continue;
    return r.action;
  }
  return "deny";
}

/** The zone an endpoint lies in, if it is one. */
function zoneOf(ep: { kind: string; label: string; zone?: string }): string | undefined {
  if (ep.kind === "tier") return ep.zone;
  return ep.label.startsWith("zone:") ? ep.label.slice(5) : undefined;
}

describe.each([
  ["ninh-an", "na-dc1"],
  ["ninh-an", "na-dc2"],
  ["vinh-lam", "vl-dc1"],
  ["vinh-lam", "vl-dc3"],
])("rule bases of %s at %s", (name, site) => {
  const p = province(name);
  const { bases, rules } = compile(p, site);
  const map = enforcerMap(p.inventory, site);

  it("accepts every flow in force somewhere on the site: none is dropped for an endpoint the compiler does not recognise (narrowed TSLCD ends included)", () => {
    const accepted = new Set(bases.flatMap((b) => b.rules.filter((r) => r.action === "accept").flatMap((r) => r.flows.map((f) => f.flow))));
    // A flow inside one zone never crosses a firewall.
    const crossing = rules.filter((r) => !(r.from.kind !== "internet" && r.to.kind !== "internet" && zoneOf(r.from) !== undefined && zoneOf(r.from) === zoneOf(r.to)));
    const missing = [...new Set(crossing.map((r) => r.flow))].filter((f) => !accepted.has(f)).sort();
    expect(missing).toEqual([]);
    expect(crossing.some((r) => r.from.label.startsWith("tslcd") || r.to.label.startsWith("tslcd")) || name === "vinh-lam").toBe(true);
  });

  it("gives every object an accept names addresses in each family the accept is for", () => {
    const empty: string[] = [];
    for (const b of bases) {
      const objects = new Map(b.addresses.map((a) => [a.name, a]));
      for (const r of b.rules.filter((x) => x.action === "accept")) {
        for (const name of [...r.sources, ...r.destinations]) {
          const o = objects.get(name);
          for (const f of r.families) if (!o || o[f].length === 0) empty.push(`${b.device} ${r.id} ${name} ${f}`);
        }
      }
    }
    expect(empty).toEqual([]);
  });

  it("gives every enforcer of the site one rule base, naming the zones it is the gateway of", () => {
    const zones = p.inventory.zones.filter((z) => z.site === site);
    expect(bases.map((b) => b.device).sort()).toEqual([...new Set(zones.map((z) => z.enforcedBy))].sort());
    for (const b of bases) expect(b.zones).toEqual(zones.filter((z) => z.enforcedBy === b.device).map((z) => z.id).sort());
  });

  it("closes every section with a deny-and-log of its pair and the whole base with one more", () => {
    for (const b of bases) {
      expect(b.rules[b.rules.length - 1]).toMatchObject({ id: "deny:all", action: "deny", sources: [], destinations: [], log: true });
      const sections = [...new Set(b.rules.slice(0, -1).map((r) => `${r.section.from}>${r.section.to}`))];
      for (const s of sections) {
        const inSection = b.rules.filter((r) => `${r.section.from}>${r.section.to}` === s);
        expect(inSection[inSection.length - 1]).toMatchObject({ id: `deny:${s}`, action: "deny", log: true });
        for (const r of inSection.slice(0, -1)) expect(r).toMatchObject({ action: "accept", log: true, ips: p.inventory.security.ipsProfile });
      }
      // Sections are contiguous: a section never resumes after another began.
      const order = b.rules.slice(0, -1).map((r) => `${r.section.from}>${r.section.to}`);
      expect(order.filter((s, i) => i === 0 || s !== order[i - 1])).toEqual(sections);
      expect(new Set(b.rules.map((r) => r.id)).size).toBe(b.rules.length);
    }
  });

  it("never lets the Internet object touch the province's own space", () => {
    const own = [...provinceSpace(p.addressPlan).ipv4, ...provinceSpace(p.addressPlan).ipv6].map(prefix);
    for (const b of bases) {
      const inet = b.addresses.find((o) => o.name === "internet");
      if (!inet) continue;
      const clash = [...inet.ipv4, ...inet.ipv6].map(prefix).filter((x) => own.some((o) => overlaps(x, o)));
      expect(clash).toEqual([]);
    }
  });

  it("decides every packet as the flows say: accepted by a device iff a flow in force allows it and the device lies on its path (property)", () => {
    const addressesOf = (family: RuleFamily): string[] => [...new Set(rules.flatMap((r) => [...r.from.prefixes, ...r.to.prefixes]).filter((t) => (t.includes(":") ? "ipv6" : "ipv4") === family))];
    const sample = (t: string, k: number): bigint => {
      const pr = prefix(t);
      const size = 1n << BigInt((pr.family === "ipv4" ? 32 : 128) - pr.length);
      return pr.network + (BigInt(k) % size);
    };
    const packet = fc
      .record({ family: fc.constantFrom<RuleFamily>("ipv4", "ipv6"), s: fc.nat(), d: fc.nat(), ks: fc.nat(), kd: fc.nat(), protocol: fc.constantFrom<"tcp" | "udp" | "icmp">("tcp", "udp", "icmp"), portPick: fc.nat(), anyPort: fc.integer({ min: 1, max: 65535 }), pickPort: fc.boolean() })
      .map(({ family, s, d, ks, kd, protocol, portPick, anyPort, pickPort }): Packet => {
        const pool = addressesOf(family);
        const flowPorts = rules.filter((r) => r.portMin !== undefined).map((r) => r.portMin as number);
        const port = protocol === "icmp" ? undefined : pickPort && flowPorts.length > 0 ? flowPorts[portPick % flowPorts.length] : anyPort;
        return { family, src: sample(pool[s % pool.length], ks), dst: sample(pool[d % pool.length], kd), protocol, port };
      });
    fc.assert(
      fc.property(packet, (pk) => {
        for (const b of bases) {
          const expected = rules.some((r) => {
            if (r.family !== pk.family || !servicePorts(r, pk)) return false;
            if (!inPrefixes(pk.src, pk.family, r.from.prefixes) || !inPrefixes(pk.dst, pk.family, r.to.prefixes)) return false;
            const from = partyOf(r.from);
            const to = partyOf(r.to);
            return from !== undefined && to !== undefined && enforcersOnPath(map, from, to).includes(b.device);
          });
          expect(firstMatch(b, pk)).toBe(expected ? "accept" : "deny");
        }
      }),
      { numRuns: 300 },
    );
  });

  it("maps every published port's public IPv4 address to the tier's instances, WAF-marked for HTTP(S), at the Internet's entry only", () => {
    const entry = map.externalEntry.internet;
    for (const b of bases) if (b.device !== entry) expect(b.nat).toEqual([]);
    const published = p.inventory.systems.filter((s) => s.sites.includes(site)).flatMap((s) => s.tiers.flatMap((t) => t.publish.map((x) => `${s.id}/${t.name}/${x.protocol}-${x.port}`)));
    const nat = bases.find((b) => b.device === entry)?.nat ?? [];
    expect(nat.map((n) => `${n.system}/${n.tier}/${n.protocol}-${n.port}`).sort()).toEqual(published.sort());
    for (const n of nat) {
      expect(n.translatedTo.length).toBeGreaterThan(0);
      expect(parseAddress(n.publicAddress)?.family).toBe("ipv4");
      expect(n.waf).toBe(n.protocol === "tcp" && [80, 443, 8080, 8443].includes(n.port));
    }
  });
});

describe("rule base stability", () => {
  it("keeps every other rule (id and content) when a flow is added or removed (property)", () => {
    const p = province("ninh-an");
    const full = compile(p, "na-dc1").bases;
    const ruleMap = (bases: RuleBase[]): Map<string, string> => new Map(bases.flatMap((b) => b.rules.filter((r) => r.action === "accept").map((r) => [`${b.device}|${r.id}`, JSON.stringify(r)] as const)));
    const fullRules = ruleMap(full);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: p.inventory.flows.length - 1 }), (i) => {
        const removed = p.inventory.flows[i].name;
        const without = ruleMap(compile(p, "na-dc1", p.inventory.flows.filter((_, k) => k !== i)).bases);
        for (const [key, text] of fullRules) {
          const rule = JSON.parse(text) as { flows: Array<{ flow: string }> };
          if (rule.flows.some((f) => f.flow === removed)) continue;
          expect(without.get(key)).toBe(text);
        }
      }),
      { numRuns: 12 },
    );
  });
});

describe("enforcersOnPath", () => {
  const p = province("ninh-an");
  const map = enforcerMap(p.inventory, "na-dc1");
  it("follows the zones' gateways and the outside networks' entries", () => {
    expect(enforcersOnPath(map, { zone: "dmz" }, { zone: "internal-server" })).toEqual(["na1-fw-edge", "na1-fw-core"]);
    expect(enforcersOnPath(map, { zone: "internal-server" }, { zone: "db-server" })).toEqual(["na1-fw-core", "na1-fw-db"]);
    expect(enforcersOnPath(map, { zone: "internal" }, { zone: "management" })).toEqual(["na1-fw-core"]);
    expect(enforcersOnPath(map, { zone: "internal-server" }, { zone: "internal-server" })).toEqual(["na1-fw-core"]);
    expect(enforcersOnPath(map, { external: "internet" }, { zone: "dmz" })).toEqual(["na1-fw-edge"]);
    expect(enforcersOnPath(map, { external: "internet" }, { zone: "internal" })).toEqual(["na1-fw-edge", "na1-fw-core"]);
    expect(enforcersOnPath(map, { external: "tslcd" }, { zone: "internal-server" })).toEqual(["na1-fw-edge", "na1-fw-core"]);
    expect(enforcersOnPath(map, { external: "internet" }, { external: "tslcd" })).toEqual([]);
  });
  it("leaves traffic inside a zone routed by its own cloud router to FWaaS", () => {
    const dr = enforcerMap(p.inventory, "na-dc2");
    expect(dr.virtualZones.has("internal-server")).toBe(true);
    expect(enforcersOnPath(dr, { zone: "internal-server" }, { zone: "internal-server" })).toEqual([]);
    expect(enforcersOnPath(dr, { zone: "internal-server" }, { zone: "db-server" })).toEqual(["na2-fw-core", "na2-fw-db"]);
  });
});
