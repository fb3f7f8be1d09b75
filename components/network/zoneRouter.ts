import * as pulumi from "@pulumi/pulumi";
import * as openstack from "@pulumi/openstack";
import { childOptions } from "../childOptions";
import { requireText, requireValue, throwIfInvalid, type ArgProblem } from "../validation";

/** Arguments of a {@link ZoneRouter}. */
export interface ZoneRouterArgs {
  /** Site id; prefixes every resource name. */
  site: string;
  /** The zone the router serves: it joins this zone's subnets and nothing else. */
  zone: string;
  /** The zone's subnets (both families, every VLAN) by network key: the router becomes their gateway. */
  subnetIds: Record<string, { ipv4: pulumi.Input<string>; ipv6: pulumi.Input<string> }>;
  /** Id of the external (transit) network whose far side is the zone's physical enforcer. Set per stack in config. */
  externalNetworkId: pulumi.Input<string>;
}

/**
 * Checks the arguments; every problem at once. Exported for testing.
 * @param args the arguments
 */
export function checkZoneRouterArgs(args: ZoneRouterArgs): ArgProblem[] {
  const p = [...requireText("site", args.site, "the site id"), ...requireText("zone", args.zone, "the zone the router serves"), ...requireValue("externalNetworkId", args.externalNetworkId, "the transit network toward the zone's enforcer")];
  if (!args.subnetIds || Object.keys(args.subnetIds).length === 0) p.push("subnetIds must hold at least one network's subnets (found none)");
  return p;
}

/**
 * The cloud router of one zone whose boundary is also enforced in the cloud (`virtualFirewall`): it joins
 * only this zone's subnets (no router ever joins two zones) and reaches every other zone through its
 * uplink on the transit network, whose far side is the zone's physical enforcer. Source NAT is off: the
 * DC's firewalls see the zone's own addresses. The zone's FWaaS group binds to {@link portIds}.
 */
export class ZoneRouter extends pulumi.ComponentResource {
  /** The router's id. */
  public readonly routerId: pulumi.Output<string>;
  /** The router's ports on the zone's subnets (FWaaS binds to them), by network key and family. */
  public readonly portIds: pulumi.Output<string>[] = [];

  constructor(name: string, args: ZoneRouterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("hatang:network:ZoneRouter", name, {}, opts);
    throwIfInvalid(this, "ZoneRouter", name, checkZoneRouterArgs(args));
    const parent = childOptions(this, opts);
    const routerName = `${args.site}-router-${args.zone}`;
    const router = new openstack.networking.Router(routerName, {
      name: routerName,
      description: `cloud router of zone ${args.zone} at ${args.site} (FWaaS on its zone ports; uplink to the zone's enforcer)`,
      externalNetworkId: args.externalNetworkId,
      enableSnat: false,
      adminStateUp: true,
      tags: [`site:${args.site}`, `zone:${args.zone}`, "hatang"],
    }, parent);
    this.routerId = router.id;
    for (const key of Object.keys(args.subnetIds).sort()) {
      for (const fam of ["ipv4", "ipv6"] as const) {
        const rif = new openstack.networking.RouterInterface(`${args.site}-${key}-${fam === "ipv4" ? "v4" : "v6"}-rif`, { routerId: router.id, subnetId: args.subnetIds[key][fam] }, parent);
        this.portIds.push(rif.portId);
      }
    }
    this.registerOutputs({ routerId: this.routerId });
  }
}
