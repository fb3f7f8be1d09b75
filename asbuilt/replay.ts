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
import { apiCallFor, type ApiCall, type RoleTarget } from "./mapping";
import { dependencyLevels } from "./order";
import { isUnresolvedMockId, refIndex, resolveRefs } from "./refs";
import { withStackTag } from "./stackTag";
import { ambiguous, createOnce, identityFilter, keystoneCreateOnce, readBackSettled, type Settle } from "./ambiguousCreate";

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
  /** Dependency level it was created at (undo goes through the levels backwards). */
  level?: number;
  /** How to delete it again. */
  undo: UndoStep;
}

/** How to delete one replayed resource. */
export type UndoStep =
  | {
      kind: "neutron"; collection: NeutronCollection; id: string;
      /** Live id of a parent whose deletion removes this one too (a rule's group, a subnet's network). */
      cascadesFrom?: string;
    }
  | { kind: "project"; id: string }
  | { kind: "group"; id: string }
  | { kind: "roleAssignment"; target: RoleTarget }
  | { kind: "networkQuota"; projectId: string }
  | { kind: "routerInterface"; routerId: string; portId: string }
  | { kind: "routerRoute"; routerId: string; route: { destination: string; nexthop: string } };

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
  /** Replayable resources never attempted because the replay was cancelled (see `ReplayOptions.signal`). */
  cancelled: Array<{ urn: string; type: string; name: string }>;
}

/** Replay options. */
export interface ReplayOptions {
  /** Authenticated client. */
  client: OpenStackClient;
  /** Requests in flight within one dependency level (default 8). */
  concurrency?: number;
  /**
   * Live ids for references the plan cannot resolve itself: a mock id of something outside the plan
   * (a data-source lookup such as the member role) or a literal id from stack config (the external
   * network id) → the live id. Any input string equal to a key is replaced.
   */
  externals?: Record<string, string>;
  /**
   * Create networks, subnets, ports and rules with bulk POSTs (default true; see `levelTasks`):
   * many fewer requests for the same bodies. A refused batch is replayed one by one, so every
   * refusal is still reported against its resource, as the provider's single creates would see it.
   */
  bulk?: boolean;
  /**
   * Cancels the replay: once aborted, no further request is started; requests already in flight
   * finish (bounded by the client's timeout) and what they made is in `replayed`, so `undoReplay`
   * removes it. The resources never attempted are listed in `cancelled`. A caller that gives up on a
   * replay (a test step that timed out) aborts and awaits it before cleaning up, so nothing is made
   * behind the clean-up's back.
   */
  signal?: AbortSignal;
  /** How long a create whose outcome is unknown is given to finish on the server (default `DEFAULT_SETTLE`). */
  settle?: Settle;
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
  const report: ReplayReport = { stack: plan.stack, replayed: [], notReplayed, failed: [], cancelled: [] };
  const signal = options.signal;
  const attempted = new Set<string>();
  const liveId = new Map<string, string>();
  const failedUrns = new Map<string, string>();
  const externals = options.externals ?? {};

  const fail = (r: PlannedResource, e: unknown): void => {
    const err = e as Error;
    failedUrns.set(r.urn, err.message);
    report.failed.push({
      urn: r.urn, type: r.type, name: r.name, error: err.message,
      ...(e instanceof OpenStackError && e.status !== undefined ? { status: e.status } : {}),
      ...(e instanceof NeutronError ? { neutronType: e.type } : {}),
    });
  };
  const prepare = (r: PlannedResource): ApiCall | undefined => {
    const missing: string[] = [];
    const inputs = resolveRefs(r.inputs, index, (t, raw) => {
      const id = liveId.get(t.urn);
      if (!id) missing.push(failedUrns.has(t.urn) ? `dependency ${t.name} (${t.type}) was not created` : `dependency ${t.name} (${t.type}) is not replayable`);
      return id ?? raw;
    }) as Record<string, unknown>;
    const resolved = resolveExternals(inputs, externals, missing);
    if (missing.length > 0) {
      fail(r, new Error(missing.join("; ")));
      return undefined;
    }
    return apiCallFor(r.type, r.custom, resolved) as ApiCall;
  };
  const one = async (r: PlannedResource, call: ApiCall, levelNo: number, mayExist = false): Promise<void> => {
    if (signal?.aborted) return;
    attempted.add(r.urn);
    try {
      const done = await execute(call, r, plan.stack, neutron, keystone, { mayExist, settle: options.settle });
      liveId.set(r.urn, done.id);
      report.replayed.push({ ...done, level: levelNo });
    } catch (e) {
      fail(r, e);
    }
  };

  const bulk = async (items: ReadonlyArray<{ r: PlannedResource; call: ApiCall }>, levelNo: number): Promise<void> => {
    if (signal?.aborted) return;
    for (const p of items) attempted.add(p.r.urn);
    const calls = items.map((p) => p.call as NeutronCall);
    const collection = (calls[0] as NeutronCall).collection;
    const adopt = adoptBatch(items, calls, levelNo);
    let created: Array<{ id: string }>;
    try {
      created = await neutron.createMany(collection, items.map((p, i) => namedBody(calls[i] as NeutronCall, p.r)));
    } catch (e) {
      // Outcome unknown (sent, then timed out or reset): a bulk create is all or nothing, so read the
      // items back; when all are there, adopt them; otherwise none was made, and one by one creates them.
      // The server may still be carrying the batch out (a loaded server commits after the client's
      // timeout), so the read-back settles; and the one-by-one creates below adopt an object Neutron
      // says exists already, since that is the batch committed late.
      const unknown = ambiguous(e);
      if (unknown) {
        const readAll = (): Promise<Array<Array<{ id: string }>>> => Promise.all(items.map((p, i) => neutron.list(collection, identityFilter(collection, namedBody(calls[i] as NeutronCall, p.r))) as Promise<Array<{ id: string }>>));
        const found = await readBackSettled(readAll, (f) => f.every((x) => x.length === 1), options.settle);
        if (found.every((f) => f.length === 1)) {
          created = found.map((f) => f[0] as { id: string });
          await adopt(created);
          return;
        }
      }
      // Bulk create is all or nothing: replay the batch one by one so each refusal names its resource.
      for (const p of items) {
        attempted.delete(p.r.urn);
        await one(p.r, p.call, levelNo, unknown);
      }
      return;
    }
    await adopt(created);
  };
  const adoptBatch = (items: ReadonlyArray<{ r: PlannedResource; call: ApiCall }>, calls: NeutronCall[], levelNo: number) => async (created: Array<{ id: string }>): Promise<void> => {
    await Promise.all(items.map(async (p, i) => {
      const c = calls[i] as NeutronCall;
      const id = (created[i] as { id: string }).id;
      try {
        await afterCreate(c, id, plan.stack, neutron);
      } catch (e) {
        fail(p.r, e);
      }
      // Created either way, so undo must know it even when tagging failed.
      if (!failedUrns.has(p.r.urn)) liveId.set(p.r.urn, id);
      report.replayed.push({ urn: p.r.urn, type: p.r.type, name: p.r.name, id, level: levelNo, undo: { kind: "neutron", collection: c.collection, id, ...cascade(c) } });
    }));
  };

  for (const [levelNo, level] of dependencyLevels(plan, replayable).entries()) {
    if (signal?.aborted) break;
    const prepared = level.flatMap((r) => {
      const call = prepare(r);
      return call ? [{ r, call }] : [];
    });
    const tasks = levelTasks(prepared, options.bulk !== false).map((t) => (): Promise<void> => {
      if (t.kind === "bulk") return bulk(t.items, levelNo);
      // A chain runs one after the other: concurrent interface changes on one router make Neutron
      // retry on revision conflicts, which costs seconds per call.
      return t.items.reduce<Promise<void>>((prev, p) => prev.then(() => one(p.r, p.call, levelNo)), Promise.resolve());
    });
    await mapLimit(tasks, options.concurrency ?? 8, (t) => t());
  }
  if (signal?.aborted) {
    const failedOrMade = new Set([...report.replayed.map((r) => r.urn), ...report.failed.map((f) => f.urn)]);
    report.cancelled = replayable.filter((r) => !attempted.has(r.urn) && !failedOrMade.has(r.urn)).map((r) => ({ urn: r.urn, type: r.type, name: r.name }));
  }
  return report;
}

type NeutronCall = Extract<ApiCall, { kind: "neutron" }>;

/** Largest bulk create (Neutron handles one bulk POST in one transaction). */
const BULK_MAX = 50;

/** Collections created in bulk, and what groups them (one parent per batch keeps a refusal local). */
const BULK_GROUP: Partial<Record<NeutronCollection, (body: Record<string, unknown>) => string>> = {
  networks: () => "",
  subnets: (b) => String(b.network_id),
  security_group_rules: (b) => String(b.security_group_id),
};

/** One unit of work within a dependency level. */
export type LevelTask<T> = { kind: "bulk"; items: T[] } | { kind: "chain"; items: T[] };

/**
 * Splits one dependency level into units of work. Pure.
 * - bulk: networks; subnets per network; rules per group (≤ 50 each), one POST each. Not ports:
 *   Zed's bulk port create fails with a 500 when a port asks for an address on a SLAAC subnet
 *   without giving one (the MAC is not generated yet when it derives the EUI-64 address).
 * - chain: interfaces and extra routes of one router, one after the other; anything else alone.
 * @param prepared the level's resources with their resolved calls, in plan order
 * @param useBulk false: every Neutron create alone (exactly the provider's requests)
 */
export function levelTasks<T extends { call: ApiCall }>(prepared: readonly T[], useBulk = true): Array<LevelTask<T>> {
  const groups = new Map<string, T[]>();
  const out: Array<LevelTask<T>> = [];
  for (const p of prepared) {
    const c = p.call;
    const by = useBulk && c.kind === "neutron" ? BULK_GROUP[c.collection] : undefined;
    const key = by && c.kind === "neutron" ? `bulk|${c.collection}|${by(c.body)}` : c.kind === "routerInterface" || c.kind === "routerRoute" ? `chain|${c.routerId}` : undefined;
    if (key === undefined) out.push({ kind: "chain", items: [p] });
    else groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  for (const [key, items] of groups) {
    if (key.startsWith("chain|")) out.unshift({ kind: "chain", items });
    else for (let i = 0; i < items.length; i += BULK_MAX) out.push({ kind: "bulk", items: items.slice(i, i + BULK_MAX) });
  }
  return out;
}

function resolveExternals(inputs: Record<string, unknown>, externals: Record<string, string>, missing: string[]): Record<string, unknown> {
  const walk = (v: unknown): unknown => {
    if (typeof v === "string" && Object.hasOwn(externals, v)) return externals[v];
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

/** The create body: the resource's name unless the plan names it (rules and RBAC policies have none). */
function namedBody(call: NeutronCall, r: PlannedResource): Record<string, unknown> {
  return call.collection === "security_group_rules" || call.collection === "rbac_policies" ? call.body : { name: r.name, ...call.body };
}

/** What the provider does after a create: drop a group's default rules, set the tags (second call). */
async function afterCreate(call: NeutronCall, id: string, stack: string, neutron: Neutron): Promise<void> {
  if (call.deleteDefaultRules) {
    const rules = await neutron.list("security_group_rules", { security_group_id: id, fields: ["id"] });
    await Promise.all(rules.map((x) => neutron.delete("security_group_rules", x.id)));
  }
  if (call.collection !== "security_group_rules" && call.collection !== "rbac_policies") {
    await neutron.setTags(call.collection, id, withStackTag(call.tags, stack));
  }
}

async function execute(call: ApiCall, r: PlannedResource, stack: string, neutron: Neutron, keystone: Keystone, create: { mayExist: boolean; settle?: Settle }): Promise<ReplayedResource> {
  const base = { urn: r.urn, type: r.type, name: r.name };
  switch (call.kind) {
    case "project": {
      const body = { ...call.body, name: call.body.name ?? r.name, tags: withStackTag(call.body.tags as string[] | undefined, stack) };
      const p = await keystoneCreateOnce(keystone, "project", body);
      return { ...base, id: p.id, undo: { kind: "project", id: p.id } };
    }
    case "group": {
      const g = await keystoneCreateOnce(keystone, "group", { ...call.body, name: call.body.name ?? r.name });
      return { ...base, id: g.id, undo: { kind: "group", id: g.id } };
    }
    case "roleAssignment": {
      await keystone.roleAssignment(call.target, true);
      const t = call.target;
      return { ...base, id: `${t.scope}/${t.scopeId}/${t.actor}/${t.actorId}/roles/${t.roleId}`, undo: { kind: "roleAssignment", target: t } };
    }
    case "networkQuota": {
      await neutron.setQuota(call.projectId, call.body);
      return { ...base, id: `quota/${call.projectId}`, undo: { kind: "networkQuota", projectId: call.projectId } };
    }
    case "neutron": {
      const created = await createOnce(neutron, call.collection, namedBody(call, r), undefined, create);
      try {
        await afterCreate(call, created.id, stack, neutron);
      } catch (e) {
        // Created but not finished: delete it again so a failed replay leaves nothing behind.
        await neutron.delete(call.collection, created.id).catch(() => undefined);
        throw e;
      }
      return { ...base, id: created.id, undo: { kind: "neutron", collection: call.collection, id: created.id, ...cascade(call) } };
    }
    case "routerInterface": {
      // A PUT is retried by the client after a reset; if the first one was carried out, Neutron refuses
      // the second ("already has a port on subnet"): the interface exists, find it instead.
      const res = await neutron.addRouterInterface(call.routerId, call.target).catch(async (e: unknown) => {
        const subnet = call.target.subnet_id;
        if (!(e instanceof NeutronError && e.status === 400 && /already has a port/i.test(e.detail)) || !subnet) throw e;
        const ports = await neutron.list("ports", { device_id: call.routerId, device_owner: "network:router_interface" });
        const port = ports.find((p) => p.fixed_ips.some((f) => f.subnet_id === subnet));
        if (!port) throw e;
        return { id: call.routerId, port_id: port.id, subnet_id: subnet };
      });
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
      const fip = await createOnce(neutron, "floatingips", { ...call.body, floating_network_id: pool.id });
      await neutron.setTags("floatingips", fip.id, withStackTag(call.tags, stack));
      return { ...base, id: fip.id, undo: { kind: "neutron", collection: "floatingips", id: fip.id } };
    }
  }
}

/**
 * The parent whose deletion removes a created object with it: a rule goes with its group, a subnet
 * and an RBAC policy with their network. Undo skips those (fewer calls, no 404s).
 * @param call the create call
 */
function cascade(call: Extract<ApiCall, { kind: "neutron" }>): { cascadesFrom?: string } {
  const b = call.body;
  const parent = call.collection === "security_group_rules" ? b.security_group_id : call.collection === "subnets" ? b.network_id : call.collection === "rbac_policies" && b.object_type === "network" ? b.object_id : undefined;
  return typeof parent === "string" ? { cascadesFrom: parent } : {};
}

/**
 * The undo steps of a replay in order: dependency levels backwards (each level's steps may run in
 * parallel), without the objects their parent's deletion removes. Pure.
 * @param report the replay's report
 */
export function undoLevels(report: ReplayReport): ReplayedResource[][] {
  const undone = new Set(report.replayed.map((r) => r.id));
  const levels: ReplayedResource[][] = [];
  report.replayed.forEach((r, i) => {
    if (r.undo.kind === "neutron" && r.undo.cascadesFrom && undone.has(r.undo.cascadesFrom)) return;
    // Without levels (older reports) every step gets its own level: strictly newest first.
    (levels[r.level ?? i] ??= []).push(r);
  });
  return levels.filter((l) => l !== undefined).reverse();
}

async function undoOne(u: UndoStep, neutron: Neutron, keystone: Keystone): Promise<void> {
  switch (u.kind) {
    case "neutron": return neutron.delete(u.collection, u.id);
    case "project": return keystone.deleteProject(u.id);
    case "group": return keystone.deleteGroup(u.id);
    case "roleAssignment": return keystone.roleAssignment(u.target, false);
    case "networkQuota": return neutron.resetQuota(u.projectId);
    case "routerInterface": return neutron.removeRouterInterface(u.routerId, { port_id: u.portId });
    case "routerRoute":
      await neutron.client.request("network", "PUT", `/v2.0/routers/${u.routerId}/remove_extraroutes`, { body: { router: { routes: [u.route] } } });
  }
}

/**
 * Deletes what a replay created: dependency levels backwards, each level in parallel (interfaces
 * before routers and subnets, ports before networks); rules and subnets go with their group or
 * network. Keeps going past failures and returns their messages (a 404 is not a failure).
 * @param client authenticated client
 * @param report the replay's report
 * @param concurrency requests in flight within a level (default 8)
 */
export async function undoReplay(client: OpenStackClient, report: ReplayReport, concurrency = 8): Promise<string[]> {
  const neutron = new Neutron(client);
  const keystone = new Keystone(client);
  const errors: string[] = [];
  const undo = async (r: ReplayedResource): Promise<void> => {
    try {
      await undoOne(r.undo, neutron, keystone);
    } catch (e) {
      if (!(e instanceof OpenStackError && e.status === 404)) errors.push(`${r.type} ${r.name}: ${(e as Error).message}`);
    }
  };
  for (const level of undoLevels(report)) {
    // One router's interfaces one after the other (see replayPlan); everything else in parallel.
    const chains = new Map<string, ReplayedResource[]>();
    level.forEach((r, i) => {
      const key = r.undo.kind === "routerInterface" || r.undo.kind === "routerRoute" ? r.undo.routerId : `#${i}`;
      chains.set(key, [...(chains.get(key) ?? []), r]);
    });
    await mapLimit([...chains.values()], concurrency, async (chain) => {
      for (const r of chain) await undo(r);
    });
  }
  return errors;
}
