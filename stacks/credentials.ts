/**
 * The stack's credentials and the explicit providers built from them. Nothing falls back to the
 * operator's environment: OpenStack is reached only through `openstack.Provider` built from the
 * `openstack:*` stack config (never `OS_*` variables or clouds.yaml), each Kubernetes cluster only
 * through its own `kubernetes.Provider` (never ~/.kube/config): built from the kubeconfig the program
 * reads from a cluster it builds (over SSH with `hatang:nodeSshPrivateKey`), or from
 * `hatang:kubeconfig-<cluster>` for an external one; the default providers of both packages are
 * disabled for the stack. Every credential is required as a
 * secret; every missing or plaintext one is reported at once, naming its key and how to set it.
 */
import * as pulumi from "@pulumi/pulumi";
import * as openstack from "@pulumi/openstack";
import * as k8s from "@pulumi/kubernetes";
import type { OpenStackAuthInputs } from "../components/identity/firewallQuota";

/** One config key the stack needs. */
export interface RequiredKey {
  /** `namespace:key`. */
  key: string;
  /** Must be a secret (`pulumi config set --secret`). */
  secret: boolean;
  /** What it is, for the message. */
  what: string;
  /** Example value for the `pulumi config set` hint. */
  example: string;
}

/** What decides which credentials a site's stack needs. */
export interface CredentialNeeds {
  /** Kubernetes clusters the stack deploys to. */
  clusters: readonly string[];
  /**
   * Clusters the stack builds (not external): each needs its join token, and their kubeconfigs come
   * from the clusters themselves (node SSH key instead); every other cluster needs its kubeconfig.
   */
  builtClusters?: readonly string[];
  /** Built clusters installed with kubeadm: each needs the key etcd encrypts Secrets with (RKE2 makes its own). */
  kubeadmClusters?: readonly string[];
  /** True when the site has firewalls whose rule bases are loaded over SSH (`@pulumi/command`). */
  firewalls: boolean;
  /** True when the site's stack applies FRR router configurations over SSH (`routerPlatform: frr` edge routers, `platform: frr` CPEs). */
  routers?: boolean;
  /** True when the stack authenticates to OpenStack with an application credential (`openstack:applicationCredentialId` set). */
  applicationCredential: boolean;
}

/** SSH access to the nodes of the clusters the stack builds (their kubeconfigs are read over it). */
const NODE_SSH_KEYS: readonly RequiredKey[] = [
  { key: "hatang:nodeSshPrivateKey", secret: true, what: "the SSH private key that reads the admin kubeconfig of the clusters the stack builds from their first control-plane node", example: '"$(cat id_ed25519)"' },
  { key: "hatang:nodeSshPublicKey", secret: false, what: "its OpenSSH public key, which the cluster nodes accept", example: '"$(cat id_ed25519.pub)"' },
  { key: "hatang:nodeSshUser", secret: false, what: "the SSH user of the cluster nodes' image (may run sudo)", example: "debian" },
];

/**
 * Every config key the stack needs, credentials as secrets. Pure.
 * @param needs clusters, firewalls, kind of OpenStack credential
 */
export function requiredKeys(needs: CredentialNeeds): RequiredKey[] {
  const keys: RequiredKey[] = [{ key: "openstack:authUrl", secret: false, what: "the Keystone URL of the site's cloud", example: "https://keystone.example:5000/v3" }];
  if (needs.applicationCredential) {
    keys.push({ key: "openstack:applicationCredentialSecret", secret: true, what: "the secret of the deployer's application credential", example: "…" });
  } else {
    keys.push(
      { key: "openstack:userName", secret: false, what: "the deploying user", example: "hatang-deployer" },
      { key: "openstack:password", secret: true, what: "the deploying user's password (or set openstack:applicationCredentialId and openstack:applicationCredentialSecret)", example: "…" },
    );
  }
  const built = [...(needs.builtClusters ?? [])].sort();
  for (const c of [...needs.clusters].filter((x) => !built.includes(x)).sort()) {
    keys.push({ key: `hatang:kubeconfig-${c}`, secret: true, what: `the kubeconfig of external cluster ${c}`, example: '"$(cat kubeconfig)"' });
  }
  for (const c of built) {
    keys.push({ key: `hatang:joinToken-${c}`, secret: true, what: `the token nodes of cluster ${c} join it with`, example: '"$(openssl rand -hex 32)"' });
  }
  for (const c of [...(needs.kubeadmClusters ?? [])].sort()) {
    keys.push({ key: `hatang:etcdEncryptionKey-${c}`, secret: true, what: `the key etcd of cluster ${c} encrypts Secrets with (32 random bytes, base64)`, example: '"$(head -c 32 /dev/urandom | base64)"' });
  }
  if (built.length > 0) keys.push(...NODE_SSH_KEYS);
  if (needs.firewalls) {
    keys.push(
      { key: "hatang:firewallSshPrivateKey", secret: true, what: "the SSH private key that loads the firewalls' rule bases", example: '"$(cat id_ed25519)"' },
      { key: "hatang:firewallSshUser", secret: false, what: "the SSH user on the firewalls", example: "hatang" },
    );
  }
  if (needs.routers === true) {
    keys.push(
      { key: "hatang:routerSshPrivateKey", secret: true, what: "the SSH private key that applies the FRR routers' configurations", example: '"$(cat id_ed25519)"' },
      { key: "hatang:routerSshUser", secret: false, what: "the SSH user on the FRR routers", example: "hatang" },
    );
  }
  return keys;
}

/**
 * Problems with the stack's config: every required key missing, every credential not a secret, and
 * default providers not disabled. Pure.
 * @param needs what the stack needs
 * @param config `namespace:key` → value (only presence matters)
 * @param isSecret whether a key was given as a secret
 */
export function credentialProblems(needs: CredentialNeeds, config: (key: string) => string | undefined, isSecret: (key: string) => boolean): string[] {
  const problems: string[] = [];
  for (const k of requiredKeys(needs)) {
    const set = k.secret ? "pulumi config set --secret" : "pulumi config set";
    if (config(k.key) === undefined || config(k.key) === "") problems.push(`stack config ${k.key} is required${k.secret ? " as a secret" : ""}: ${k.what} (${set} ${k.key} ${k.example})`);
    else if (k.secret && !isSecret(k.key)) problems.push(`stack config ${k.key} must be a secret, found plaintext: ${k.what} (${set} ${k.key} ${k.example})`);
  }
  const disabled = parseList(config("pulumi:disable-default-providers"));
  if (!disabled.includes("*") && !(disabled.includes("openstack") && disabled.includes("kubernetes"))) {
    problems.push(`stack config pulumi:disable-default-providers must list openstack and kubernetes, found ${config("pulumi:disable-default-providers") ?? "nothing"}: no resource may reach a cloud through ambient credentials (add \`pulumi:disable-default-providers: ["openstack", "kubernetes"]\` to the stack file)`);
  }
  return problems;
}

function parseList(v: string | undefined): string[] {
  if (!v) return [];
  try {
    const parsed: unknown = JSON.parse(v);
    return Array.isArray(parsed) ? parsed.map(String) : [String(parsed)];
  } catch {
    return v.split(",").map((s) => s.trim());
  }
}

/**
 * Placeholders for every credential a stack of this province could need that its config lacks, so
 * the offline plan runs without credentials: marked secret, they show as "[secret]" in plan.json
 * and never as a value. Pure.
 * @param config the stack config as read from the files
 * @param clusters every cluster the stack may deploy to
 */
export function offlinePlaceholders(config: Record<string, string>, clusters: readonly string[]): { values: Record<string, string>; secretKeys: string[] } {
  const built: CredentialNeeds = { clusters, builtClusters: clusters, kubeadmClusters: clusters, firewalls: true, routers: true, applicationCredential: config["openstack:applicationCredentialId"] !== undefined };
  // Whether a cluster is built or external is the inventory's to say: placeholders for both.
  const keys = [...requiredKeys(built), ...requiredKeys({ ...built, builtClusters: [] })];
  const values: Record<string, string> = {};
  for (const k of keys) {
    if (k.secret && config[k.key] === undefined) values[k.key] = `offline placeholder for ${k.key}`;
  }
  return { values, secretKeys: Object.keys(values) };
}

/** Reads the config the way the program sees it (any namespace), and whether a key is secret. */
export function programConfig(): { get: (key: string) => string | undefined; isSecret: (key: string) => boolean } {
  const runtime = pulumi.runtime as unknown as { getConfig(k: string): string | undefined; isConfigSecret?(k: string): boolean };
  return { get: (k) => runtime.getConfig(k), isSecret: (k) => runtime.isConfigSecret?.(k) ?? false };
}

/**
 * The `openstack:*` stack config as the OpenStack provider's arguments; the credential as a secret.
 * Call after `credentialProblems` found nothing.
 * @param applicationCredential authenticate with an application credential instead of a password
 */
export function openstackAuthInputs(applicationCredential: boolean): OpenStackAuthInputs & { insecure?: boolean; cacertFile?: string; endpointType?: string } {
  const c = new pulumi.Config("openstack");
  const common = { authUrl: c.require("authUrl"), region: c.get("region"), insecure: c.getBoolean("insecure"), cacertFile: c.get("cacertFile"), endpointType: c.get("endpointType") };
  return applicationCredential
    ? { ...common, applicationCredentialId: c.require("applicationCredentialId"), applicationCredentialSecret: c.requireSecret("applicationCredentialSecret") }
    : { ...common, userName: c.require("userName"), password: c.requireSecret("password"), tenantName: c.get("tenantName"), userDomainName: c.get("userDomainName"), projectDomainName: c.get("projectDomainName") };
}

/**
 * The site's OpenStack provider from the `openstack:*` stack config.
 * @param site the site id (names the provider)
 * @param auth from `openstackAuthInputs`
 */
export function openstackProvider(site: string, auth: ReturnType<typeof openstackAuthInputs>): openstack.Provider {
  return new openstack.Provider(`${site}-openstack`, auth);
}

/**
 * One cluster's Kubernetes provider (never the ambient kubeconfig): from the kubeconfig the program
 * read from a cluster it builds, else from the secret config `hatang:kubeconfig-<cluster>`. Either
 * way a secret.
 * @param site the site id
 * @param cluster the cluster id
 * @param built the kubeconfig output of the cluster's `ClusterNodes`, for a cluster the stack builds
 */
export function kubernetesProvider(site: string, cluster: string, built?: pulumi.Input<string>): k8s.Provider {
  return new k8s.Provider(`${site}-${cluster}-k8s`, {
    kubeconfig: built === undefined ? new pulumi.Config("hatang").requireSecret(`kubeconfig-${cluster}`) : pulumi.secret(built),
    enableServerSideApply: true,
  });
}
