/**
 * The kubeconfig of a cluster the program builds: read from the distribution's admin kubeconfig on
 * the node that initialised the cluster (once its bootstrap wrote it), then pointed at the cluster's
 * API endpoint instead of the node-local address the distribution writes (RKE2 names 127.0.0.1).
 * Pure: the component runs the command and keeps the result a Pulumi secret.
 */
import { isMap, isSeq, parseDocument } from "yaml";
import type { ClusterSpec } from "./clusterNodes";

/** Where each distribution writes the cluster-admin kubeconfig on a control-plane node (root-only). */
export const ADMIN_KUBECONFIG: Readonly<Record<ClusterSpec["distribution"], string>> = {
  rke2: "/etc/rancher/rke2/rke2.yaml",
  kubeadm: "/etc/kubernetes/admin.conf",
};

/** How long the fetch waits for the bootstrap to write the file, and how often it looks. */
export const KUBECONFIG_WAIT = { seconds: 1800, every: 10 } as const;

/**
 * The shell command that waits for the admin kubeconfig and prints it. It fails after
 * `KUBECONFIG_WAIT.seconds` naming the file (never printing anything of it to stderr).
 * @param distribution the cluster's distribution
 */
export function kubeconfigFetchCommand(distribution: ClusterSpec["distribution"]): string {
  const file = ADMIN_KUBECONFIG[distribution];
  const tries = Math.ceil(KUBECONFIG_WAIT.seconds / KUBECONFIG_WAIT.every);
  return [
    "set -eu",
    `f=${file}`,
    "i=0",
    `until sudo test -s "$f"; do i=$((i+1)); if [ "$i" -gt ${tries} ]; then echo "no $f after ${KUBECONFIG_WAIT.seconds} s: the node's bootstrap did not finish (see /var/log/cloud-init-output.log)" >&2; exit 1; fi; sleep ${KUBECONFIG_WAIT.every}; done`,
    'sudo cat "$f"',
  ].join("\n");
}

/**
 * The kubeconfig with every cluster's `server` set to the API endpoint; everything else (CA,
 * client certificate, contexts) unchanged. Throws when the text is no kubeconfig, without quoting it
 * (it holds the admin's key).
 * @param text the admin kubeconfig as the node wrote it
 * @param server the API endpoint URL (`ClusterNodes.apiServer`)
 */
export function pointKubeconfigAt(text: string, server: string): string {
  const doc = parseDocument(text);
  const clusters = doc.errors.length === 0 ? doc.get("clusters") : undefined;
  if (!isSeq(clusters) || clusters.items.length === 0) {
    throw new Error(`the admin kubeconfig read from the cluster is not a kubeconfig (expected a "clusters" list, found ${doc.errors.length > 0 ? "invalid YAML" : isSeq(clusters) ? "an empty list" : "none"})`);
  }
  clusters.items.forEach((item, i) => {
    const cluster = isMap(item) ? item.get("cluster") : undefined;
    if (!isMap(cluster)) throw new Error(`the admin kubeconfig read from the cluster has no clusters[${i}].cluster`);
    cluster.set("server", server);
  });
  return doc.toString();
}
