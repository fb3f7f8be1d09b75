/** fast-check arbitraries for random province models (compact specs, see model.ts). */
import fc from "fast-check";
import type { ModelSpec, SiteSpec, VlanSpec, ZoneSpec } from "./model";

const ZONE_IDS = ["apps", "db", "dmz", "mgmt", "soc", "storage"];
const VLAN_NAMES = ["a", "b", "c", "d", "e", "f", "g"];

/** Site i: 10.(16 i).0.0/12 and 2001:db8:i::/48, so sites never overlap. */
export function siteSpec(i: number): SiteSpec {
  return { id: `s${i}`, ipv4: [`10.${16 * i}.0.0/12`], ipv6: [`2001:db8:${i.toString(16)}::/48`] };
}

/** VLANs with unique names and ids. */
export const vlansArb = fc
  .uniqueArray(fc.constantFrom(...VLAN_NAMES), { minLength: 1, maxLength: 5 })
  .chain((names) => fc.tuple(fc.constant(names), fc.array(fc.integer({ min: 1, max: 2000 }), { minLength: names.length, maxLength: names.length })))
  .map(([names, hosts]): VlanSpec[] => names.map((name, i) => ({ id: 100 + VLAN_NAMES.indexOf(name), name, hosts: hosts[i] })));

/** A whole model: 1–3 sites, 1–4 zones each, links, routers and clusters. */
export const modelArb: fc.Arbitrary<ModelSpec> = fc.integer({ min: 1, max: 3 }).chain((siteCount) => {
  const sites = Array.from({ length: siteCount }, (_, i) => siteSpec(i + 1));
  const perSite = sites.map((s) =>
    fc.record({
      zones: fc.uniqueArray(fc.constantFrom(...ZONE_IDS), { minLength: 1, maxLength: 4 }).chain((ids) =>
        fc.tuple(...ids.map((id) => vlansArb.map((vlans): ZoneSpec => ({ id, site: s.id, vlans })))),
      ),
      uplinks: fc.integer({ min: 0, max: 3 }),
      routers: fc.integer({ min: 0, max: 3 }),
      clusters: fc.integer({ min: 0, max: 2 }),
    }),
  );
  return fc.tuple(...perSite).map((parts): ModelSpec => ({
    sites,
    zones: parts.flatMap((p) => p.zones),
    uplinks: parts.flatMap((p, i) => Array.from({ length: p.uplinks }, (_, k): [string, string] => [sites[i].id, `up${k}`])),
    routers: parts.flatMap((p, i) => Array.from({ length: p.routers }, (_, k): [string, string] => [sites[i].id, `rtr${k}`])),
    clusters: parts.flatMap((p, i) => Array.from({ length: p.clusters }, (_, k): [string, string] => [sites[i].id, `k${k}`])),
  }));
});

/** A permutation of a list, as a sort key per element. */
export function shuffled<T>(list: readonly T[], keys: readonly number[]): T[] {
  return list.map((x, i) => ({ x, k: keys[i % Math.max(keys.length, 1)] ?? 0, i })).sort((a, b) => a.k - b.k || b.i - a.i).map((e) => e.x);
}
