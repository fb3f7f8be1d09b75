/**
 * Neutron security groups: stateful allow-lists on a port. A direction allows, towards or from a peer,
 * the union of the ports of its groups' rules of that direction whose remote side matches the peer.
 */
import type { Family } from "./addresses";
import type { CompiledSecurityRule, Dataplane } from "./dataplane";
import type { Host } from "./endpointTypes";
import type { MatchOracle } from "./matchers";
import { isEmpty, union } from "./portSet";
import type { Contribution, PointVerdict } from "./verdictTypes";

const byPortCache = new WeakMap<Dataplane, Map<string, CompiledSecurityRule[]>>();

/**
 * The rules of a port's groups of one direction and family (cached per group list).
 * @param dp the dataplane
 * @param groupIds the port's groups
 * @param direction the direction
 * @param family the family
 */
export function portRules(dp: Dataplane, groupIds: readonly string[], direction: "ingress" | "egress", family: Family): CompiledSecurityRule[] {
  let cache = byPortCache.get(dp);
  if (!cache) byPortCache.set(dp, (cache = new Map()));
  const key = `${direction}|${family}|${groupIds.join(",")}`;
  let list = cache.get(key);
  if (!list) {
    list = groupIds.flatMap((g) => (dp.securityRules.get(g) ?? []).filter((r) => r.rule.direction === direction && r.rule.family === family));
    cache.set(key, list);
  }
  return list;
}

/**
 * What a port's security groups allow in one direction towards or from a peer.
 * @param dp the dataplane
 * @param oracle decides matchers
 * @param host the host with the port
 * @param direction `egress` (host sends) or `ingress` (host receives)
 * @param peer the other host
 * @param family the family
 */
export function securityGroupVerdict(dp: Dataplane, oracle: MatchOracle, host: Host, direction: "ingress" | "egress", peer: Host, family: Family): PointVerdict {
  const port = host.port;
  if (!port) throw new Error(`${host.id} has no port`);
  const contributions: Contribution[] = [];
  for (const r of portRules(dp, port.groupIds, direction, family)) {
    if (isEmpty(r.ports) || !oracle.test(r.remote, peer, family)) continue;
    contributions.push({ ref: r.rule.urn, label: `security group ${dp.neutron.groups.get(r.rule.groupId)?.name ?? r.rule.groupId} ${direction} rule`, action: "allow", ports: r.ports, flows: r.rule.flows });
  }
  const groups = port.groupIds.map((g) => dp.neutron.groups.get(g)?.name ?? g).join(", ");
  return {
    layer: "security-group",
    point: `${direction} of port ${port.name} (groups ${groups})`,
    ref: port.urn,
    allowed: union(...contributions.map((c) => c.ports)),
    contributions,
    otherwise: "deny",
  };
}
