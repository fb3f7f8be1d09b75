import * as pulumi from "@pulumi/pulumi";
import * as openstack from "@pulumi/openstack";
import * as command from "@pulumi/command";
import { childOptions } from "../childOptions";
import { knownKey, requireRecord, requireText, requireValue, throwIfInvalid, uniqueKeys, type ArgProblem } from "../validation";
import type { ClusterSpec } from "../../compilers/kubernetes/clusterNodes";
import { ETCD_KEY_PLACEHOLDER, isInitNode, JOIN_TOKEN_PLACEHOLDER, renderNodeUserData, type NodeServices } from "../../compilers/kubernetes/nodeUserData";
import { kubeconfigFetchCommand, pointKubeconfigAt } from "../../compilers/kubernetes/kubeconfig";

/** How the program reaches the cluster's nodes over SSH (to read the admin kubeconfig once the cluster is up). */
export interface NodeAccess {
  /** The SSH user on the nodes' image (Nova puts the public key in its authorized keys); may run `sudo`. Stack config `hatang:nodeSshUser`. */
  user: pulumi.Input<string>;
  /** The OpenSSH public key the nodes accept (a Nova key pair per cluster). Stack config `hatang:nodeSshPublicKey`. */
  publicKey: pulumi.Input<string>;
  /** Its private key, a Pulumi secret (stack config `hatang:nodeSshPrivateKey`); never in the plan, a log or an error. */
  privateKey: pulumi.Input<string>;
}

/** Arguments of a {@link ClusterNodes}. */
export interface ClusterNodesArgs {
  /** Site id; tags every resource. */
  site: string;
  /** The cluster compiled by `compileClusterNodes`: nodes, server groups, API endpoint. */
  cluster: ClusterSpec;
  /** Network id per network key (`<zone>-<vlan>`). */
  networkIds: Record<string, pulumi.Input<string>>;
  /** Subnet ids per network key and family. */
  subnetIds: Record<string, { ipv4: pulumi.Input<string>; ipv6: pulumi.Input<string> }>;
  /** Security group id per group key (zone groups and the cluster's own). */
  groupIds: Record<string, pulumi.Input<string>>;
  /** The cluster's join token, a Pulumi secret (stack config `hatang:joinToken-<cluster>`); it is only ever inside the nodes' user-data, itself a secret. */
  joinToken: pulumi.Input<string>;
  /** The province's NTP servers and SIEM collector, written into every node's bootstrap. */
  services: NodeServices;
  /**
   * kubeadm clusters only: the key etcd encrypts Secrets with (32 random bytes, base64), a Pulumi secret
   * (stack config `hatang:etcdEncryptionKey-<cluster>`); like the token, only ever inside the user-data.
   */
  etcdEncryptionKey?: pulumi.Input<string>;
  /** SSH access to the nodes: the admin kubeconfig is read from the node that initialised the cluster. */
  nodeAccess: NodeAccess;
}

/** Key types OpenSSH writes at the start of a public key line. */
const SSH_PUBLIC_KEY = /^(ssh-(ed25519|rsa|dss)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com) [A-Za-z0-9+/]+={0,3}( .*)?$/;

/**
 * Every problem with a ClusterNodes' arguments (pure; exported for tests).
 * @param args the arguments as given
 */
export function checkClusterNodesArgs(args: Partial<ClusterNodesArgs>): ArgProblem[] {
  const problems = [
    ...requireText("site", args.site, "the site id that tags every resource"),
    ...requireRecord("networkIds", args.networkIds, "network ids by network key"),
    ...requireRecord("subnetIds", args.subnetIds, "subnet ids by network key and family"),
    ...requireRecord("groupIds", args.groupIds, "security group ids by group key"),
    ...requireValue("joinToken", args.joinToken, "the cluster's join token, as a Pulumi secret"),
    ...requireValue("nodeAccess", args.nodeAccess, "SSH access to the nodes (user, public key, private key as a Pulumi secret)"),
  ];
  if (args.nodeAccess) {
    const a = args.nodeAccess;
    problems.push(
      ...requireValue("nodeAccess.user", a.user, "the SSH user on the nodes' image"),
      ...requireValue("nodeAccess.publicKey", a.publicKey, "the OpenSSH public key the nodes accept"),
      // Never shown: only whether it is there.
      ...(a.privateKey === undefined || a.privateKey === null || a.privateKey === "" ? ["nodeAccess.privateKey is required: the SSH private key of the nodes, as a Pulumi secret (found nothing)"] : []),
    );
    if (typeof a.publicKey === "string" && a.publicKey.trim() !== "" && !SSH_PUBLIC_KEY.test(a.publicKey.trim())) {
      // The value is not shown: a private key pasted in its place must not reach an error.
      problems.push(`nodeAccess.publicKey must be an OpenSSH public key line ("ssh-ed25519 AAAA… comment") (found ${a.publicKey.trim().length} characters that are not one; not shown)`);
    }
  }
  const c = args.cluster;
  if (!c || !Array.isArray(c.nodes) || !Array.isArray(c.serverGroups)) {
    return [...problems, "cluster is required: the nodes and server groups compiled by compileClusterNodes (found " + (c === undefined ? "undefined" : "no nodes/serverGroups lists") + ")"];
  }
  if (c.distribution === "kubeadm" && (args.etcdEncryptionKey === undefined || args.etcdEncryptionKey === null || args.etcdEncryptionKey === ""))
    problems.push(`etcdEncryptionKey is required for kubeadm cluster ${c.cluster}: the key its EncryptionConfiguration encrypts Secrets in etcd with, as a Pulumi secret (found ${JSON.stringify(args.etcdEncryptionKey)})`);
  if (!args.services || !Array.isArray(args.services.ntpServers) || args.services.ntpServers.length === 0) problems.push(`services.ntpServers is required: the province's NTP servers (found ${JSON.stringify(args.services?.ntpServers)})`);
  if (problems.length > 0) return problems;
  const groups = Object.fromEntries(c.serverGroups.map((g) => [g.key, g]));
  problems.push(...uniqueKeys("cluster.nodes", c.nodes, (n) => n.key), ...uniqueKeys("cluster.nodes", c.nodes, (n) => n.name, "name"), ...uniqueKeys("cluster.serverGroups", c.serverGroups, (g) => g.key));
  const ports = [...c.nodes.map((n, i) => ({ at: `cluster.nodes[${i}]`, p: n })), ...(c.api.kind === "vip" ? [{ at: "cluster.api.vip", p: c.api.vip }] : [])];
  for (const { at, p } of ports) {
    problems.push(...knownKey(`${at}.networkKey`, p.networkKey, args.networkIds, "networkIds"), ...knownKey(`${at}.networkKey`, p.networkKey, args.subnetIds, "subnetIds"));
    p.securityGroupKeys.forEach((k, j) => problems.push(...knownKey(`${at}.securityGroupKeys[${j}]`, k, args.groupIds, "groupIds")));
  }
  c.nodes.forEach((n, i) => problems.push(...knownKey(`cluster.nodes[${i}].serverGroupKey`, n.serverGroupKey, groups, "cluster.serverGroups")));
  if (!c.nodes.some((n) => n.role === "control-plane")) problems.push(`cluster.nodes has no control-plane node: cluster ${c.cluster} cannot start (found ${c.nodes.length} worker nodes)`);
  return problems;
}

/**
 * A cluster the program builds, on the site's cloud: the API VIP port, anti-affinity server groups,
 * and per node a port with its fixed addresses (control-plane ports may also answer for the VIP) and
 * the zone's and cluster's groups, and a server from its approved image whose user-data installs and
 * joins the node (a secret: it holds the join token).
 */
export class ClusterNodes extends pulumi.ComponentResource {
  /** Port id per node key. */
  public readonly portIds: Record<string, pulumi.Output<string>> = {};
  /** The API endpoint as the kubeconfig names it. */
  public readonly apiServer: string;
  /**
   * The cluster-admin kubeconfig, a Pulumi secret: read over SSH from the node that initialised the
   * cluster once its servers exist and its bootstrap wrote it, its server pointed at `apiServer`.
   * The Kubernetes layer's provider for the cluster is built from it.
   */
  public readonly kubeconfig: pulumi.Output<string>;

  constructor(name: string, args: ClusterNodesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("hatang:kubernetes:ClusterNodes", name, {}, opts);
    throwIfInvalid(this, "ClusterNodes", name, checkClusterNodesArgs(args));
    const parent = childOptions(this, opts);
    const c = args.cluster;
    const host = c.apiAddress.ipv4;
    this.apiServer = `https://${host}:6443`;
    const tagsOf = (extra: string[]): string[] => [`site:${args.site}`, `cluster:${c.cluster}`, `zone:${c.zone}`, ...extra, "hatang"];
    const fixedIps = (p: { networkKey: string; ipv4: string; ipv6: string; ipv6Fixed: boolean }): openstack.types.input.networking.PortFixedIp[] => {
      const subnets = args.subnetIds[p.networkKey];
      return [{ subnetId: subnets.ipv4, ipAddress: p.ipv4 }, p.ipv6Fixed ? { subnetId: subnets.ipv6, ipAddress: p.ipv6 } : { subnetId: subnets.ipv6 }];
    };
    if (c.api.kind === "vip") {
      const v = c.api.vip;
      // A port no server is bound to: it reserves the VIP's addresses so Neutron gives them to no one else.
      new openstack.networking.Port(v.name, {
        name: v.name,
        networkId: args.networkIds[v.networkKey],
        macAddress: v.mac,
        fixedIps: fixedIps(v),
        securityGroupIds: v.securityGroupKeys.map((k) => args.groupIds[k]),
        adminStateUp: true,
        tags: tagsOf(["role:api-vip"]),
      }, parent);
    }
    const serverGroups: Record<string, pulumi.Output<string>> = {};
    for (const g of c.serverGroups) {
      serverGroups[g.key] = new openstack.compute.ServerGroup(g.name, {
        name: g.name,
        policies: [g.policy],
        rules: g.maxPerHost === undefined ? undefined : { maxServerPerHost: g.maxPerHost },
      }, parent).id;
    }
    const token = pulumi.secret(args.joinToken);
    const etcdKey = pulumi.secret(args.etcdEncryptionKey ?? "");
    // Nova puts the key in the image's default user's authorized keys (the bootstrap stays the cluster's).
    const keyPair = new openstack.compute.Keypair(`${args.site}-${c.cluster}-nodes-ssh`, { name: `${args.site}-${c.cluster}-nodes-ssh`, publicKey: args.nodeAccess.publicKey }, parent);
    const servers: openstack.compute.Instance[] = [];
    let initServer: openstack.compute.Instance | undefined;
    for (const n of c.nodes) {
      const port = new openstack.networking.Port(`${n.name}-port`, {
        name: `${n.name}-port`,
        networkId: args.networkIds[n.networkKey],
        macAddress: n.mac,
        fixedIps: fixedIps(n),
        securityGroupIds: n.securityGroupKeys.map((k) => args.groupIds[k]),
        // keepalived / kube-vip moves the VIP between control-plane nodes; port security must let it.
        allowedAddressPairs: n.allowedAddresses.length > 0 ? n.allowedAddresses.map((ipAddress) => ({ ipAddress })) : undefined,
        adminStateUp: true,
        // `node:` with `cluster:` and `pool:` is the node's identity, by which the reachability proof finds its port.
        tags: tagsOf([`pool:${n.pool}`, `node:${n.index}`, `role:${n.role}`]),
      }, parent);
      this.portIds[n.key] = port.id;
      const userData = renderNodeUserData(c, n, args.services);
      const server = new openstack.compute.Instance(n.name, {
        name: n.name,
        imageName: n.image,
        flavorName: n.flavor,
        keyPair: keyPair.name,
        networks: [{ port: port.id }],
        schedulerHints: [{ group: serverGroups[n.serverGroupKey] }],
        // Control-plane nodes in different zones (host aggregates per rack row) land in different racks.
        availabilityZone: n.availabilityZone,
        // The token only ever meets the user-data inside a secret: plans and logs show "[secret]".
        userData: pulumi.secret(pulumi.all([token, etcdKey]).apply(([t, k]) => userData.split(JOIN_TOKEN_PLACEHOLDER).join(t).split(ETCD_KEY_PLACEHOLDER).join(k))),
        // What the bootstrap does with etcd, readable by the policy pack (the user-data is a secret): K8S-15.
        metadata: {
          site: args.site,
          cluster: c.cluster,
          pool: n.pool,
          role: n.role,
          zone: n.zone,
          ...(n.role === "control-plane" ? { "etcd-encryption": c.etcd.encryption, "etcd-snapshot-cron": c.etcd.snapshotCron, ...(c.etcd.backupPolicy ? { "etcd-backup-policy": c.etcd.backupPolicy } : {}) } : {}),
        },
        tags: tagsOf([`pool:${n.pool}`, `role:${n.role}`]),
      }, parent);
      servers.push(server);
      if (isInitNode(c, n)) initServer = server;
    }
    const init = c.nodes.find((n) => isInitNode(c, n)) ?? c.nodes.find((n) => n.role === "control-plane");
    const fetch = new command.remote.Command(`${args.site}-${c.cluster}-kubeconfig`, {
      connection: {
        host: init?.ipv4 ?? host,
        user: args.nodeAccess.user,
        privateKey: pulumi.secret(args.nodeAccess.privateKey),
        // The server may still be booting: keep dialling (about ten minutes) before failing.
        dialErrorLimit: 60,
        perDialTimeout: 10,
      },
      create: kubeconfigFetchCommand(c.distribution),
      // A new init server is a new cluster: read its kubeconfig again.
      triggers: initServer ? [initServer.id] : [],
      // The output is the cluster-admin credential: never in the logs.
      logging: "none",
    }, { ...parent, dependsOn: servers, additionalSecretOutputs: ["stdout", "stderr"] });
    this.kubeconfig = pulumi.secret(fetch.stdout.apply((text) => (text ? pointKubeconfigAt(text, this.apiServer) : text)));
    this.registerOutputs({ portIds: this.portIds, apiServer: this.apiServer, kubeconfig: this.kubeconfig });
  }
}
