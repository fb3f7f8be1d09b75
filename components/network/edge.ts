import * as pulumi from "@pulumi/pulumi";
import * as openstack from "@pulumi/openstack";
import { childOptions } from "../childOptions";

/** Arguments of an {@link Edge}. */
export interface EdgeArgs {
  /** Site id; names the router. */
  site: string;
  /** Id of the external (provider) network the router's gateway sits on. Set per stack in config. */
  externalNetworkId: pulumi.Input<string>;
  /** Source NAT for outbound traffic. Default false: the DC's edge firewall does NAT, not the cloud. */
  enableSnat?: boolean;
}

/**
 * A site's cloud edge router with its external gateway; zone networks attach to it, and the DMZ's
 * published instances get floating IPs through it (see {@link Publication}).
 */
export class Edge extends pulumi.ComponentResource {
  /** The router's id; zone networks attach to it. */
  public readonly routerId: pulumi.Output<string>;

  constructor(name: string, args: EdgeArgs, opts?: pulumi.ComponentResourceOptions) {
    super("hatang:network:Edge", name, {}, opts);
    const router = new openstack.networking.Router(`${args.site}-router`, {
      name: `${args.site}-router`,
      description: `cloud router of ${args.site}`,
      externalNetworkId: args.externalNetworkId,
      enableSnat: args.enableSnat ?? false,
      adminStateUp: true,
      tags: [`site:${args.site}`, "hatang"],
    }, childOptions(this, opts));
    this.routerId = router.id;
    this.registerOutputs({ routerId: this.routerId });
  }
}
