/**
 * The intended reachability from the flow intent (`resolveFlows`), at the proof's granularity:
 * a tier endpoint is that tier; a prefixes endpoint (zone, TSLCD) holds every endpoint whose hosts all
 * lie in its prefixes (a zone flow allows every address of the zone, tiers included); `anywhere`
 * holds every endpoint the cloud does not enforce (the Internet, TSLCD, zones' other hosts, bare
 * metal): a VM or pod only sends or receives what a flow naming it, its zone or its prefix allows,
 * plus what it reaches through the Internet (a host that may reach the Internet may reach what the
 * DC publishes to it).
 */
import type { Family } from "./addresses";
import type { ResolvedEndpoint, ResolvedRule } from "../compilers/flows/types";
import { hostsIn, isManaged, type Endpoint } from "./endpointTypes";
import { fullSet, singleSet, union, type PortSet } from "./portSet";
import { holds } from "./prefixCache";

/**
 * The ports a resolved rule allows.
 * @param rule the rule
 */
export function resolvedRulePorts(rule: Pick<ResolvedRule, "protocol" | "portMin" | "portMax">): PortSet {
  if (rule.protocol === "any") return fullSet();
  if (rule.protocol === "icmp") return singleSet("icmp");
  return singleSet(rule.protocol, rule.portMin, rule.portMax ?? rule.portMin);
}

/** How an endpoint class lies inside a resolved endpoint: by identity or address (`exact`), or only by sharing addresses with it (`address`). */
export type Within = "exact" | "address" | false;

function allInside(e: Endpoint, prefixes: readonly string[], family: Family): boolean {
  const hosts = hostsIn(e, family);
  const fam = prefixes.filter((p) => p.includes(":") === (family === "ipv6"));
  return hosts.length > 0 && hosts.every((h) => fam.some((p) => holds(p, h.address[family] as string)));
}

/**
 * Whether the endpoint class lies inside a resolved endpoint. A tier is matched by identity; an
 * endpoint the cloud does not enforce (bare metal, a zone's other hosts) that shares the tier's
 * addresses is matched `address`: the cloud only sees addresses there, so it cannot tell them apart.
 * @param e the endpoint class
 * @param r the resolved endpoint
 * @param family the family
 */
export function endpointWithin(e: Endpoint, r: ResolvedEndpoint, family: Family): Within {
  if (r.kind === "tier") {
    if (e.kind === "tier" && e.system === r.system && e.tier === r.tier) return "exact";
    return !isManaged(e, family) && allInside(e, r.prefixes, family) ? "address" : false;
  }
  return allInside(e, r.prefixes, family) ? "exact" : false;
}

/** Intended ports between two endpoints, with the flows that intend them. */
export interface Intended {
  /** Union of the ports of every covering rule. */
  ports: PortSet;
  /** The part intended by identity or prefix, without address sharing. */
  exactPorts: PortSet;
  /** Each covering flow and its ports. */
  flows: Array<{ flow: string; ports: PortSet }>;
}

/**
 * What the flow intent allows from `a` to `b` in one family: every rule covering both. Nothing is
 * composed through the Internet: it is outside the province, so an internal host reaches a published
 * service only by a flow that names it.
 * @param rules resolved rules of the site
 * @param a source endpoint
 * @param b destination endpoint
 * @param family the family
 */
export function intendedBetween(rules: readonly ResolvedRule[], a: Endpoint, b: Endpoint, family: Family): Intended {
  const flows = new Map<string, PortSet>();
  let exactPorts = union();
  const add = (flow: string, ports: PortSet, exact: boolean): void => {
    flows.set(flow, union(flows.get(flow) ?? union(), ports));
    if (exact) exactPorts = union(exactPorts, ports);
  };
  for (const r of rules) {
    if (r.family !== family) continue;
    const from = endpointWithin(a, r.from, family);
    if (!from) continue;
    const to = endpointWithin(b, r.to, family);
    if (!to) continue;
    add(r.flow, resolvedRulePorts(r), from === "exact" && to === "exact");
  }
  const list = [...flows.entries()].sort(([x], [y]) => x.localeCompare(y)).map(([flow, ports]) => ({ flow, ports }));
  return { ports: union(...list.map((f) => f.ports)), exactPorts, flows: list };
}
