/**
 * Removes everything a stack left in a cloud, found by the stack's tag (`site:<stack>`), never by a
 * replay report: a test's clean-up must not depend on the previous step having succeeded. Deletes in
 * dependency order (floating IPs, router interfaces and routes, routers, ports, networks with their
 * subnets and RBAC policies, security groups, projects), keeps going past failures and returns them
 * (a 404 is not a failure: something else removed it first).
 */
import type { OpenStackClient } from "../clients/openstack/client";
import { OpenStackError } from "../clients/openstack/errors";
import { Keystone } from "../clients/openstack/keystone";
import { mapLimit } from "../clients/openstack/limiter";
import { Neutron } from "../clients/openstack/neutron";
import { stackTag } from "./stackTag";

/**
 * Deletes a stack's tagged objects; returns the failures.
 * @param client an admin client
 * @param stack the stack whose tag marks the objects
 * @param concurrency deletes in flight (default 8)
 */
export async function cleanupStack(client: OpenStackClient, stack: string, concurrency = 8): Promise<string[]> {
  const neutron = new Neutron(client);
  const keystone = new Keystone(client);
  const tags = stackTag(stack);
  const errors: string[] = [];
  const attempt = async (what: string, f: () => Promise<unknown>): Promise<void> => {
    try {
      await f();
    } catch (e) {
      if (!(e instanceof OpenStackError && e.status === 404)) errors.push(`${what}: ${(e as Error).message}`);
    }
  };
  const fips = await neutron.list("floatingips", { tags });
  await mapLimit(fips, concurrency, (f) => attempt(`floating IP ${f.id}`, () => neutron.delete("floatingips", f.id)));
  const routers = await neutron.list("routers", { tags });
  // One router's interfaces one after the other (concurrent changes of one router conflict).
  await mapLimit(routers, concurrency, async (r) => {
    await attempt(`routes of router ${r.name}`, () => neutron.update("routers", r.id, { routes: [] }));
    for (const p of await neutron.list("ports", { device_id: r.id, device_owner: "network:router_interface" })) {
      await attempt(`interface ${p.id} of router ${r.name}`, () => neutron.removeRouterInterface(r.id, { port_id: p.id }));
    }
    await attempt(`router ${r.name}`, () => neutron.delete("routers", r.id));
  });
  const ports = await neutron.list("ports", { tags });
  await mapLimit(ports, concurrency, (p) => attempt(`port ${p.name}`, () => neutron.delete("ports", p.id)));
  // A network's subnets and RBAC policies go with it.
  const networks = await neutron.list("networks", { tags });
  await mapLimit(networks, concurrency, (n) => attempt(`network ${n.name}`, () => neutron.delete("networks", n.id)));
  const groups = await neutron.list("security_groups", { tags });
  await mapLimit(groups, concurrency, (g) => attempt(`security group ${g.name}`, () => neutron.delete("security_groups", g.id)));
  // Children before parents: a project with children cannot be deleted.
  const projects = await keystone.listProjects({ tags });
  const byDepth = [...projects].sort((a, b) => Number(Boolean(b.parent_id && projects.some((p) => p.id === b.parent_id))) - Number(Boolean(a.parent_id && projects.some((p) => p.id === a.parent_id))));
  for (const p of byDepth) await attempt(`project ${p.name}`, () => keystone.deleteProject(p.id));
  return errors;
}
