/**
 * No Internet flow opens an internal prefix, in any layer: on generated provinces of any size with
 * random flows to and from the Internet (from every kind of endpoint), every rule that exists only for
 * Internet flows names, on its Internet side, addresses outside the province's own space — security
 * groups, FWaaS, the zone firewalls' Internet object and NetworkPolicy default routes (whose `except`
 * must cover the whole province). Since every layer must allow a packet for it to pass, no layer opening
 * an internal prefix for the Internet means the layers together never do.
 */
import fc from "fast-check";
import { syntheticProvince } from "../../inventory/synthetic/syntheticProvince";
import { Inventory } from "../../inventory/model";
import { allocateAddressPlan, overlaps, parsePrefix, provinceSpace } from "../../inventory/addressing";
import { compileSite } from "../../compilers/site";
import { compileKubernetes } from "../../compilers/kubernetes/compile";

function inside(prefix: string, space: readonly string[]): boolean {
  const p = parsePrefix(prefix);
  if (!p.ok) throw new Error(`bad prefix ${prefix}`);
  return space.some((s) => {
    const q = parsePrefix(s);
    return q.ok && overlaps(p.prefix, q.prefix);
  });
}

/** Covered: every address of `space` lies in some prefix of `cover`. */
function covers(cover: readonly string[], space: readonly string[]): boolean {
  return space.every((s) => cover.some((c) => {
    const a = parsePrefix(c);
    const b = parsePrefix(s);
    return a.ok && b.ok && a.prefix.length <= b.prefix.length && overlaps(a.prefix, b.prefix);
  }));
}

const arb = fc.record({
  sites: fc.integer({ min: 1, max: 3 }),
  systems: fc.integer({ min: 1, max: 6 }),
  vlans: fc.integer({ min: 12, max: 40 }),
  extra: fc.array(fc.record({ system: fc.nat(), toInternet: fc.boolean(), tier: fc.constantFrom("web", "app", "db") }), { maxLength: 6 }),
});

it("keeps every Internet-only rule of every layer outside the province's space (property over generated provinces and Internet flows)", () => {
  fc.assert(
    fc.property(arb, ({ sites, systems, vlans, extra }) => {
      const base = syntheticProvince({ sites, systems, vlans });
      const flows = [...base.flows];
      extra.forEach((e, i) => {
        const system = base.systems[e.system % base.systems.length];
        const ep = { system: system.id, tier: e.tier };
        flows.push({ name: `extra-internet-${i}`, from: e.toInternet ? ep : { external: "internet" }, to: e.toInternet ? { external: "internet" } : ep, services: ["https"], justification: "generated" } as Inventory["flows"][number]);
      });
      const inv = Inventory.parse({ ...base, flows });
      const r = allocateAddressPlan(inv);
      if (!r.ok) throw new Error(JSON.stringify(r.problems.slice(0, 3)));
      const space = provinceSpace(r.plan);
      const own = [...space.ipv4, ...space.ipv6];
      const internetFlows = new Set(inv.flows.filter((f) => f.from.external === "internet" || f.to.external === "internet").map((f) => f.name));
      let checked = 0;
      for (const sitePlan of r.plan.sites) {
        const c = compileSite(inv, sitePlan, { province: r.plan });
        for (const g of c.securityGroups) {
          for (const rule of g.rules.filter((x) => x.flows.every((f) => internetFlows.has(f)) && x.remoteIpPrefix)) {
            checked++;
            expect({ group: g.key, prefix: rule.remoteIpPrefix, inside: inside(rule.remoteIpPrefix as string, own) }).toEqual({ group: g.key, prefix: rule.remoteIpPrefix, inside: false });
          }
        }
        for (const fw of c.firewalls) {
          for (const rule of [...fw.ingress, ...fw.egress].filter((x) => x.flows.every((f) => internetFlows.has(f)))) {
            const outside = rule.flows.some((f) => inv.flows.find((x) => x.name === f)?.from.external === "internet") ? rule.sourceIpAddress : rule.destinationIpAddress;
            expect(outside).toBeDefined();
            expect(inside(outside as string, own)).toBe(false);
          }
        }
        for (const rb of c.ruleBases) {
          const internet = rb.addresses.find((a) => a.kind === "internet");
          if (internet) {
            checked++;
            for (const p of [...internet.ipv4, ...internet.ipv6]) expect({ p, inside: inside(p, own) }).toEqual({ p, inside: false });
          }
        }
      }
      const k8s = compileKubernetes({ inventory: inv, clusterRanges: r.plan.sites.flatMap((s) => s.clusters), subnets: r.plan.sites.flatMap((s) => s.subnets), rules: r.plan.sites.flatMap((s) => compileSite(inv, s, { province: r.plan }).rules), options: { logShipperImage: "x" } });
      for (const o of k8s.clusters.flatMap((cl) => cl.objects).filter((x) => x.kind === "NetworkPolicy")) {
        const spec = o.spec as { ingress?: Array<{ from?: Array<{ ipBlock?: { cidr: string; except?: string[] } }> }>; egress?: Array<{ to?: Array<{ ipBlock?: { cidr: string; except?: string[] } }> }> };
        const blocks = [...(spec.ingress ?? []).flatMap((i) => i.from ?? []), ...(spec.egress ?? []).flatMap((e) => e.to ?? [])].flatMap((p) => (p.ipBlock ? [p.ipBlock] : []));
        for (const b of blocks.filter((x) => x.cidr === "0.0.0.0/0" || x.cidr === "::/0")) {
          checked++;
          expect(covers(b.except ?? [], b.cidr.includes(":") ? space.ipv6 : space.ipv4)).toBe(true);
        }
      }
      expect(checked).toBeGreaterThan(0);
    }),
    { numRuns: 12 },
  );
});
