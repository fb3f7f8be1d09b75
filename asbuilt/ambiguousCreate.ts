/**
 * Creates whose outcome is unknown (the POST was sent, then the connection timed out or was reset):
 * before deciding, read back what the create would have made, by the fields that identify it, and
 * adopt it when it is there; create it only when it is not. Never a blind second POST (a duplicate).
 */
import { OpenStackError } from "../clients/openstack/errors";
import type { Keystone } from "../clients/openstack/keystone";
import type { Neutron, NeutronCollection } from "../clients/openstack/neutron";
import { isAmbiguous } from "../clients/openstack/retry";

/**
 * The list filters that find the object a create body makes: the name (and parent) for named
 * objects, the whole identity for rules, RBAC policies and floating IPs. Pure.
 * @param collection the collection
 * @param body the create body
 */
export function identityFilter(collection: NeutronCollection, body: Record<string, unknown>): Record<string, string | number> {
  const pick = (...keys: string[]): Record<string, string | number> =>
    Object.fromEntries(keys.filter((k) => body[k] !== undefined && body[k] !== null).map((k) => [k, body[k] as string | number]));
  switch (collection) {
    case "subnets": return pick("name", "network_id", "cidr");
    case "ports": return pick("name", "network_id");
    case "security_group_rules": return pick("security_group_id", "direction", "ethertype", "protocol", "port_range_min", "port_range_max", "remote_ip_prefix", "remote_group_id");
    case "rbac_policies": return pick("object_id", "object_type", "target_tenant", "action");
    case "floatingips": return pick("port_id", "floating_network_id", "description");
    default: return pick("name");
  }
}

/** True when `e` says the call may or may not have been carried out. */
export function ambiguous(e: unknown): boolean {
  return e instanceof OpenStackError && isAmbiguous({ status: e.status, code: e.code });
}

/**
 * `neutron.create`, resolving an ambiguous outcome by reading back first.
 * @param neutron Neutron calls
 * @param collection the collection
 * @param body the create body
 * @param onResolved told when a create was ambiguous and how it was resolved (for reports and tests)
 */
export async function createOnce<C extends NeutronCollection>(neutron: Neutron, collection: C, body: Record<string, unknown>, onResolved?: (how: "adopted" | "created") => void): Promise<{ id: string }> {
  try {
    return await neutron.create(collection, body);
  } catch (e) {
    if (!ambiguous(e)) throw e;
    const found = await neutron.list(collection, identityFilter(collection, body));
    if (found.length === 1) {
      onResolved?.("adopted");
      return found[0] as { id: string };
    }
    if (found.length > 1) throw new Error(`${collection}: the create's outcome was unknown and ${found.length} objects match it (${JSON.stringify(identityFilter(collection, body))})`);
    onResolved?.("created");
    return neutron.create(collection, body);
  }
}

/**
 * A Keystone project or group create, resolving an ambiguous outcome by name (and domain) first.
 * @param keystone Keystone calls
 * @param kind project or group
 * @param body the create body
 */
export async function keystoneCreateOnce(keystone: Keystone, kind: "project" | "group", body: Record<string, unknown>): Promise<{ id: string }> {
  const create = (): Promise<{ id: string }> => (kind === "project" ? keystone.createProject(body) : keystone.createGroup(body));
  try {
    return await create();
  } catch (e) {
    if (!ambiguous(e)) throw e;
    const query = { name: String(body.name), ...(body.domain_id ? { domain_id: String(body.domain_id) } : {}) };
    const found = kind === "project"
      ? await keystone.listProjects(query)
      : (await keystone.client.request<{ groups: Array<{ id: string }> }>("identity", "GET", "/groups", { query })).groups;
    if (found.length === 1) return found[0] as { id: string };
    if (found.length > 1) throw new Error(`${kind} ${String(body.name)}: the create's outcome was unknown and ${found.length} match it`);
    return create();
  }
}
