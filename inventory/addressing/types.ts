/**
 * The resolved address plan: typed data the compilers and components consume.
 * Every address and prefix is written in canonical form (IPv6 per RFC 5952).
 */

/** A first–last range of addresses inside a subnet. */
export interface AddressRange {
  start: string;
  end: string;
}

/** One address family of a VLAN's subnet. */
export interface SubnetFamily {
  /** e.g. `10.16.4.0/24` or `2001:db8:100:140::/64`. */
  prefix: string;
  /** The router's address. */
  gateway: string;
  /** Range handed out by DHCP / Neutron allocation pool. */
  pool: AddressRange;
  /** Ranges reserved for network devices and VIPs (not in the pool). */
  reserved: AddressRange[];
}

/** A VLAN's dual-stack subnet. */
export interface SubnetPlan {
  site: string;
  zone: string;
  vlanId: number;
  vlanName: string;
  purpose: string;
  physnet: string;
  ipv6Mode: "slaac" | "dhcpv6-stateful";
  ipv4: SubnetFamily;
  ipv6: SubnetFamily;
}

/** A zone's blocks at a site. */
export interface ZoneBlock {
  site: string;
  zone: string;
  ipv4: string;
  ipv6: string;
}

/** A point-to-point link (/31 + /127), keyed by a stable identity such as an uplink id. */
export interface LinkPlan {
  site: string;
  id: string;
  ipv4: string;
  ipv6: string;
}

/** A device loopback (/32 + /128). */
export interface LoopbackPlan {
  site: string;
  device: string;
  ipv4: string;
  ipv6: string;
}

/** A Kubernetes cluster's dual-stack pod and service ranges. */
export interface ClusterRanges {
  site: string;
  cluster: string;
  pods: { ipv4: string; ipv6: string };
  services: { ipv4: string; ipv6: string };
}

/** A fixed TSLCD prefix (from the carrier's plan, never allocated). */
export interface FixedPrefix {
  site: string;
  prefix: string;
  purpose: string;
  carrier: string;
  reference: string;
}

/** The public IPv4 address a published tier is reached at (destination NAT on the edge firewall). */
export interface PublishedAddress {
  site: string;
  system: string;
  tier: string;
  /** The public IPv4 address (no prefix length). */
  ipv4: string;
}

/** Everything allocated for one site. */
export interface SitePlan {
  site: string;
  ipv4Aggregates: string[];
  ipv6Aggregates: string[];
  zones: ZoneBlock[];
  subnets: SubnetPlan[];
  links: LinkPlan[];
  loopbacks: LoopbackPlan[];
  clusters: ClusterRanges[];
  tslcd: FixedPrefix[];
  /** The site's infrastructure block the links and loopbacks come from (added by the allocator; optional for hand-built plans). */
  infrastructure?: { ipv4: string; ipv6: string };
  /** The site's registered public prefixes (added by the allocator; optional for hand-built plans). */
  publicPrefixes?: { ipv4: string[]; ipv6: string[] };
  /** Public IPv4 addresses of the site's published tiers (added by the allocator; optional for hand-built plans). */
  published?: PublishedAddress[];
}

/** The whole province's plan. */
export interface AddressPlan {
  province: string;
  sites: SitePlan[];
}
