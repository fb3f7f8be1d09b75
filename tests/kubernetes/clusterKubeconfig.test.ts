/**
 * The kubeconfig of a cluster the program builds, under Pulumi's mocks: ClusterNodes reads it over
 * SSH from the node that initialised the cluster (a Nova key pair on every node), exposes it as a
 * secret pointed at the API endpoint, and the Kubernetes layer builds the cluster's provider from
 * it; an external cluster's provider still takes `hatang:kubeconfig-<cluster>`. Argument problems
 * are exact and never show the private key.
 */
import * as pulumi from "@pulumi/pulumi";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { parse } from "yaml";
import type { ClusterNodeSpec, ClusterSpec } from "../../compilers/kubernetes/clusterNodes";
import { kubeconfigFetchCommand } from "../../compilers/kubernetes/kubeconfig";
import type { ClusterManifests } from "../../compilers/kubernetes/types";
import type { ClusterNodesArgs } from "../../components/kubernetes/clusterNodes";
import { RKE2_YAML } from "./kubeconfigFixture";
import { compileKubernetes } from "../../compilers/kubernetes/compile";
import { input } from "./fixture";

interface Registered {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

const registered: Registered[] = [];
/** A value as the engine receives a secret input (the mocks hand inputs over serialized). */
const secret = (value: unknown): Record<string, unknown> => ({ [specialSigKey]: specialSecretSig, value });
const EXTERNAL_KUBECONFIG = "apiVersion: v1\nkind: Config\nclusters: [{name: ext, cluster: {server: 'https://10.9.9.9:6443'}}]\n";
const PUBLIC_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFhwCE3fNJaYgyVT7OxctUV6dNNXjlsq+EZhTSOy2Bms test";
const PRIVATE_KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nnot-a-real-key\n-----END OPENSSH PRIVATE KEY-----\n";

function node(pool: string, role: ClusterNodeSpec["role"], index: number, ipv4: string): ClusterNodeSpec {
  return {
    key: `k8s/k1/${pool}/${index}`, name: `s1-k1-${pool}-${index}`, cluster: "k1", pool, role, index, zone: "app", networkKey: "app-100",
    image: "debian-12", flavor: "m1.large", securityGroupKeys: ["zone-app"], serverGroupKey: `k8s-k1-${pool}`, labels: {}, taints: [],
    allowedAddresses: role === "control-plane" ? ["10.0.0.10"] : [], ipv4, ipv6: `fd00::${index}`, mac: `fa:16:3e:00:00:0${index}`, ipv6Fixed: false,
  };
}

/** A small built cluster: the second control-plane node listed first, so the init node is found by identity, not position. */
const CLUSTER: ClusterSpec = {
  cluster: "k1", site: "s1", zone: "app", version: "1.32", distribution: "rke2", cni: "calico",
  api: { kind: "vip", vip: { key: "k8s/k1/api", name: "s1-k1-api-vip", zone: "app", networkKey: "app-100", securityGroupKeys: ["zone-app"], ipv4: "10.0.0.10", ipv6: "fd00::10", mac: "fa:16:3e:00:00:10", ipv6Fixed: false } },
  apiAddress: { ipv4: "10.0.0.10", ipv6: "fd00::10" },
  nodes: [node("control-plane", "control-plane", 2, "10.0.0.12"), node("control-plane", "control-plane", 1, "10.0.0.11"), node("workers", "worker", 1, "10.0.0.21")],
  serverGroups: [
    { key: "k8s-k1-control-plane", name: "s1-k1-control-plane", cluster: "k1", pool: "control-plane", policy: "anti-affinity" },
    { key: "k8s-k1-workers", name: "s1-k1-workers", cluster: "k1", pool: "workers", policy: "anti-affinity", maxPerHost: 2 },
  ],
  podRanges: { ipv4: "10.42.0.0/16", ipv6: "fd42::/56" }, serviceRanges: { ipv4: "10.43.0.0/20", ipv6: "fd43::/112" }, nodePorts: false,
  etcd: { snapshotCron: "0 1 * * *", backupPolicy: "daily", encryption: "aescbc" },
};

function args(): ClusterNodesArgs {
  return {
    site: "s1", cluster: CLUSTER, networkIds: { "app-100": "net-1" }, subnetIds: { "app-100": { ipv4: "sub-4", ipv6: "sub-6" } }, groupIds: { "zone-app": "sg-1" },
    joinToken: pulumi.secret("join-token"), services: { ntpServers: ["10.0.0.1"] },
    nodeAccess: { user: "debian", publicKey: PUBLIC_KEY, privateKey: pulumi.secret(PRIVATE_KEY) },
  };
}

function value<T>(o: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => o.apply((v) => resolve(v)));
}

async function settle(): Promise<void> {
  let last = -1;
  while (registered.length !== last) {
    last = registered.length;
    await new Promise((r) => setTimeout(r, 50));
  }
}

let kubeconfig: pulumi.Output<string>;
let apiServer: string;

beforeAll(async () => {
  pulumi.runtime.setAllConfig({ "hatang:kubeconfig-ext": EXTERNAL_KUBECONFIG }, ["hatang:kubeconfig-ext"]);
  await pulumi.runtime.setMocks(
    {
      newResource: (a) => {
        registered.push({ type: a.type, name: a.name, inputs: a.inputs as Record<string, unknown> });
        // The node prints the admin kubeconfig as RKE2 wrote it.
        return { id: `${a.name}-id`, state: a.type === "command:remote:Command" ? { ...a.inputs, stdout: RKE2_YAML, stderr: "" } : a.inputs };
      },
      call: (a) => a.inputs,
    },
    "hatang",
    "s1",
    false,
  );
  const { ClusterNodes } = await import("../../components/kubernetes/clusterNodes");
  const { kubernetesLayer } = await import("../../stacks/layers/kubernetes");
  const nodes = new ClusterNodes("s1-k1-nodes", args());
  kubeconfig = nodes.kubeconfig;
  apiServer = nodes.apiServer;
  // Real compiled objects (the fixture province's first cluster), under this test's site and cluster ids.
  const compiled = compileKubernetes(input()).clusters[0]!;
  const manifests = (cluster: string): ClusterManifests => ({ ...compiled, site: "s1", cluster });
  kubernetesLayer("s1", { clusters: [manifests("k1"), manifests("ext")], errors: [], warnings: [] }, { k1: nodes.kubeconfig });
  await value(kubeconfig);
  await settle();
});

describe("ClusterNodes' kubeconfig", () => {
  it("is a secret", async () => {
    expect(await pulumi.isSecret(kubeconfig)).toBe(true);
  });

  it("is the admin kubeconfig read from the cluster, pointed at the API endpoint", async () => {
    expect(apiServer).toBe("https://10.0.0.10:6443");
    const got = parse(await value(kubeconfig)) as Record<string, unknown>;
    const before = parse(RKE2_YAML) as Record<string, unknown>;
    expect(got).toEqual({ ...before, clusters: [{ name: "default", cluster: { "certificate-authority-data": "LS0tQ0EtLS0=", server: "https://10.0.0.10:6443" } }] });
  });

  it("is read over SSH from the node that initialised the cluster, with the distribution's command, logging nothing", () => {
    const cmds = registered.filter((r) => r.type === "command:remote:Command");
    expect(cmds.map((c) => c.name)).toEqual(["s1-k1-kubeconfig"]);
    const c = cmds[0]!.inputs;
    expect(c.create).toBe(kubeconfigFetchCommand("rke2"));
    expect(c.logging).toBe("none");
    // The whole connection is a secret, as it holds the private key; keeps dialling while the server boots.
    expect(c.connection).toEqual(secret({ host: "10.0.0.11", port: 22, user: "debian", privateKey: PRIVATE_KEY, dialErrorLimit: 60, perDialTimeout: 10 }));
    // Re-read when the init server is replaced (a new server is a new cluster).
    expect(c.triggers).toEqual(["s1-k1-control-plane-1-id"]);
  });

  it("rests on a Nova key pair every node's server carries", () => {
    const pairs = registered.filter((r) => r.type === "openstack:compute/keypair:Keypair");
    expect(pairs.map((p) => [p.name, p.inputs.name, p.inputs.publicKey])).toEqual([["s1-k1-nodes-ssh", "s1-k1-nodes-ssh", PUBLIC_KEY]]);
    const servers = registered.filter((r) => r.type === "openstack:compute/instance:Instance");
    expect(servers.map((s) => [s.name, s.inputs.keyPair]).sort()).toEqual(CLUSTER.nodes.map((n) => [n.name, "s1-k1-nodes-ssh"]).sort());
  });
});

describe("the Kubernetes layer's providers", () => {
  const provider = (cluster: string): Registered | undefined => registered.find((r) => r.type === "pulumi:providers:kubernetes" && r.name === `s1-${cluster}-k8s`);

  it("reach a built cluster with the kubeconfig read from it", async () => {
    expect(provider("k1")?.inputs.kubeconfig).toEqual(secret(await value(kubeconfig)));
  });

  it("reach an external cluster with its kubeconfig secret from the stack config", () => {
    expect(provider("ext")?.inputs.kubeconfig).toEqual(secret(EXTERNAL_KUBECONFIG));
  });
});

describe("checkClusterNodesArgs on node access", () => {
  it("reports each missing or malformed part exactly, never the private key", async () => {
    const { checkClusterNodesArgs } = await import("../../components/kubernetes/clusterNodes");
    expect(checkClusterNodesArgs({ ...args(), nodeAccess: undefined })).toEqual(["nodeAccess is required: SSH access to the nodes (user, public key, private key as a Pulumi secret) (found undefined)"]);
    expect(checkClusterNodesArgs({ ...args(), nodeAccess: { user: "", publicKey: "ssh-rsa", privateKey: "" } })).toEqual([
      'nodeAccess.user is required: the SSH user on the nodes\' image (found "")',
      "nodeAccess.privateKey is required: the SSH private key of the nodes, as a Pulumi secret (found nothing)",
      'nodeAccess.publicKey must be an OpenSSH public key line ("ssh-ed25519 AAAA… comment") (found 7 characters that are not one; not shown)',
    ]);
    const withKeyAsPublic = checkClusterNodesArgs({ ...args(), nodeAccess: { user: "debian", publicKey: PRIVATE_KEY, privateKey: PRIVATE_KEY } });
    expect(withKeyAsPublic).toEqual([`nodeAccess.publicKey must be an OpenSSH public key line ("ssh-ed25519 AAAA… comment") (found ${PRIVATE_KEY.trim().length} characters that are not one; not shown)`]);
    expect(JSON.stringify(withKeyAsPublic)).not.toContain("not-a-real-key");
    expect(checkClusterNodesArgs(args())).toEqual([]);
  });
});
