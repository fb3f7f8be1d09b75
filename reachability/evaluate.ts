/**
 * What the plan allows between two hosts in one family: the source's egress (security groups or pod
 * policy) AND every FWaaS policy and zone firewall on the path AND the destination's ingress (points are
 * listed in that order). Layers a
 * host does not have decide nothing; a device on the path without a rule base in the plan is not an
 * enforcement point (it is reported on its own, see `missingRuleBases`).
 */
import type { Family } from "./addresses";
import { type CompiledRuleBase, type CompiledRuleBaseRule, type Dataplane } from "./dataplane";
import type { Host } from "./endpointTypes";
import { fwaasVerdicts } from "./fwaasEval";
import type { MatchOracle } from "./matchers";
import { networkPolicyVerdict } from "./networkPolicyEval";
import { fullSet, intersect, type PortSet } from "./portSet";
import { deviceKey } from "./ruleBaseModel";
import { ruleBaseVerdict } from "./ruleBaseEval";
import { securityGroupVerdict } from "./securityGroupEval";
import { canonicalPrefix, devicePath, type SiteTopology } from "./topology";
import type { PointVerdict } from "./verdictTypes";

/** Everything pair evaluation needs. */
export interface EvalContext {
  /** The plan's dataplane. */
  dp: Dataplane;
  /** The site. */
  topo: SiteTopology;
  /** Decides matchers (directly, or by the engine's bit sets). */
  oracle: MatchOracle;
  /** The rules of a rule base worth trying for a host pair, in order (default: all). */
  ruleIndex?: (rb: CompiledRuleBase, src: Host, dst: Host, family: Family) => readonly CompiledRuleBaseRule[];
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
  /** Every enforcement point on the path, in the order the packet meets them. */
  points: PointVerdict[];
  /** Enforcing devices on the path that have no rule base in the plan. */
  missingRuleBases: string[];
}

const vlanSubnetCache = new WeakMap<Dataplane, Map<SiteTopology, (id: string) => boolean>>();

/**
 * Whether a Neutron subnet is one of the site's VLAN subnets (not a router uplink).
 * @param dp the dataplane
 * @param topo the site
 */
export function vlanSubnetTest(dp: Dataplane, topo: SiteTopology): (id: string) => boolean {
  let byTopo = vlanSubnetCache.get(dp);
  if (!byTopo) vlanSubnetCache.set(dp, (byTopo = new Map()));
  let f = byTopo.get(topo);
  if (!f) {
    const ids = new Set([...dp.neutron.subnets.values()].filter((s) => topo.vlanOfPrefix.has(canonicalPrefix(s.cidr))).map((s) => s.id));
    f = (id: string) => ids.has(id);
    byTopo.set(topo, f);
  }
  return f;
}

/**
 * The zone firewalls a packet crosses, with their rule bases (undefined when the plan has none).
 * @param ctx the context
 * @param a source host
 * @param b destination host
 */
export function zoneFirewallsOnPath(ctx: Pick<EvalContext, "dp" | "topo">, a: Host, b: Host): Array<{ device: string; ruleBase?: CompiledRuleBase }> {
  return devicePath(ctx.topo, a.location, b.location).map((device) => ({ device, ruleBase: ctx.dp.compiledRuleBases.get(deviceKey(ctx.topo.site, device)) }));
}

/**
 * What the plan allows from host `a` to host `b` in one family.
 * @param ctx the context
 * @param a source host
 * @param b destination host
 * @param family the family
 */
export function evaluateHostPair(ctx: EvalContext, a: Host, b: Host, family: Family): PairVerdict {
  const { dp, oracle } = ctx;
  const points: PointVerdict[] = [];
  if (a.port) points.push(securityGroupVerdict(dp, oracle, a, "egress", b, family));
  else if (a.pod) points.push(networkPolicyVerdict(dp, oracle, a, "egress", b, family));
  const inCluster = a.pod !== undefined && b.pod !== undefined && a.pod.cluster === b.pod.cluster;
  const missingRuleBases: string[] = [];
  if (!inCluster) {
    points.push(...fwaasVerdicts(dp, oracle, a, b, family, vlanSubnetTest(dp, ctx.topo)));
    for (const { device, ruleBase } of zoneFirewallsOnPath(ctx, a, b)) {
      if (!ruleBase) {
        missingRuleBases.push(device);
        continue;
      }
      points.push(ruleBaseVerdict(ruleBase, oracle, family, a, b, ctx.ruleIndex ? ctx.ruleIndex(ruleBase, a, b, family) : ruleBase.rules));
    }
  }
  if (b.port) points.push(securityGroupVerdict(dp, oracle, b, "ingress", a, family));
  else if (b.pod) points.push(networkPolicyVerdict(dp, oracle, b, "ingress", a, family));
  let allowed = fullSet();
  for (const p of points) allowed = intersect(allowed, p.allowed);
  return { from: a.id, to: b.id, enforced: points.length > 0, allowed, points, missingRuleBases };
}
