/**
 * Neutron security groups: stateful allow-lists on a port. A port allows a direction's traffic to or
 * from a peer on the union of the ports of its groups' rules of that direction that match the peer.
 */
import type { Family } from "./addresses";
import type { Host } from "./endpointTypes";
import type { NeutronModel, SecurityRule } from "./neutronModel";
import { emptySet, fullSet, singleSet, union, isEmpty, type PortSet } from "./portSet";
import { holds } from "./prefixCache";
import type { PointVerdict } from "./verdictTypes";

/**
 * The ports a rule opens (icmp type/code are not told apart: any ICMP).
 * @param rule the rule
 */
export function securityRulePorts(rule: Pick<SecurityRule, "protocol" | "portMin" | "portMax">): PortSet {
  if (rule.protocol === undefined) return fullSet();
  if (rule.protocol === "other") return emptySet();
  if (rule.protocol === "icmp") return singleSet("icmp");
  return singleSet(rule.protocol, rule.portMin, rule.portMax ?? rule.portMin);
}

/**
 * True when a rule's remote side matches the peer: a remote group matches its member ports, a remote
 * prefix the peer's address, no remote everything.
 * @param rule the rule
 * @param peer the other host
 * @param family the family of the connection
 */
export function securityRuleMatches(rule: SecurityRule, peer: Host, family: Family): boolean {
  if (rule.family !== family) return false;
  if (rule.remoteGroupId !== undefined) return peer.port?.groupIds.includes(rule.remoteGroupId) ?? false;
  if (rule.remotePrefix !== undefined) {
    const addr = peer.address[family];
    return addr !== undefined && holds(rule.remotePrefix, addr);
  }
  return true;
}

/**
 * What a port's security groups allow in one direction towards or from a peer.
 * @param model the Neutron model
 * @param host the host with the port
 * @param direction `egress` (host sends) or `ingress` (host receives)
 * @param peer the other host
 * @param family the family
 */
export function securityGroupVerdict(model: NeutronModel, host: Host, direction: "ingress" | "egress", peer: Host, family: Family): PointVerdict {
  const port = host.port;
  if (!port) throw new Error(`${host.id} has no port`);
  const contributions = [];
  for (const g of port.groupIds) {
    for (const rule of model.rulesByGroup.get(g) ?? []) {
      if (rule.direction !== direction || !securityRuleMatches(rule, peer, family)) continue;
      const ports = securityRulePorts(rule);
      if (!isEmpty(ports)) contributions.push({ ref: rule.urn, flows: rule.flows, ports });
    }
  }
  const groups = port.groupIds.map((g) => model.groups.get(g)?.name ?? g).join(", ");
  return { layer: "security-group", point: `${direction} of port ${port.name} (groups ${groups})`, ref: port.urn, allowed: union(...contributions.map((c) => c.ports)), contributions };
}
