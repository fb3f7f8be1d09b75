/**
 * The bootstrap of a cluster node as data: a cloud-init user-data (`#cloud-config`) that writes the
 * distribution's configuration (RKE2's `config.yaml` or kubeadm's init/join configuration) with the
 * dual-stack pod and service ranges, the API endpoint, the node's labels and taints, Pod Security
 * admission defaults (restricted), chrony to the province's NTP servers and rsyslog to its SIEM
 * collector, then installs and starts the node. The join token is never in the spec: the text holds
 * the placeholder `JOIN_TOKEN_PLACEHOLDER`, which only the component fills in, inside a Pulumi secret.
 * Pure.
 */
import { stringify } from "yaml";
import type { ClusterNodeSpec, ClusterSpec } from "./clusterNodes";
import { K8S_PORTS } from "./clusterSecurityGroups";

/** Stands for the cluster's join token until the component substitutes it inside a secret. */
export const JOIN_TOKEN_PLACEHOLDER = "@@HATANG_JOIN_TOKEN@@";

/** Province services every node uses. */
export interface NodeServices {
  /** NTP servers, in order of preference. */
  ntpServers: readonly string[];
  /** SIEM collector `host:port` (syslog over TCP), when the province has one. */
  siemCollector?: string;
}

/** `key=value:effect` as kubelet and RKE2 take a taint. */
function taintText(t: ClusterNodeSpec["taints"][number]): string {
  return `${t.key}${t.value ? `=${t.value}` : ""}:${t.effect}`;
}

/** Host in URLs: IPv6 in brackets. */
function urlHost(address: string): string {
  return address.includes(":") ? `[${address}]` : address;
}

/** Pod Security admission: restricted enforced by default, system namespaces exempt (they run the CNI and agents). */
function podSecurityAdmission(): Record<string, unknown> {
  return {
    apiVersion: "apiserver.config.k8s.io/v1",
    kind: "AdmissionConfiguration",
    plugins: [
      {
        name: "PodSecurity",
        configuration: {
          apiVersion: "pod-security.admission.config.k8s.io/v1",
          kind: "PodSecurityConfiguration",
          defaults: { enforce: "restricted", "enforce-version": "latest", audit: "restricted", "audit-version": "latest", warn: "restricted", "warn-version": "latest" },
          exemptions: { usernames: [], runtimeClasses: [], namespaces: ["kube-system", "calico-system", "tigera-operator", "cilium"] },
        },
      },
    ],
  };
}

/** The first control-plane node initialises the cluster; every other node joins it. */
export function isInitNode(cluster: ClusterSpec, node: ClusterNodeSpec): boolean {
  return node.role === "control-plane" && node.index === 1 && node.cluster === cluster.cluster;
}

/** RKE2's `/etc/rancher/rke2/config.yaml` for a node. */
function rke2Config(cluster: ClusterSpec, node: ClusterNodeSpec): Record<string, unknown> {
  const cfg: Record<string, unknown> = {
    token: JOIN_TOKEN_PLACEHOLDER,
    "node-name": node.name,
    "node-ip": `${node.ipv4},${node.ipv6}`,
    "node-label": Object.entries(node.labels).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}=${v}`),
    "node-taint": node.taints.map(taintText),
  };
  if (!isInitNode(cluster, node)) cfg["server"] = `https://${urlHost(cluster.apiAddress.ipv4)}:${K8S_PORTS.rke2Supervisor}`;
  if (node.role === "control-plane") {
    Object.assign(cfg, {
      "cluster-cidr": `${cluster.podRanges.ipv4},${cluster.podRanges.ipv6}`,
      "service-cidr": `${cluster.serviceRanges.ipv4},${cluster.serviceRanges.ipv6}`,
      cni: cluster.cni,
      "tls-san": [cluster.apiAddress.ipv4, cluster.apiAddress.ipv6],
      profile: "cis",
      "secrets-encryption": true,
      "pod-security-admission-config-file": "/etc/rancher/rke2/pod-security.yaml",
      "etcd-snapshot-schedule-cron": "0 */6 * * *",
    });
  }
  return cfg;
}

/** kubeadm's configuration documents for a node (init on the first control-plane node, join elsewhere). */
function kubeadmConfig(cluster: ClusterSpec, node: ClusterNodeSpec): Array<Record<string, unknown>> {
  const endpoint = `${urlHost(cluster.apiAddress.ipv4)}:${K8S_PORTS.api}`;
  const nodeRegistration = {
    name: node.name,
    taints: node.taints.map((t) => ({ key: t.key, value: t.value || undefined, effect: t.effect })),
    kubeletExtraArgs: [
      { name: "node-ip", value: `${node.ipv4},${node.ipv6}` },
      { name: "node-labels", value: Object.entries(node.labels).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}=${v}`).join(",") },
    ],
  };
  const discovery = { bootstrapToken: { apiServerEndpoint: endpoint, token: JOIN_TOKEN_PLACEHOLDER, unsafeSkipCAVerification: false, caCertHashes: [] } };
  if (isInitNode(cluster, node)) {
    return [
      { apiVersion: "kubeadm.k8s.io/v1beta4", kind: "InitConfiguration", bootstrapTokens: [{ token: JOIN_TOKEN_PLACEHOLDER, ttl: "1h" }], nodeRegistration, localAPIEndpoint: { advertiseAddress: node.ipv4, bindPort: K8S_PORTS.api } },
      {
        apiVersion: "kubeadm.k8s.io/v1beta4",
        kind: "ClusterConfiguration",
        kubernetesVersion: `v${cluster.version}.0`,
        controlPlaneEndpoint: endpoint,
        networking: { podSubnet: `${cluster.podRanges.ipv4},${cluster.podRanges.ipv6}`, serviceSubnet: `${cluster.serviceRanges.ipv4},${cluster.serviceRanges.ipv6}` },
        apiServer: {
          certSANs: [cluster.apiAddress.ipv4, cluster.apiAddress.ipv6],
          extraArgs: [{ name: "admission-control-config-file", value: "/etc/kubernetes/pod-security.yaml" }],
        },
      },
    ];
  }
  const join: Record<string, unknown> = { apiVersion: "kubeadm.k8s.io/v1beta4", kind: "JoinConfiguration", discovery, nodeRegistration };
  if (node.role === "control-plane") join["controlPlane"] = { localAPIEndpoint: { advertiseAddress: node.ipv4, bindPort: K8S_PORTS.api } };
  return [join];
}

/**
 * The `#cloud-config` user-data of one node, with `JOIN_TOKEN_PLACEHOLDER` where the token goes.
 * @param cluster the node's cluster
 * @param node the node
 * @param services the province's NTP servers and SIEM collector
 */
export function renderNodeUserData(cluster: ClusterSpec, node: ClusterNodeSpec, services: NodeServices): string {
  const files: Array<{ path: string; permissions: string; content: string }> = [];
  const runcmd: string[][] = [];
  if (services.siemCollector) files.push({ path: "/etc/rsyslog.d/60-hatang-siem.conf", permissions: "0644", content: `*.* @@${services.siemCollector}\n` });
  if (cluster.distribution === "rke2") {
    files.push({ path: "/etc/rancher/rke2/config.yaml", permissions: "0600", content: stringify(rke2Config(cluster, node)) });
    if (node.role === "control-plane") files.push({ path: "/etc/rancher/rke2/pod-security.yaml", permissions: "0600", content: stringify(podSecurityAdmission()) });
    const type = node.role === "control-plane" ? "server" : "agent";
    runcmd.push(["sh", "-c", `curl -sfL https://get.rke2.io | INSTALL_RKE2_TYPE=${type} INSTALL_RKE2_VERSION=v${cluster.version} sh -`], ["systemctl", "enable", "--now", `rke2-${type}.service`]);
  } else {
    files.push({ path: "/etc/kubernetes/kubeadm.yaml", permissions: "0600", content: kubeadmConfig(cluster, node).map((d) => stringify(d)).join("---\n") });
    if (node.role === "control-plane") files.push({ path: "/etc/kubernetes/pod-security.yaml", permissions: "0600", content: stringify(podSecurityAdmission()) });
    runcmd.push(["kubeadm", isInitNode(cluster, node) ? "init" : "join", "--config", "/etc/kubernetes/kubeadm.yaml"]);
  }
  if (services.siemCollector) runcmd.unshift(["systemctl", "restart", "rsyslog"]);
  const doc = {
    hostname: node.name,
    ntp: { enabled: true, ntp_client: "chrony", servers: [...services.ntpServers] },
    write_files: files,
    runcmd,
  };
  return `#cloud-config\n${stringify(doc)}`;
}
