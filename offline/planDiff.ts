import type { Plan, PlannedResource } from "./planTypes";
import { canonicalJson } from "../compilers/naming";

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
};

/** One changed input of a resource. */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
  /** This field's change replaces the resource. */
  replaces: boolean;
}

/** A resource the change touches. */
export interface ResourceChange {
  urn: string;
  type: string;
  name: string;
  kind: "add" | "remove" | "replace" | "update";
  fields: FieldChange[];
}

/** What a change to the inventory or the code does, the offline twin of `pulumi preview --diff`. */
export interface PlanDiff {
  stack: string;
  changes: ResourceChange[];
  counts: Record<ResourceChange["kind"], number>;
  unchanged: number;
}

function inputFields(before: PlannedResource, after: PlannedResource): FieldChange[] {
  const rule = REPLACE_ON[after.type];
  const keys = [...new Set([...Object.keys(before.inputs), ...Object.keys(after.inputs)])].sort();
  const out: FieldChange[] = [];
  for (const k of keys) {
    const a = before.inputs[k];
    const b = after.inputs[k];
    if (canonicalJson(a ?? null) === canonicalJson(b ?? null)) continue;
    out.push({ field: k, before: a, after: b, replaces: rule === "all" || (Array.isArray(rule) && rule.includes(k)) });
  }
  return out;
}

/**
 * Compares two plans resource by resource (by URN, the engine's identity). A resource whose URN
 * changed is a remove plus an add, which is exactly what the engine would do without aliases.
 * Exported for testing.
 */
export function diffPlans(before: Plan, after: Plan): PlanDiff {
  const old = new Map(before.resources.map((r) => [r.urn, r]));
  const now = new Map(after.resources.map((r) => [r.urn, r]));
  const changes: ResourceChange[] = [];
  let unchanged = 0;
  for (const [urn, r] of now) {
    const o = old.get(urn);
    if (!o) {
      changes.push({ urn, type: r.type, name: r.name, kind: "add", fields: [] });
      continue;
    }
    const fields = inputFields(o, r);
    if (fields.length === 0) unchanged++;
    else changes.push({ urn, type: r.type, name: r.name, kind: r.custom && fields.some((f) => f.replaces) ? "replace" : "update", fields });
  }
  for (const [urn, r] of old) if (!now.has(urn)) changes.push({ urn, type: r.type, name: r.name, kind: "remove", fields: [] });
  changes.sort((a, b) => a.kind.localeCompare(b.kind) || a.urn.localeCompare(b.urn));
  const counts = { add: 0, remove: 0, replace: 0, update: 0 };
  for (const c of changes) counts[c.kind]++;
  return { stack: after.stack, changes, counts, unchanged };
}

function short(v: unknown): string {
  const s = v === undefined ? "(unset)" : JSON.stringify(v);
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}

/** The diff as Markdown for a reviewer. */
export function renderPlanDiff(d: PlanDiff): string {
  const sym = { add: "+", remove: "-", replace: "+-", update: "~" } as const;
  const lines = [
    `# Plan diff — ${d.stack}`,
    "",
    `**${d.counts.add} to add, ${d.counts.replace} to replace, ${d.counts.update} to update, ${d.counts.remove} to remove**; ${d.unchanged} unchanged.`,
    "",
  ];
  for (const c of d.changes) {
    lines.push(`- \`${sym[c.kind]}\` **${c.kind}** \`${c.type}\` \`${c.name}\``);
    for (const f of c.fields) lines.push(`  - \`${f.field}\`${f.replaces ? " (forces replacement)" : ""}: ${short(f.before)} → ${short(f.after)}`);
  }
  return lines.join("\n") + "\n";
}
