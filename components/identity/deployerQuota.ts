import * as pulumi from "@pulumi/pulumi";
import * as openstack from "@pulumi/openstack";
import { childOptions } from "../childOptions";
import { integerIn, requireRecord, requireText, requireValue, throwIfInvalid, type ArgProblem } from "../validation";
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

/** Every limit a DeployerQuota sets. */
const LIMITS = ["network", "subnet", "router", "port", "securityGroup", "securityGroupRule", "rbacPolicy", "floatingip"] as const;

/**
 * Every problem with a DeployerQuota's arguments (pure; exported for tests).
 * @param args the arguments as given
 */
export function checkDeployerQuotaArgs(args: Partial<DeployerQuotaArgs>): ArgProblem[] {
  const problems = [...requireText("site", args.site, "the site id that names the quota"), ...requireValue("projectId", args.projectId, "the deploying project's id (identity.getAuthScope)")];
  const q = requireRecord("quota", args.quota, "limits by resource (compileDeployerQuota)");
  if (q.length > 0) return [...problems, ...q];
  const quota = args.quota as unknown as Record<string, unknown>;
  return [...problems, ...LIMITS.flatMap((k) => integerIn(`quota.${k}`, quota[k], -1))];
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
    throwIfInvalid(this, "DeployerQuota", name, checkDeployerQuotaArgs(args));
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
