/**
 * `hatang:FirewallQuota` (a dynamic resource): raises a project's FWaaS v2 quota (`firewall_group`,
 * `firewall_policy`, `firewall_rule`) through Neutron's quota API. @pulumi/openstack 3.15.2's
 * `networking.QuotaV2` has no FWaaS fields, so this resource makes the one call itself: Keystone v3
 * token (password or application credential, from the stack's secret config), the catalog's network
 * endpoint, `PUT /v2.0/quotas/{project}`. On delete it puts the three limits back to the cloud's
 * defaults (`GET /v2.0/quotas/{project}/default`), leaving the project's other limits alone.
 *
 * The provider's functions are serialized into the deployment, so they use only what Node has
 * (global fetch) and nothing imported.
 */
import * as pulumi from "@pulumi/pulumi";

/** How to reach the cloud: the same keys as the explicit `openstack.Provider`. */
export interface OpenStackAuthInputs {
  /** Keystone URL (with or without `/v3`). */
  authUrl: pulumi.Input<string>;
  /** Region of the network endpoint. */
  region?: pulumi.Input<string>;
  /** Password auth: user name. */
  userName?: pulumi.Input<string>;
  /** Password auth: password (secret). */
  password?: pulumi.Input<string>;
  /** Password auth: project name to scope to. */
  tenantName?: pulumi.Input<string>;
  /** Domain of the user (default `Default`). */
  userDomainName?: pulumi.Input<string>;
  /** Domain of the project (default `Default`). */
  projectDomainName?: pulumi.Input<string>;
  /** Application credential id. */
  applicationCredentialId?: pulumi.Input<string>;
  /** Application credential secret (secret). */
  applicationCredentialSecret?: pulumi.Input<string>;
}

/** Arguments of a {@link FirewallQuota}. */
export interface FirewallQuotaArgs {
  /** Project whose quota is raised. */
  projectId: pulumi.Input<string>;
  /** Limits: Neutron's `firewall_group`, `firewall_policy`, `firewall_rule`. */
  quota: { firewall_group: number; firewall_policy: number; firewall_rule: number };
  /** How to reach the cloud. */
  auth: OpenStackAuthInputs;
}

interface Inputs {
  projectId: string;
  quota: Record<string, number>;
  auth: Record<string, string | undefined>;
}

/** The dynamic provider: everything inside, nothing captured from imports. */
const firewallQuotaProvider: pulumi.dynamic.ResourceProvider = {
  async create(inputs: Inputs) {
    await neutronQuota(inputs, "PUT", inputs.quota);
    return { id: inputs.projectId, outs: inputs };
  },
  async update(_id: string, _olds: Inputs, news: Inputs) {
    await neutronQuota(news, "PUT", news.quota);
    return { outs: news };
  },
  async delete(_id: string, props: Inputs) {
    // The outputs keep `auth` (a secret, see the constructor) so a delete can authenticate.
    const defaults = await neutronQuota(props, "GET", undefined, "/default");
    await neutronQuota(props, "PUT", Object.fromEntries(Object.keys(props.quota).map((k) => [k, defaults[k] ?? -1])));
  },
};

/** One call to the project's Neutron quota, authenticated afresh. */
async function neutronQuota(inputs: Inputs, method: "GET" | "PUT", quota?: Record<string, number>, suffix = ""): Promise<Record<string, number>> {
  const a = inputs.auth;
  const base = String(a.authUrl).replace(/\/+$/, "").replace(/\/v3$/, "") + "/v3";
  const identity = a.applicationCredentialId
    ? { methods: ["application_credential"], application_credential: { id: a.applicationCredentialId, secret: a.applicationCredentialSecret } }
    : { methods: ["password"], password: { user: { name: a.userName, domain: { name: a.userDomainName ?? "Default" }, password: a.password } } };
  const scope = a.applicationCredentialId ? undefined : { project: { name: a.tenantName, domain: { name: a.projectDomainName ?? "Default" } } };
  const auth = await fetch(`${base}/auth/tokens`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ auth: { identity, ...(scope ? { scope } : {}) } }) });
  if (auth.status >= 400) throw new Error(`Keystone refused the credentials: ${auth.status}`);
  const token = auth.headers.get("x-subject-token") ?? "";
  const body = (await auth.json()) as { token: { catalog?: Array<{ type: string; endpoints: Array<{ interface: string; region?: string; url: string }> }> } };
  const endpoint = body.token.catalog?.find((c) => c.type === "network")?.endpoints.find((e) => e.interface === "public" && (!a.region || e.region === a.region));
  if (!endpoint) throw new Error(`no public network endpoint${a.region ? ` in region ${a.region}` : ""} in the catalog`);
  const url = `${endpoint.url.replace(/\/+$/, "")}/v2.0/quotas/${inputs.projectId}${suffix}`;
  const res = await fetch(url, { method, headers: { "X-Auth-Token": token, "Content-Type": "application/json" }, ...(quota ? { body: JSON.stringify({ quota }) } : {}) });
  if (res.status >= 400) throw new Error(`${method} ${url}: ${res.status} ${(await res.text()).slice(0, 300)}`);
  return ((await res.json()) as { quota: Record<string, number> }).quota;
}

/** A project's FWaaS v2 quota (see the file's comment). */
export class FirewallQuota extends pulumi.dynamic.Resource {
  /**
   * @param name resource name
   * @param args project, limits, auth
   * @param opts resource options
   */
  constructor(name: string, args: FirewallQuotaArgs, opts?: pulumi.CustomResourceOptions) {
    super(firewallQuotaProvider, name, { projectId: args.projectId, quota: args.quota, auth: pulumi.secret(args.auth) }, { ...opts, additionalSecretOutputs: ["auth"] }, "hatang", "FirewallQuota");
  }
}
