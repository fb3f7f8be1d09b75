/**
 * What the dataplane harness builds and checks, independent of where it comes from (the hand-written
 * sample today, the compiled province once the compiler lands): enforcers with their rendered nftables
 * rule bases and gateway VLANs, hosts on VLANs, and probes with the verdict the checker expects.
 */

/** IPv4 or IPv6. */
export type ProbeFamily = "ipv4" | "ipv6";

/** A VLAN an enforcer is the gateway of. */
export interface GatewayVlan {
  /** 802.1Q id (the OVS access tag). */
  vlan: number;
  /** Gateway address with the VLAN's prefix length, per family (`10.30.0.1/24`). */
  ipv4: string;
  ipv6: string;
}

/** A firewall namespace. */
export interface EnforcerSpec {
  /** Device id (the rule base's `device`). */
  device: string;
  /** The generated nftables ruleset to load. */
  nft: string;
  /** VLANs it routes. */
  vlans: GatewayVlan[];
  /** Whether the outside networks (the Internet host) enter here. */
  outside: boolean;
}

/** A host namespace. */
export interface HostSpec {
  /** Name (tier, or `internet`). */
  name: string;
  /** Zone (or `internet`). */
  zone: string;
  /** VLAN id of its access port. */
  vlan: number;
  /** Its addresses with the VLAN's prefix length. */
  ipv4: string;
  ipv6: string;
  /** Its gateways. */
  gateway4: string;
  gateway6: string;
}

/** One probe. */
export interface ProbeSpec {
  /** Source host name. */
  from: string;
  /** Destination host name. */
  to: string;
  /** Address dialled (a public NAT address for published IPv4 services, else the host's). */
  target: string;
  family: ProbeFamily;
  protocol: "tcp" | "udp" | "icmp";
  /** tcp/udp port. */
  port?: number;
  /** The verdict the checker (the proof, or the oracle) expects. */
  expected: "allow" | "deny";
  /** Why it is probed (flow name or `denied sample`). */
  why: string;
}

/** A whole case. */
export interface DataplaneCase {
  /** Label for reports. */
  label: string;
  enforcers: EnforcerSpec[];
  /** Transit between enforcers: VLAN id and per-device addresses. */
  transit: { vlan: number; ipv4: Record<string, string>; ipv6: Record<string, string> };
  hosts: HostSpec[];
  probes: ProbeSpec[];
}
