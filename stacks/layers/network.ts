import * as pulumi from "@pulumi/pulumi";
import type { CompiledSite } from "../../compilers/site";
import { ZoneNetwork } from "../../components/network/zoneNetwork";
import { ZoneRouter } from "../../components/network/zoneRouter";
import { ZoneFirewall } from "../../components/network/zoneFirewall";
import { ZoneSecurity } from "../../components/security/zoneSecurity";
import { DeployerQuota } from "../../components/identity/deployerQuota";

/** What the network layer hands to the layers above it. */
export interface NetworkLayer {
  /** The router of each zone routed in the cloud (`virtualFirewall`), by zone. */
  routerIds: Record<string, pulumi.Output<string>>;
  networkIds: Record<string, pulumi.Output<string>>;
  subnetIds: Record<string, { ipv4: pulumi.Output<string>; ipv6: pulumi.Output<string> }>;
  groupIds: Record<string, pulumi.Output<string>>;
  /** The deployer's quota: RBAC policies of the cloud layer wait for it too. */
  quota: pulumi.Resource;
}

/** Stack settings the network layer needs from config. */
export interface NetworkSettings {
  /** Id of the external (transit) network the zone routers' uplinks sit on. */
  externalNetworkId: string;
  /** The deploying project, whose Neutron quota is raised first. */
  deployerProjectId: pulumi.Input<string>;
}

/**
 * The network layer of a site: one ZoneNetwork per zone (provider networks whose gateway is the zone's
 * enforcing firewall), a ZoneRouter with its FWaaS group only for zones whose boundary is also enforced in
 * the cloud (`virtualFirewall`) — so no router ever joins two zones — and the security groups.
 */
export function networkLayer(compiled: CompiledSite, settings: NetworkSettings, opts: pulumi.ComponentResourceOptions = {}): NetworkLayer {
  const site = compiled.site;
  // Everything the deployer's project owns waits for its quota.
  const quota = new DeployerQuota(`${site}-deployer-quota`, { site, quota: compiled.deployerQuota, projectId: settings.deployerProjectId }, opts);
  const after = { ...opts, dependsOn: [quota.quota] };
  const networkIds: NetworkLayer["networkIds"] = {};
  const subnetIds: NetworkLayer["subnetIds"] = {};
  const routerIds: NetworkLayer["routerIds"] = {};
  const zones = [...new Set(compiled.networks.map((n) => n.zone))].sort();
  for (const zone of zones) {
    const networks = compiled.networks.filter((n) => n.zone === zone);
    const zn = new ZoneNetwork(`${site}-zone-${zone}`, { site, zone, networks }, after);
    Object.assign(networkIds, zn.networkIds);
    Object.assign(subnetIds, zn.subnetIds);
    const routed = networks.filter((n) => n.routed);
    if (routed.length === 0) continue;
    const router = new ZoneRouter(`${site}-router-${zone}`, {
      site,
      zone,
      subnetIds: Object.fromEntries(routed.map((n) => [n.key, zn.subnetIds[n.key]])),
      externalNetworkId: settings.externalNetworkId,
    }, after);
    routerIds[zone] = router.routerId;
    const firewall = compiled.firewalls.find((f) => f.zone === zone);
    if (firewall) new ZoneFirewall(`${site}-fw-${zone}`, { site, firewall, portIds: router.portIds }, opts);
  }
  const security = new ZoneSecurity(`${site}-security`, { site, groups: compiled.securityGroups }, after);
  return { routerIds, networkIds, subnetIds, groupIds: security.groupIds, quota: quota.quota };
}
