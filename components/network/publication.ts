import * as pulumi from "@pulumi/pulumi";
import * as openstack from "@pulumi/openstack";
import { childOptions } from "../childOptions";

/** Arguments of a {@link Publication}. */
export interface PublicationArgs {
  /** Site id; prefixes resource names. */
  site: string;
  /** Name of the external network floating IPs come from. */
  floatingIpPool: pulumi.Input<string>;
  /** Instances the model publishes from the DMZ: one floating IP each, keyed by instance key. */
  published: Array<{ key: string; portId: pulumi.Input<string>; description: string }>;
}

/** Floating IPs for exactly the DMZ instances that publish ports, and for nothing else. */
export class Publication extends pulumi.ComponentResource {
  /** Floating IP address per published instance key. */
  public readonly addresses: Record<string, pulumi.Output<string>> = {};

  constructor(name: string, args: PublicationArgs, opts?: pulumi.ComponentResourceOptions) {
    super("hatang:network:Publication", name, {}, opts);
    for (const p of args.published) {
      const fip = new openstack.networking.FloatingIp(`${args.site}-fip-${p.key}`, {
        pool: args.floatingIpPool,
        portId: p.portId,
        description: p.description,
        tags: [`site:${args.site}`, "published", "hatang"],
      }, childOptions(this, opts));
      this.addresses[p.key] = fip.address;
    }
    this.registerOutputs({ addresses: this.addresses });
  }
}
