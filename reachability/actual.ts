/**
 * What the plan actually allows between two hosts and between two endpoint classes: the source's
 * egress AND the destination's ingress AND every firewall crossed. A side without a port or a pod is
 * outside the cloud: the cloud decides nothing there, so it allows everything.
 */
import type { Family } from "./addresses";
import { hostsIn, type Endpoint, type Host } from "./endpointTypes";
import type { FirewallGroup } from "./firewallModel";
import { firewallVerdicts } from "./firewallEval";
import type { KubeModel } from "./kubeModel";
import type { NeutronModel } from "./neutronModel";
import { networkPolicyVerdict } from "./networkPolicyEval";
import { emptySet, fullSet, intersect, union, type PortSet } from "./portSet";
import { securityGroupVerdict } from "./securityGroupEval";
import type { PointVerdict } from "./verdictTypes";

/** Everything the evaluator reads from a plan. */
export interface DataplaneModel {
  /** Ports, groups, rules, subnets. */
  neutron: NeutronModel;
  /** FWaaS groups. */
  firewalls: FirewallGroup[];
  /** Namespaces and NetworkPolicies. */
  kube: KubeModel;
}

/** The verdict for one host pair. */
export interface PairVerdict {
  /** Source host id. */
  from: string;
  /** Destination host id. */
  to: string;
  /** True when at least one enforcement point lies on the path. */
  enforced: boolean;
  /** What gets through. */
  allowed: PortSet;
  /** Every enforcement point on the path. */
  points: PointVerdict[];
}

function sideVerdict(model: DataplaneModel, host: Host, direction: "ingress" | "egress", peer: Host, family: Family): PointVerdict | undefined {
  if (host.port) return securityGroupVerdict(model.neutron, host, direction, peer, family);
  if (host.pod) return networkPolicyVerdict(model.kube, host, direction, peer, family);
  return undefined;
}

/**
 * What the plan allows from host `a` to host `b` in one family.
 * @param model the plan's dataplane
 * @param a source host
 * @param b destination host
 * @param family the family
 */
export function evaluateHostPair(model: DataplaneModel, a: Host, b: Host, family: Family): PairVerdict {
  const points: PointVerdict[] = [];
  const egress = sideVerdict(model, a, "egress", b, family);
  if (egress) points.push(egress);
  const ingress = sideVerdict(model, b, "ingress", a, family);
  if (ingress) points.push(ingress);
  points.push(...firewallVerdicts(model.neutron, model.firewalls, a, b, family));
  const allowed = points.reduce((acc, p) => intersect(acc, p.allowed), fullSet());
  return { from: a.id, to: b.id, enforced: points.length > 0, allowed, points };
}

/** The verdict for an endpoint pair: what every host pair allows, and what some host pair allows. */
export interface EndpointVerdict {
  /** True when some host pair meets an enforcement point. */
  enforced: boolean;
  /** Allowed for every host pair (a declared flow must reach every instance). */
  all: PortSet;
  /** Allowed for some host pair (anything here that is not declared is open). */
  any: PortSet;
  /** The host pairs. */
  pairs: PairVerdict[];
}

/**
 * What the plan allows from endpoint `a` to endpoint `b` in one family, over all their host pairs.
 * @param model the plan's dataplane
 * @param a source endpoint
 * @param b destination endpoint
 * @param family the family
 */
export function evaluateEndpointPair(model: DataplaneModel, a: Endpoint, b: Endpoint, family: Family): EndpointVerdict {
  const pairs: PairVerdict[] = [];
  for (const x of hostsIn(a, family)) for (const y of hostsIn(b, family)) if (x.id !== y.id) pairs.push(evaluateHostPair(model, x, y, family));
  if (pairs.length === 0) return { enforced: false, all: emptySet(), any: emptySet(), pairs };
  return {
    enforced: pairs.some((p) => p.enforced),
    all: pairs.reduce((acc, p) => intersect(acc, p.allowed), fullSet()),
    any: union(...pairs.map((p) => p.allowed)),
    pairs,
  };
}
