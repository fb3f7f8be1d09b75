import * as pulumi from "@pulumi/pulumi";
import * as openstack from "@pulumi/openstack";
import { childOptions } from "../childOptions";
import { firewallRuleInputs, type FirewallRuleSpec, type FirewallSpec } from "../../compilers/openstack/firewalls";

/** Arguments of a {@link ZoneFirewall}. */
export interface ZoneFirewallArgs {
  /** Site id; prefixes rule names. */
  site: string;
  /** The zone's compiled firewall (`compileFirewalls`): allow rules in each direction. */
  firewall: FirewallSpec;
  /** The cloud router's ports on the zone's subnets (router interfaces' `portId`). */
  portIds: pulumi.Input<string>[];
}

/**
 * FWaaS v2 on the cloud router's ports of one zone: an ingress and an egress policy of allow rules named
 * by their content, and the firewall group binding them to the ports. What no rule allows is denied.
 */
export class ZoneFirewall extends pulumi.ComponentResource {
  /** The firewall group's id. */
  public readonly groupId: pulumi.Output<string>;

  constructor(name: string, args: ZoneFirewallArgs, opts?: pulumi.ComponentResourceOptions) {
    super("hatang:network:ZoneFirewall", name, {}, opts);
    const parent = childOptions(this, opts);
    const policy = (direction: "ingress" | "egress", rules: FirewallRuleSpec[]): openstack.firewall.PolicyV2 => {
      const ids = rules.map(
        (r) =>
          new openstack.firewall.RuleV2(`${args.site}-fwr-${r.key}`, firewallRuleInputs(args.site, r), parent).id,
      );
      return new openstack.firewall.PolicyV2(`${args.firewall.name}-${direction}`, {
        name: `${args.firewall.name}-${direction}`,
        description: `${direction} of zone ${args.firewall.zone} on the cloud router`,
        audited: true,
        rules: ids,
      }, parent);
    };
    const ingress = policy("ingress", args.firewall.ingress);
    const egress = policy("egress", args.firewall.egress);
    this.groupId = new openstack.firewall.GroupV2(args.firewall.name, {
      name: args.firewall.name,
      description: `boundary of zone ${args.firewall.zone} on the cloud router`,
      ingressFirewallPolicyId: ingress.id,
      egressFirewallPolicyId: egress.id,
      ports: args.portIds,
      adminStateUp: true,
    }, parent).id;
    this.registerOutputs({ groupId: this.groupId });
  }
}
