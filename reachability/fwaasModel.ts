/**
 * FWaaS v2 (the cloud router's firewall groups) as the plan declares it: firewall groups, their ingress/egress policies (ordered rules)
 * and the router subnets they guard.
 */
import type { Plan } from "../offline/planTypes";
import type { Family } from "./addresses";
import type { Interval, Proto } from "./portSet";
import { arr, flowsOfDescription, idOf, num, ofType, str, T } from "./planInputs";

/** One FWaaS rule. */
export interface FirewallRule {
  /** Rule name (reports). */
  name: string;
  /** Resource URN. */
  urn: string;
  /** Family (`ipVersion`). */
  family: Family;
  /** Protocol; `any` matches all. */
  protocol: Proto | "any";
  /** Source prefix or address; absent = any. */
  source?: string;
  /** Destination prefix or address; absent = any. */
  destination?: string;
  /** Destination port range; absent = all. */
  destinationPort?: Interval;
  /** What a match does. */
  action: "allow" | "deny" | "reject";
  /** Disabled rules are skipped. */
  enabled: boolean;
  /** Flows the rule serves. */
  flows: string[];
}

/** A policy: rules in order; first match wins, no match denies. */
export interface FirewallPolicy {
  /** Resource URN. */
  urn: string;
  /** Policy name. */
  name: string;
  /** Rules in order. */
  rules: FirewallRule[];
}

/** A firewall group bound to router ports. */
export interface FirewallGroup {
  /** Resource URN. */
  urn: string;
  /** Name. */
  name: string;
  /** Traffic entering the router from the guarded subnets. Absent: not filtered. */
  ingress?: FirewallPolicy;
  /** Traffic leaving the router into the guarded subnets. Absent: not filtered. */
  egress?: FirewallPolicy;
  /** Subnet ids whose router ports the group is bound to. */
  subnetIds: string[];
  /** A group administratively down filters nothing. */
  adminStateUp: boolean;
}

/**
 * Parses FWaaS `destinationPort` text: `443` or `8000:8080`.
 * @param text the port text
 */
export function parseFirewallPort(text: string | undefined): Interval | undefined {
  if (text === undefined || text.trim() === "") return undefined;
  const [a, b] = text.split(":").map((x) => Number(x.trim()));
  if (!Number.isInteger(a)) return undefined;
  return [a, Number.isInteger(b) ? b : a];
}

function protocolOf(p: string | undefined): Proto | "any" {
  const v = (p ?? "any").toLowerCase();
  return v === "tcp" || v === "udp" || v === "sctp" ? v : v === "icmp" || v === "ipv6-icmp" ? "icmp" : "any";
}

/**
 * Reads the FWaaS side of a plan. A group's ports are router-interface port ids, which offline are
 * unknown (null); the group's dependencies on router interfaces name them instead.
 * @param plan the plan
 */
export function fwaasModel(plan: Plan): FirewallGroup[] {
  const rules = new Map<string, FirewallRule>();
  for (const r of ofType(plan, T.fwRule)) {
    const action = str(r.inputs, "action") ?? "deny";
    rules.set(idOf(r), {
      name: str(r.inputs, "name") ?? r.name,
      urn: r.urn,
      family: num(r.inputs, "ipVersion") === 6 ? "ipv6" : "ipv4",
      protocol: protocolOf(str(r.inputs, "protocol")),
      source: str(r.inputs, "sourceIpAddress"),
      destination: str(r.inputs, "destinationIpAddress"),
      destinationPort: parseFirewallPort(str(r.inputs, "destinationPort")),
      action: action === "allow" || action === "reject" ? action : "deny",
      enabled: r.inputs["enabled"] !== false,
      flows: flowsOfDescription(str(r.inputs, "description")),
    });
  }
  const policies = new Map<string, FirewallPolicy>();
  for (const r of ofType(plan, T.fwPolicy)) {
    const list = arr(r.inputs, "rules").map((id) => (typeof id === "string" ? rules.get(id) : undefined)).filter((x): x is FirewallRule => x !== undefined);
    policies.set(idOf(r), { urn: r.urn, name: str(r.inputs, "name") ?? r.name, rules: list });
  }
  const rifSubnet = new Map<string, string>();
  for (const r of ofType(plan, T.routerInterface)) {
    const s = str(r.inputs, "subnetId");
    if (s) {
      rifSubnet.set(r.urn, s);
      rifSubnet.set(idOf(r), s);
    }
  }
  return ofType(plan, T.fwGroup).map((r) => {
    const refs = [...r.dependencies, ...arr(r.inputs, "ports").filter((p): p is string => typeof p === "string")];
    const subnetIds = [...new Set(refs.map((x) => rifSubnet.get(x)).filter((s): s is string => s !== undefined))].sort();
    const ingressId = str(r.inputs, "ingressFirewallPolicyId");
    const egressId = str(r.inputs, "egressFirewallPolicyId");
    return {
      urn: r.urn,
      name: str(r.inputs, "name") ?? r.name,
      ingress: ingressId ? (policies.get(ingressId) ?? { urn: ingressId, name: ingressId, rules: [] }) : undefined,
      egress: egressId ? (policies.get(egressId) ?? { urn: egressId, name: egressId, rules: [] }) : undefined,
      subnetIds,
      adminStateUp: r.inputs["adminStateUp"] !== false,
    };
  });
}
