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

/** A fixed TSLCD prefix (from the carrier's plan, never allocated), one entry per family. */
export interface FixedPrefix {
  site: string;
  prefix: string;
  purpose: string;
  carrier: string;
  reference: string;
  /** TSLCD level (absent in hand-built plans). */
  level?: "I" | "II";
  /** What it holds (absent in hand-built plans). */
  holds?: "national-platforms" | "ministries" | "monitoring-centre" | "province-agencies";
  /** True for the province's level-II blocks: address space the agencies' LANs come from, never what a flow means. */
  block?: boolean;
}

/** An agency endpoint's LAN on the TSLCD (carrier-assigned or allocated from the province's level-II blocks). */
export interface TslcdLanPlan {
  /** Endpoint id. */
  endpoint: string;
  /** The agency the endpoint is declared for (possibly a former unit). */
  agency: string;
  /** The unit in force that owns it today (through the lineage). */
  owner: string;
  /** Levels it is attached at, sorted. */
  levels: Array<"I" | "II">;
  /** VPNs it is attached to, sorted. */
  vpns: string[];
  ipv4: string;
  ipv6: string;
  /** Which families the carrier assigned (the others were allocated). */
  fixed: { ipv4: boolean; ipv6: boolean };
}

/** A PE–CE link of one circuit in one VPN: the PE takes the first usable address, the CE the second. */
export interface TslcdLinkPlan {
  /** Stable identity (the lock key). */
  id: string;
  /** `site:<site id>` for a DC circuit, else the endpoint id. */
  attachedBy: string;
  /** The carrier's circuit id. */
  circuit: string;
  /** VPN id. */
  vpn: string;
  ipv4: string;
  ipv6: string;
  pe: { ipv4: string; ipv6: string };
  ce: { ipv4: string; ipv6: string };
  /** Carrier-assigned (true) or allocated. */
  fixed: boolean;
}

/** The province's TSLCD addressing: level-II blocks, agency LANs and PE–CE links. */
export interface TslcdPlan {
  /** The level-II blocks the LANs and links come from. */
  blocks: { ipv4: string[]; ipv6: string[] };
  /** Every agency endpoint's LAN, by endpoint id. */
  lans: TslcdLanPlan[];
  /** Every PE–CE link, by id. */
  links: TslcdLinkPlan[];
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
  /** LANs of the agency endpoints reachable at the site over its TSLCD VPNs (added by the allocator; optional for hand-built plans). */
  tslcdLans?: TslcdLanPlan[];
}

/** The whole province's plan. */
export interface AddressPlan {
  province: string;
  sites: SitePlan[];
  /** The province's TSLCD addressing (absent when the province models no TSLCD). */
  tslcd?: TslcdPlan;
}
