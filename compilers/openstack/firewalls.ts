import type { Inventory } from "../../inventory/model";
import type { ResolvedEndpoint, ResolvedRule } from "../flows/types";
import { contentHash, resourceName } from "../naming";

/** One FWaaS v2 rule, as the provider's `firewall.RuleV2` takes it. */
export interface FirewallRuleSpec {
  /** Stable key: a digest of the rule's content. */
  key: string;
  ipVersion: 4 | 6;
  protocol: "tcp" | "udp" | "icmp" | "any";
  /** Absent means any source. */
  sourceIpAddress?: string;
  /** Absent means any destination. */
  destinationIpAddress?: string;
  /** `443` or `8000:8080`; absent for icmp/any. */
  destinationPort?: string;
  action: "allow";
  /** The flows that need it. */
  flows: string[];
}

/** A zone's firewall group on the cloud router: what may enter the router from the zone, and leave it into the zone. */
export interface FirewallSpec {
  zone: string;
  /** Name of the group and prefix of its policies: `<site>-fw-<zone>`. */
  name: string;
  /** Traffic entering the router from the zone's ports: flows whose source is in the zone. */
  ingress: FirewallRuleSpec[];
  /** Traffic leaving the router into the zone: flows whose destination is in the zone. */
  egress: FirewallRuleSpec[];
}

/** True when the endpoint lies in the zone (the zone itself, a tier placed in it, or hosts of it such as a cluster's nodes). */
function inZone(ep: ResolvedEndpoint, zone: string): boolean {
  return (ep.kind === "prefixes" && (ep.label === `zone:${zone}` || ep.zone === zone)) || (ep.kind === "tier" && ep.zone === zone);
}

/** The prefixes of an endpoint in a family (the Internet is the complement of the province, never "any"). */
function addresses(ep: ResolvedEndpoint, family: "ipv4" | "ipv6"): string[] {
  return ep.prefixes.filter((p) => p.includes(":") === (family === "ipv6"));
}

/** Rules of one policy; the key covers the policy too, so two zones' firewalls never share a resource name. */
function firewallRules(policy: string, rules: readonly ResolvedRule[]): FirewallRuleSpec[] {
  const out = new Map<string, FirewallRuleSpec>();
  for (const r of rules) {
    const port = r.portMin === undefined ? undefined : r.portMin === r.portMax ? String(r.portMin) : `${r.portMin}:${r.portMax}`;
    for (const src of addresses(r.from, r.family)) {
      for (const dst of addresses(r.to, r.family)) {
        const content = { ipVersion: r.family === "ipv4" ? 4 : 6, protocol: r.protocol, sourceIpAddress: src, destinationIpAddress: dst, destinationPort: port, action: "allow" } as const;
        const key = contentHash({ policy, ...content });
        const seen = out.get(key);
        if (seen) {
          if (!seen.flows.includes(r.flow)) seen.flows.push(r.flow);
        } else out.set(key, { key, ...content, flows: [r.flow] });
      }
    }
  }
  return [...out.values()].sort((a, b) => a.key.localeCompare(b.key)).map((r) => ({ ...r, flows: [...r.flows].sort() }));
}

/**
 * Compiles an FWaaS v2 firewall group for every zone at the site that asks for one (`virtualFirewall`):
 * allow rules for exactly the flows to and from the zone, everything else falls to FWaaS's default deny.
 * Exported for testing.
 */
export function compileFirewalls(inventory: Inventory, site: string, rules: readonly ResolvedRule[]): FirewallSpec[] {
  return inventory.zones
    .filter((z) => z.site === site && z.cloud && z.virtualFirewall)
    .map((z) => ({
      zone: z.id,
      name: resourceName(site, "fw", z.id),
      // A flow between two VLANs of the zone crosses the router twice (in by one port of the group, out by
      // another), so it is allowed in both policies; within one VLAN it never reaches the router at all.
      ingress: firewallRules(`${z.id}/ingress`, rules.filter((r) => inZone(r.from, z.id))),
      egress: firewallRules(`${z.id}/egress`, rules.filter((r) => inZone(r.to, z.id))),
    }))
    .sort((a, b) => a.zone.localeCompare(b.zone));
}

/** The provider inputs of one FWaaS rule (`firewall.RuleV2`). */
export function firewallRuleInputs(site: string, rule: FirewallRuleSpec): {
  name: string;
  description: string;
  ipVersion: 4 | 6;
  protocol: FirewallRuleSpec["protocol"];
  sourceIpAddress?: string;
  destinationIpAddress?: string;
  destinationPort?: string;
  action: "allow";
  enabled: boolean;
} {
  return {
    name: `${site}-fwr-${rule.key}`,
    description: `flows: ${rule.flows.join(", ")}`.slice(0, 255),
    ipVersion: rule.ipVersion,
    protocol: rule.protocol,
    sourceIpAddress: rule.sourceIpAddress,
    destinationIpAddress: rule.destinationIpAddress,
    destinationPort: rule.destinationPort,
    action: rule.action,
    enabled: true,
  };
}
