/**
 * What a site's plan refers to outside itself, and how a test cloud provides it: the external
 * (flat) transit network the zone routers' uplinks sit on (its far side is the site's firewall),
 * and the role the tenancy grants (`hatang:memberRole`, looked up by the plan as a data source).
 */
import type { OpenStackClient } from "../clients/openstack/client";
import { Keystone } from "../clients/openstack/keystone";
import { Neutron } from "../clients/openstack/neutron";
import { DEPLOYER_PROJECT_REF, type Plan } from "../offline/planTypes";
import { EXTERNAL_PHYSNET } from "./ml2Physnets";
import { isUnresolvedMockId, refIndex } from "./refs";
import { stackTag } from "./stackTag";

/** Mock id the offline engine gives the `openstack.identity.getRole` lookup of the member role. */
export const MEMBER_ROLE_REF = "id-of:openstack:identity/getRole:getRole";

/** The stack config values that name things outside the plan. */
export interface SiteExternalConfig {
  /** `hatang:externalNetworkId`: the external network's id as the plan writes it (a literal uuid). */
  externalNetworkId: string;
  /** `hatang:memberRole`: the role granted to agency groups (default `member`). */
  memberRole: string;
  /** The stack whose tag the external network carries (for clean-up by tag). */
  stack?: string;
}

/**
 * Reads the external references from a stack's config (`namespace:key` → value).
 * @param config the stack config, as `readStackConfig` returns it
 */
export function siteExternalConfig(config: Record<string, string>): SiteExternalConfig {
  const get = (k: string): string => {
    const v = config[`hatang:${k}`];
    if (!v) throw new Error(`stack config has no hatang:${k}: the replay needs it to provide the plan's external references`);
    return v;
  };
  return { externalNetworkId: get("externalNetworkId"), memberRole: config["hatang:memberRole"] ?? "member" };
}

/**
 * Every mock id in the plan's inputs that is not a planned resource (data-source lookups), sorted.
 * The replay needs a live id for each. Pure.
 * @param plan the plan
 */
export function unresolvedRefs(plan: Plan): string[] {
  const index = refIndex(plan);
  const found = new Set<string>();
  const walk = (v: unknown): void => {
    if (isUnresolvedMockId(v) && !index.target(v)) found.add(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") Object.values(v).forEach(walk);
  };
  for (const r of plan.resources) if (r.custom) walk(r.inputs);
  return [...found].sort();
}

/** What `provideSiteExternals` created, and the externals map for replay and read-back. */
export interface SiteExternals {
  /** Plan value → live id (the external network's literal id, the member role's lookup, the deployer's project). */
  externals: Record<string, string>;
  /** Live external network id. */
  networkId: string;
  /** Live external subnet id. */
  subnetId: string;
}

/**
 * Creates the external flat transit network (on `physnet-ext`, named `hatang-transit[-<stack>]`, with
 * one IPv4 subnet for the zone routers' uplinks) and makes sure the member role exists.
 * @param client an admin client
 * @param site the site's external config
 * @param cidr the external subnet (a documentation prefix in tests)
 */
export async function provideSiteExternals(client: OpenStackClient, site: SiteExternalConfig, cidr: string): Promise<SiteExternals> {
  const neutron = new Neutron(client);
  const roleId = await new Keystone(client).ensureRole(site.memberRole);
  const name = site.stack ? `hatang-transit-${site.stack}` : "hatang-transit";
  const net = await neutron.create("networks", { name, "router:external": true, "provider:network_type": "flat", "provider:physical_network": EXTERNAL_PHYSNET });
  const sub = await neutron.create("subnets", { name: `${name}-v4`, network_id: net.id, ip_version: 4, cidr, enable_dhcp: false });
  // Tagged with the stack, so a clean-up by tag removes it even when this run never gets to.
  if (site.stack) await neutron.setTags("networks", net.id, [stackTag(site.stack)]);
  const externals: Record<string, string> = { [site.externalNetworkId]: net.id, [MEMBER_ROLE_REF]: roleId };
  // The deployer's project (the plan raises its quota) is the project these admin credentials work in.
  if (client.projectId) externals[DEPLOYER_PROJECT_REF] = client.projectId;
  return { externals, networkId: net.id, subnetId: sub.id };
}

/**
 * Deletes the external network `provideSiteExternals` created (the role stays: it is shared).
 * @param client an admin client
 * @param ext what was created
 */
export async function removeSiteExternals(client: OpenStackClient, ext: SiteExternals): Promise<void> {
  const neutron = new Neutron(client);
  await neutron.delete("subnets", ext.subnetId);
  await neutron.delete("networks", ext.networkId);
}
