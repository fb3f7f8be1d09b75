/**
 * Readable names for what a plan holds, for a reviewer reading a diff: a security-group or FWaaS rule as
 * "from → to, protocol ports, family (flow …)" rather than its digest name; a reference to another
 * resource as that resource; a prefix as the zone, VLAN or range of the address plan it is.
 */
import type { AddressPlan } from "../inventory/addressing/types";
import { contains, parsePrefix, type Prefix } from "../inventory/addressing/prefix";
import { ID_PREFIX, type Plan, type PlannedResource } from "./planTypes";

/** Type tokens the labels know. */
export const RULE_TYPES = {
  securityGroupRule: "openstack:networking/secGroupRule:SecGroupRule",
  securityGroup: "openstack:networking/secGroup:SecGroup",
  firewallRule: "openstack:firewall/ruleV2:RuleV2",
  firewallPolicy: "openstack:firewall/policyV2:PolicyV2",
  networkPolicy: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
} as const;

/** Names prefixes after the address plan: exact blocks first, else the smallest known block holding them. */
export class PrefixNames {
  private readonly exact = new Map<string, string>();
  private readonly blocks: Array<{ prefix: Prefix; label: string }> = [];

  /** @param plan the province's address plan (absent: prefixes are shown as they are) */
  constructor(plan?: AddressPlan) {
    for (const s of plan?.sites ?? []) {
      const at = ` @ ${s.site}`;
      for (const z of s.zones) for (const f of [z.ipv4, z.ipv6]) this.add(f, `zone ${z.zone}${at}`);
      for (const v of s.subnets) for (const f of [v.ipv4.prefix, v.ipv6.prefix]) this.add(f, `VLAN ${v.vlanName} (${v.vlanId}) of zone ${v.zone}${at}`);
      for (const a of [...s.ipv4Aggregates, ...s.ipv6Aggregates]) this.add(a, `aggregate of site ${s.site}`);
      for (const t of s.tslcd) this.add(t.prefix, `TSLCD ${t.purpose} (${t.carrier})${at}`);
      for (const c of s.clusters) {
        for (const f of [c.pods.ipv4, c.pods.ipv6]) this.add(f, `pods of cluster ${c.cluster}${at}`);
        for (const f of [c.services.ipv4, c.services.ipv6]) this.add(f, `services of cluster ${c.cluster}${at}`);
      }
      for (const l of s.loopbacks) for (const f of [l.ipv4, l.ipv6]) this.add(f, `loopback of ${l.device}${at}`);
      for (const l of s.links) for (const f of [l.ipv4, l.ipv6]) this.add(f, `link ${l.id}${at}`);
      for (const f of [...(s.publicPrefixes?.ipv4 ?? []), ...(s.publicPrefixes?.ipv6 ?? [])]) this.add(f, `public prefix${at}`);
    }
    this.blocks.sort((a, b) => b.prefix.length - a.prefix.length);
  }

  private add(text: string, label: string): void {
    const p = parsePrefix(text);
    if (!p.ok) return;
    const key = `${p.prefix.family}:${p.prefix.network}/${p.prefix.length}`;
    if (!this.exact.has(key)) this.exact.set(key, label);
    this.blocks.push({ prefix: p.prefix, label });
  }

  /**
   * A prefix as a reviewer reads it: `10.24.30.128/26 (VLAN web (300) of zone dmz @ na-dc2)`.
   * @param text a prefix or address as written in the plan
   */
  name(text: string): string {
    if (text === "0.0.0.0/0" || text === "::/0") return `${text} (anywhere)`;
    const p = parsePrefix(text.includes("/") ? text : `${text}/${text.includes(":") ? 128 : 32}`);
    if (!p.ok) return text;
    const exact = this.exact.get(`${p.prefix.family}:${p.prefix.network}/${p.prefix.length}`);
    if (exact) return `${text} (${exact})`;
    const inside = this.blocks.find((b) => b.prefix.family === p.prefix.family && contains(b.prefix, p.prefix));
    return inside ? `${text} (in ${inside.label})` : text;
  }
}

/** What labels are built from: the plan's resources (references resolve to them) and the address plan. */
export class PlanLabels {
  private readonly byId: Map<string, PlannedResource>;

  /**
   * @param plans the plans whose resources references may name (the old and the new one)
   * @param prefixes prefix names
   */
  constructor(
    plans: readonly Plan[],
    readonly prefixes: PrefixNames = new PrefixNames(),
  ) {
    this.byId = new Map(plans.flatMap((p) => p.resources.map((r): [string, PlannedResource] => [`${ID_PREFIX}${r.type}::${r.name}`, r])));
  }

  /**
   * A value that may reference another resource (`id-of:<type>::<name>`), as that resource's label.
   * @param value any input value
   */
  reference(value: unknown): string | undefined {
    if (typeof value !== "string" || !value.startsWith(ID_PREFIX)) return undefined;
    const r = this.byId.get(value);
    if (r) return this.label(r);
    const [type, name] = value.slice(ID_PREFIX.length).split("::");
    return `${shortType(type)} ${name}`;
  }

  /** A security group as its description says it (`web tier (zone dmz)`), else its name. */
  private group(value: unknown): string {
    const r = typeof value === "string" ? this.byId.get(value) : undefined;
    if (!r) return typeof value === "string" ? (this.reference(value) ?? value) : "?";
    const d = r.inputs.description;
    return typeof d === "string" && d !== "" ? d : r.name;
  }

  /**
   * A resource as a reviewer names it: rules by what they allow, everything else by type and name.
   * @param r the resource
   */
  label(r: PlannedResource): string {
    if (r.type === RULE_TYPES.securityGroupRule) return this.securityGroupRule(r.inputs);
    if (r.type === RULE_TYPES.firewallRule) return this.firewallRule(r.inputs);
    if (r.type === RULE_TYPES.networkPolicy) return this.networkPolicy(r.inputs);
    return `${shortType(r.type)} ${r.name}`;
  }

  /**
   * A Kubernetes object inside a list (a ConfigGroup's objects): NetworkPolicies by what they allow,
   * others by kind, namespace and name.
   * @param o the object
   */
  kubernetesObject(o: Record<string, unknown>): string {
    if (o.kind === "NetworkPolicy") return this.networkPolicy(o);
    const m = (o.metadata ?? {}) as Record<string, unknown>;
    return `${String(o.kind)} ${m.namespace ? `${String(m.namespace)}/` : ""}${String(m.name)}`;
  }

  /**
   * `NetworkPolicy: 10.24.51.0/24 (zone internal @ na-dc2) → pods hatang.vn/tier=web in ioc-dr, TCP 8443 (flow …)`.
   * @param i the policy (inputs or object)
   */
  networkPolicy(i: Record<string, unknown>): string {
    const m = (i.metadata ?? {}) as { namespace?: string; labels?: Record<string, string> };
    const spec = (i.spec ?? {}) as { podSelector?: unknown; ingress?: Array<Record<string, unknown>>; egress?: Array<Record<string, unknown>>; policyTypes?: string[] };
    const own = `${selectorText(spec.podSelector, "pods")} in ${m.namespace ?? "?"}`;
    const peer = (p: Record<string, unknown>): string => {
      const block = p.ipBlock as { cidr?: string; except?: string[] } | undefined;
      if (block?.cidr) return `${this.prefixes.name(block.cidr)}${block.except?.length ? ` except ${block.except.join(", ")}` : ""}`;
      const parts = [p.namespaceSelector !== undefined ? selectorText(p.namespaceSelector, "namespaces") : "", p.podSelector !== undefined ? selectorText(p.podSelector, "pods") : ""].filter(Boolean);
      return parts.join(" in ") || "anywhere";
    };
    const ports = (rule: Record<string, unknown>): string => {
      const list = (rule.ports ?? []) as Array<{ protocol?: string; port?: unknown; endPort?: unknown }>;
      return list.length === 0 ? "all ports" : list.map((x) => `${x.protocol ?? "TCP"} ${x.port === undefined ? "all ports" : `${String(x.port)}${x.endPort === undefined ? "" : `-${String(x.endPort)}`}`}`).join(", ");
    };
    const rules = [
      ...(spec.ingress ?? []).map((r) => `${((r.from ?? []) as Array<Record<string, unknown>>).map(peer).join(" + ") || "anywhere"} → ${own}, ${ports(r)}`),
      ...(spec.egress ?? []).map((r) => `${own} → ${((r.to ?? []) as Array<Record<string, unknown>>).map(peer).join(" + ") || "anywhere"}, ${ports(r)}`),
    ];
    const body = rules.length > 0 ? rules.join("; ") : `${own}: deny ${(spec.policyTypes ?? []).join(" and ").toLowerCase() || "all"}`;
    const flow = m.labels?.["hatang.vn/flow"];
    return `NetworkPolicy: ${body}${flow ? ` (flow ${flow})` : ""}`;
  }

  /**
   * `security-group rule: zone soc → repo tier (zone management), egress, tcp 443, IPv4 (flows: soc-to-patch-repo)`.
   * @param i the rule's inputs
   */
  securityGroupRule(i: Record<string, unknown>): string {
    const own = this.group(i.securityGroupId);
    const remote = i.remoteGroupId !== undefined ? this.group(i.remoteGroupId) : typeof i.remoteIpPrefix === "string" ? this.prefixes.name(i.remoteIpPrefix) : "anywhere";
    const [from, to] = i.direction === "ingress" ? [remote, own] : [own, remote];
    const ports = portText(i.protocol, i.portRangeMin, i.portRangeMax);
    return `security-group rule: ${from} → ${to}, ${String(i.direction ?? "?")}, ${ports}, ${String(i.ethertype ?? "?")}${describe(i.description)}`;
  }

  /**
   * `FWaaS rule: 10.24.51.0/24 (zone internal @ na-dc2) → 10.24.30.128/26 (…), allow tcp 443, IPv4 (flows: …)`.
   * @param i the rule's inputs
   */
  firewallRule(i: Record<string, unknown>): string {
    const end = (v: unknown): string => (typeof v === "string" && v !== "" ? this.prefixes.name(v) : "anywhere");
    const port = typeof i.destinationPort === "string" && i.destinationPort !== "" ? ` ${i.destinationPort.replace(":", "-")}` : "";
    const proto = i.protocol === undefined || i.protocol === "any" ? "any protocol" : `${String(i.protocol)}${port}`;
    return `FWaaS rule: ${end(i.sourceIpAddress)} → ${end(i.destinationIpAddress)}, ${String(i.action ?? "?")} ${proto}, IPv${String(i.ipVersion ?? "?")}${describe(i.description)}`;
  }
}

/** A label selector as `pods a=b,c=d` (`all pods` when empty). */
function selectorText(sel: unknown, what: string): string {
  const labels = ((sel ?? {}) as { matchLabels?: Record<string, string> }).matchLabels ?? {};
  const text = Object.entries(labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`)
    .join(",");
  return text === "" ? `all ${what}` : `${what} ${text}`;
}

function describe(d: unknown): string {
  return typeof d === "string" && d !== "" ? ` (${d})` : "";
}

/**
 * A rule's protocol and ports: `tcp 443`, `udp 10000-20000`, `icmp type 8`, `any protocol`.
 * @param protocol the protocol input
 * @param min the port range minimum (ICMP: type)
 * @param max the port range maximum (ICMP: code)
 */
export function portText(protocol: unknown, min: unknown, max: unknown): string {
  if (protocol === undefined || protocol === null || protocol === "" || protocol === "any") return "any protocol";
  const p = String(protocol);
  if (p === "icmp" || p === "ipv6-icmp" || p === "icmpv6") return min === undefined ? `${p} (all types)` : `${p} type ${String(min)}${max === undefined ? "" : ` code ${String(max)}`}`;
  if (min === undefined && max === undefined) return `${p} all ports`;
  return min === max || max === undefined ? `${p} ${String(min)}` : `${p} ${String(min)}-${String(max)}`;
}

/**
 * A type token without its provider path: `openstack:networking/secGroup:SecGroup` → `SecGroup`.
 * @param type the type token
 */
export function shortType(type: string): string {
  return type.split(":").pop() ?? type;
}
