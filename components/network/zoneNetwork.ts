import * as pulumi from "@pulumi/pulumi";
import * as openstack from "@pulumi/openstack";
import { childOptions } from "../childOptions";
import type { NetworkSpec } from "../../compilers/openstack/networks";

/** Arguments of a {@link ZoneNetwork}. */
export interface ZoneNetworkArgs {
  /** Site id; prefixes every resource name. */
  site: string;
  /** Zone id the networks belong to. */
  zone: string;
  /**
   * The zone's VLAN networks, compiled by `compileNetworks` (physnet, segmentation id, both subnets). Each
   * subnet's gateway is the zone's enforcer (its firewall pair's address) or, for a zone routed in the
   * cloud, its own router (see `ZoneRouter`); no router is created here.
   */
  networks: NetworkSpec[];
}

/**
 * One zone's provider networks: per VLAN a Neutron network on its physnet and segmentation id, with an
 * IPv4 and an IPv6 subnet (address modes explicit) whose gateway is the zone's enforcer.
 */
export class ZoneNetwork extends pulumi.ComponentResource {
  /** Network id per network key (`<zone>-<vlan>`). */
  public readonly networkIds: Record<string, pulumi.Output<string>> = {};
  /** Subnet ids per network key and family. */
  public readonly subnetIds: Record<string, { ipv4: pulumi.Output<string>; ipv6: pulumi.Output<string> }> = {};

  constructor(name: string, args: ZoneNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("hatang:network:ZoneNetwork", name, {}, opts);
    const parent = childOptions(this, opts);
    for (const n of args.networks) {
      const net = new openstack.networking.Network(n.name, {
        name: n.name,
        description: n.description,
        segments: [{ networkType: "vlan", physicalNetwork: n.physnet, segmentationId: n.vlanId }],
        mtu: n.mtu,
        adminStateUp: true,
        portSecurityEnabled: true,
        shared: false,
        tags: n.tags,
      }, parent);
      const subnets = { ipv4: n.ipv4, ipv6: n.ipv6 } as const;
      const ids = {} as { ipv4: pulumi.Output<string>; ipv6: pulumi.Output<string> };
      for (const fam of ["ipv4", "ipv6"] as const) {
        const s = subnets[fam];
        const subnet = new openstack.networking.Subnet(s.name, {
          name: s.name,
          networkId: net.id,
          ipVersion: s.ipVersion,
          cidr: s.cidr,
          gatewayIp: s.gatewayIp,
          allocationPools: s.allocationPools,
          dnsNameservers: s.dnsNameservers,
          enableDhcp: s.enableDhcp,
          ipv6RaMode: s.ipv6RaMode,
          ipv6AddressMode: s.ipv6AddressMode,
          tags: n.tags,
        }, parent);
        ids[fam] = subnet.id;
      }
      this.networkIds[n.key] = net.id;
      this.subnetIds[n.key] = ids;
    }
    this.registerOutputs({ networkIds: this.networkIds, subnetIds: this.subnetIds });
  }
}
