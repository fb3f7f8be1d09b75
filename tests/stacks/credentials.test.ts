/** Credentials: which keys a stack needs, every problem at once, plaintext credentials found with their line, offline placeholders. */
import * as fs from "node:fs";
import { credentialProblems, offlinePlaceholders, requiredKeys } from "../../stacks/credentials";
import { isSecretConfigKey, plaintextSecrets } from "../../offline/stackSecrets";
import { stackProblemsMessage } from "../../stacks/siteProgram";
import { listStacks } from "../../offline/stackConfig";
import { offlineStackConfig } from "../../offline/offlineConfig";

const needs = { clusters: ["k2", "k1"], firewalls: true, applicationCredential: false };

describe("requiredKeys", () => {
  it("asks for the password, each external cluster's kubeconfig and the firewall key as secrets", () => {
    expect(requiredKeys(needs).map((k) => `${k.key}${k.secret ? " (secret)" : ""}`)).toEqual([
      "openstack:authUrl", "openstack:userName", "openstack:password (secret)",
      "hatang:kubeconfig-k1 (secret)", "hatang:kubeconfig-k2 (secret)",
      "hatang:firewallSshPrivateKey (secret)", "hatang:firewallSshUser",
    ]);
  });

  it("asks for the routers' SSH key as a secret and their user only when the site applies FRR routers", () => {
    expect(requiredKeys({ ...needs, firewalls: false, routers: true }).slice(-2).map((k) => `${k.key}${k.secret ? " (secret)" : ""}`)).toEqual(["hatang:routerSshPrivateKey (secret)", "hatang:routerSshUser"]);
    expect(requiredKeys({ ...needs, routers: false }).map((k) => k.key).filter((k) => k.startsWith("hatang:routerSsh"))).toEqual([]);
    expect(credentialProblems({ clusters: [], firewalls: false, routers: true, applicationCredential: true }, (k) => ({ "openstack:authUrl": "u", "openstack:applicationCredentialSecret": "s", "hatang:routerSshPrivateKey": "k", "pulumi:disable-default-providers": '["*"]' })[k], (k) => k !== "hatang:routerSshPrivateKey")).toEqual([
      "stack config hatang:routerSshPrivateKey must be a secret, found plaintext: the SSH private key that applies the FRR routers' configurations (pulumi config set --secret hatang:routerSshPrivateKey \"$(cat id_ed25519)\")",
      "stack config hatang:routerSshUser is required: the SSH user on the FRR routers (pulumi config set hatang:routerSshUser hatang)",
    ]);
  });

  it("asks for the application credential's secret instead of a password when one is used", () => {
    const keys = requiredKeys({ clusters: [], firewalls: false, applicationCredential: true }).map((k) => k.key);
    expect(keys).toEqual(["openstack:authUrl", "openstack:applicationCredentialSecret"]);
  });
});

describe("credentialProblems", () => {
  const full: Record<string, string> = {
    "openstack:authUrl": "https://k:5000/v3", "openstack:userName": "u", "openstack:password": "p",
    "hatang:kubeconfig-k1": "a", "hatang:kubeconfig-k2": "b", "hatang:firewallSshPrivateKey": "k", "hatang:firewallSshUser": "h",
    "pulumi:disable-default-providers": '["*"]',
  };
  const secret = new Set(["openstack:password", "hatang:kubeconfig-k1", "hatang:kubeconfig-k2", "hatang:firewallSshPrivateKey"]);

  it("finds nothing when every key is set and every credential is secret", () => {
    expect(credentialProblems(needs, (k) => full[k], (k) => secret.has(k))).toEqual([]);
  });

  it("lists every missing key, every plaintext credential and enabled default providers, naming each key", () => {
    const cfg = { ...full, "openstack:password": undefined, "hatang:kubeconfig-k2": undefined, "pulumi:disable-default-providers": undefined } as Record<string, string | undefined>;
    const problems = credentialProblems(needs, (k) => cfg[k], (k) => k !== "hatang:firewallSshPrivateKey" && secret.has(k));
    expect(problems).toEqual([
      "stack config openstack:password is required as a secret: the deploying user's password (or set openstack:applicationCredentialId and openstack:applicationCredentialSecret) (pulumi config set --secret openstack:password …)",
      'stack config hatang:kubeconfig-k2 is required as a secret: the kubeconfig of external cluster k2 (pulumi config set --secret hatang:kubeconfig-k2 "$(cat kubeconfig)")',
      'stack config hatang:firewallSshPrivateKey must be a secret, found plaintext: the SSH private key that loads the firewalls\' rule bases (pulumi config set --secret hatang:firewallSshPrivateKey "$(cat id_ed25519)")',
      'stack config pulumi:disable-default-providers must list openstack and kubernetes, found nothing: no resource may reach a cloud through ambient credentials (add `pulumi:disable-default-providers: ["openstack", "kubernetes"]` to the stack file)',
    ]);
  });

  it("accepts default providers disabled by name", () => {
    const cfg: Record<string, string> = { ...full, "pulumi:disable-default-providers": '["openstack","kubernetes"]' };
    expect(credentialProblems(needs, (k) => cfg[k], (k) => secret.has(k))).toEqual([]);
    cfg["pulumi:disable-default-providers"] = '["openstack"]';
    expect(credentialProblems(needs, (k) => cfg[k], (k) => secret.has(k))).toHaveLength(1);
  });
});

describe("join tokens", () => {
  it("are required as secrets for the clusters the stack builds, and only for those", () => {
    const keys = requiredKeys({ clusters: ["k1", "k2"], builtClusters: ["k2"], firewalls: false, applicationCredential: false }).filter((k) => k.key.startsWith("hatang:joinToken-"));
    expect(keys.map((k) => [k.key, k.secret])).toEqual([["hatang:joinToken-k2", true]]);
  });

  it("etcd encryption keys are required as secrets for the kubeadm clusters only", () => {
    const keys = requiredKeys({ clusters: ["k1", "k2"], builtClusters: ["k1", "k2"], kubeadmClusters: ["k2"], firewalls: false, applicationCredential: false }).filter((k) => k.key.startsWith("hatang:etcdEncryptionKey-"));
    expect(keys.map((k) => [k.key, k.secret])).toEqual([["hatang:etcdEncryptionKey-k2", true]]);
  });
});

describe("clusters the stack builds and external ones", () => {
  const mixed = { clusters: ["k3", "k1", "k2"], builtClusters: ["k2", "k1"], firewalls: false, applicationCredential: true };

  it("ask a kubeconfig only of external clusters; built ones take their join token and the nodes' SSH access once", () => {
    expect(requiredKeys(mixed).map((k) => `${k.key}${k.secret ? " (secret)" : ""}`)).toEqual([
      "openstack:authUrl", "openstack:applicationCredentialSecret (secret)",
      "hatang:kubeconfig-k3 (secret)",
      "hatang:joinToken-k1 (secret)", "hatang:joinToken-k2 (secret)",
      "hatang:nodeSshPrivateKey (secret)", "hatang:nodeSshPublicKey", "hatang:nodeSshUser",
    ]);
    expect(requiredKeys({ ...mixed, builtClusters: [] }).map((k) => k.key).filter((k) => k.startsWith("hatang:node"))).toEqual([]);
  });

  it("report the node key missing or in plaintext, and an external cluster's kubeconfig missing, exactly", () => {
    const cfg: Record<string, string> = {
      "openstack:authUrl": "https://k:5000/v3", "openstack:applicationCredentialSecret": "s", "hatang:joinToken-k1": "t", "hatang:joinToken-k2": "t",
      "hatang:nodeSshPrivateKey": "k", "hatang:nodeSshPublicKey": "ssh-ed25519 AAAA x", "pulumi:disable-default-providers": '["*"]',
    };
    const secret = new Set(["openstack:applicationCredentialSecret", "hatang:joinToken-k1", "hatang:joinToken-k2"]);
    expect(credentialProblems(mixed, (k) => cfg[k], (k) => secret.has(k))).toEqual([
      'stack config hatang:kubeconfig-k3 is required as a secret: the kubeconfig of external cluster k3 (pulumi config set --secret hatang:kubeconfig-k3 "$(cat kubeconfig)")',
      'stack config hatang:nodeSshPrivateKey must be a secret, found plaintext: the SSH private key that reads the admin kubeconfig of the clusters the stack builds from their first control-plane node (pulumi config set --secret hatang:nodeSshPrivateKey "$(cat id_ed25519)")',
      "stack config hatang:nodeSshUser is required: the SSH user of the cluster nodes' image (may run sudo) (pulumi config set hatang:nodeSshUser debian)",
    ]);
    // A built cluster never asks for a kubeconfig, even when one is set.
    expect(credentialProblems(mixed, (k) => ({ ...cfg, "hatang:kubeconfig-k3": "c", "hatang:nodeSshUser": "debian" })[k], (k) => secret.has(k) || k === "hatang:kubeconfig-k3" || k === "hatang:nodeSshPrivateKey")).toEqual([]);
  });
});

describe("offlinePlaceholders", () => {
  it("fills every missing credential of any cluster, as secrets, and nothing already set", () => {
    const p = offlinePlaceholders({ "hatang:kubeconfig-k1": "set" }, ["k1", "k2"]);
    // Built or external is the inventory's to say: placeholders for both (kubeconfig and join token, the node key).
    expect(p.secretKeys.sort()).toEqual([
      "hatang:etcdEncryptionKey-k1", "hatang:etcdEncryptionKey-k2", "hatang:firewallSshPrivateKey", "hatang:joinToken-k1", "hatang:joinToken-k2",
      "hatang:kubeconfig-k2", "hatang:nodeSshPrivateKey", "hatang:routerSshPrivateKey", "openstack:password",
    ]);
    expect(Object.keys(p.values).sort()).toEqual(p.secretKeys);
  });
});

describe("plaintext credentials in stack files", () => {
  it("are found with file, line and column, never quoting the value", () => {
    const text = [
      "config:",
      "  hatang:site: na-dc1",
      "  openstack:password: hunter2",
      "  openstack:userName: u",
      "  hatang:kubeconfig-na1-k8s: |",
      "    apiVersion: v1",
      "  hatang:firewallSshPrivateKey:",
      "    secure: AAABAK+abc",
      "  openstack:token: ''",
      "  hatang:apiToken: t0k",
    ].join("\n");
    const found = plaintextSecrets("Pulumi.x.yaml", text);
    expect(found.map((p) => `${p.file}:${p.line}:${p.col} ${p.key}`)).toEqual([
      "Pulumi.x.yaml:3:3 openstack:password", "Pulumi.x.yaml:5:3 hatang:kubeconfig-na1-k8s", "Pulumi.x.yaml:10:3 hatang:apiToken",
    ]);
    expect(JSON.stringify(found)).not.toMatch(/hunter2|apiVersion|t0k/);
    expect(found[0]!.message).toBe("openstack:password holds a credential in plaintext: remove it and run `pulumi config set --secret openstack:password …` (stored encrypted as secure:)");
  });

  it("names credentials by key, not by namespace", () => {
    for (const k of ["openstack:password", "openstack:applicationCredentialSecret", "openstack:token", "hatang:kubeconfig-a", "hatang:firewallSshPrivateKey", "x:dbPassword"]) expect({ k, s: isSecretConfigKey(k) }).toEqual({ k, s: true });
    for (const k of ["openstack:userName", "hatang:firewallSshUser", "hatang:site", "openstack:authUrl", "hatang:kubeconfigPath2"]) expect({ k, s: isSecretConfigKey(k) }).toEqual({ k, s: false });
  });

  it("are absent from the bundled stack files", () => {
    for (const f of fs.readdirSync(".").filter((n) => /^Pulumi\..+\.yaml$/.test(n) && n !== "Pulumi.yaml")) expect(plaintextSecrets(f, fs.readFileSync(f, "utf8"))).toEqual([]);
  });
});

describe("stackProblemsMessage", () => {
  it("lists every layer's problems under the layer's name, nothing when there is none", () => {
    expect(stackProblemsMessage("s", [["config", []], ["placements", []]])).toBeUndefined();
    expect(stackProblemsMessage("s", [["config", ["a", "b"]], ["placements", []], ["Kubernetes", ["c"]]])).toBe("stack s has 3 problem(s):\nconfig:\n  a\n  b\nKubernetes:\n  c");
  });
});

describe("every bundled stack file", () => {
  const root = `${__dirname}/../..`;
  it.each(listStacks(root))("%s passes the credential checks with the offline placeholders (default providers disabled, SSH user set)", (stack) => {
    const cfg = offlineStackConfig(root, stack);
    const problems = credentialProblems({ clusters: [], firewalls: true, routers: true, applicationCredential: false }, (k) => cfg.config[k], (k) => cfg.secureKeys.includes(k));
    expect(problems).toEqual([]);
  });
});
