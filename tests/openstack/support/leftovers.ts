/**
 * Clean-up of what earlier runs of the real plans left in this checkout's cloud, whatever step failed:
 * first by each stack's tag, then by the plans' names (Neutron objects and Keystone groups) (an object created by a POST whose reply was lost,
 * and never adopted, carries no tag). Every site clears every site's leftovers, because the sites share
 * this one Neutron's physnets: one site's leftover VLAN or flat network would break the other.
 */
import type { OpenStackClient } from "../../../clients/openstack/client";
import { OpenStackError } from "../../../clients/openstack/errors";
import { Keystone } from "../../../clients/openstack/keystone";
import { Neutron, type NeutronCollection } from "../../../clients/openstack/neutron";
import { cleanupStack } from "../../../asbuilt/cleanup";
import type { Plan } from "../../../offline/planTypes";

/** Named Neutron objects by plan type, in the order they can be deleted. */
const NAMED: ReadonlyArray<[string, NeutronCollection]> = [
  ["openstack:networking/port:Port", "ports"],
  ["openstack:networking/router:Router", "routers"],
  ["openstack:networking/network:Network", "networks"],
  ["openstack:networking/secGroup:SecGroup", "security_groups"],
];

/**
 * Names of a plan's Neutron objects of one type. Pure.
 * @param plan the plan
 * @param type the plan type
 */
export function plannedNames(plan: Plan, type: string): string[] {
  return plan.resources.filter((r) => r.type === type && r.custom).map((r) => String(r.inputs.name ?? r.name));
}

/**
 * Removes every stack's tagged objects, then untagged objects bearing the plans' names (or one of
 * `extraNetworks`); returns the failures (404s excluded).
 * @param client an admin client
 * @param plans the plans whose leftovers go
 * @param extraNetworks other network names to remove (the sites' external networks)
 */
export async function clearLeftovers(client: OpenStackClient, plans: readonly Plan[], extraNetworks: readonly string[] = []): Promise<string[]> {
  const errors: string[] = [];
  for (const plan of plans) errors.push(...(await cleanupStack(client, plan.stack)));
  const neutron = new Neutron(client);
  for (const [type, collection] of NAMED) {
    const names = new Set(plans.flatMap((p) => plannedNames(p, type)));
    if (collection === "networks") extraNetworks.forEach((n) => names.add(n));
    if (names.size === 0) continue;
    const live = (await neutron.list(collection, { fields: ["id", "name"] })) as Array<{ id: string; name: string }>;
    for (const o of live.filter((x) => names.has(x.name))) {
      try {
        if (collection === "routers") {
          await neutron.update("routers", o.id, { routes: [] });
          for (const p of await neutron.list("ports", { device_id: o.id, device_owner: "network:router_interface" })) await neutron.removeRouterInterface(o.id, { port_id: p.id });
        }
        await neutron.delete(collection, o.id);
      } catch (e) {
        if (!(e instanceof OpenStackError && e.status === 404)) errors.push(`${collection} ${o.name}: ${(e as Error).message}`);
      }
    }
  }
  // Groups carry no tags: by name (a group left behind makes the next create a 409).
  const keystone = new Keystone(client);
  const groups = new Set(plans.flatMap((p) => plannedNames(p, "openstack:identity/groupV3:GroupV3")));
  const liveGroups = (await client.request<{ groups: Array<{ id: string; name: string }> }>("identity", "GET", "/groups")).groups;
  for (const g of liveGroups.filter((x) => groups.has(x.name))) {
    await keystone.deleteGroup(g.id).catch((e: unknown) => {
      if (!(e instanceof OpenStackError && e.status === 404)) errors.push(`group ${g.name}: ${(e as Error).message}`);
    });
  }
  return errors;
}
