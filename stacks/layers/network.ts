import * as pulumi from "@pulumi/pulumi";
import type { CompiledSite } from "../../compilers/site";
import { Edge } from "../../components/network/edge";
import { ZoneNetwork } from "../../components/network/zoneNetwork";
import { ZoneFirewall } from "../../components/network/zoneFirewall";
import { ZoneSecurity } from "../../components/security/zoneSecurity";
import { DeployerQuota } from "../../components/identity/deployerQuota";

/** What the network layer hands to the layers above it. */
export interface NetworkLayer {
  routerId: pulumi.Output<string>;
  networkIds: Record<string, pulumi.Output<string>>;
  subnetIds: Record<string, { ipv4: pulumi.Output<string>; ipv6: pulumi.Output<string> }>;
  groupIds: Record<string, pulumi.Output<string>>;
  /** The deployer's quota: RBAC policies and floating IPs of the cloud layer wait for it too. */
  quota: pulumi.Resource;
}

/** Stack settings the network layer needs from config. */
export interface NetworkSettings {
  /** Id of the external provider network for the router's gateway. */
  externalNetworkId: string;
  /** The deploying project, whose Neutron quota is raised first. */
  deployerProjectId: pulumi.Input<string>;
}

/** The network layer of a site: the edge router, one ZoneNetwork per zone (with FWaaS where the model asks), the security groups. */
export function networkLayer(compiled: CompiledSite, settings: NetworkSettings, opts: pulumi.ComponentResourceOptions = {}): NetworkLayer {
  const site = compiled.site;
  // Everything the deployer's project owns waits for its quota.
  const quota = new DeployerQuota(`${site}-deployer-quota`, { site, quota: compiled.deployerQuota, projectId: settings.deployerProjectId }, opts);
  const after = { ...opts, dependsOn: [quota.quota] };
  const edge = new Edge(`${site}-edge`, { site, externalNetworkId: settings.externalNetworkId }, after);
  const networkIds: NetworkLayer["networkIds"] = {};
  const subnetIds: NetworkLayer["subnetIds"] = {};
  const zones = [...new Set(compiled.networks.map((n) => n.zone))].sort();
  for (const zone of zones) {
    const zn = new ZoneNetwork(`${site}-zone-${zone}`, {
      site,
      zone,
      networks: compiled.networks.filter((n) => n.zone === zone),
      routerId: edge.routerId,
    }, after);
    const firewall = compiled.firewalls.find((f) => f.zone === zone);
    if (firewall) new ZoneFirewall(`${site}-fw-${zone}`, { site, firewall, portIds: zn.routerPortIds }, opts);
    Object.assign(networkIds, zn.networkIds);
    Object.assign(subnetIds, zn.subnetIds);
  }
  const security = new ZoneSecurity(`${site}-security`, { site, groups: compiled.securityGroups }, after);
  return { routerId: edge.routerId, networkIds, subnetIds, groupIds: security.groupIds, quota: quota.quota };
}
