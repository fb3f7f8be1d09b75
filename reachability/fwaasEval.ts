/**
 * FWaaS v2 on a cloud router: a firewall group bound to router ports filters what enters the router from
 * a guarded subnet (its ingress policy) and what leaves the router into one (its egress policy). Rules are
 * tried in order; the first match decides; no match denies.
 */
import type { Family } from "./addresses";
import type { CompiledFwaasPolicy, Dataplane } from "./dataplane";
import type { Host } from "./endpointTypes";
import type { FirewallGroup } from "./fwaasModel";
import type { MatchOracle } from "./matchers";
import { emptySet, fullSet, intersect, isEmpty, subtract, union } from "./portSet";
import type { Contribution, PointVerdict } from "./verdictTypes";

/**
 * What a policy lets through from `src` to `dst` (first match wins, default deny).
 * @param policy the compiled policy
 * @param oracle decides matchers
 * @param family the family
 * @param src source host
 * @param dst destination host
 */
export function evaluateFwaasPolicy(policy: CompiledFwaasPolicy, oracle: MatchOracle, family: Family, src: Host, dst: Host): { allowed: ReturnType<typeof emptySet>; contributions: Contribution[] } {
  let remaining = fullSet();
  let allowed = emptySet();
  const contributions: Contribution[] = [];
  policy.rules.forEach((r, i) => {
    if (isEmpty(remaining) || r.rule.family !== family) return;
    if (!oracle.test(r.src, src, family) || !oracle.test(r.dst, dst, family)) return;
    const hit = intersect(remaining, r.ports);
    if (isEmpty(hit)) return;
    const action = r.rule.action === "allow" ? "allow" : "deny";
    if (action === "allow") allowed = union(allowed, hit);
    contributions.push({ ref: r.rule.urn, label: `FWaaS rule ${r.rule.name} (#${i + 1} of ${policy.policy.name})`, action, ports: hit, flows: r.rule.flows });
    remaining = subtract(remaining, r.ports);
  });
  return { allowed, contributions };
}

/** A router port a packet crosses, and which way. */
export interface FwaasCrossing {
  /** The subnet of the router port. */
  subnetId: string;
  /** `ingress`: the packet enters the router there; `egress`: it leaves the router there. */
  direction: "ingress" | "egress";
}

const uplinkCache = new WeakMap<(id: string) => boolean, Map<string, string[]>>();

/**
 * A router's uplinks: its interfaces on subnets that are not VLAN subnets (cached per VLAN test).
 * @param dp the dataplane
 * @param router router id
 * @param isVlanSubnet whether a subnet id is one of the site's VLAN subnets
 */
export function routerUplinks(dp: Dataplane, router: string, isVlanSubnet: (subnetId: string) => boolean): string[] {
  let cache = uplinkCache.get(isVlanSubnet);
  if (!cache) uplinkCache.set(isVlanSubnet, (cache = new Map()));
  let list = cache.get(router);
  if (!list) {
    list = dp.neutron.routerInterfaces.filter((r) => r.routerId === router && !isVlanSubnet(r.subnetId)).map((r) => r.subnetId).sort();
    cache.set(router, list);
  }
  return list;
}

/**
 * The router ports a packet crosses in the cloud: within one router, in at the source subnet's port and
 * out at the destination's; across routers (or to the outside), in and out at each router's uplink
 * ports (router interfaces on subnets that are not VLAN subnets). Hosts in one subnet cross nothing.
 * @param dp the dataplane
 * @param a source host
 * @param b destination host
 * @param family the family
 * @param isVlanSubnet whether a subnet id is one of the site's VLAN subnets
 */
export function fwaasCrossings(dp: Dataplane, a: Host, b: Host, family: Family, isVlanSubnet: (subnetId: string) => boolean): FwaasCrossing[] {
  const sa = a.subnetId[family];
  const sb = b.subnetId[family];
  if (sa !== undefined && sa === sb) return [];
  const ra = sa !== undefined ? dp.neutron.subnets.get(sa)?.routerId : undefined;
  const rb = sb !== undefined ? dp.neutron.subnets.get(sb)?.routerId : undefined;
  if (ra === undefined && rb === undefined) return [];
  const uplinks = (router: string): string[] => routerUplinks(dp, router, isVlanSubnet);
  const out: FwaasCrossing[] = [];
  if (ra !== undefined && ra === rb) return [{ subnetId: sa as string, direction: "ingress" }, { subnetId: sb as string, direction: "egress" }];
  if (ra !== undefined) {
    out.push({ subnetId: sa as string, direction: "ingress" });
    for (const u of uplinks(ra)) out.push({ subnetId: u, direction: "egress" });
  }
  if (rb !== undefined) {
    for (const u of uplinks(rb)) out.push({ subnetId: u, direction: "ingress" });
    out.push({ subnetId: sb as string, direction: "egress" });
  }
  return out;
}

/**
 * The FWaaS verdicts on the path from `a` to `b`: one per enabled group bound to a crossed router port
 * with a policy for that direction.
 * @param dp the dataplane
 * @param oracle decides matchers
 * @param a source host
 * @param b destination host
 * @param family the family
 * @param isVlanSubnet whether a subnet id is one of the site's VLAN subnets
 */
export function fwaasVerdicts(dp: Dataplane, oracle: MatchOracle, a: Host, b: Host, family: Family, isVlanSubnet: (subnetId: string) => boolean): PointVerdict[] {
  const out: PointVerdict[] = [];
  for (const c of fwaasCrossings(dp, a, b, family, isVlanSubnet)) {
    const groups: FirewallGroup[] = dp.fwaasBySubnet.get(c.subnetId) ?? [];
    for (const g of groups) {
      const p = c.direction === "ingress" ? g.ingress : g.egress;
      const compiled = p ? dp.fwaasPolicies.get(p.urn) : undefined;
      if (!compiled) continue;
      const r = evaluateFwaasPolicy(compiled, oracle, family, a, b);
      const subnetName = dp.neutron.subnets.get(c.subnetId)?.name ?? c.subnetId;
      out.push({ layer: "fwaas", point: `FWaaS ${g.name} ${c.direction} policy on the router port of ${subnetName}`, ref: compiled.policy.urn, ...r, otherwise: "deny" });
    }
  }
  return out;
}
