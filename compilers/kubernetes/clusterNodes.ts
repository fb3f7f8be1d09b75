/**
 * The Kubernetes clusters the program builds, as VMs on the site's cloud: control-plane and worker
 * nodes per pool on the pool's VLAN with fixed addresses (picked with every other host of the VLAN,
 * `compilers/openstack/fixedAddresses.ts`), anti-affinity server groups, and the API's VIP port.
 * Names come from cluster, pool and node number, never from positions in a list. Pure.
 */
import { clusterVlan, nodeGroupImage, type Cluster, type Inventory, type NodeTaint } from "../../inventory/model";
import type { SitePlan, SubnetPlan } from "../../inventory/addressing/types";
import type { FixedAddress, HostRequest } from "../openstack/fixedAddresses";
import { zoneGroupKey } from "../openstack/securityGroups";
import { resourceName } from "../naming";
import { clusterGroupKeys } from "./clusterSecurityGroups";

/** The pool name the control plane's nodes carry (the model reserves it). */
export const CONTROL_PLANE = "control-plane";

/** One node VM of a cluster, with its fixed addresses. */
export interface ClusterNodeSpec extends FixedAddress {
  /** Stable identity `k8s/<cluster>/<pool>/<n>` (addresses and MAC are drawn from it). */
  key: string;
  /** Server and port name `<site>-<cluster>-<pool>-<n>`. */
  name: string;
  cluster: string;
  /** Pool name, `control-plane` for the control plane. */
  pool: string;
  role: "control-plane" | "worker";
  /** Node number in its pool, from 1. */
  index: number;
  zone: string;
  /** Key of the network (`<zone>-<vlan>`) its port is on. */
  networkKey: string;
  image: string;
  flavor: string;
  /** The zone's group and the cluster's own groups. */
  securityGroupKeys: string[];
  serverGroupKey: string;
  /** Node labels (`hatang.vn/pool` and the pool's own). */
  labels: Record<string, string>;
  taints: NodeTaint[];
  /** Addresses the port may also answer for (the API VIP on control-plane nodes). */
  allowedAddresses: string[];
  /** Nova availability zone: control-plane nodes are spread over the site's hypervisor zones (absent: any). */
  availabilityZone?: string;
}

/** An anti-affinity server group of a cluster's pool. */
export interface ClusterServerGroupSpec {
  /** `k8s-<cluster>-<pool>`. */
  key: string;
  /** `<site>-<cluster>-<pool>`. */
  name: string;
  cluster: string;
  pool: string;
  policy: "anti-affinity";
  /** Nodes of the group one hypervisor may hold (Nova `max_server_per_host`); absent = 1. */
  maxPerHost?: number;
}

/** The API VIP: a port no server is bound to, whose addresses the control-plane nodes hold. */
export interface ApiVipSpec extends FixedAddress {
  /** `k8s/<cluster>/api`. */
  key: string;
  /** `<site>-<cluster>-api-vip`. */
  name: string;
  zone: string;
  networkKey: string;
  securityGroupKeys: string[];
}

/** Everything one cluster puts on the cloud. */
export interface ClusterSpec {
  cluster: string;
  site: string;
  zone: string;
  version: string;
  distribution: Cluster["distribution"];
  cni: Cluster["cni"]["plugin"];
  /** The API: a VIP the control plane holds, or a load balancer of the plant. */
  api: { kind: "vip"; vip: ApiVipSpec } | { kind: "load-balancer"; device: string };
  /** The API's address(es), as the bootstrap and kubeconfig name it (the VIP's, or the first control-plane node's behind a load balancer). */
  apiAddress: { ipv4: string; ipv6: string };
  nodes: ClusterNodeSpec[];
  serverGroups: ClusterServerGroupSpec[];
  /** Dual-stack pod and service ranges from the address plan. */
  podRanges: { ipv4: string; ipv6: string };
  serviceRanges: { ipv4: string; ipv6: string };
  nodePorts: boolean;
  /** etcd: when snapshots are taken (the cron of the cluster's backup policy) and how Secrets are encrypted at rest. */
  etcd: { snapshotCron: string; backupPolicy?: string; encryption: EtcdEncryption };
}

/** The provider that encrypts Secrets in etcd (RKE2's secrets-encryption and kubeadm's EncryptionConfiguration both use AES-CBC). */
export type EtcdEncryption = "aescbc";

/** The snapshot schedule of a cluster that names no backup policy (K8S-15 fails it). */
export const DEFAULT_ETCD_SNAPSHOT_CRON = "0 */6 * * *";

/** The clusters of a site, with problems (a VIP address outside its pool or taken). */
export interface ClusterNodesSpec {
  clusters: ClusterSpec[];
  problems: string[];
}

/** Address identity of a node. */
export function nodeKey(cluster: string, pool: string, n: number): string {
  return `k8s/${cluster}/${pool}/${n}`;
}

/** Address identity of a cluster's API VIP. */
export function apiVipKey(cluster: string): string {
  return `k8s/${cluster}/api`;
}

interface NodeGroup {
  pool: string;
  role: ClusterNodeSpec["role"];
  count: number;
  flavor: string;
  image: string;
  subnet: SubnetPlan | undefined;
  maxPerHost: number;
  labels: Record<string, string>;
  taints: NodeTaint[];
}

/** The clusters the program builds at a site (not external ones). */
function builtClusters(inventory: Inventory, site: string): Cluster[] {
  return inventory.clusters.filter((c) => c.site === site && !c.external).sort((a, b) => a.id.localeCompare(b.id));
}

/** The control plane and the pools of a cluster, each with its subnet. */
function nodeGroups(inventory: Inventory, plan: SitePlan, c: Cluster): NodeGroup[] {
  const zone = inventory.zones.find((z) => z.site === c.site && z.id === c.zone);
  const subnetOf = (vlan: string | undefined): SubnetPlan | undefined => plan.subnets.find((s) => s.zone === c.zone && s.vlanName === vlan);
  const groups: NodeGroup[] = [];
  if (c.controlPlane) {
    groups.push({
      pool: CONTROL_PLANE,
      role: "control-plane",
      count: c.controlPlane.count,
      flavor: c.controlPlane.flavor,
      image: nodeGroupImage(c, c.controlPlane) ?? "",
      subnet: zone ? subnetOf(clusterVlan(zone, c)?.name) : undefined,
      maxPerHost: 1,
      labels: {},
      // Workloads stay off the control plane (kubeadm's and RKE2's own taint).
      taints: [{ key: "node-role.kubernetes.io/control-plane", value: "", effect: "NoSchedule" }],
    });
  }
  for (const p of [...c.nodePools].sort((a, b) => a.name.localeCompare(b.name))) {
    groups.push({
      pool: p.name,
      role: "worker",
      count: p.count,
      flavor: p.flavor,
      image: nodeGroupImage(c, p) ?? "",
      subnet: zone ? subnetOf(clusterVlan(zone, c, p)?.name) : undefined,
      maxPerHost: p.maxPerHost,
      labels: p.labels,
      taints: p.taints,
    });
  }
  return groups;
}

/**
 * The hosts of the site's clusters that need fixed addresses (nodes, and VIPs not fixed by the
 * operator), for `compilePlacements` to pick addresses over them and the VM tiers together.
 * @param inventory the inventory
 * @param plan the site's address plan
 */
export function clusterHostRequests(inventory: Inventory, plan: SitePlan): HostRequest[] {
  const out: HostRequest[] = [];
  for (const c of builtClusters(inventory, plan.site)) {
    const groups = nodeGroups(inventory, plan, c);
    for (const g of groups) {
      if (!g.subnet) continue;
      for (let n = 1; n <= g.count; n++) out.push({ key: nodeKey(c.id, g.pool, n), subnet: g.subnet, owner: `${c.id}/${g.pool}` });
    }
    const cp = groups.find((g) => g.role === "control-plane");
    if (c.apiEndpoint.loadBalancer === undefined && cp?.subnet) out.push({ key: apiVipKey(c.id), subnet: cp.subnet, owner: `${c.id}/api` });
  }
  return out;
}

/**
 * Compiles the clusters of a site the program builds.
 * @param inventory the inventory (validated)
 * @param plan the site's address plan
 * @param addresses fixed addresses of the requests `clusterHostRequests` made (from `compilePlacements`' `sharedAddresses`)
 */
export function compileClusterNodes(inventory: Inventory, plan: SitePlan, addresses: ReadonlyMap<string, FixedAddress>): ClusterNodesSpec {
  const clusters: ClusterSpec[] = [];
  const problems: string[] = [];
  for (const c of builtClusters(inventory, plan.site)) {
    const ranges = plan.clusters.find((r) => r.cluster === c.id);
    if (!ranges) {
      problems.push(`cluster ${c.id}: the address plan has no pod and service ranges for it (run npm run addressplan)`);
      continue;
    }
    const groupKeys = clusterGroupKeys(c.id);
    const nodes: ClusterNodeSpec[] = [];
    const serverGroups: ClusterServerGroupSpec[] = [];
    const groups = nodeGroups(inventory, plan, c);
    const zones = hypervisorZones(inventory, plan.site);
    for (const g of groups) {
      if (!g.subnet) {
        problems.push(`cluster ${c.id} pool ${g.pool}: no subnet for its VLAN in zone ${c.zone} at ${plan.site}`);
        continue;
      }
      const sgKey = resourceName("k8s", c.id, g.pool);
      serverGroups.push({ key: sgKey, name: resourceName(plan.site, c.id, g.pool), cluster: c.id, pool: g.pool, policy: "anti-affinity", maxPerHost: g.maxPerHost > 1 ? g.maxPerHost : undefined });
      for (let n = 1; n <= g.count; n++) {
        const key = nodeKey(c.id, g.pool, n);
        const a = addresses.get(key);
        if (!a) continue; // its VLAN's pool is full: compilePlacements reports it
        nodes.push({
          key,
          name: resourceName(plan.site, c.id, g.pool, n),
          cluster: c.id,
          pool: g.pool,
          role: g.role,
          index: n,
          zone: c.zone,
          networkKey: resourceName(g.subnet.zone, g.subnet.vlanName),
          image: g.image,
          flavor: g.flavor,
          ...a,
          securityGroupKeys: [zoneGroupKey(c.zone), groupKeys.nodes, ...(g.role === "control-plane" ? [groupKeys.controlPlane] : [])],
          serverGroupKey: sgKey,
          labels: { ...g.labels, "hatang.vn/pool": g.pool },
          taints: g.taints,
          allowedAddresses: [],
          ...(g.role === "control-plane" && zones.length > 1 ? { availabilityZone: spreadZone(zones, n) } : {}),
        });
      }
    }
    const cpNodes = nodes.filter((n) => n.role === "control-plane");
    const cpGroup = groups.find((g) => g.role === "control-plane");
    let api: ClusterSpec["api"] | undefined;
    let apiAddress: ClusterSpec["apiAddress"] | undefined;
    if (c.apiEndpoint.loadBalancer !== undefined) {
      api = { kind: "load-balancer", device: c.apiEndpoint.loadBalancer };
      if (cpNodes[0]) apiAddress = { ipv4: cpNodes[0].ipv4, ipv6: cpNodes[0].ipv6 };
    } else if (cpGroup?.subnet) {
      const vip = addresses.get(apiVipKey(c.id));
      if (vip) {
        const ipv4 = fixedVip(c, cpGroup.subnet, nodes, vip, problems);
        api = {
          kind: "vip",
          vip: { key: apiVipKey(c.id), name: resourceName(plan.site, c.id, "api-vip"), zone: c.zone, networkKey: resourceName(cpGroup.subnet.zone, cpGroup.subnet.vlanName), ...vip, ipv4, securityGroupKeys: [zoneGroupKey(c.zone), groupKeys.controlPlane] },
        };
        apiAddress = { ipv4, ipv6: vip.ipv6 };
        for (const n of cpNodes) n.allowedAddresses = [ipv4, vip.ipv6];
      }
    }
    if (!api || !apiAddress) continue;
    clusters.push({
      cluster: c.id,
      site: plan.site,
      zone: c.zone,
      version: c.version,
      distribution: c.distribution,
      cni: c.cni.plugin,
      api,
      apiAddress,
      nodes: nodes.sort((a, b) => a.key.localeCompare(b.key)),
      serverGroups: serverGroups.sort((a, b) => a.key.localeCompare(b.key)),
      podRanges: ranges.pods,
      serviceRanges: ranges.services,
      nodePorts: c.nodePorts,
      etcd: {
        snapshotCron: inventory.backupPolicies.find((b) => b.id === c.etcdBackupPolicy)?.schedule ?? DEFAULT_ETCD_SNAPSHOT_CRON,
        ...(c.etcdBackupPolicy !== undefined ? { backupPolicy: c.etcdBackupPolicy } : {}),
        encryption: "aescbc",
      },
    });
  }
  problems.sort();
  return { clusters, problems };
}

/** The availability zones the site's hypervisors declare, sorted. */
export function hypervisorZones(inventory: Pick<Inventory, "devices">, site: string): string[] {
  return [...new Set(inventory.devices.filter((d) => d.site === site && d.role === "hypervisor" && d.availabilityZone !== undefined).map((d) => d.availabilityZone!))].sort();
}

/**
 * The zone of the n-th node (from 1): round robin over the sorted zones, so consecutive nodes never share
 * one and a node keeps its zone when other nodes or pools come and go (only a new zone moves nodes).
 */
export function spreadZone(zones: readonly string[], n: number): string {
  return zones[(n - 1) % zones.length];
}

/** The VIP's IPv4 address: the operator's when fixed (inside the pool and taken by no node), else the allocated one. */
function fixedVip(c: Cluster, subnet: SubnetPlan, nodes: readonly ClusterNodeSpec[], vip: FixedAddress, problems: string[]): string {
  const wanted = c.apiEndpoint.ipv4;
  if (wanted === undefined) return vip.ipv4;
  const toInt = (a: string): number => a.split(".").reduce((n, o) => n * 256 + Number(o), 0);
  const inPool = toInt(subnet.ipv4.pool.start) <= toInt(wanted) && toInt(wanted) <= toInt(subnet.ipv4.pool.end);
  const taker = nodes.find((n) => n.ipv4 === wanted);
  if (!inPool) problems.push(`cluster ${c.id}: apiEndpoint.ipv4 ${wanted} is outside the IPv4 pool ${subnet.ipv4.pool.start}–${subnet.ipv4.pool.end} of VLAN ${subnet.vlanName}`);
  else if (taker) problems.push(`cluster ${c.id}: apiEndpoint.ipv4 ${wanted} is node ${taker.name}'s address; choose another`);
  return wanted;
}
