/**
 * The as-built model: live objects (or the plan's expected objects) keyed by stable identity, with
 * the fields worth comparing. References are symbolic (`ref:<key>`), never ids, so a plan and a live
 * cloud compare without knowing each other's ids.
 */

/** Kinds of objects the read-back covers. */
export type AsBuiltKind = "project" | "network" | "subnet" | "router" | "routerInterface" | "routerRoute" | "securityGroup" | "securityGroupRule" | "port" | "floatingIp" | "rbacPolicy" | "volumeTypeEncryption";

/** One object. */
export interface AsBuiltObject {
  /** What it is. */
  kind: AsBuiltKind;
  /** Stable identity (from names/descriptions the plan sets), e.g. `subnet/dmz-v4`. */
  key: string;
  /** Comparable fields; references as `ref:<key>`. */
  fields: Record<string, unknown>;
  /** Live id (absent for planned objects). */
  id?: string;
}

/** The as-built model of one stack. */
export interface AsBuiltModel {
  /** Stack (site id). */
  stack: string;
  /** Its objects. */
  objects: AsBuiltObject[];
}

/**
 * A symbolic reference to an object key.
 * @param key the referenced object's key
 */
export function ref(key: string): string {
  return `ref:${key}`;
}

/**
 * Canonical text of an address or prefix for comparison (IPv6 is case-insensitive).
 * @param v address text or null
 */
export function canonicalAddress(v: unknown): unknown {
  return typeof v === "string" && v.includes(":") ? v.toLowerCase() : v;
}

/**
 * Network segments in one shape, whether the API gave `provider:*` attributes or a `segments` list.
 * @param o a network body or live network
 */
export function segmentsOf(o: Record<string, unknown>): Array<{ network_type: unknown; physical_network: unknown; segmentation_id: unknown }> | undefined {
  const segs = Array.isArray(o.segments) ? (o.segments as Array<Record<string, unknown>>) : o["provider:network_type"] !== undefined ? [o] : undefined;
  return segs?.map((s) => ({ network_type: s["provider:network_type"], physical_network: s["provider:physical_network"] ?? null, segmentation_id: s["provider:segmentation_id"] ?? null }));
}

/**
 * The key of a security group rule inside its group: direction, ethertype and the description the
 * plan writes (`flows: …`), so a rule whose ports change is reported as changed, not as one missing
 * and one extra. Rules without a description fall back to their content.
 * @param sgKey the group's key
 * @param r the rule's fields (remote group as a `ref:`)
 */
export function ruleKey(sgKey: string, r: Record<string, unknown>): string {
  const what = typeof r.description === "string" && r.description
    ? r.description
    : `${r.protocol ?? "any"}:${r.port_range_min ?? ""}-${r.port_range_max ?? ""}:${r.remote_ip_prefix ?? r.remote_group_id ?? "any"}`;
  return `rule/${sgKey}/${r.direction}/${r.ethertype}/${what}`;
}

/**
 * Comparable fields of an object of a kind, from an API body or a live object whose references are
 * already `ref:` keys. Only fields the plan can set; undefined means "not set".
 * @param kind the object kind
 * @param o the body or live object
 */
export function comparableFields(kind: AsBuiltKind, o: Record<string, unknown>): Record<string, unknown> {
  const pick = (...names: string[]): Record<string, unknown> => Object.fromEntries(names.map((n) => [n, canonicalAddress(o[n])]));
  switch (kind) {
    case "project":
      return pick("description", "enabled", "parent_id");
    case "network":
      return { ...pick("description", "mtu", "admin_state_up", "shared", "router:external", "port_security_enabled"), segments: segmentsOf(o) };
    case "subnet":
      return {
        ...pick("network_id", "cidr", "ip_version", "gateway_ip", "enable_dhcp", "ipv6_ra_mode", "ipv6_address_mode", "description"),
        dns_nameservers: (o.dns_nameservers as unknown[] | undefined)?.map(canonicalAddress),
        allocation_pools: (o.allocation_pools as Array<Record<string, unknown>> | undefined)?.map((p) => ({ start: canonicalAddress(p.start), end: canonicalAddress(p.end) })),
        host_routes: (o.host_routes as Array<Record<string, unknown>> | undefined)?.map((h) => ({ destination: canonicalAddress(h.destination), nexthop: canonicalAddress(h.nexthop) })),
      };
    case "router": {
      const gw = o.external_gateway_info as Record<string, unknown> | null | undefined;
      return { ...pick("description", "admin_state_up"), external_network_id: gw === undefined ? undefined : gw?.network_id ?? null, enable_snat: gw?.enable_snat };
    }
    case "securityGroup":
      return pick("description");
    case "securityGroupRule":
      return { ...pick("protocol", "port_range_min", "port_range_max", "remote_ip_prefix", "remote_group_id") };
    case "port":
      return {
        ...pick("network_id", "description", "admin_state_up", "mac_address", "port_security_enabled"),
        fixed_ips: (o.fixed_ips as Array<Record<string, unknown>> | undefined)?.map((f) => ({ subnet_id: f.subnet_id, ip_address: canonicalAddress(f.ip_address) })),
        security_groups: (o.security_groups as string[] | undefined)?.slice().sort(),
        allowed_address_pairs: (o.allowed_address_pairs as Array<Record<string, unknown>> | undefined)?.map((p) => ({ ip_address: canonicalAddress(p.ip_address) })),
      };
    case "floatingIp":
      return pick("port_id", "description", "floating_ip_address");
    default:
      return {};
  }
}

/**
 * Gives objects that share a key distinct keys (`key`, `key#2`, …), numbering each group in the
 * order of its fields' content, so a plan and a cloud that list the same duplicates in different
 * orders still pair them alike (security group rules of one flow share a description). Returns new
 * objects in the input order. Pure.
 * @param objects the objects, keys possibly repeated
 */
export function numberDuplicateKeys(objects: readonly AsBuiltObject[]): AsBuiltObject[] {
  const groups = new Map<string, number[]>();
  objects.forEach((o, i) => groups.set(`${o.kind}|${o.key}`, [...(groups.get(`${o.kind}|${o.key}`) ?? []), i]));
  const out = objects.map((o) => ({ ...o }));
  for (const idx of groups.values()) {
    if (idx.length < 2) continue;
    const content = (i: number): string => JSON.stringify(Object.entries(out[i]!.fields).sort(([a], [b]) => a.localeCompare(b)));
    [...idx].sort((a, b) => content(a).localeCompare(content(b))).forEach((i, n) => {
      if (n > 0) out[i]!.key = `${out[i]!.key}#${n + 1}`;
    });
  }
  return out;
}
