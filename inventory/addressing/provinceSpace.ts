/**
 * The province's own address space and its complement, the Internet. "Internet" in a flow means outside
 * the province: every address except the sites' aggregates, zone blocks, TSLCD prefixes, Kubernetes
 * cluster ranges and registered public prefixes, in both families. One place for that fact: the rule
 * compilers and the reports use it (the reachability proof derives it on its own from the same plan).
 */
import type { Family } from "./address";
import { complementOf } from "./complement";
import type { AddressPlan } from "./types";

/**
 * Every prefix the province owns or uses, per family (unsorted, may overlap).
 * @param plan the province's address plan
 */
export function provinceSpace(plan: AddressPlan): Record<Family, string[]> {
  const all = plan.sites.flatMap((s) => [
    ...s.ipv4Aggregates,
    ...s.ipv6Aggregates,
    ...s.zones.flatMap((z) => [z.ipv4, z.ipv6]),
    ...s.subnets.flatMap((n) => [n.ipv4.prefix, n.ipv6.prefix]),
    ...s.tslcd.map((t) => t.prefix),
    ...s.clusters.flatMap((c) => [c.pods.ipv4, c.pods.ipv6, c.services.ipv4, c.services.ipv6]),
    ...(s.publicPrefixes ? [...s.publicPrefixes.ipv4, ...s.publicPrefixes.ipv6] : []),
  ]);
  return { ipv4: all.filter((p) => !p.includes(":")), ipv6: all.filter((p) => p.includes(":")) };
}

const internetCache = new WeakMap<AddressPlan, Record<Family, string[]>>();

/**
 * The Internet as seen from the province: the complement of `provinceSpace`, the fewest prefixes, sorted.
 * @param plan the province's address plan
 */
export function internetPrefixes(plan: AddressPlan): Record<Family, string[]> {
  let r = internetCache.get(plan);
  if (!r) {
    const space = provinceSpace(plan);
    r = { ipv4: complementOf("ipv4", space.ipv4), ipv6: complementOf("ipv6", space.ipv6) };
    internetCache.set(plan, r);
  }
  return r;
}
