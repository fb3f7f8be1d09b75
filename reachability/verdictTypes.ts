/** What an enforcement point decided for one host pair, with the rules that decided it. */
import type { PortSet } from "./portSet";

/** A rule that decided some ports: allowed them, denied them, or (admin policies) passed them on. */
export interface Contribution {
  /** Where the rule is declared: a plan URN (with the rule's position when rules are ordered), or `file:line`. */
  ref: string;
  /** The rule for people: name, position, section. */
  label: string;
  /** What it did to these ports. */
  action: "allow" | "deny" | "pass";
  /** The ports it decided for this pair. */
  ports: PortSet;
  /** Flows recorded on it. */
  flows: string[];
}

/** The enforcement layers, in the order a packet meets them in reports. */
export type EnforcementLayer = "zone-firewall" | "fwaas" | "security-group" | "network-policy";

/** One enforcement point's verdict. */
export interface PointVerdict {
  /** Its layer. */
  layer: EnforcementLayer;
  /** Which point: `egress of port <name>`, `ingress of pods <ns>/<labels>`, `FWaaS <group> ingress`, `zone firewall <device>`. */
  point: string;
  /** What enforces (port, policy, rule base), for reports. */
  ref: string;
  /** What it allows. */
  allowed: PortSet;
  /** The rules that decided, in evaluation order. */
  contributions: Contribution[];
  /** What happens to ports no rule decided: `deny` (allow-lists and first-match lists), `allow` (nothing isolates). */
  otherwise: "allow" | "deny";
}
