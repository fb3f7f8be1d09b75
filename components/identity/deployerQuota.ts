import * as pulumi from "@pulumi/pulumi";
import * as openstack from "@pulumi/openstack";
import { childOptions } from "../childOptions";
import type { DeployerQuotaSpec } from "../../compilers/openstack/deployerQuota";

/** Arguments of a {@link DeployerQuota}. */
export interface DeployerQuotaArgs {
  /** Site id; names the resource. */
  site: string;
  /** Quota sized by `compileDeployerQuota`. */
  quota: DeployerQuotaSpec;
  /** The deploying credentials' project (`identity.getAuthScope`); it owns the site's networking. */
  projectId: pulumi.Input<string>;
}

/**
 * Raises the deploying project's Neutron quota to what the site's plan needs. Networks, groups, rules
 * and RBAC policies depend on it, so the first `pulumi up` does not stop at Neutron's defaults.
 */
export class DeployerQuota extends pulumi.ComponentResource {
  /** The quota itself: what other resources wait for (a custom resource is cheaper to wait for than a component). */
  public readonly quota: openstack.networking.QuotaV2;

  constructor(name: string, args: DeployerQuotaArgs, opts?: pulumi.ComponentResourceOptions) {
    super("hatang:identity:DeployerQuota", name, {}, opts);
    const q = args.quota;
    this.quota = new openstack.networking.QuotaV2(`${args.site}-deployer-network-quota`, {
      projectId: args.projectId,
      network: q.network,
      subnet: q.subnet,
      router: q.router,
      port: q.port,
      securityGroup: q.securityGroup,
      securityGroupRule: q.securityGroupRule,
      rbacPolicy: q.rbacPolicy,
      floatingip: q.floatingip,
    }, childOptions(this, opts));
    this.registerOutputs({});
  }
}
