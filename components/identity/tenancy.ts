import * as pulumi from "@pulumi/pulumi";
import * as openstack from "@pulumi/openstack";
import { childOptions } from "../childOptions";
import { knownKey, requireArray, requireRecord, requireText, requireValue, throwIfInvalid, uniqueKeys, type ArgProblem } from "../validation";
import type { TenancySpec } from "../../compilers/openstack/tenants";

/** Arguments of a {@link Tenancy}. */
export interface TenancyArgs {
  /** Site id; prefixes every resource name. */
  site: string;
  /** Projects, quotas and network shares compiled by `compileTenancy`. */
  tenancy: TenancySpec;
  /** Network id per network key, from the zone networks; shares are created only for these. */
  networkIds: Record<string, pulumi.Input<string>>;
  /** Keystone domain of the projects. Default: the cloud's default domain. */
  domainId?: pulumi.Input<string>;
  /** Id of the role granted to each agency's operators group on its projects (usually `member`). */
  memberRoleId: pulumi.Input<string>;
}

/**
 * Every problem with a Tenancy's arguments (pure; exported for tests).
 * @param args the arguments as given
 */
export function checkTenancyArgs(args: Partial<TenancyArgs>): ArgProblem[] {
  const problems = [
    ...requireText("site", args.site, "the site id that prefixes every resource name"),
    ...requireValue("memberRoleId", args.memberRoleId, "the id of the role granted to operators groups"),
    ...requireRecord("networkIds", args.networkIds, "network ids by network key"),
    ...requireValue("tenancy", args.tenancy, "the projects and shares compiled by compileTenancy"),
  ];
  if (!args.tenancy) return problems;
  const t = args.tenancy;
  const lists = [...requireArray("tenancy.projects", t.projects, "projects"), ...requireArray("tenancy.shares", t.shares, "network shares")];
  if (lists.length > 0) return [...problems, ...lists];
  const projects = Object.fromEntries(t.projects.map((p) => [p.key, p]));
  problems.push(...uniqueKeys("tenancy.projects", t.projects, (p) => p.key), ...uniqueKeys("tenancy.projects", t.projects, (p) => p.name, "name"));
  t.projects.forEach((p, i) => {
    problems.push(...requireText(`tenancy.projects[${i}].name`, p.name, "the Keystone project name"));
    if (p.parentKey !== undefined) problems.push(...knownKey(`tenancy.projects[${i}].parentKey`, p.parentKey, projects, "tenancy.projects"));
  });
  problems.push(...uniqueKeys("tenancy.shares", t.shares, (s) => s.key));
  t.shares.forEach((s, i) => {
    problems.push(...knownKey(`tenancy.shares[${i}].networkKey`, s.networkKey, args.networkIds, "networkIds"));
    problems.push(...knownKey(`tenancy.shares[${i}].projectKey`, s.projectKey, projects, "tenancy.projects"));
  });
  return problems;
}

/**
 * A site's tenants: a Keystone project per owning agency and per system (under its agency), quotas
 * sized from what runs there, an operators group per agency holding the member role on its projects,
 * and network sharing by RBAC to exactly the projects that use a network (never `*`).
 */
export class Tenancy extends pulumi.ComponentResource {
  /** Project id per project key. */
  public readonly projectIds: Record<string, pulumi.Output<string>> = {};

  constructor(name: string, args: TenancyArgs, opts?: pulumi.ComponentResourceOptions) {
    super("hatang:identity:Tenancy", name, {}, opts);
    throwIfInvalid(this, "Tenancy", name, checkTenancyArgs(args));
    const parent = childOptions(this, opts);
    const byKey = new Map(args.tenancy.projects.map((p) => [p.key, p]));
    const groups = new Map<string, openstack.identity.GroupV3>();
    // Parents first: a system project needs its agency project's id.
    const ordered = [...args.tenancy.projects].sort((a, b) => Number(Boolean(a.parentKey)) - Number(Boolean(b.parentKey)) || a.key.localeCompare(b.key));
    for (const p of ordered) {
      const project = new openstack.identity.Project(p.name, {
        name: p.name,
        description: p.description,
        domainId: args.domainId,
        parentId: p.parentKey && byKey.has(p.parentKey) ? this.projectIds[p.parentKey] : undefined,
        enabled: true,
        tags: p.tags,
      }, parent);
      this.projectIds[p.key] = project.id;
      let group = groups.get(p.agency);
      if (!group) {
        const gname = `${args.site}-${p.agency.toLowerCase()}-operators`;
        group = new openstack.identity.GroupV3(gname, { name: gname, domainId: args.domainId, description: `operators of ${p.agency}` }, parent);
        groups.set(p.agency, group);
      }
      new openstack.identity.RoleAssignment(`${p.name}-member`, { projectId: project.id, groupId: group.id, roleId: args.memberRoleId }, parent);
      if (p.quota) {
        const q = p.quota;
        new openstack.compute.QuotaSetV2(`${p.name}-compute-quota`, { projectId: project.id, instances: q.instances, cores: q.cores, ram: q.ramMiB, serverGroups: 10, serverGroupMembers: Math.max(10, q.instances) }, parent);
        new openstack.blockstorage.QuoteSetV3(`${p.name}-volume-quota`, { projectId: project.id, volumes: q.volumes, gigabytes: q.gigabytes, snapshots: q.volumes, backups: q.volumes, backupGigabytes: q.gigabytes }, parent);
        new openstack.networking.QuotaV2(`${p.name}-network-quota`, { projectId: project.id, port: q.ports, securityGroup: q.securityGroups, securityGroupRule: q.securityGroupRules, floatingip: q.floatingIps, network: 0, subnet: 0, router: 0 }, parent);
      }
    }
    for (const s of args.tenancy.shares) {
      const networkId = args.networkIds[s.networkKey] as pulumi.Input<string>;
      const target = this.projectIds[s.projectKey] as pulumi.Output<string>;
      new openstack.networking.RbacPolicyV2(`${args.site}-share-${s.key}`, { action: "access_as_shared", objectType: "network", objectId: networkId, targetTenant: target }, parent);
    }
    this.registerOutputs({ projectIds: this.projectIds });
  }
}
