/**
 * FWaaS v2: a firewall group on router ports filters what enters the router from a guarded subnet
 * (its ingress policy) and what leaves the router into one (its egress policy). Rules are tried in
 * order; the first match decides; no match denies.
 */
import type { Family } from "./addresses";
import type { Host } from "./endpointTypes";
import type { FirewallGroup, FirewallPolicy, FirewallRule } from "./firewallModel";
import type { NeutronModel } from "./neutronModel";
import { emptySet, fullSet, intersect, isEmpty, singleSet, subtract, union, type PortSet } from "./portSet";
import { holds } from "./prefixCache";
import type { Contribution, PointVerdict } from "./verdictTypes";

/**
 * The ports a firewall rule covers.
 * @param rule the rule
 */
export function firewallRulePorts(rule: Pick<FirewallRule, "protocol" | "destinationPort">): PortSet {
  if (rule.protocol === "any") return fullSet();
  if (rule.protocol === "icmp") return singleSet("icmp");
  return rule.destinationPort ? singleSet(rule.protocol, rule.destinationPort[0], rule.destinationPort[1]) : singleSet(rule.protocol);
}

/**
 * What a policy lets through between two addresses (first match wins, default deny).
 * @param policy the policy
 * @param family the family
 * @param src source address (undefined: unknown, matches only rules without a source)
 * @param dst destination address
 */
export function evaluateFirewallPolicy(policy: FirewallPolicy, family: Family, src: string | undefined, dst: string | undefined): { allowed: PortSet; contributions: Contribution[] } {
  let remaining = fullSet();
  let allowed = emptySet();
  const contributions: Contribution[] = [];
  for (const rule of policy.rules) {
    if (!rule.enabled || rule.family !== family) continue;
    if (rule.source !== undefined && !(src !== undefined && holds(rule.source, src))) continue;
    if (rule.destination !== undefined && !(dst !== undefined && holds(rule.destination, dst))) continue;
    const ports = firewallRulePorts(rule);
    const hit = intersect(remaining, ports);
    if (rule.action === "allow" && !isEmpty(hit)) {
      allowed = union(allowed, hit);
      contributions.push({ ref: rule.urn, flows: rule.flows, ports: hit });
    }
    remaining = subtract(remaining, ports);
  }
  return { allowed, contributions };
}

/**
 * The firewall verdicts on the path from `a` to `b`: the source subnet's router port (ingress policy)
 * and the destination subnet's (egress policy). Hosts in one subnet never cross the router.
 * @param neutron the Neutron model (which subnets are routed)
 * @param groups the firewall groups
 * @param a source host
 * @param b destination host
 * @param family the family
 */
export function firewallVerdicts(neutron: NeutronModel, groups: readonly FirewallGroup[], a: Host, b: Host, family: Family): PointVerdict[] {
  const sa = a.subnetId[family];
  const sb = b.subnetId[family];
  if (sa !== undefined && sa === sb) return [];
  const out: PointVerdict[] = [];
  const src = a.address[family];
  const dst = b.address[family];
  const side = (subnet: string | undefined, direction: "ingress" | "egress"): void => {
    if (subnet === undefined || !neutron.subnets.get(subnet)?.routed) return;
    for (const g of groups) {
      if (!g.adminStateUp || !g.subnetIds.includes(subnet)) continue;
      const policy = direction === "ingress" ? g.ingress : g.egress;
      if (!policy) continue;
      const r = evaluateFirewallPolicy(policy, family, src, dst);
      const subnetName = neutron.subnets.get(subnet)?.name ?? subnet;
      out.push({ layer: "firewall", point: `FWaaS ${g.name} ${direction} policy on the router port of ${subnetName}`, ref: policy.urn, ...r });
    }
  };
  side(sa, "ingress");
  side(sb, "egress");
  return out;
}
