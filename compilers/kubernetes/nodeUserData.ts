/**
 * The bootstrap of a cluster node as data: a cloud-init user-data (`#cloud-config`) that writes the
 * distribution's configuration (RKE2's `config.yaml` or kubeadm's init/join configuration) with the
 * dual-stack pod and service ranges, the API endpoint, the node's labels and taints, Pod Security
 * admission defaults (restricted), chrony to the province's NTP servers and rsyslog to its SIEM
 * collector, then installs and starts the node. etcd encrypts Secrets at rest (RKE2's secrets-encryption;
 * kubeadm's EncryptionConfiguration) and is snapshotted on the cluster's backup policy's schedule. The join
 * token and kubeadm's etcd key are never in the spec: the text holds `JOIN_TOKEN_PLACEHOLDER` and
 * `ETCD_KEY_PLACEHOLDER`, which only the component fills in, inside a Pulumi secret.
 * Pure.
 */
import { stringify } from "yaml";
import type { ClusterNodeSpec, ClusterSpec } from "./clusterNodes";
import { K8S_PORTS } from "./clusterSecurityGroups";

/** Stands for the cluster's join token until the component substitutes it inside a secret. */
export const JOIN_TOKEN_PLACEHOLDER = "@@HATANG_JOIN_TOKEN@@";

/**
 * Stands for a kubeadm cluster's etcd encryption key (32 random bytes, base64) until the component
 * substitutes it inside a secret; RKE2 generates and keeps its own key (`secrets-encryption`).
 */
export const ETCD_KEY_PLACEHOLDER = "@@HATANG_ETCD_KEY@@";

/** Where kubeadm's control-plane nodes keep the EncryptionConfiguration (a directory mounted into the API server). */
export const KUBEADM_ENCRYPTION_DIR = "/etc/kubernetes/encryption";

/** Where kubeadm's control-plane nodes write etcd snapshots (inside etcd's data directory, mounted from the host). */
export const KUBEADM_SNAPSHOT_DIR = "/var/lib/etcd/snapshots";

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
      // Snapshots on the backup policy's schedule, for its jobs to copy (the etcd dataset of the backup plan).
      "etcd-snapshot-schedule-cron": cluster.etcd.snapshotCron,
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
          extraArgs: [
            { name: "admission-control-config-file", value: "/etc/kubernetes/pod-security.yaml" },
            { name: "encryption-provider-config", value: `${KUBEADM_ENCRYPTION_DIR}/config.yaml` },
          ],
          // The API server runs in a static pod: the files it reads must be mounted into it.
          extraVolumes: [
            { name: "pod-security", hostPath: "/etc/kubernetes/pod-security.yaml", mountPath: "/etc/kubernetes/pod-security.yaml", readOnly: true, pathType: "File" },
            { name: "encryption-config", hostPath: KUBEADM_ENCRYPTION_DIR, mountPath: KUBEADM_ENCRYPTION_DIR, readOnly: true, pathType: "DirectoryOrCreate" },
          ],
        },
      },
    ];
  }
  const join: Record<string, unknown> = { apiVersion: "kubeadm.k8s.io/v1beta4", kind: "JoinConfiguration", discovery, nodeRegistration };
  if (node.role === "control-plane") join["controlPlane"] = { localAPIEndpoint: { advertiseAddress: node.ipv4, bindPort: K8S_PORTS.api } };
  return [join];
}

/** kubeadm's EncryptionConfiguration: Secrets encrypted with AES-CBC under the cluster's key, plaintext still readable (identity last). */
function kubeadmEncryptionConfig(): Record<string, unknown> {
  return {
    apiVersion: "apiserver.config.k8s.io/v1",
    kind: "EncryptionConfiguration",
    resources: [{ resources: ["secrets"], providers: [{ aescbc: { keys: [{ name: "hatang-1", secret: ETCD_KEY_PLACEHOLDER }] } }, { identity: {} }] }],
  };
}

/**
 * kubeadm has no snapshot schedule of its own: a cron entry on each control-plane node runs etcdctl inside
 * the node's etcd pod on the backup policy's schedule (`%` escaped, as cron requires).
 */
function kubeadmSnapshotCron(cluster: ClusterSpec, node: ClusterNodeSpec): string {
  const etcdctl = [
    "kubectl --kubeconfig /etc/kubernetes/admin.conf -n kube-system exec",
    `etcd-${node.name} -- etcdctl --endpoints=https://127.0.0.1:${K8S_PORTS.etcd.min}`,
    "--cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/server.key",
    `snapshot save ${KUBEADM_SNAPSHOT_DIR}/etcd-$(date +\\%Y\\%m\\%dT\\%H\\%M).db`,
  ].join(" ");
  return `# etcd snapshots of ${cluster.cluster} on the schedule of backup policy ${cluster.etcd.backupPolicy ?? "(none named)"}\n${cluster.etcd.snapshotCron} root mkdir -p ${KUBEADM_SNAPSHOT_DIR} && ${etcdctl}\n`;
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
    if (node.role === "control-plane") {
      files.push({ path: "/etc/kubernetes/pod-security.yaml", permissions: "0600", content: stringify(podSecurityAdmission()) });
      // Every control-plane node: a joining one runs the API server from the same ClusterConfiguration.
      files.push({ path: `${KUBEADM_ENCRYPTION_DIR}/config.yaml`, permissions: "0600", content: stringify(kubeadmEncryptionConfig()) });
      files.push({ path: "/etc/cron.d/hatang-etcd-snapshot", permissions: "0644", content: kubeadmSnapshotCron(cluster, node) });
    }
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
