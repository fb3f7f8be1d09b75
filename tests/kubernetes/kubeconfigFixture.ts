/** An admin kubeconfig as a distribution writes it on a control-plane node, for tests. */

/** What RKE2 writes to /etc/rancher/rke2/rke2.yaml (keys shortened). */
export const RKE2_YAML = [
  "apiVersion: v1",
  "clusters:",
  "- cluster:",
  "    certificate-authority-data: LS0tQ0EtLS0=",
  "    server: https://127.0.0.1:6443",
  "  name: default",
  "contexts:",
  "- context:",
  "    cluster: default",
  "    user: default",
  "  name: default",
  "current-context: default",
  "kind: Config",
  "preferences: {}",
  "users:",
  "- name: default",
  "  user:",
  "    client-certificate-data: LS0tQ0VSVC0tLQ==",
  "    client-key-data: LS0tS0VZLS0t",
  "",
].join("\n");
