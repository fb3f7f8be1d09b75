/**
 * Log shipping to the SIEM: a Fluent Bit DaemonSet tailing container logs on every node and forwarding
 * them as RFC 5424 syslog over TCP to `security.siemCollector`. Pure builders; the platform chart wraps them.
 */
import { MANAGED_BY } from "./labels";
import { LOGGING_NAMESPACE } from "./namespaces";
import type { KubeObject } from "./types";

/** Where logs go, parsed from `security.siemCollector`. */
export interface SiemCollector {
  /** Host name or address (IPv6 without brackets). */
  host: string;
  /** TCP port. Default 514 (syslog). */
  port: number;
  /** Family when `host` is an address; undefined for a host name. */
  family?: "ipv4" | "ipv6";
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const HOSTNAME = /^(?=.{1,253}$)[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

/** Name shared by the log shipper's objects. */
export const LOG_SHIPPER_NAME = "log-shipper";
/** Digest-pinned image reference: `name[:tag]@sha256:<64 hex>`. */
export const DIGEST_PINNED = /^[a-z0-9][a-z0-9._\-/:]*@sha256:[a-f0-9]{64}$/;

/**
 * Parses `host`, `host:port`, `[ipv6]:port`, a bare IPv6 address, or any of these after `tcp://`.
 * @param text the `security.siemCollector` value
 * @returns the collector, or a message saying what was expected
 */
export function parseSiemCollector(text: string): { ok: true; collector: SiemCollector } | { ok: false; message: string } {
  const raw = text.trim().replace(/^(tcp|syslog):\/\//, "");
  let host = raw;
  let portText: string | undefined;
  const bracketed = /^\[([0-9a-fA-F:.]+)\](?::(\d+))?$/.exec(raw);
  if (bracketed) {
    host = bracketed[1];
    portText = bracketed[2];
  } else if ((raw.match(/:/g) ?? []).length === 1) {
    [host, portText] = raw.split(":");
  }
  const port = portText === undefined ? 514 : Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    return { ok: false, message: `security.siemCollector: expected a port from 1 to 65535, found "${portText}"` };
  }
  if (IPV4.test(host)) return { ok: true, collector: { host, port, family: "ipv4" } };
  if (host.includes(":")) {
    if (/^[0-9a-fA-F:.]+$/.test(host) && host.split("::").length <= 2) return { ok: true, collector: { host: host.toLowerCase(), port, family: "ipv6" } };
    return { ok: false, message: `security.siemCollector: expected host, host:port or [ipv6]:port, found "${text}"` };
  }
  if (HOSTNAME.test(host)) return { ok: true, collector: { host: host.toLowerCase(), port } };
  return { ok: false, message: `security.siemCollector: expected host, host:port or [ipv6]:port, found "${text}"` };
}

/**
 * Fluent Bit's configuration (classic format). The tail database and buffers live in an emptyDir
 * because the root filesystem is read-only; a restart re-reads at most the current files.
 * @param collector where logs go
 */
export function fluentBitConfig(collector: SiemCollector): string {
  return [
    "[SERVICE]",
    "    Flush           5",
    "    Log_Level       info",
    "    HTTP_Server     On",
    "    HTTP_Listen     0.0.0.0",
    "    HTTP_Port       2020",
    "    Health_Check    On",
    "    storage.path    /fluent-bit/buffer/",
    "",
    "[INPUT]",
    "    Name              tail",
    "    Path              /var/log/containers/*.log",
    "    multiline.parser  cri, docker",
    "    Tag               kube.*",
    "    DB                /fluent-bit/buffer/tail.db",
    "    Mem_Buf_Limit     50MB",
    "    Skip_Long_Lines   On",
    "    storage.type      filesystem",
    "",
    "[FILTER]",
    "    Name       kubernetes",
    "    Match      kube.*",
    "    Merge_Log  On",
    "    Keep_Log   Off",
    "",
    "[OUTPUT]",
    "    Name                syslog",
    "    Match               *",
    `    Host                ${collector.host}`,
    `    Port                ${collector.port}`,
    "    Mode                tcp",
    "    Syslog_Format       rfc5424",
    "    Syslog_Message_Key  log",
    "    Retry_Limit         False",
    "",
  ].join("\n");
}

/**
 * ServiceAccount, ClusterRole and binding the Kubernetes filter needs (read pod and namespace metadata).
 */
export function logShipperRbac(): KubeObject[] {
  const labels = { ...MANAGED_BY, "app.kubernetes.io/name": LOG_SHIPPER_NAME };
  return [
    { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: LOG_SHIPPER_NAME, namespace: LOGGING_NAMESPACE, labels } },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRole",
      metadata: { name: `hatang-${LOG_SHIPPER_NAME}`, labels },
      rules: [{ apiGroups: [""], resources: ["namespaces", "pods"], verbs: ["get", "list", "watch"] }],
    },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRoleBinding",
      metadata: { name: `hatang-${LOG_SHIPPER_NAME}`, labels },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: `hatang-${LOG_SHIPPER_NAME}` },
      subjects: [{ kind: "ServiceAccount", name: LOG_SHIPPER_NAME, namespace: LOGGING_NAMESPACE }],
    },
  ];
}

/**
 * The ConfigMap holding the configuration.
 * @param collector where logs go
 */
export function logShipperConfigMap(collector: SiemCollector): KubeObject {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: LOG_SHIPPER_NAME, namespace: LOGGING_NAMESPACE, labels: { ...MANAGED_BY, "app.kubernetes.io/name": LOG_SHIPPER_NAME } },
    data: { "fluent-bit.conf": fluentBitConfig(collector) },
  };
}

/**
 * The DaemonSet. Restricted settings everywhere except the read-only hostPath mount of /var/log,
 * which is what reading node logs means. It runs as a non-root user in group 0 because container log
 * files are `root:root 0640` on common runtimes: group read is enough, no root needed.
 * @param image digest-pinned image reference
 * @param configHash hash of the configuration, so a config change rolls the pods
 */
export function logShipperDaemonSet(image: string, configHash: string): KubeObject {
  const selector = { "app.kubernetes.io/name": LOG_SHIPPER_NAME };
  return {
    apiVersion: "apps/v1",
    kind: "DaemonSet",
    metadata: { name: LOG_SHIPPER_NAME, namespace: LOGGING_NAMESPACE, labels: { ...MANAGED_BY, ...selector } },
    spec: {
      selector: { matchLabels: selector },
      updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1 } },
      template: {
        metadata: { labels: { ...selector }, annotations: { "hatang.vn/config-hash": configHash } },
        spec: {
          serviceAccountName: LOG_SHIPPER_NAME,
          automountServiceAccountToken: true,
          securityContext: { runAsNonRoot: true, runAsUser: 10001, runAsGroup: 0, seccompProfile: { type: "RuntimeDefault" } },
          // Every node, control plane included: its logs are as much evidence as any other.
          tolerations: [{ operator: "Exists" }],
          containers: [
            {
              name: "fluent-bit",
              image,
              imagePullPolicy: "IfNotPresent",
              args: ["--config=/fluent-bit/etc/fluent-bit.conf"],
              ports: [{ name: "http", containerPort: 2020, protocol: "TCP" }],
              livenessProbe: { httpGet: { path: "/api/v1/health", port: "http" }, initialDelaySeconds: 10, periodSeconds: 30 },
              resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { cpu: "500m", memory: "256Mi" } },
              securityContext: {
                allowPrivilegeEscalation: false,
                privileged: false,
                readOnlyRootFilesystem: true,
                runAsNonRoot: true,
                capabilities: { drop: ["ALL"] },
                seccompProfile: { type: "RuntimeDefault" },
              },
              volumeMounts: [
                { name: "config", mountPath: "/fluent-bit/etc", readOnly: true },
                { name: "buffer", mountPath: "/fluent-bit/buffer" },
                { name: "varlog", mountPath: "/var/log", readOnly: true },
              ],
            },
          ],
          volumes: [
            { name: "config", configMap: { name: LOG_SHIPPER_NAME } },
            { name: "buffer", emptyDir: { sizeLimit: "1Gi" } },
            { name: "varlog", hostPath: { path: "/var/log", type: "Directory" } },
          ],
        },
      },
    },
  };
}
