import type { Plan, PlannedResource } from "./planTypes";
import { canonicalJson } from "../compilers/naming";
import { PlanLabels, PrefixNames, RULE_TYPES } from "./planLabels";
import { redactPlans } from "./planRedaction";

/**
 * Inputs whose change makes the provider replace the resource rather than update it in place
 * (ForceNew in the Terraform OpenStack provider that @pulumi/openstack bridges). Security group
 * rules are immutable in Neutron: every field replaces.
 */
const REPLACE_ON: Record<string, readonly string[] | "all"> = {
  "openstack:networking/network:Network": ["segments", "tenantId"],
  "openstack:networking/subnet:Subnet": ["cidr", "ipVersion", "networkId", "ipv6RaMode", "ipv6AddressMode", "prefixLength", "tenantId", "subnetpoolId"],
  "openstack:networking/secGroupRule:SecGroupRule": "all",
  "openstack:networking/secGroup:SecGroup": ["tenantId"],
  "openstack:networking/routerInterface:RouterInterface": "all",
  "openstack:networking/router:Router": ["tenantId", "distributed"],
  "openstack:networking/port:Port": ["networkId", "tenantId", "macAddress"],
  "openstack:networking/floatingIp:FloatingIp": ["pool", "address", "tenantId"],
  "openstack:networking/rbacPolicyV2:RbacPolicyV2": ["objectId", "objectType"],
  "openstack:identity/project:Project": ["domainId", "isDomain", "parentId"],
  "openstack:identity/roleAssignment:RoleAssignment": "all",
  "openstack:compute/instance:Instance": ["imageName", "imageId", "availabilityZone", "schedulerHints", "keyPair", "userData"],
  "openstack:compute/serverGroup:ServerGroup": "all",
  "openstack:blockstorage/volume:Volume": ["volumeType", "availabilityZone", "imageId", "snapshotId", "multiattach"],
  "openstack:blockstorage/volumeTypeV3:VolumeTypeV3": ["isPublic"],
  "openstack:compute/volumeAttach:VolumeAttach": "all",
  "openstack:firewall/ruleV2:RuleV2": ["tenantId", "projectId"],
  // Swift never moves a container between storage policies: a backup container's new policy is a new container.
  "openstack:objectstorage/container:Container": ["name", "region", "storagePolicy"],
};

/** One changed input of a resource (a nested field is named by its path: `segments[0].segmentationId`). */
export interface FieldChange {
  /** Field path in the inputs. */
  field: string;
  /** Value before (absent: unset). */
  before: unknown;
  /** Value after (absent: unset). */
  after: unknown;
  /** This field's change replaces the resource. */
  replaces: boolean;
  /** The values as a reviewer reads them (references named after what they point at). */
  beforeText: string;
  afterText: string;
  /** For lists: the elements that came in and went out, named. */
  added?: string[];
  removed?: string[];
}

/** A resource the change touches. */
export interface ResourceChange {
  /** The resource after the change (before it, for a removal). */
  urn: string;
  type: string;
  name: string;
  kind: "add" | "remove" | "replace" | "update";
  /** What it is, readable: rules by what they allow (zones, protocol, ports, family, flow), others by type and name. */
  label: string;
  /**
   * For a resource whose name is a digest of its content (rules): the resource it replaces, matched by
   * identity (the same rule slot: group, direction, family, remote and flow), so a port change reads as one
   * changed rule rather than an added and a removed one.
   */
  previous?: { urn: string; name: string; label: string };
  /** Changed inputs (empty for additions and removals). */
  fields: FieldChange[];
}

/** What a change to the inventory or the code does, the offline twin of `pulumi preview --diff`. */
export interface PlanDiff {
  stack: string;
  changes: ResourceChange[];
  counts: Record<ResourceChange["kind"], number>;
  unchanged: number;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
const isScalar = (v: unknown): boolean => v === null || ["string", "number", "boolean"].includes(typeof v);
const same = (a: unknown, b: unknown): boolean => canonicalJson(a ?? null) === canonicalJson(b ?? null);

/**
 * A value as a reviewer reads it, whole (never cut): references as the resource they name, other
 * values as JSON.
 * @param v the value
 * @param labels the plan's labels
 */
export function valueText(v: unknown, labels: PlanLabels): string {
  if (v === undefined) return "(unset)";
  const ref = labels.reference(v);
  if (ref !== undefined) return ref;
  if (Array.isArray(v) && v.some((x) => labels.reference(x) !== undefined)) return `[${v.map((x) => valueText(x, labels)).join(", ")}]`;
  return JSON.stringify(v);
}

/** A list element as a reviewer names it: Kubernetes objects by what they are, named items by name, others as JSON. */
function elementLabel(x: unknown, labels: PlanLabels): string {
  if (isObject(x) && typeof x.kind === "string" && isObject(x.metadata)) return labels.kubernetesObject(x);
  if (isObject(x) && typeof x.name === "string") return x.name;
  if (isObject(x) && typeof x.id === "string") return x.id;
  return valueText(x, labels);
}

/**
 * Field-level changes between two input values, recursing into objects and into lists of objects of the
 * same length; a list of plain values changes as a whole, with the elements that came and went named.
 * @param before the old value
 * @param after the new value
 * @param path the field path so far
 * @param replaces whether a change here replaces the resource
 * @param labels the plan's labels
 */
export function fieldChanges(before: unknown, after: unknown, path: string, replaces: (field: string) => boolean, labels: PlanLabels): FieldChange[] {
  if (same(before, after)) return [];
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => fieldChanges(before[k], after[k], path === "" ? k : `${path}.${k}`, replaces, labels));
  }
  if (Array.isArray(before) && Array.isArray(after) && [...before, ...after].every((x) => !isScalar(x))) {
    // Elements with an identity (Kubernetes objects) are matched by it, wherever they sit in the list.
    const byIdentity = pairByIdentity(before, after);
    if (byIdentity) {
      const name = (x: unknown): string => elementLabel(x, labels);
      const out = byIdentity.pairs.flatMap(([b, a]) => fieldChanges(b, a, `${path}[${name(a)}]`, replaces, labels));
      if (byIdentity.added.length > 0 || byIdentity.removed.length > 0) {
        out.push({ field: path, before: byIdentity.removed, after: byIdentity.added, replaces: replaces(path), beforeText: `${before.length} items`, afterText: `${after.length} items`, added: byIdentity.added.map(name), removed: byIdentity.removed.map(name) });
      }
      return out;
    }
    if (before.length === after.length) return before.flatMap((x, i) => fieldChanges(x, after[i], `${path}[${i}]`, replaces, labels));
  }
  const change: FieldChange = { field: path, before, after, replaces: replaces(path), beforeText: valueText(before, labels), afterText: valueText(after, labels) };
  if (Array.isArray(before) && Array.isArray(after)) {
    const key = (x: unknown): string => canonicalJson(x ?? null);
    const was = new Set(before.map(key));
    const now = new Set(after.map(key));
    change.added = after.filter((x) => !was.has(key(x))).map((x) => valueText(x, labels));
    change.removed = before.filter((x) => !now.has(key(x))).map((x) => valueText(x, labels));
  }
  return [change];
}

/**
 * The identity of a resource whose name is a digest of its content, so that a changed rule is matched
 * with the rule it replaces: the same slot (group, direction, family, remote, flow) with other ports or
 * protocol. Other resources are named from stable identities already; their URN is their identity.
 * Exported for testing.
 * @param r the resource
 */
export function ruleSlot(r: PlannedResource): string | undefined {
  const i = r.inputs;
  if (r.type === RULE_TYPES.securityGroupRule) return canonicalJson([r.type, i.securityGroupId, i.direction, i.ethertype, i.remoteGroupId ?? i.remoteIpPrefix ?? null, i.description ?? null]);
  if (r.type === RULE_TYPES.firewallRule) return canonicalJson([r.type, i.sourceIpAddress ?? null, i.destinationIpAddress ?? null, i.ipVersion, i.action, i.description ?? null]);
  if (r.type === RULE_TYPES.networkPolicy) return canonicalJson([r.type, kubernetesSlot(i)]);
  return undefined;
}

/**
 * The identity of a Kubernetes object in a list: a NetworkPolicy (named by a digest of its content) by its
 * namespace, flow, selected pods and peers — not its ports; any other object by kind, namespace and name.
 * @param o the object
 */
export function kubernetesSlot(o: Record<string, unknown>): string {
  const m = (o.metadata ?? {}) as { namespace?: string; name?: string; labels?: Record<string, string> };
  if (o.kind !== "NetworkPolicy") return canonicalJson([o.kind ?? null, m.namespace ?? null, m.name ?? null]);
  const spec = (o.spec ?? {}) as { podSelector?: unknown; policyTypes?: unknown; ingress?: Array<Record<string, unknown>>; egress?: Array<Record<string, unknown>> };
  return canonicalJson([
    o.kind,
    m.namespace ?? null,
    m.labels?.["hatang.vn/flow"] ?? m.name ?? null,
    spec.podSelector ?? null,
    spec.policyTypes ?? null,
    (spec.ingress ?? []).map((r) => r.from ?? null),
    (spec.egress ?? []).map((r) => r.to ?? null),
  ]);
}

/** The identity of a list element that has one (Kubernetes objects; named items; items with an id), else undefined. */
function elementKey(x: unknown): string | undefined {
  if (!isObject(x)) return undefined;
  if (typeof x.kind === "string" && isObject(x.metadata)) return kubernetesSlot(x);
  if (typeof x.name === "string") return canonicalJson(["name", x.name]);
  // Firewall rules and NAT rules carry a stable id (zone pair and what they match, not their ports).
  return typeof x.id === "string" ? canonicalJson(["id", x.id]) : undefined;
}

/**
 * Pairs list elements by identity when every element has one: equal elements first (unchanged), then, per
 * identity, the rest in order of their content (several NetworkPolicies of one flow differ only in ports).
 * Undefined when an element has no identity.
 */
function pairByIdentity(before: unknown[], after: unknown[]): { pairs: Array<[unknown, unknown]>; added: unknown[]; removed: unknown[] } | undefined {
  if (![...before, ...after].every((x) => elementKey(x) !== undefined)) return undefined;
  const memo = new Map<unknown, string>();
  const text = (x: unknown): string => memo.get(x) ?? (memo.set(x, canonicalJson(x ?? null)), memo.get(x) as string);
  // Equal elements cancel out, counted (a list may hold the same element twice).
  const left = new Map<string, number>();
  for (const x of before) left.set(text(x), (left.get(text(x)) ?? 0) + 1);
  const fresh: unknown[] = [];
  for (const x of after) {
    const n = left.get(text(x)) ?? 0;
    if (n > 0) left.set(text(x), n - 1);
    else fresh.push(x);
  }
  const unmatched: unknown[] = [];
  for (const x of before) {
    const n = left.get(text(x)) ?? 0;
    if (n > 0) {
      left.set(text(x), n - 1);
      unmatched.push(x);
    }
  }
  const groups = new Map<string, { b: unknown[]; a: unknown[] }>();
  for (const [side, list] of [["b", unmatched], ["a", fresh]] as const) {
    for (const x of list) {
      const k = elementKey(x) as string;
      const g = groups.get(k) ?? { b: [], a: [] };
      g[side].push(x);
      groups.set(k, g);
    }
  }
  const out = { pairs: [] as Array<[unknown, unknown]>, added: [] as unknown[], removed: [] as unknown[] };
  for (const g of groups.values()) {
    g.b.sort((x, y) => text(x).localeCompare(text(y)));
    g.a.sort((x, y) => text(x).localeCompare(text(y)));
    const n = Math.min(g.a.length, g.b.length);
    for (let i = 0; i < n; i++) out.pairs.push([g.b[i], g.a[i]]);
    out.added.push(...g.a.slice(n));
    out.removed.push(...g.b.slice(n));
  }
  return out;
}

/**
 * Compares two plans resource by resource: by URN (the engine's identity), then, for rules named by
 * a digest of their content, by rule slot — a rule whose ports changed is shown as that rule, replaced,
 * with its changed fields. Secrets either plan marks are "[secret]" on both sides before anything is
 * compared or named: a diff never shows a secret value (nor, therefore, whether one changed).
 * Exported for testing.
 * @param rawBefore the old plan
 * @param rawAfter the new plan
 * @param prefixes how prefixes are named (default: as they are written)
 */
export function diffPlans(rawBefore: Plan, rawAfter: Plan, prefixes: PrefixNames = new PrefixNames()): PlanDiff {
  const [before, after] = redactPlans(rawBefore, rawAfter);
  const labels = new PlanLabels([before, after], prefixes);
  const old = new Map(before.resources.map((r) => [r.urn, r]));
  const now = new Map(after.resources.map((r) => [r.urn, r]));
  const changes: ResourceChange[] = [];
  let unchanged = 0;
  const replacesFor = (type: string) => {
    const rule = REPLACE_ON[type];
    // A Kubernetes object's name or namespace is its identity: a new one is a new object (also inside a ConfigGroup's list).
    const kubernetes = type.startsWith("kubernetes:");
    return (field: string): boolean => rule === "all" || (Array.isArray(rule) && rule.includes(field.split(/[.[]/)[0])) || (kubernetes && /(^|\.)metadata\.(name|namespace)$/.test(field));
  };
  for (const [urn, r] of now) {
    const o = old.get(urn);
    if (!o) continue;
    const fields = fieldChanges(o.inputs, r.inputs, "", replacesFor(r.type), labels);
    if (fields.length === 0) unchanged++;
    else changes.push({ urn, type: r.type, name: r.name, kind: r.custom && fields.some((f) => f.replaces) ? "replace" : "update", label: labels.label(r), fields });
  }
  const added = [...now.values()].filter((r) => !old.has(r.urn));
  const removed = [...old.values()].filter((r) => !now.has(r.urn));
  const bySlot = new Map<string, { added: PlannedResource[]; removed: PlannedResource[] }>();
  for (const [side, list] of [["added", added], ["removed", removed]] as const) {
    for (const r of list) {
      const slot = ruleSlot(r);
      if (slot === undefined) continue;
      const entry = bySlot.get(slot) ?? { added: [], removed: [] };
      entry[side].push(r);
      bySlot.set(slot, entry);
    }
  }
  const paired = new Set<string>();
  for (const { added: a, removed: b } of bySlot.values()) {
    // Several rules in one slot (a flow with several port ranges): paired in order of their content.
    const order = (x: PlannedResource, y: PlannedResource): number => canonicalJson(x.inputs).localeCompare(canonicalJson(y.inputs));
    a.sort(order);
    b.sort(order);
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const [n, o] = [a[i], b[i]];
      paired.add(n.urn).add(o.urn);
      const fields = fieldChanges(o.inputs, n.inputs, "", replacesFor(n.type), labels);
      changes.push({ urn: n.urn, type: n.type, name: n.name, kind: "replace", label: labels.label(n), previous: { urn: o.urn, name: o.name, label: labels.label(o) }, fields });
    }
  }
  for (const r of added) if (!paired.has(r.urn)) changes.push({ urn: r.urn, type: r.type, name: r.name, kind: "add", label: labels.label(r), fields: [] });
  for (const r of removed) if (!paired.has(r.urn)) changes.push({ urn: r.urn, type: r.type, name: r.name, kind: "remove", label: labels.label(r), fields: [] });
  const rank = { replace: 0, update: 1, add: 2, remove: 3 } as const;
  changes.sort((x, y) => rank[x.kind] - rank[y.kind] || x.type.localeCompare(y.type) || x.label.localeCompare(y.label) || x.urn.localeCompare(y.urn));
  const counts = { add: 0, remove: 0, replace: 0, update: 0 };
  for (const c of changes) counts[c.kind]++;
  return { stack: after.stack, changes, counts, unchanged };
}
