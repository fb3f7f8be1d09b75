import type { ResolvedEndpoint, ResolvedRule } from "../flows/types";
import { contentHash, resourceName } from "../naming";

/** A Neutron security-group rule, as the provider's `SecGroupRule` takes it, plus its stable key. */
export interface SecurityRuleSpec {
  /** Stable key: a digest of the rule's content (group, direction, family, protocol, ports, remote). */
  key: string;
  direction: "ingress" | "egress";
  ethertype: "IPv4" | "IPv6";
  /** Absent means any protocol. */
  protocol?: "tcp" | "udp" | "icmp" | "ipv6-icmp";
  portRangeMin?: number;
  portRangeMax?: number;
  /** Remote prefix (exclusive with `remoteGroupKey`). */
  remoteIpPrefix?: string;
  /** Key of the remote security group, for flows inside one system. */
  remoteGroupKey?: string;
  /** The flows that need the rule (several flows can compile to one rule). */
  flows: string[];
}

/** A security group: one per zone, one per system tier. */
export interface SecurityGroupSpec {
  /** Stable key: `zone-<zone>` or `tier-<system>-<tier>`. */
  key: string;
  /** Neutron name: `<site>-<key>`. */
  name: string;
  description: string;
  zone: string;
  system?: string;
  tier?: string;
  rules: SecurityRuleSpec[];
}

/** A group that exists whether or not a flow names it: every zone, every VM tier. */
export interface GroupSeed {
  zone: string;
  system?: string;
  tier?: string;
}

/** Key of a zone's security group. */
export function zoneGroupKey(zone: string): string {
  return `zone-${zone}`;
}

/** Key of a system tier's security group. */
export function tierGroupKey(system: string, tier: string): string {
  return `tier-${system}-${tier}`;
}

/** The zone a prefixes endpoint stands for, when it stands for one (`zone:<id>`). */
function zoneOf(ep: ResolvedEndpoint): string | undefined {
  return ep.kind === "prefixes" && ep.label.startsWith("zone:") ? ep.label.slice(5) : undefined;
}

/** The group a rule is attached to on this endpoint's side (a tier's group or a zone's group); none outside the DC. */
function groupOf(ep: ResolvedEndpoint): string | undefined {
  if (ep.kind === "tier") return tierGroupKey(ep.system, ep.tier);
  return zoneOf(ep) ? zoneGroupKey(zoneOf(ep) as string) : undefined;
}

/**
 * Remote side of a rule: the remote tier's group when it has one (its ports exactly, whatever VLAN they
 * share with other systems), else each prefix, else anywhere.
 */
function remotesOf(
  remote: ResolvedEndpoint,
  family: "ipv4" | "ipv6",
  groups: ReadonlyMap<string, SecurityGroupSpec>,
): Array<Pick<SecurityRuleSpec, "remoteIpPrefix" | "remoteGroupKey">> {
  if (remote.kind === "internet") return remote.prefixes.filter((p) => p.includes(":") === (family === "ipv6")).map((p) => ({ remoteIpPrefix: p }));
  if (remote.kind === "tier" && groups.has(tierGroupKey(remote.system, remote.tier))) {
    return [{ remoteGroupKey: tierGroupKey(remote.system, remote.tier) }];
  }
  return remote.prefixes.map((p) => ({ remoteIpPrefix: p }));
}

/** Protocol and ports as Neutron takes them; a 1–65535 range is written as no range (Neutron normalises it, which would be a permanent diff). */
function protocolFields(rule: ResolvedRule): Pick<SecurityRuleSpec, "protocol" | "portRangeMin" | "portRangeMax"> {
  if (rule.protocol === "any") return {};
  if (rule.protocol === "icmp") return { protocol: rule.family === "ipv6" ? "ipv6-icmp" : "icmp" };
  const full = rule.portMin === 1 && rule.portMax === 65535;
  return full ? { protocol: rule.protocol } : { protocol: rule.protocol, portRangeMin: rule.portMin, portRangeMax: rule.portMax };
}

/**
 * Compiles resolved rules into security groups: the destination's group gets the ingress rule, the
 * source's group the egress rule (groups are created with `deleteDefaultRules`, so egress is explicit too).
 * Identical rules from several flows are merged, because Neutron rejects duplicates (409).
 * Exported for testing.
 */
export function compileSecurityGroups(site: string, rules: readonly ResolvedRule[], seeds: readonly GroupSeed[] = []): SecurityGroupSpec[] {
  const groups = new Map<string, SecurityGroupSpec>();
  // Every zone and every VM tier gets its group even without flows: its ports then deny everything.
  for (const seed of seeds) {
    const key = seed.system && seed.tier ? tierGroupKey(seed.system, seed.tier) : zoneGroupKey(seed.zone);
    const description = seed.system ? `${seed.system} ${seed.tier} tier (zone ${seed.zone})` : `zone ${seed.zone}`;
    groups.set(key, { key, name: resourceName(site, key), description, zone: seed.zone, system: seed.system, tier: seed.tier, rules: [] });
  }
  // Only seeded groups exist: bare-metal tiers sit behind physical firewalls and container tiers
  // get NetworkPolicies, so neither has a Neutron group to put rules on.
  const ensure = (ep: ResolvedEndpoint): SecurityGroupSpec | undefined => {
    const key = groupOf(ep);
    return key ? groups.get(key) : undefined;
  };
  const add = (group: SecurityGroupSpec, direction: "ingress" | "egress", rule: ResolvedRule, remote: ResolvedEndpoint): void => {
    for (const r of remotesOf(remote, rule.family, groups)) {
      const content = { group: group.key, direction, ethertype: rule.family === "ipv4" ? "IPv4" : "IPv6", ...protocolFields(rule), ...r } as const;
      const key = contentHash(content);
      const existing = group.rules.find((x) => x.key === key);
      if (existing) {
        if (!existing.flows.includes(rule.flow)) existing.flows.push(rule.flow);
        continue;
      }
      group.rules.push({ key, direction, ethertype: content.ethertype, ...protocolFields(rule), ...r, flows: [rule.flow] });
    }
  };
  for (const rule of rules) {
    const to = ensure(rule.to);
    if (to) add(to, "ingress", rule, rule.from);
    const from = ensure(rule.from);
    if (from) add(from, "egress", rule, rule.to);
  }
  const out = [...groups.values()].sort((a, b) => a.key.localeCompare(b.key));
  for (const g of out) {
    g.rules.sort((a, b) => a.key.localeCompare(b.key));
    for (const r of g.rules) r.flows.sort();
  }
  return out;
}

/**
 * The provider inputs of one rule (`networking.SecGroupRule`), given how ids are written where it is
 * used (Pulumi outputs in the component, plan ids in tests).
 */
export function securityRuleInputs<Id>(rule: SecurityRuleSpec, securityGroupId: Id, remoteGroupId: Id | undefined): {
  securityGroupId: Id;
  direction: SecurityRuleSpec["direction"];
  ethertype: SecurityRuleSpec["ethertype"];
  protocol?: SecurityRuleSpec["protocol"];
  portRangeMin?: number;
  portRangeMax?: number;
  remoteIpPrefix?: string;
  remoteGroupId?: Id;
  description: string;
} {
  return {
    securityGroupId,
    direction: rule.direction,
    ethertype: rule.ethertype,
    protocol: rule.protocol,
    portRangeMin: rule.portRangeMin,
    portRangeMax: rule.portRangeMax,
    remoteIpPrefix: rule.remoteIpPrefix,
    remoteGroupId,
    // Neutron keeps 255 characters of a description.
    description: `flows: ${rule.flows.join(", ")}`.slice(0, 255),
  };
}
