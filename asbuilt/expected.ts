/** The as-built model the plan expects: its replayable resources with symbolic references. Pure. */
import type { Plan, PlannedResource } from "../offline/planTypes";
import { apiCallFor } from "./mapping";
import { comparableFields, numberDuplicateKeys, ref, ruleKey, type AsBuiltKind, type AsBuiltModel, type AsBuiltObject } from "./model";
import { dependencyLevels } from "./order";
import { isUnresolvedMockId, refIndex, resolveRefs } from "./refs";
import { classifyPlan } from "./replay";

const KIND_BY_COLLECTION: Record<string, AsBuiltKind> = {
  networks: "network", subnets: "subnet", routers: "router", security_groups: "securityGroup",
  security_group_rules: "securityGroupRule", ports: "port", floatingips: "floatingIp", rbac_policies: "rbacPolicy",
};

/**
 * The expected model. References to things outside the plan (mock ids of data-source lookups, and
 * the literal ids named in `externals`, e.g. the external network from stack config) become
 * `ref:external/<value>`; the read-back maps the live ids given for them to the same ref.
 * @param plan the plan
 * @param externals the externals given to the replay and read-back (only the keys matter here)
 */
export function expectedModel(plan: Plan, externals: Record<string, string> = {}): AsBuiltModel {
  const index = refIndex(plan);
  const keyOf = new Map<string, string>();
  const objects: AsBuiltObject[] = [];
  const { replayable } = classifyPlan(plan);
  const autoSubnets = new Set<string>();
  for (const level of dependencyLevels(plan, replayable)) {
    for (const r of level) {
      const inputs = externalRefs(externals, resolveRefs(r.inputs, index, (t) => ref(keyOf.get(t.urn) ?? `unknown/${t.name}`))) as Record<string, unknown>;
      const o = objectFor(r, inputs);
      if (!o) continue;
      keyOf.set(r.urn, o.key);
      if (o.kind === "subnet" && (o.fields.ipv6_address_mode === "slaac" || o.fields.ipv6_address_mode === "dhcpv6-stateless")) autoSubnets.add(ref(o.key));
      objects.push(o);
    }
  }
  // A port asks for an address on a SLAAC subnet without naming it: Neutron derives it from the MAC,
  // and the read-back leaves such addresses out, so the plan's side does too.
  for (const o of objects) {
    if (o.kind !== "port" || !Array.isArray(o.fields.fixed_ips)) continue;
    o.fields.fixed_ips = (o.fields.fixed_ips as Array<{ subnet_id: unknown; ip_address: unknown }>).filter((f) => f.ip_address !== undefined || !autoSubnets.has(String(f.subnet_id)));
  }
  // Keys are numbered after references are resolved, so references use the un-numbered key
  // (only rules share keys, and nothing refers to a rule).
  return { stack: plan.stack, objects: numberDuplicateKeys(objects) };
}

function externalRefs(externals: Record<string, string>, v: unknown): unknown {
  if (isUnresolvedMockId(v) || (typeof v === "string" && Object.hasOwn(externals, v))) return ref(`external/${v}`);
  if (Array.isArray(v)) return v.map((x) => externalRefs(externals, x));
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, externalRefs(externals, x)]));
  return v;
}

function objectFor(r: PlannedResource, inputs: Record<string, unknown>): AsBuiltObject | undefined {
  const call = apiCallFor(r.type, r.custom, inputs);
  const name = (b: Record<string, unknown>): string => String(b.name ?? r.name);
  switch (call.kind) {
    case "skip":
    // Groups, role assignments and quotas are outside the read-back's scope (issue 6 lists what it reads).
    case "group":
    case "roleAssignment":
    case "networkQuota":
      return undefined;
    case "project":
      return { kind: "project", key: `project/${name(call.body)}`, fields: comparableFields("project", call.body) };
    case "routerInterface":
      return { kind: "routerInterface", key: `routerInterface/${strip(call.routerId)}/${strip(call.target.subnet_id ?? call.target.port_id ?? "")}`, fields: {} };
    case "routerRoute":
      return { kind: "routerRoute", key: `routerRoute/${strip(call.routerId)}/${call.route.destination}/${call.route.nexthop}`, fields: {} };
    case "floatingIpPool": {
      const b = call.body;
      return { kind: "floatingIp", key: `floatingIp/${strip(String(b.port_id ?? b.floating_ip_address ?? b.description ?? r.name))}`, fields: comparableFields("floatingIp", b) };
    }
    case "neutron": {
      const kind = KIND_BY_COLLECTION[call.collection] as AsBuiltKind;
      const b = call.body;
      if (kind === "securityGroupRule") return { kind, key: ruleKey(strip(String(b.security_group_id)), b), fields: comparableFields(kind, b) };
      if (kind === "rbacPolicy") return { kind, key: `rbacPolicy/${strip(String(b.object_id))}/${strip(String(b.target_tenant))}/${b.action}`, fields: {} };
      return { kind, key: `${kind}/${name(b)}`, fields: comparableFields(kind, b) };
    }
  }
}

/**
 * The key inside a `ref:` value (keys embed the keys of their parents).
 * @param v a `ref:<key>` or plain value
 */
export function strip(v: string): string {
  return v.startsWith("ref:") ? v.slice(4) : v;
}
