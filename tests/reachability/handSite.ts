/**
 * Hand-made sites for the layer tests: a topology of zones and enforcers, hosts placed on VLANs, and
 * literal rule bases, so each test states exactly the packet path and rules it checks.
 */
import type { RuleBase, FirewallRule, AddressObject, ServiceObject } from "../../compilers/firewall/ruleBaseTypes";
import type { Host, Location } from "../../reachability/endpointTypes";
import type { SiteTopology, ZoneInfo } from "../../reachability/topology";

/**
 * A topology.
 * @param zones zones (id, kind, enforcer, virtual firewall)
 * @param vlans VLAN subnets: prefix → `<zone>/<vlan>`
 */
export function topology(zones: Array<Partial<ZoneInfo> & { id: string; enforcedBy: string }>, vlans: Record<string, string> = {}): SiteTopology {
  const map = new Map<string, ZoneInfo>(zones.map((z) => [z.id, { kind: "internal-server", virtualFirewall: false, ...z }]));
  const edge = [...map.values()].find((z) => z.kind === "edge");
  const tslcd = [...map.values()].find((z) => z.kind === "tslcd") ?? edge;
  return { site: "t", zones: map, internetEntry: edge?.enforcedBy, tslcdEntry: tslcd?.enforcedBy, vlanOfPrefix: new Map(Object.entries(vlans)) };
}

/**
 * A host with no port or pod (bare metal, a zone's other hosts, the outside).
 * @param id host id
 * @param address its address
 * @param location where it is
 * @param subnetId its Neutron subnet, if any
 */
export function plainHost(id: string, address: string, location: Location, subnetId?: string): Host {
  const f = address.includes(":") ? "ipv6" : "ipv4";
  return { id, address: { [f]: address }, subnetId: subnetId ? { [f]: subnetId } : {}, location };
}

/** An address object. */
export function obj(name: string, ipv4: string[], ipv6: string[] = []): AddressObject {
  return { name, kind: "tier", description: name, ipv4, ipv6 };
}

/** A service object. */
export function svc(name: string, protocol: ServiceObject["protocol"], portMin?: number, portMax?: number): ServiceObject {
  return { name, protocol, portMin, portMax };
}

/** A rule. */
export function rule(id: string, action: "accept" | "deny", sources: string[], destinations: string[], services: string[], families: Array<"ipv4" | "ipv6"> = ["ipv4", "ipv6"], flows: string[] = []): FirewallRule {
  return { id, section: { from: "a", to: "b" }, action, families, sources, destinations, services, log: true, flows: flows.map((flow) => ({ flow })), comment: id };
}

/**
 * A rule base of a device.
 * @param device the device
 * @param parts objects, services, rules (in order)
 */
export function ruleBase(device: string, parts: { addresses?: AddressObject[]; services?: ServiceObject[]; rules: FirewallRule[]; nat?: RuleBase["nat"] }): RuleBase {
  return {
    schema: "hatang.rulebase/v1",
    site: "t",
    device,
    members: [device],
    platform: "nftables",
    zones: [],
    externals: [],
    ipsProfile: "default",
    addresses: parts.addresses ?? [],
    services: parts.services ?? [],
    rules: parts.rules,
    nat: parts.nat ?? [],
  };
}
