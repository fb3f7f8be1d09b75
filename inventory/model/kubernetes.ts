import { z } from "zod";
import { AddressText, ExplicitPrefixes, Slug, Text } from "./common";

/** A node taint (`key=value:effect`). */
export const NodeTaint = z
  .object({
    /** Taint key, e.g. `hatang.vn/dedicated`. */
    key: Text,
    /** Taint value; empty when absent. */
    value: z.string().default(""),
    /** What the taint does to pods that do not tolerate it. */
    effect: z.enum(["NoSchedule", "PreferNoSchedule", "NoExecute"]),
  })
  .strict();
export type NodeTaint = z.infer<typeof NodeTaint>;

/** Pool names the program gives a meaning of its own: the control plane's nodes are named with it. */
export const RESERVED_POOL_NAMES: readonly string[] = ["control-plane"];

/** A group of identical worker nodes. */
export const NodePool = z
  .object({
    /** Name, unique per cluster (`control-plane` is the control plane's). */
    name: Slug.refine((n) => !RESERVED_POOL_NAMES.includes(n), { message: `"control-plane" names the control plane's nodes; choose another pool name` }),
    /** Node count. */
    count: z.number().int().min(1).max(1000),
    /** Flavor of the node VMs. */
    flavor: Text,
    /** Image of the node VMs (one of security.approvedImages); default the cluster's `image`. */
    image: Text.optional(),
    /** VLAN (name, in the cluster's zone) the pool's nodes sit on; default the cluster's VLAN. */
    vlan: Slug.optional(),
    /**
     * How many of the pool's nodes may share a hypervisor (Nova anti-affinity `max_server_per_host`).
     * Default 1: no two on one hypervisor.
     */
    maxPerHost: z.number().int().min(1).max(1000).default(1),
    /** Node labels (`hatang.vn/pool` is always added). */
    labels: z.record(z.string(), z.string()).default({}),
    /** Node taints. */
    taints: z.array(NodeTaint).default([]),
  })
  .strict();
export type NodePool = z.infer<typeof NodePool>;

/** The control plane: an odd number of nodes (etcd quorum), never two on one hypervisor. */
export const ControlPlane = z
  .object({
    /** Node count: 1, 3 or 5 (etcd needs a majority). Default 3. */
    count: z
      .number()
      .int()
      .refine((n) => n === 1 || n === 3 || n === 5, { message: "expected 1, 3 or 5 control-plane nodes (etcd keeps a majority of an odd number)" })
      .default(3),
    /** Flavor of the control-plane VMs. */
    flavor: Text,
    /** Image (one of security.approvedImages); default the cluster's `image`. */
    image: Text.optional(),
  })
  .strict();
export type ControlPlane = z.infer<typeof ControlPlane>;

/** A port (or range) the CNI's nodes exchange among themselves. */
export const CniPort = z
  .object({
    protocol: z.enum(["tcp", "udp"]),
    port: z.number().int().min(1).max(65535),
    /** Last port of a range; default `port`. */
    portMax: z.number().int().min(1).max(65535).optional(),
    /** What it carries. */
    purpose: Text,
  })
  .strict();
export type CniPort = z.infer<typeof CniPort>;

/** The CNI plugins the bootstrap knows, and the node-to-node ports each needs by default (its documentation's port matrix). */
export const CNI_DEFAULT_PORTS: Readonly<Record<"calico" | "cilium", readonly CniPort[]>> = {
  // Calico in VXLAN mode (no IP-in-IP, which Neutron's security groups cannot match by port): BGP, VXLAN, Typha.
  calico: [
    { protocol: "tcp", port: 179, purpose: "Calico BGP" },
    { protocol: "udp", port: 4789, purpose: "Calico VXLAN" },
    { protocol: "tcp", port: 5473, purpose: "Calico Typha" },
  ],
  // Cilium with VXLAN tunnelling: the tunnel, health checks, Hubble.
  cilium: [
    { protocol: "udp", port: 8472, purpose: "Cilium VXLAN" },
    { protocol: "tcp", port: 4240, purpose: "Cilium health" },
    { protocol: "tcp", port: 4244, purpose: "Hubble server" },
  ],
};

/** The cluster's network plugin. */
export const Cni = z
  .object({
    /** Plugin. Default calico. */
    plugin: z.enum(["calico", "cilium"]).default("calico"),
    /** Node-to-node ports; default the plugin's own (CNI_DEFAULT_PORTS). */
    ports: z.array(CniPort).min(1).optional(),
  })
  .strict();
export type Cni = z.infer<typeof Cni>;

/** The ports a cluster's CNI opens between its nodes: the ones declared, else the plugin's defaults. */
export function cniPorts(cni: Cni): readonly CniPort[] {
  return cni.ports ?? CNI_DEFAULT_PORTS[cni.plugin];
}

/**
 * Where the Kubernetes API is reached: a virtual address on the cluster's VLAN that the control-plane
 * nodes hold (allocated by the address plan unless fixed here), or a load balancer of the plant.
 */
export const ApiEndpoint = z
  .object({
    /** A load-balancer device (`role: load-balancer`) at the cluster's site that fronts the API; else a VIP. */
    loadBalancer: Slug.optional(),
    /** The VIP's IPv4 address, fixed by the operator (inside the VLAN's pool); else allocated. */
    ipv4: AddressText.optional(),
  })
  .strict();
export type ApiEndpoint = z.infer<typeof ApiEndpoint>;

/** A VM tier that drives the cluster's API (CI runners, GitOps controllers outside the cluster). */
export const AutomationHost = z
  .object({
    /** The system whose tier it is. */
    system: Slug,
    /** The VM tier (its hosts' addresses are admitted to the API). */
    tier: Slug,
  })
  .strict();
export type AutomationHost = z.infer<typeof AutomationHost>;

/** A Kubernetes cluster (dual-stack) at a site. */
export const Cluster = z
  .object({
    /** Identity. */
    id: Slug,
    /** Site. */
    site: Slug,
    /** Zone its nodes live in. */
    zone: Slug,
    /** VLAN (name, in the zone) its nodes sit on; default the zone's VLAN with the lowest id. */
    vlan: Slug.optional(),
    /** Kubernetes minor version (e.g. "1.32"). */
    version: z.string().regex(/^1\.\d{1,2}$/, { message: "expected a Kubernetes minor version such as \"1.32\"" }),
    /**
     * The cluster exists outside this program (its kubeconfig is a required secret): no nodes, no
     * bootstrap, no cluster security groups. Default false: the program builds it.
     */
    external: z.boolean().default(false),
    /** Distribution that installs the nodes. Default rke2 (CIS-hardened profile, etcd encryption on). */
    distribution: z.enum(["rke2", "kubeadm"]).default("rke2"),
    /** Network plugin. Default calico with its own ports. */
    cni: Cni.default({ plugin: "calico" }),
    /** The API endpoint. Default a VIP on the cluster's VLAN held by the control-plane nodes. */
    apiEndpoint: ApiEndpoint.default({}),
    /** VM tiers that may reach the API besides the management zone. */
    automationHosts: z.array(AutomationHost).default([]),
    /**
     * Backup policy (an id under backupPolicies) of the cluster's etcd: its schedule takes the etcd snapshots
     * on the control-plane nodes, and its copies hold them (judged with every other dataset; K8S-15 asks for it).
     */
    etcdBackupPolicy: Slug.optional(),
    /** Whether Services of type NodePort (30000–32767) are reachable on the nodes. Default false. */
    nodePorts: z.boolean().default(false),
    /** Default image of every node (one of security.approvedImages); a pool or the control plane may name its own. */
    image: Text.optional(),
    /** The control plane. */
    controlPlane: ControlPlane.optional(),
    /** Node pools. */
    nodePools: z.array(NodePool).min(1),
    /** Pod ranges fixed by the operator; else allocated (IPv4 /16, IPv6 /56). */
    podPrefix: ExplicitPrefixes.optional(),
    /** Service ranges fixed by the operator; else allocated (IPv4 /20, IPv6 /112). */
    servicePrefix: ExplicitPrefixes.optional(),
    /** IPv4 prefix length of the pod range. Default 16. */
    podIpv4Length: z.number().int().min(8).max(24).default(16),
    /** IPv4 prefix length of the service range. Default 20. */
    serviceIpv4Length: z.number().int().min(12).max(26).default(20),
  })
  .strict();
export type Cluster = z.infer<typeof Cluster>;
