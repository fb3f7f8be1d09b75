/**
 * Reads a stack's live resources (filtered by its `site:<stack>` tag) into the as-built model:
 * projects, networks with segments, subnets, routers and their interfaces, security groups and rules,
 * ports, floating IPs. Ids become symbolic `ref:` keys so the model compares with the plan's.
 */
import type { OpenStackClient } from "../clients/openstack/client";
import { Keystone } from "../clients/openstack/keystone";
import { Neutron } from "../clients/openstack/neutron";
import { comparableFields, numberDuplicateKeys, ref, ruleKey, type AsBuiltKind, type AsBuiltModel, type AsBuiltObject } from "./model";
import { stackTag } from "./stackTag";

/** Raw live collections of one stack, as the APIs returned them. */
export interface LiveCollections {
  /** Keystone projects. */
  projects: Array<Record<string, unknown>>;
  /** Networks. */
  networks: Array<Record<string, unknown>>;
  /** Subnets. */
  subnets: Array<Record<string, unknown>>;
  /** Routers. */
  routers: Array<Record<string, unknown>>;
  /** Router interface ports of those routers. */
  interfaces: Array<Record<string, unknown>>;
  /** Security groups with their embedded rules. */
  securityGroups: Array<Record<string, unknown>>;
  /** Ports. */
  ports: Array<Record<string, unknown>>;
  /** Floating IPs. */
  floatingIps: Array<Record<string, unknown>>;
  /** RBAC policies on those networks (they carry no tags: found by object id). */
  rbacPolicies: Array<Record<string, unknown>>;
}

/** Read-back options. */
export interface ReadbackOptions {
  /** Stack (site id). */
  stack: string;
  /** Live ids of things outside the plan, as given to the replay (mock id → live id). */
  externals?: Record<string, string>;
}

/**
 * Fetches a stack's live collections (all pages; independent lists in parallel).
 * @param client authenticated client
 * @param stack the stack
 */
export async function fetchLive(client: OpenStackClient, stack: string): Promise<LiveCollections> {
  const n = new Neutron(client);
  const tags = stackTag(stack);
  const [projects, networks, subnets, routers, securityGroups, ports, floatingIps] = await Promise.all([
    new Keystone(client).listProjects({ tags }),
    n.list("networks", { tags }),
    n.list("subnets", { tags }),
    n.list("routers", { tags }),
    n.list("security_groups", { tags }),
    n.list("ports", { tags }),
    n.list("floatingips", { tags }),
  ]);
  // Interface ports and RBAC policies carry no tags: find them by router and by network (one filter
  // with every id each; a site has tens of networks, well within a URL's length).
  const [interfaces, rbacPolicies] = await Promise.all([
    routers.length === 0 ? [] : n.list("ports", { device_owner: "network:router_interface", device_id: routers.map((r) => r.id) }),
    networks.length === 0 ? [] : n.list("rbac_policies", { object_type: "network", object_id: networks.map((x) => x.id) }),
  ]);
  const plain = <T>(xs: T[]): Array<Record<string, unknown>> => xs as unknown as Array<Record<string, unknown>>;
  return {
    projects: plain(projects), networks: plain(networks), subnets: plain(subnets), routers: plain(routers), interfaces: plain(interfaces),
    securityGroups: plain(securityGroups), ports: plain(ports), floatingIps: plain(floatingIps), rbacPolicies: plain(rbacPolicies),
  };
}

/** A default rule Neutron adds to every new group (any egress); plans that keep them do not list them. */
function isDefaultEgress(r: Record<string, unknown>): boolean {
  return r.direction === "egress" && r.protocol == null && r.port_range_min == null && r.remote_ip_prefix == null && r.remote_group_id == null && !r.description;
}

/**
 * The live collections without what the plan refers to outside itself (the external network, its
 * subnets, the RBAC policy Neutron gives an external network), even when tagged with the stack (a test
 * cloud tags the transit network it provides, so a clean-up by tag removes it). Pure.
 * @param live the live collections
 * @param externals plan value → live id
 */
export function withoutExternals(live: LiveCollections, externals: Record<string, string>): LiveCollections {
  const ext = new Set(Object.values(externals));
  return {
    ...live,
    networks: live.networks.filter((x) => !ext.has(String(x.id))),
    subnets: live.subnets.filter((x) => !ext.has(String(x.id)) && !ext.has(String(x.network_id))),
    rbacPolicies: live.rbacPolicies.filter((x) => !ext.has(String(x.object_id))),
  };
}

/**
 * Builds the as-built model from live collections (without the externals: see withoutExternals). Pure.
 * @param all the live collections
 * @param options stack and externals
 */
export function buildAsBuilt(all: LiveCollections, options: ReadbackOptions): AsBuiltModel {
  const live = withoutExternals(all, options.externals ?? {});
  const keyById = new Map<string, string>();
  for (const [mock, id] of Object.entries(options.externals ?? {})) keyById.set(id, `external/${mock}`);
  const named = (kind: AsBuiltKind, xs: Array<Record<string, unknown>>): void => xs.forEach((x) => keyById.set(String(x.id), `${kind}/${x.name}`));
  named("project", live.projects);
  named("network", live.networks);
  named("subnet", live.subnets);
  named("router", live.routers);
  named("securityGroup", live.securityGroups);
  named("port", live.ports);
  const refs = (v: unknown): unknown => {
    if (typeof v === "string") {
      const k = keyById.get(v);
      return k ? ref(k) : v;
    }
    if (Array.isArray(v)) return v.map(refs);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === "id" ? x : refs(x)]));
    return v;
  };
  const objects: AsBuiltObject[] = [];
  const add = (kind: AsBuiltKind, key: string, raw: Record<string, unknown>): void => {
    objects.push({ kind, key, id: String(raw.id), fields: comparableFields(kind, refs(raw) as Record<string, unknown>) });
  };
  for (const p of live.projects) add("project", `project/${p.name}`, p);
  for (const x of live.networks) add("network", `network/${x.name}`, x);
  for (const x of live.subnets) add("subnet", `subnet/${x.name}`, x);
  for (const x of live.routers) add("router", `router/${x.name}`, x);
  for (const x of live.securityGroups) {
    add("securityGroup", `securityGroup/${x.name}`, x);
    for (const rule of (x.security_group_rules as Array<Record<string, unknown>> | undefined) ?? []) {
      if (isDefaultEgress(rule)) continue;
      add("securityGroupRule", ruleKey(`securityGroup/${x.name}`, refs(rule) as Record<string, unknown>), rule);
    }
  }
  // Neutron gives every port an address on each SLAAC/stateless subnet of its network by itself;
  // those are derived from the MAC, not planned, so they are not drift.
  const autoAddress = new Set(live.subnets.filter((s) => s.ipv6_address_mode === "slaac" || s.ipv6_address_mode === "dhcpv6-stateless").map((s) => String(s.id)));
  for (const x of live.ports) {
    const fixed = (x.fixed_ips as Array<{ subnet_id: string }> | undefined) ?? [];
    add("port", `port/${x.name}`, { ...x, fixed_ips: fixed.filter((f) => !autoAddress.has(f.subnet_id)) });
  }
  for (const i of live.interfaces) {
    const router = keyById.get(String(i.device_id)) ?? String(i.device_id);
    const fixed = (i.fixed_ips as Array<{ subnet_id: string }> | undefined) ?? [];
    // A planned port attached as an interface keeps its name; otherwise the interface is its subnet.
    const via = keyById.get(String(i.id)) ?? keyById.get(fixed[0]?.subnet_id ?? "") ?? String(i.id);
    objects.push({ kind: "routerInterface", key: `routerInterface/${router}/${via}`, id: String(i.id), fields: {} });
  }
  for (const f of live.floatingIps) {
    const port = f.port_id ? keyById.get(String(f.port_id)) : undefined;
    add("floatingIp", `floatingIp/${port ?? f.floating_ip_address ?? f.description}`, f);
  }
  for (const p of live.rbacPolicies) {
    const on = keyById.get(String(p.object_id)) ?? String(p.object_id);
    const to = keyById.get(String(p.target_tenant)) ?? String(p.target_tenant);
    objects.push({ kind: "rbacPolicy", key: `rbacPolicy/${on}/${to}/${p.action}`, id: String(p.id), fields: {} });
  }
  return { stack: options.stack, objects: numberDuplicateKeys(objects) };
}

/**
 * Reads the live as-built model of a stack.
 * @param client authenticated client
 * @param options stack and externals
 */
export async function readAsBuilt(client: OpenStackClient, options: ReadbackOptions): Promise<AsBuiltModel> {
  return buildAsBuilt(await fetchLive(client, options.stack), options);
}
