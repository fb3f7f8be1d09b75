import * as pulumi from "@pulumi/pulumi";
import * as openstack from "@pulumi/openstack";
import { childOptions } from "../childOptions";
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
 * A site's tenants: a Keystone project per owning agency and per system (under its agency), quotas
 * sized from what runs there, an operators group per agency holding the member role on its projects,
 * and network sharing by RBAC to exactly the projects that use a network (never `*`).
 */
export class Tenancy extends pulumi.ComponentResource {
  /** Project id per project key. */
  public readonly projectIds: Record<string, pulumi.Output<string>> = {};

  constructor(name: string, args: TenancyArgs, opts?: pulumi.ComponentResourceOptions) {
    super("hatang:identity:Tenancy", name, {}, opts);
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
      const networkId = args.networkIds[s.networkKey];
      const target = this.projectIds[s.projectKey];
      if (!networkId || !target) continue;
      new openstack.networking.RbacPolicyV2(`${args.site}-share-${s.key}`, { action: "access_as_shared", objectType: "network", objectId: networkId, targetTenant: target }, parent);
    }
    this.registerOutputs({ projectIds: this.projectIds });
  }
}
