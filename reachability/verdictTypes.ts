/** What an enforcement point decided for one host pair, with the rules that decided it. */
import type { PortSet } from "./portSet";

/** A rule (or policy) that allows some ports. */
export interface Contribution {
  /** URN of the rule, policy or firewall rule. */
  ref: string;
  /** Flows recorded on it. */
  flows: string[];
  /** Ports it allows for this pair. */
  ports: PortSet;
}

/** The enforcement layer a point belongs to. */
export type EnforcementLayer = "security-group" | "firewall" | "network-policy";

/** One enforcement point's verdict. */
export interface PointVerdict {
  /** Its layer (decides causes, and what the layer can express: NetworkPolicy cannot match ICMP). */
  layer: EnforcementLayer;
  /** Which enforcement point: `egress of <port>`, `ingress of <pod>`, `FWaaS <group> ingress`. */
  point: string;
  /** URN of what enforces (port, group, namespace), for reports. */
  ref: string;
  /** What it allows. */
  allowed: PortSet;
  /** The rules that allow it. */
  contributions: Contribution[];
}
