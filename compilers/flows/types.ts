/**
 * Flow intent resolved to concrete rules: what the security-group and NetworkPolicy compilers consume.
 * A rule is one direction, one family, one protocol/port range, between two resolved endpoints.
 */

/** IPv4 or IPv6. */
export type Family = "ipv4" | "ipv6";

/** One end of a resolved rule. */
export type ResolvedEndpoint =
  /**
   * A set of prefixes (zone VLAN subnets, external networks, TSLCD prefixes, a cluster's nodes). `zone`: the zone
   * they sit in when they are hosts of one zone (a cluster's nodes, `cluster:<id>`), which places them in the rule bases.
   */
  | { kind: "prefixes"; label: string; prefixes: string[]; zone?: string }
  /** A system tier (becomes a security group / a pod selector). */
  | { kind: "tier"; label: string; system: string; tier: string; zone: string; prefixes: string[] }
  /**
   * The Internet: every address outside the province (`internetPrefixes`), never 0.0.0.0/0 or ::/0.
   * `prefixes` is the complement as prefixes (for security groups and firewalls); `except` is the
   * province's own space (for NetworkPolicy's compact `ipBlock` with `except`).
   */
  | { kind: "internet"; label: string; prefixes: string[]; except: string[] }
  /**
   * A tier of a system at another site of the province, reached over the interconnect between sites:
   * `prefixes` are its VLAN's prefixes there (its hosts' addresses are placed there, not here). Label
   * `remote:<site>/<system>/<tier>`.
   */
  | { kind: "remote"; label: string; site: string; system: string; tier: string; prefixes: string[] };

/** A resolved allow rule. */
export interface ResolvedRule {
  /** Flow name it comes from. */
  flow: string;
  /** Site it applies to. */
  site: string;
  family: Family;
  protocol: "tcp" | "udp" | "icmp" | "any";
  /** Port range (absent for icmp/any). */
  portMin?: number;
  portMax?: number;
  from: ResolvedEndpoint;
  to: ResolvedEndpoint;
}
