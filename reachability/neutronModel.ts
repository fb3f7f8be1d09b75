/**
 * Neutron as the plan declares it: subnets (and which are routed), ports with their fixed addresses
 * and security groups, and security-group rules.
 */
import type { Plan } from "../offline/planTypes";
import { familyOf, type Family } from "./addresses";
import type { Proto } from "./portSet";
import { arr, flowsOfDescription, idOf, num, obj, ofType, str, T } from "./planInputs";

/** A Neutron subnet. */
export interface NeutronSubnet {
  /** Resource id (`id-of:...`). */
  id: string;
  /** Resource URN. */
  urn: string;
  /** Neutron name. */
  name: string;
  /** CIDR. */
  cidr: string;
  /** Family of the CIDR. */
  family: Family;
  /** True when a router interface attaches it (traffic to other subnets crosses the router). */
  routed: boolean;
  /** The router attaching it (the first one by name when several do). */
  routerId?: string;
}

/** One fixed address of a port; `address` is absent when Neutron picks it (SLAAC). */
export interface FixedIp {
  /** Subnet id. */
  subnetId: string;
  /** The address, when fixed. */
  address?: string;
}

/** A Neutron port. */
export interface NeutronPort {
  /** Resource id. */
  id: string;
  /** Resource URN. */
  urn: string;
  /** Neutron name. */
  name: string;
  /** `key:value` tags as a map (`system`, `tier`, `zone`, `site`). */
  tags: Record<string, string>;
  /** Security group ids. */
  groupIds: string[];
  /** Fixed addresses. */
  fixedIps: FixedIp[];
  /** The port's MAC when the plan fixes it (its SLAAC address follows from it). */
  mac?: string;
  /** Addresses the port may also answer for (allowed address pairs: a VIP its server holds). */
  allowedAddresses: string[];
}

/** A security-group rule. */
export interface SecurityRule {
  /** Resource URN (how discrepancies name it). */
  urn: string;
  /** The group it belongs to (id). */
  groupId: string;
  /** Direction. */
  direction: "ingress" | "egress";
  /** Family (`ethertype`). */
  family: Family;
  /** Protocol; undefined = any; `other` = a protocol the proof does not track (matches nothing it tracks). */
  protocol?: Proto | "other";
  /** First port (tcp/udp), absent = all. */
  portMin?: number;
  /** Last port. */
  portMax?: number;
  /** Remote prefix. */
  remotePrefix?: string;
  /** Remote group id. */
  remoteGroupId?: string;
  /** Flows the rule serves (from its description). */
  flows: string[];
}

/** A security group. */
export interface SecurityGroup {
  /** Resource id. */
  id: string;
  /** Resource URN. */
  urn: string;
  /** Neutron name. */
  name: string;
}

/** Everything Neutron-side the proof needs. */
export interface NeutronModel {
  /** Subnets by id. */
  subnets: Map<string, NeutronSubnet>;
  /** Ports. */
  ports: NeutronPort[];
  /** Groups by id. */
  groups: Map<string, SecurityGroup>;
  /** Rules by group id. */
  rulesByGroup: Map<string, SecurityRule[]>;
  /** Member ports of each group id (remote-group rules match them). */
  membersByGroup: Map<string, NeutronPort[]>;
  /** Router interfaces: which router attaches which subnet (by resource URN and id too). */
  routerInterfaces: Array<{ urn: string; id: string; routerId: string; subnetId: string }>;
}

/**
 * Protocol as Neutron writes it, mapped to what the proof tracks (`ipv6-icmp`/`icmpv6`/`1`/`58` → icmp).
 * @param p the protocol input
 */
export function neutronProtocol(p: string | undefined): Proto | "other" | undefined {
  if (p === undefined || p === "" || p === "any") return undefined;
  const v = p.toLowerCase();
  if (v === "tcp" || v === "6") return "tcp";
  if (v === "udp" || v === "17") return "udp";
  if (v === "sctp" || v === "132") return "sctp";
  if (v === "icmp" || v === "ipv6-icmp" || v === "icmpv6" || v === "1" || v === "58") return "icmp";
  return "other";
}

/**
 * Reads the Neutron side of a plan.
 * @param plan the plan
 */
export function neutronModel(plan: Plan): NeutronModel {
  const routerInterfaces = ofType(plan, T.routerInterface)
    .map((r) => ({ urn: r.urn, id: idOf(r), routerId: str(r.inputs, "routerId") ?? "", subnetId: str(r.inputs, "subnetId") ?? "" }))
    .filter((r) => r.subnetId !== "");
  const routerOfSubnet = new Map<string, string>();
  for (const r of [...routerInterfaces].sort((a, b) => a.routerId.localeCompare(b.routerId))) if (!routerOfSubnet.has(r.subnetId)) routerOfSubnet.set(r.subnetId, r.routerId);
  const subnets = new Map<string, NeutronSubnet>();
  for (const r of ofType(plan, T.subnet)) {
    const cidr = str(r.inputs, "cidr");
    if (!cidr) continue;
    const id = idOf(r);
    subnets.set(id, { id, urn: r.urn, name: str(r.inputs, "name") ?? r.name, cidr, family: familyOf(cidr), routed: routerOfSubnet.has(id), routerId: routerOfSubnet.get(id) });
  }
  const groups = new Map<string, SecurityGroup>();
  for (const r of ofType(plan, T.secGroup)) groups.set(idOf(r), { id: idOf(r), urn: r.urn, name: str(r.inputs, "name") ?? r.name });
  const ports: NeutronPort[] = ofType(plan, T.port).map((r) => {
    const tags: Record<string, string> = {};
    for (const t of arr(r.inputs, "tags")) {
      if (typeof t !== "string") continue;
      const i = t.indexOf(":");
      if (i > 0) tags[t.slice(0, i)] = t.slice(i + 1);
    }
    const fixedIps: FixedIp[] = [];
    for (const f of arr(r.inputs, "fixedIps")) {
      const o = obj(f);
      const subnetId = o ? str(o, "subnetId") : undefined;
      if (o && subnetId) fixedIps.push({ subnetId, address: str(o, "ipAddress") });
    }
    const groupIds = arr(r.inputs, "securityGroupIds").filter((g): g is string => typeof g === "string");
    const mac = str(r.inputs, "macAddress");
    const allowedAddresses = arr(r.inputs, "allowedAddressPairs").map((a) => { const o = obj(a); return o ? str(o, "ipAddress") : undefined; }).filter((a): a is string => a !== undefined);
    return { id: idOf(r), urn: r.urn, name: str(r.inputs, "name") ?? r.name, tags, groupIds, fixedIps, allowedAddresses, ...(mac ? { mac } : {}) };
  });
  const rulesByGroup = new Map<string, SecurityRule[]>();
  for (const r of ofType(plan, T.secGroupRule)) {
    const groupId = str(r.inputs, "securityGroupId");
    const direction = str(r.inputs, "direction");
    if (!groupId || (direction !== "ingress" && direction !== "egress")) continue;
    const rule: SecurityRule = {
      urn: r.urn,
      groupId,
      direction,
      family: str(r.inputs, "ethertype") === "IPv6" ? "ipv6" : "ipv4",
      protocol: neutronProtocol(str(r.inputs, "protocol")),
      portMin: num(r.inputs, "portRangeMin"),
      portMax: num(r.inputs, "portRangeMax"),
      remotePrefix: str(r.inputs, "remoteIpPrefix"),
      remoteGroupId: str(r.inputs, "remoteGroupId"),
      flows: flowsOfDescription(str(r.inputs, "description")),
    };
    const list = rulesByGroup.get(groupId);
    if (list) list.push(rule);
    else rulesByGroup.set(groupId, [rule]);
  }
  const membersByGroup = new Map<string, NeutronPort[]>();
  for (const p of ports) {
    for (const g of p.groupIds) {
      const list = membersByGroup.get(g);
      if (list) list.push(p);
      else membersByGroup.set(g, [p]);
    }
  }
  return { subnets, ports, groups, rulesByGroup, membersByGroup, routerInterfaces };
}
