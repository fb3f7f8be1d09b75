/**
 * Creates whose outcome is unknown (the POST was sent, then the connection timed out or was reset):
 * before deciding, read back what the create would have made, by the fields that identify it, and
 * adopt it when it is there; create it only when it is not. Never a blind second POST (a duplicate).
 */
import { NeutronError, OpenStackError } from "../clients/openstack/errors";
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
 * How long a create whose outcome is unknown is given to finish on the server before it counts as not
 * carried out. A request the client gave up on may still be running there (a loaded server commits
 * after the client's timeout), so one read-back is not enough: read again after `delayMs`, `2·delayMs`,
 * `4·delayMs`… up to `reads` reads.
 */
export interface Settle {
  /** Read-backs at most (default 4). */
  reads: number;
  /** First wait between read-backs, doubling (default 1,000 ms). */
  delayMs: number;
}

/** The default settling: reads at 0, 1, 3 and 7 s. */
export const DEFAULT_SETTLE: Settle = { reads: 4, delayMs: 1_000 };

/**
 * Reads back until `done` says the result is final or the reads are spent; returns the last result.
 * @param read one read-back
 * @param done whether a result is final (found what was looked for)
 * @param settle how many reads, how far apart
 */
export async function readBackSettled<T>(read: () => Promise<T>, done: (found: T) => boolean, settle: Settle = DEFAULT_SETTLE): Promise<T> {
  let found = await read();
  for (let i = 1; i < settle.reads && !done(found); i++) {
    await new Promise((r) => setTimeout(r, settle.delayMs * 2 ** (i - 1)));
    found = await read();
  }
  return found;
}

/**
 * True when Neutron refused a create because what it would make exists already (a rule, an address,
 * a VLAN or a CIDR taken): after an earlier attempt whose outcome was unknown, that is the earlier
 * attempt's object, committed late.
 */
export function alreadyThere(e: unknown): boolean {
  return e instanceof NeutronError && (e.status === 409 || (e.status === 400 && /overlap/i.test(e.detail)));
}

/** How `createOnce` resolved a create: made by this call, or adopted from an earlier attempt. */
export type Resolution = "adopted" | "created";

/**
 * `neutron.create`, resolving an ambiguous outcome by reading back first (settled: the server may
 * still be carrying the request out), and adopting the object when a later create is refused because
 * it exists already. With `mayExist` (the caller's earlier attempt, such as a bulk create, had an
 * unknown outcome), a first create refused so is adopted the same way.
 * @param neutron Neutron calls
 * @param collection the collection
 * @param body the create body
 * @param onResolved told when a create was ambiguous and how it was resolved (for reports and tests)
 * @param options `mayExist`: an earlier attempt may have made it; `settle`: how long to read back
 */
export async function createOnce<C extends NeutronCollection>(
  neutron: Neutron,
  collection: C,
  body: Record<string, unknown>,
  onResolved?: (how: Resolution) => void,
  options: { mayExist?: boolean; settle?: Settle } = {},
): Promise<{ id: string }> {
  const filter = identityFilter(collection, body);
  const readBack = (): Promise<Array<{ id: string }>> => neutron.list(collection, filter) as Promise<Array<{ id: string }>>;
  const adoptOne = (found: Array<{ id: string }>): { id: string } => {
    if (found.length > 1) throw new Error(`${collection}: the create's outcome was unknown and ${found.length} objects match it (${JSON.stringify(filter)})`);
    onResolved?.("adopted");
    return found[0] as { id: string };
  };
  // A create after an unknown outcome: refused because its object exists, adopt that object (the only
  // match); unknown again, read back once more and give up rather than send a third.
  const createAdopting = async (): Promise<{ id: string }> => {
    try {
      return await neutron.create(collection, body);
    } catch (e) {
      if (!alreadyThere(e) && !ambiguous(e)) throw e;
      const found = alreadyThere(e) ? await readBack() : await readBackSettled(readBack, (f) => f.length > 0, options.settle);
      if (found.length === 0) throw e;
      return adoptOne(found);
    }
  };
  try {
    if (options.mayExist) return await createAdopting();
    return await neutron.create(collection, body);
  } catch (e) {
    if (!ambiguous(e)) throw e;
    const found = await readBackSettled(readBack, (f) => f.length > 0, options.settle);
    if (found.length > 0) return adoptOne(found);
    onResolved?.("created");
    return createAdopting();
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
