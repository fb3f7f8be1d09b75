/**
 * What the proof compares: endpoints (a tier, a zone's other hosts, the Internet, a TSLCD prefix), each
 * made of concrete hosts with addresses, a place in the site (zone, VLAN) and what enforces on them.
 */
import type { Family } from "./addresses";
import type { ContainerPort } from "./kubeModel";

/** A pod as NetworkPolicies see it. */
export interface PodIdentity {
  /** Cluster key (policies of other clusters never select it). */
  cluster: string;
  /** Namespace name. */
  namespace: string;
  /** Pod labels. */
  labels: Record<string, string>;
  /** Container ports (named ports resolve against them). */
  containerPorts: ContainerPort[];
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

/** Where a host sits, which decides the enforcing devices on a path (see `devicePath`). */
export interface Location {
  /** Zone id at the site (absent outside the DC). */
  zone?: string;
  /** VLAN key `<zone>/<vlan>`, or `<zone>/(outside VLANs)` for a zone's addresses outside its VLANs. */
  vlan?: string;
  /** Pods: their cluster (traffic between pods of one cluster stays inside it). */
  cluster?: string;
  /**
   * Outside the DC: where the traffic enters (the Internet at the edge, TSLCD and national platforms at the TSLCD
   * zone, the province's other sites over the interconnect where the TSLCD enters).
   */
  external?: "internet" | "tslcd" | "interconnect";
}

/** One concrete host. */
export interface Host {
  /** Unique id (a port URN, or `<endpoint id>#...`). */
  id: string;
  /** Address per family (absent: no address in that family). */
  address: Partial<Record<Family, string>>;
  /** Neutron subnet holding the address per family (FWaaS crossings are decided by it). */
  subnetId: Partial<Record<Family, string>>;
  /** Where it sits. */
  location: Location;
  /** Neutron port: security groups enforce both directions. */
  port?: PortIdentity;
  /** Pod: NetworkPolicies (and admin policies) enforce both directions. */
  pod?: PodIdentity;
  /** Set by the engine: the host's behaviour class per family. */
  cls?: Partial<Record<Family, number>>;
}

/** Kinds of endpoint. */
export type EndpointKind = "tier" | "zone" | "internet" | "tslcd" | "node" | "api" | "remote" | "site";

/** An endpoint of the proof. */
export interface Endpoint {
  /**
   * Stable id: `tier:<system>/<tier>`, `zone:<zone>`, `internet`, `tslcd:<prefix>`, `node:<cluster>/<pool>/<n>`,
   * `api:<cluster>`, `remote:<site>/<zone>/<vlan>` (a VLAN of another site), `site:<site>` (the rest of it).
   */
  id: string;
  /** Label for reports. */
  label: string;
  /** Kind. */
  kind: EndpointKind;
  /** Matrix row/column: the zone it sits in, or `(Internet)` / `(TSLCD)`. */
  column: string;
  /** Zone it sits in (tiers and zones). */
  zone?: string;
  /** For tiers: the system. */
  system?: string;
  /** For tiers: the tier. */
  tier?: string;
  /** For tiers: vm, bare-metal or container. */
  form?: string;
  /** For tiers, nodes and API VIPs: the VLAN key `<zone>/<vlan>`. */
  vlan?: string;
  /** For nodes and API VIPs: the cluster. */
  cluster?: string;
  /** For nodes: the pool (`control-plane` for the control plane). */
  pool?: string;
  /** For a remote VLAN: the site it is at. */
  site?: string;
  /** For a remote VLAN: the `system/tier`s placed on it there. */
  remoteTiers?: string[];
  /** Its hosts. */
  hosts: Host[];
  /** Why it is represented the way it is. */
  note?: string;
}

/**
 * Hosts of an endpoint that have an address in the family.
 * @param e the endpoint
 * @param family the family
 */
export function hostsIn(e: Pick<Endpoint, "hosts">, family: Family): Host[] {
  return e.hosts.filter((h) => h.address[family] !== undefined);
}

/**
 * True when the host itself enforces something (a port's groups or a pod's policies).
 * @param h the host
 */
export function isManagedHost(h: Pick<Host, "port" | "pod">): boolean {
  return h.port !== undefined || h.pod !== undefined;
}
