import fc from "fast-check";
import { Address6 } from "ip-address";
import { AddressPlan, Prefix, allocateAddressPlan, AddressLock, contains, formatPrefix, overlaps, parsePrefix, renderLock } from "../../inventory/addressing";
import { ModelSpec, buildInventory } from "./model";
import { modelArb, shuffled, siteSpec } from "./arbitraries";

const RUNS = { numRuns: 60 };

function allocate(spec: ModelSpec, lock?: AddressLock) {
  const r = allocateAddressPlan(buildInventory(spec), lock);
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join("\n"));
  return r;
}
const pp = (t: string): Prefix => {
  const r = parsePrefix(t);
  if (!r.ok) throw new Error(`${t}: ${r.message}`);
  return r.prefix;
};

/** Blocks that must be pairwise disjoint: a parent's children, and a site's top-level blocks. */
function groups(plan: AddressPlan): Array<{ parent: Prefix[]; blocks: string[] }> {
  const out: Array<{ parent: Prefix[]; blocks: string[] }> = [];
  for (const s of plan.sites) {
    for (const f of ["ipv4", "ipv6"] as const) {
      const aggregates = (f === "ipv4" ? s.ipv4Aggregates : s.ipv6Aggregates).map(pp);
      out.push({ parent: aggregates, blocks: [...s.zones.map((z) => z[f]), s.infrastructure![f], ...s.clusters.flatMap((c) => [c.pods[f], c.services[f]])] });
      for (const z of s.zones) out.push({ parent: [pp(z[f])], blocks: s.subnets.filter((n) => n.zone === z.zone).map((n) => n[f].prefix) });
      out.push({ parent: [pp(s.infrastructure![f])], blocks: [...s.links.map((l) => l[f]), ...s.loopbacks.map((l) => l[f])] });
    }
  }
  return out;
}

describe("allocator properties on random models", () => {
  it("never overlaps, and everything is inside its parent", () => {
    fc.assert(
      fc.property(modelArb, (spec) => {
        const { plan } = allocate(spec);
        for (const g of groups(plan)) {
          const blocks = g.blocks.map(pp).sort((a, b) => (a.network < b.network ? -1 : a.network > b.network ? 1 : 0));
          for (let i = 0; i < blocks.length; i++) {
            expect(g.parent.some((p) => contains(p, blocks[i]))).toBe(true);
            if (i > 0) expect(overlaps(blocks[i - 1], blocks[i])).toBe(false);
          }
        }
        const aggregates = plan.sites.flatMap((s) => [...s.ipv4Aggregates, ...s.ipv6Aggregates]).map(pp);
        for (let i = 0; i < aggregates.length; i++) for (let j = i + 1; j < aggregates.length; j++) expect(overlaps(aggregates[i], aggregates[j])).toBe(false);
      }),
      RUNS,
    );
  });

  it("puts IPv6 zone blocks on nibble boundaries and gives every VLAN a /64, written canonically", () => {
    fc.assert(
      fc.property(modelArb, (spec) => {
        const { plan } = allocate(spec);
        for (const s of plan.sites) {
          for (const z of s.zones) expect(pp(z.ipv6).length % 4).toBe(0);
          for (const n of s.subnets) {
            expect(pp(n.ipv6.prefix).length).toBe(64);
            for (const text of [n.ipv6.gateway, n.ipv6.pool.start, n.ipv6.pool.end]) expect(text).toBe(new Address6(text).correctForm());
            expect(n.ipv6.prefix).toBe(formatPrefix(pp(n.ipv6.prefix)));
          }
        }
      }),
      RUNS,
    );
  });

  it("does not depend on the order of declarations", () => {
    fc.assert(
      fc.property(modelArb, fc.array(fc.integer(), { minLength: 1, maxLength: 20 }), (spec, keys) => {
        const mixed: ModelSpec = {
          sites: shuffled(spec.sites, keys),
          zones: shuffled(spec.zones, keys.slice().reverse()).map((z) => ({ ...z, vlans: shuffled(z.vlans, keys) })),
          uplinks: shuffled(spec.uplinks ?? [], keys),
          routers: shuffled(spec.routers ?? [], keys),
          clusters: shuffled(spec.clusters ?? [], keys),
        };
        const a = allocate(spec);
        const b = allocate(mixed);
        expect(b.plan).toEqual(a.plan);
        expect(renderLock(b.lock)).toBe(renderLock(a.lock));
      }),
      RUNS,
    );
  });

  it("is idempotent: allocating with its own lock gives the same plan and lock", () => {
    fc.assert(
      fc.property(modelArb, (spec) => {
        const first = allocate(spec);
        const again = allocate(spec, first.lock);
        expect(again.plan).toEqual(first.plan);
        expect(renderLock(again.lock)).toBe(renderLock(first.lock));
      }),
      RUNS,
    );
  });

  it("never moves an existing allocation when a VLAN, a zone or a site is added", () => {
    const additions = fc.record({ zoneIndex: fc.nat(), hosts: fc.integer({ min: 1, max: 2000 }), kind: fc.constantFrom("vlan", "zone", "site") });
    fc.assert(
      fc.property(modelArb, additions, (spec, add) => {
        const before = allocate(spec).lock;
        let grown: ModelSpec;
        if (add.kind === "vlan") {
          const zi = add.zoneIndex % spec.zones.length;
          grown = { ...spec, zones: spec.zones.map((z, i) => (i === zi ? { ...z, vlans: [...z.vlans, { id: 300, name: "new-vlan", hosts: add.hosts }] } : z)) };
        } else if (add.kind === "zone") {
          grown = { ...spec, zones: [{ id: "new-zone", site: spec.sites[0].id, vlans: [{ id: 301, name: "x", hosts: add.hosts }] }, ...spec.zones] };
        } else {
          const extra = siteSpec(9);
          grown = { ...spec, sites: [extra, ...spec.sites], zones: [...spec.zones, { id: "dmz", site: extra.id, vlans: [{ id: 1, name: "a", hosts: add.hosts }] }] };
        }
        const r = allocateAddressPlan(buildInventory(grown), before);
        if (!r.ok) {
          // The only acceptable refusal: the new VLAN does not fit its (locked) zone block. Nothing moves to make room.
          expect(add.kind).toBe("vlan");
          for (const p of r.problems) expect(p.message).toMatch(/is exhausted: VLAN "new-vlan"/);
          return;
        }
        for (const [id, entry] of Object.entries(before.allocations)) expect(r.lock.allocations[id]).toEqual(entry);
      }),
      RUNS,
    );
  });

  it("never moves anything else when a VLAN, a zone or a site is removed, and forgets what was removed", () => {
    fc.assert(
      fc.property(modelArb, fc.nat(), fc.constantFrom("vlan", "zone", "site"), (spec, pick, kind) => {
        const before = allocate(spec).lock;
        let shrunk: ModelSpec = spec;
        let gone = "";
        const z = spec.zones[pick % spec.zones.length];
        if (kind === "vlan" && z.vlans.length > 1) {
          const v = z.vlans[pick % z.vlans.length];
          gone = `${z.site}/vlan/${z.id}/${v.name}`;
          shrunk = { ...spec, zones: spec.zones.map((x) => (x === z ? { ...x, vlans: x.vlans.filter((y) => y !== v) } : x)) };
        } else if (kind === "zone" && spec.zones.filter((x) => x.site === z.site).length > 1) {
          gone = `${z.site}/zone/${z.id}`;
          shrunk = { ...spec, zones: spec.zones.filter((x) => x !== z) };
        } else if (kind === "site" && spec.sites.length > 1) {
          const s = spec.sites[pick % spec.sites.length];
          gone = `${s.id}/`;
          shrunk = {
            sites: spec.sites.filter((x) => x !== s),
            zones: spec.zones.filter((x) => x.site !== s.id),
            uplinks: (spec.uplinks ?? []).filter((x) => x[0] !== s.id),
            routers: (spec.routers ?? []).filter((x) => x[0] !== s.id),
            clusters: (spec.clusters ?? []).filter((x) => x[0] !== s.id),
          };
        }
        const after = allocate(shrunk, before).lock.allocations;
        for (const [id, entry] of Object.entries(after)) expect(entry).toEqual(before.allocations[id]);
        if (gone !== "") expect(Object.keys(after).some((id) => id === gone || (gone.endsWith("/") && id.startsWith(gone)))).toBe(false);
      }),
      RUNS,
    );
  });
});
