/**
 * The firewall rule base of one enforcing device (an HA group, or a single device): what the compiler
 * produces from the flow intent, what the renderers turn into nftables / FortiOS / JSON / CSV, what the
 * Pulumi program carries as the input of a `hatang:firewall:RuleBase` component (so the offline plan and
 * the reachability proof read it), and what the dataplane test loads into a real kernel.
 *
 * Semantics (the proof, the renderers and the dataplane must agree on exactly this):
 * - A rule base is an ordered list of rules, evaluated first-match for the first packet of a connection
 *   (replies of an accepted connection pass: the device is stateful). No match: deny.
 * - A rule matches a packet of family F when: its `families` include F; the source address lies in the
 *   union of the F-prefixes of its `sources` objects (empty list = any address); the destination lies in
 *   the union of its `destinations` objects (empty = any); and the packet matches one of its `services`
 *   (empty = any protocol and port). A service matches on protocol, and for tcp/udp on the destination
 *   port lying in [portMin, portMax]; `icmp` means ICMP echo-request for IPv4 and ICMPv6 echo-request for
 *   IPv6; `any` matches every protocol.
 * - Address objects hold positive prefix lists only (the Internet is already the complement of the
 *   province's space). An object with no prefix in family F matches nothing in F.
 * - Addresses are the ones the device sees after destination NAT: a published IPv4 service is matched by
 *   its private address; `nat` says which public address maps to it.
 *
 * Which rule bases a packet crosses (the path), at one site:
 * - every endpoint sits in a zone (`zone.enforcedBy` names its enforcer), or outside the DC: the Internet
 *   enters at the enforcer of the site's zone of kind `edge`; TSLCD (both levels) and the national
 *   platforms enter at the enforcer of the site's zone of kind `tslcd` (the `edge` zone's when there is none),
 *   and so do the province's other sites over the interconnect (objects `interconnect`, `remote:<system>/<tier>`);
 * - two hosts on one VLAN: no rule base (layer 2);
 * - two VLANs of one zone: the zone's enforcer once (it is every VLAN's gateway);
 * - two zones: the source zone's enforcer, then the destination zone's, once if it is the same device;
 * - a zone with `virtualFirewall` is routed by its own Neutron router carrying an FWaaS group; the router's
 *   uplink leads to the zone's physical enforcer: between its VLANs only FWaaS applies; to or from other
 *   zones FWaaS and then the path above.
 */

/** IPv4 or IPv6. */
export type RuleFamily = "ipv4" | "ipv6";

/** What an address object stands for (for reports and renderers; matching uses the prefixes only). */
export type AddressObjectKind = "zone" | "vlan" | "tier" | "host" | "agency" | "tslcd" | "national" | "internet" | "public" | "remote" | "sites";

/** A named set of prefixes, per family. */
export interface AddressObject {
  /** Unique name inside the rule base, from identities (`zone:dmz`, `tier:portal/web`, `internet`). */
  name: string;
  /** What it stands for. */
  kind: AddressObjectKind;
  /** Human description (bilingual where it helps). */
  description: string;
  /** IPv4 prefixes (canonical, sorted, non-overlapping). */
  ipv4: string[];
  /** IPv6 prefixes (canonical RFC 5952, sorted, non-overlapping). */
  ipv6: string[];
}

/** A named service. */
export interface ServiceObject {
  /** Unique name (the inventory's service name, or a derived one such as `tcp-8443`). */
  name: string;
  /** Protocol; `any` is every protocol, `icmp` is echo-request in either family. */
  protocol: "tcp" | "udp" | "icmp" | "any";
  /** First port (tcp/udp only). */
  portMin?: number;
  /** Last port (tcp/udp only). */
  portMax?: number;
}

/** Where a flow is written in the inventory (explain and the reports point at it). */
export interface FlowSource {
  /** Flow name. */
  flow: string;
  /** Inventory file (relative to the working directory). */
  file?: string;
  /** 1-based line. */
  line?: number;
}

/** One rule. */
export interface FirewallRule {
  /** Stable identity from the zone pair and the rule's content (never a position): renames nothing when others move. */
  id: string;
  /** The zone pair section it belongs to: zone ids, or `external:internet` / `external:tslcd` (`any` for the closing deny). */
  section: { from: string; to: string };
  /** Accept or deny. */
  action: "accept" | "deny";
  /** Families it applies to. */
  families: RuleFamily[];
  /** Source address object names (empty = any). */
  sources: string[];
  /** Destination address object names (empty = any). */
  destinations: string[];
  /** Service object names (empty = any). */
  services: string[];
  /** IPS profile applied to accepted traffic (accept rules; absent on deny). */
  ips?: string;
  /** Log to the SIEM. */
  log: boolean;
  /** Flows behind an accept rule (empty for the closing denies). */
  flows: FlowSource[];
  /** One line for people (section and purpose). */
  comment: string;
}

/** Destination NAT of a published IPv4 service (IPv6 is routed, no NAT). */
export interface NatRule {
  /** Stable identity (system, tier, protocol, port). */
  id: string;
  /** The public IPv4 address (from the province's registered ranges). */
  publicAddress: string;
  /** Protocol. */
  protocol: "tcp" | "udp";
  /** Public port (= private port). */
  port: number;
  /** Private addresses it maps to (the tier's instances; several = balanced). */
  translatedTo: string[];
  /** What is published. */
  system: string;
  /** Tier published. */
  tier: string;
  /** Whether HTTP(S) inspection by a WAF in line is required for it (ports 80/443 and the like). */
  waf: boolean;
}

/** How the device is deployed (what renderer the Pulumi program applies). */
export type FirewallPlatform = "nftables" | "fortios" | "appliance";

/** The rule base of one enforcing device. */
export interface RuleBase {
  /** Format marker. */
  schema: "hatang.rulebase/v1";
  /** Site. */
  site: string;
  /** The enforcer's id as zones name it (`enforcedBy`): an HA group or a device name. */
  device: string;
  /** The physical member devices (one for a single device). */
  members: string[];
  /** Deployment platform. */
  platform: FirewallPlatform;
  /** Zones whose boundary this device enforces (it is their VLANs' gateway), sorted. */
  zones: string[];
  /** External networks entering at this device (`internet`, `tslcd`, `national-platforms`), sorted. */
  externals: string[];
  /** IPS profile name used by accept rules. */
  ipsProfile: string;
  /** Where logs go (the SIEM collector), if set. */
  logTarget?: string;
  /** Address objects, sorted by name. */
  addresses: AddressObject[];
  /** Service objects, sorted by name. */
  services: ServiceObject[];
  /** Rules, in evaluation order (sections in a stable order; each ends with its deny-and-log; the whole base ends with one). */
  rules: FirewallRule[];
  /** Destination NAT for published IPv4 services, sorted by id. */
  nat: NatRule[];
}

/** The type token of the component carrying a rule base in the plan (input `ruleBase`). */
export const RULE_BASE_TYPE = "hatang:firewall:RuleBase";
