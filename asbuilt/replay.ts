/**
 * Replays an offline plan against a real Keystone + Neutron: creates every identity and networking
 * resource in dependency order (levels in parallel, bounded), as the Pulumi OpenStack provider would.
 */
import type { OpenStackClient } from "../clients/openstack/client";
import { NeutronError, OpenStackError } from "../clients/openstack/errors";
import { Keystone } from "../clients/openstack/keystone";
import { mapLimit } from "../clients/openstack/limiter";
import { Neutron, type NeutronCollection } from "../clients/openstack/neutron";
import type { Plan, PlannedResource } from "../offline/planTypes";
import { apiCallFor, type ApiCall } from "./mapping";
import { dependencyLevels } from "./order";
import { isUnresolvedMockId, refIndex, resolveRefs } from "./refs";
import { withStackTag } from "./stackTag";

/** A resource the replay created. */
export interface ReplayedResource {
  /** Plan URN. */
  urn: string;
  /** Type token. */
  type: string;
  /** Logical name. */
  name: string;
  /** Live id (for a router interface: its port id). */
  id: string;
  /** How to delete it again. */
  undo: { kind: "neutron"; collection: NeutronCollection; id: string } | { kind: "project"; id: string } | { kind: "routerInterface"; routerId: string; portId: string } | { kind: "routerRoute"; routerId: string; route: { destination: string; nexthop: string } };
}

/** The replay report. */
export interface ReplayReport {
  /** Stack replayed. */
  stack: string;
  /** Created resources, in creation order. */
  replayed: ReplayedResource[];
  /** Resources not replayed, each with the reason (component, service not run here…). */
  notReplayed: Array<{ urn: string; type: string; name: string; reason: string }>;
  /** Resources the cloud refused (or whose dependency was refused). */
  failed: Array<{ urn: string; type: string; name: string; error: string; status?: number; neutronType?: string }>;
}

/** Replay options. */
export interface ReplayOptions {
  /** Authenticated client. */
  client: OpenStackClient;
  /** Requests in flight within one dependency level (default 8). */
  concurrency?: number;
  /**
   * Live ids for references the plan cannot resolve itself: a mock id of something outside the plan
   * (stack config such as the external network id, data-source lookups) → the live id.
   */
  externals?: Record<string, string>;
}

/**
 * The API calls of every resource (references still symbolic), or the reason it is skipped.
 * @param plan the plan
 */
export function classifyPlan(plan: Plan): { replayable: PlannedResource[]; notReplayed: ReplayReport["notReplayed"] } {
  const replayable: PlannedResource[] = [];
  const notReplayed: ReplayReport["notReplayed"] = [];
  for (const r of plan.resources) {
    const call = apiCallFor(r.type, r.custom, r.inputs);
    if (call.kind === "skip") notReplayed.push({ urn: r.urn, type: r.type, name: r.name, reason: call.reason });
    else replayable.push(r);
  }
  return { replayable, notReplayed };
}

/**
 * Creates the plan's resources in the cloud. Never throws for a refused resource: refusals are in
 * `failed`, with Neutron's error type; resources depending on a refused one fail with that reason.
 * @param plan the plan
 * @param options client, concurrency, external ids
 */
export async function replayPlan(plan: Plan, options: ReplayOptions): Promise<ReplayReport> {
  const neutron = new Neutron(options.client);
  const keystone = new Keystone(options.client);
  const index = refIndex(plan);
  const { replayable, notReplayed } = classifyPlan(plan);
  const report: ReplayReport = { stack: plan.stack, replayed: [], notReplayed, failed: [] };
  const liveId = new Map<string, string>();
  const failedUrns = new Map<string, string>();
  const externals = options.externals ?? {};

  for (const level of dependencyLevels(plan, replayable)) {
    await mapLimit(level, options.concurrency ?? 8, async (r) => {
      const missing: string[] = [];
      const inputs = resolveRefs(r.inputs, index, (t, raw) => {
        const id = liveId.get(t.urn);
        if (!id) missing.push(failedUrns.has(t.urn) ? `dependency ${t.name} (${t.type}) was not created` : `dependency ${t.name} (${t.type}) is not replayable`);
        return id ?? raw;
      }) as Record<string, unknown>;
      const unresolved = resolveExternals(inputs, externals, missing);
      if (missing.length > 0) {
        failedUrns.set(r.urn, missing.join("; "));
        report.failed.push({ urn: r.urn, type: r.type, name: r.name, error: missing.join("; ") });
        return;
      }
      const call = apiCallFor(r.type, r.custom, unresolved) as ApiCall;
      try {
        const done = await execute(call, r, plan.stack, neutron, keystone);
        liveId.set(r.urn, done.id);
        report.replayed.push(done);
      } catch (e) {
        const err = e as Error;
        failedUrns.set(r.urn, err.message);
        report.failed.push({
          urn: r.urn, type: r.type, name: r.name, error: err.message,
          ...(e instanceof OpenStackError && e.status !== undefined ? { status: e.status } : {}),
          ...(e instanceof NeutronError ? { neutronType: e.type } : {}),
        });
      }
    });
  }
  return report;
}

function resolveExternals(inputs: Record<string, unknown>, externals: Record<string, string>, missing: string[]): Record<string, unknown> {
  const walk = (v: unknown): unknown => {
    if (isUnresolvedMockId(v)) {
      const id = externals[v];
      if (!id) missing.push(`input refers to ${v}, which is not in the plan: pass its live id in externals`);
      return id ?? v;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(inputs) as Record<string, unknown>;
}

async function execute(call: ApiCall, r: PlannedResource, stack: string, neutron: Neutron, keystone: Keystone): Promise<ReplayedResource> {
  const base = { urn: r.urn, type: r.type, name: r.name };
  switch (call.kind) {
    case "project": {
      const body = { ...call.body, name: call.body.name ?? r.name, tags: withStackTag(call.body.tags as string[] | undefined, stack) };
      const p = await keystone.createProject(body);
      return { ...base, id: p.id, undo: { kind: "project", id: p.id } };
    }
    case "neutron": {
      const named = call.collection === "security_group_rules" || call.collection === "rbac_policies" ? call.body : { name: r.name, ...call.body };
      const created = await neutron.create(call.collection, named);
      if (call.deleteDefaultRules) {
        const rules = await neutron.list("security_group_rules", { security_group_id: created.id });
        await Promise.all(rules.map((x) => neutron.delete("security_group_rules", x.id)));
      }
      if (call.collection !== "security_group_rules" && call.collection !== "rbac_policies") {
        await neutron.setTags(call.collection, created.id, withStackTag(call.tags, stack));
      }
      return { ...base, id: created.id, undo: { kind: "neutron", collection: call.collection, id: created.id } };
    }
    case "routerInterface": {
      const res = await neutron.addRouterInterface(call.routerId, call.target);
      return { ...base, id: res.port_id, undo: { kind: "routerInterface", routerId: call.routerId, portId: res.port_id } };
    }
    case "routerRoute": {
      await neutron.client.request("network", "PUT", `/v2.0/routers/${call.routerId}/add_extraroutes`, { body: { router: { routes: [call.route] } } });
      return { ...base, id: `${call.routerId}-route-${call.route.destination}-${call.route.nexthop}`, undo: { kind: "routerRoute", routerId: call.routerId, route: call.route } };
    }
    case "floatingIpPool": {
      const pools = await neutron.list("networks", { name: call.poolName, "router:external": true });
      const pool = pools[0];
      if (!pool) throw new Error(`floating IP pool "${call.poolName}": no external network of that name`);
      const fip = await neutron.create("floatingips", { ...call.body, floating_network_id: pool.id });
      await neutron.setTags("floatingips", fip.id, withStackTag(call.tags, stack));
      return { ...base, id: fip.id, undo: { kind: "neutron", collection: "floatingips", id: fip.id } };
    }
  }
}

/**
 * Deletes what a replay created, newest first (interfaces before routers and subnets, rules before
 * groups). Keeps going past failures and returns their messages.
 * @param client authenticated client
 * @param report the replay's report
 */
export async function undoReplay(client: OpenStackClient, report: ReplayReport): Promise<string[]> {
  const neutron = new Neutron(client);
  const keystone = new Keystone(client);
  const errors: string[] = [];
  for (const r of [...report.replayed].reverse()) {
    try {
      const u = r.undo;
      if (u.kind === "neutron") await neutron.delete(u.collection, u.id);
      else if (u.kind === "project") await keystone.deleteProject(u.id);
      else if (u.kind === "routerInterface") await neutron.removeRouterInterface(u.routerId, { port_id: u.portId });
      else await client.request("network", "PUT", `/v2.0/routers/${u.routerId}/remove_extraroutes`, { body: { router: { routes: [u.route] } } });
    } catch (e) {
      if (!(e instanceof OpenStackError && e.status === 404)) errors.push(`${r.type} ${r.name}: ${(e as Error).message}`);
    }
  }
  return errors;
}
