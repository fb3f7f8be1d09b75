import * as pulumi from "@pulumi/pulumi";
import * as openstack from "@pulumi/openstack";
import { childOptions } from "../childOptions";
import { integerIn, requireRecord, requireText, requireValue, throwIfInvalid, type ArgProblem } from "../validation";
import { FirewallQuota, type OpenStackAuthInputs } from "./firewallQuota";
import type { ServiceQuotaSpec } from "../../compilers/openstack/serviceQuotas";

/** Arguments of a {@link DeployerServiceQuotas}. */
export interface DeployerServiceQuotasArgs {
  /** Site id; names the resources. */
  site: string;
  /** Limits sized by `compileServiceQuotas`. */
  quotas: ServiceQuotaSpec;
  /** The deploying credentials' project (`identity.getAuthScope`): it owns the site's firewalls, volumes and servers. */
  projectId: pulumi.Input<string>;
  /** How the FWaaS quota reaches Neutron (the provider has no FWaaS quota resource); the same keys as the OpenStack provider. */
  auth: OpenStackAuthInputs;
}

/**
 * Every problem with a DeployerServiceQuotas' arguments (pure; exported for tests).
 * @param args the arguments as given
 */
export function checkDeployerServiceQuotasArgs(args: Partial<DeployerServiceQuotasArgs>): ArgProblem[] {
  const problems = [
    ...requireText("site", args.site, "the site id that names the quotas"),
    ...requireValue("projectId", args.projectId, "the deploying project's id (identity.getAuthScope)"),
    ...requireValue("auth", args.auth, "the OpenStack credentials for the FWaaS quota call"),
  ];
  if (args.auth) problems.push(...requireValue("auth.authUrl", args.auth.authUrl, "the Keystone URL"));
  const q = args.quotas;
  if (!q?.firewall || !q.volume || !q.compute) return [...problems, `quotas is required: the FWaaS, Cinder and Nova limits compiled by compileServiceQuotas (found ${q === undefined ? "undefined" : "an incomplete object"})`];
  const limits = (path: string, o: object): ArgProblem[] => Object.entries(o).flatMap(([k, v]) => (typeof v === "object" ? [] : integerIn(`${path}.${k}`, v, -1)));
  problems.push(...limits("quotas.firewall", q.firewall), ...limits("quotas.volume", q.volume), ...limits("quotas.compute", q.compute), ...requireRecord("quotas.volume.perType", q.volume.perType, "limits by volume type name"));
  for (const [t, l] of Object.entries(q.volume.perType ?? {})) problems.push(...limits(`quotas.volume.perType.${t}`, l));
  return problems;
}

/**
 * Raises the deploying project's FWaaS, Cinder (in all and per volume type) and Nova quotas to what
 * the site's plan creates, before any firewall, volume or server: those wait for `quotas`.
 */
export class DeployerServiceQuotas extends pulumi.ComponentResource {
  /** The three quota resources: what firewalls, volumes and servers wait for. */
  public readonly quotas: pulumi.Resource[];

  constructor(name: string, args: DeployerServiceQuotasArgs, opts?: pulumi.ComponentResourceOptions) {
    super("hatang:identity:DeployerServiceQuotas", name, {}, opts);
    throwIfInvalid(this, "DeployerServiceQuotas", name, checkDeployerServiceQuotasArgs(args));
    const parent = childOptions(this, opts);
    const { firewall: f, volume: v, compute: c } = args.quotas;
    const firewall = new FirewallQuota(`${args.site}-deployer-firewall-quota`, {
      projectId: args.projectId,
      quota: { firewall_group: f.firewallGroup, firewall_policy: f.firewallPolicy, firewall_rule: f.firewallRule },
      auth: args.auth,
    }, parent);
    const perType = Object.fromEntries(Object.entries(v.perType).flatMap(([t, l]) => [[`volumes_${t}`, l.volumes], [`gigabytes_${t}`, l.gigabytes], [`snapshots_${t}`, l.snapshots]]));
    const volume = new openstack.blockstorage.QuoteSetV3(`${args.site}-deployer-volume-quota`, {
      projectId: args.projectId,
      volumes: v.volumes,
      gigabytes: v.gigabytes,
      snapshots: v.snapshots,
      backups: v.backups,
      backupGigabytes: v.backupGigabytes,
      volumeTypeQuota: perType,
    }, parent);
    const compute = new openstack.compute.QuotaSetV2(`${args.site}-deployer-compute-quota`, {
      projectId: args.projectId,
      instances: c.instances,
      cores: c.cores,
      ram: c.ramMiB,
      serverGroups: c.serverGroups,
      serverGroupMembers: c.serverGroupMembers,
    }, parent);
    this.quotas = [firewall, volume, compute];
    this.registerOutputs({});
  }
}
