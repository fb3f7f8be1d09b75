/**
 * What the proof compares: endpoint classes (a tier, a zone's other hosts, the Internet, a TSLCD
 * prefix), each made of concrete hosts with addresses and the enforcement point in front of them.
 */
import type { Family } from "./addresses";

/** A pod as NetworkPolicies see it. */
export interface PodIdentity {
  /** Cluster key (policies of other clusters never select it). */
  cluster: string;
  /** Namespace name. */
  namespace: string;
  /** Pod labels. */
  labels: Record<string, string>;
}

/** A Neutron port as security groups see it. */
export interface PortIdentity {
  /** Port URN. */
  urn: string;
  /** Port name. */
  name: string;
  /** Security group ids. */
  groupIds: string[];
}

/** One concrete host. */
export interface Host {
  /** Unique id (a port URN, or `<endpoint id>#sample`). */
  id: string;
  /** Address per family (absent: the host has no address in that family). */
  address: Partial<Record<Family, string>>;
  /** Neutron subnet id holding the address per family (FWaaS crossings are decided by it). */
  subnetId: Partial<Record<Family, string>>;
  /** Neutron port: the security groups enforce both directions. */
  port?: PortIdentity;
  /** Pod: NetworkPolicies enforce both directions. */
  pod?: PodIdentity;
  /** Per family: the host's subnet sits behind an FWaaS group on the router (the cloud filters its routed traffic). */
  firewalled?: Partial<Record<Family, boolean>>;
}

/** Kinds of endpoint class. */
export type EndpointKind = "tier" | "zone" | "internet" | "tslcd";

/** An endpoint class of the proof. */
export interface Endpoint {
  /** Stable id: `tier:<system>/<tier>`, `zone:<zone>`, `internet`, `tslcd:<prefix>`. */
  id: string;
  /** Label for reports. */
  label: string;
  /** Kind. */
  kind: EndpointKind;
  /** Matrix row/column: the zone it sits in, or `internet` / `tslcd`. */
  column: string;
  /** For tiers: the system. */
  system?: string;
  /** For tiers: the tier. */
  tier?: string;
  /** For tiers: vm, bare-metal or container. */
  form?: string;
  /** Its hosts (a VM tier: one per port; others: one sample). */
  hosts: Host[];
  /** Why it is represented the way it is (sample address choice, missing ports, ...). */
  note?: string;
}

/**
 * True when the cloud enforces something on the endpoint's own side in the family: a port, a pod, or
 * an FWaaS group on its subnet's router port.
 * @param e the endpoint
 * @param family the family
 */
export function isManaged(e: Pick<Endpoint, "hosts">, family: Family): boolean {
  return e.hosts.some((h) => h.port !== undefined || h.pod !== undefined || h.firewalled?.[family] === true);
}

/**
 * Hosts of an endpoint that have an address in the family.
 * @param e the endpoint
 * @param family the family
 */
export function hostsIn(e: Pick<Endpoint, "hosts">, family: Family): Host[] {
  return e.hosts.filter((h) => h.address[family] !== undefined);
}
