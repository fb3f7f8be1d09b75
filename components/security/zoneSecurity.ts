import * as pulumi from "@pulumi/pulumi";
import * as openstack from "@pulumi/openstack";
import { childOptions } from "../childOptions";
import { securityRuleInputs, type SecurityGroupSpec } from "../../compilers/openstack/securityGroups";

/** Arguments of a {@link ZoneSecurity}. */
export interface ZoneSecurityArgs {
  /** Site id; prefixes every resource name. */
  site: string;
  /** Groups and their rules, compiled from the flow intent by `compileSecurityGroups`. */
  groups: SecurityGroupSpec[];
}

/**
 * A site's security groups (one per zone, one per VM tier) with default rules deleted and every
 * allowed flow written as explicit ingress/egress rules, IPv4 and IPv6. Rule resource names are
 * digests of rule content, so re-ordering flows never replaces a rule.
 */
export class ZoneSecurity extends pulumi.ComponentResource {
  /** Security group id per group key. */
  public readonly groupIds: Record<string, pulumi.Output<string>> = {};

  constructor(name: string, args: ZoneSecurityArgs, opts?: pulumi.ComponentResourceOptions) {
    super("hatang:security:ZoneSecurity", name, {}, opts);
    const parent = childOptions(this, opts);
    for (const g of args.groups) {
      const sg = new openstack.networking.SecGroup(g.name, {
        name: g.name,
        description: g.description,
        deleteDefaultRules: true,
        tags: [`site:${args.site}`, `zone:${g.zone}`, ...(g.system ? [`system:${g.system}`] : []), "hatang"],
      }, parent);
      this.groupIds[g.key] = sg.id;
    }
    for (const g of args.groups) {
      for (const r of g.rules) {
        new openstack.networking.SecGroupRule(
          `${args.site}-sgr-${r.key}`,
          securityRuleInputs(r, this.groupIds[g.key], r.remoteGroupKey ? this.groupIds[r.remoteGroupKey] : undefined),
          parent,
        );
      }
    }
    this.registerOutputs({ groupIds: this.groupIds });
  }
}
