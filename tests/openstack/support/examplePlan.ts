/**
 * A hand-made plan shaped like the example province's (ninh-an) cloud: a tenant project, provider
 * VLAN networks per zone with dual-stack subnets, the edge router with its external gateway and
 * interfaces, zone security groups with v4/v6 twin rules, a port with a fixed address and a floating
 * IP, plus resources of services the local cloud does not run. Used until the plan writer's own
 * `out/<site>/plan.json` is wired in.
 */
import type { Plan } from "../../../offline/planTypes";
import { PlanBuilder } from "./cloud";

/** What the plan refers to outside itself: the external network from stack config. */
export const EXTERNAL_NETWORK_REF = "id-of:config::externalNetworkId";

/**
 * The plan for one stack. VLAN ids start at `vlanBase` so test files running in parallel never collide.
 * @param stack stack (site) name; prefixes every name
 * @param vlanBase first VLAN id (inside physnet-dc's 100:3999)
 * @param extPool name of the external network floating IPs come from
 */
export function examplePlan(stack: string, vlanBase: number, extPool: string): Plan {
  const b = new PlanBuilder(stack);
  const tags = [`site:${stack}`, "hatang"];
  b.add("hatang:identity:Tenancy", `${stack}-tenancy`, {}, false);
  b.add("openstack:identity/project:Project", `${stack}-so-tttt`, { name: `${stack}-so-tttt`, description: "Sở Thông tin và Truyền thông", enabled: true, tags });
  const router = b.add("openstack:networking/router:Router", `${stack}-router`, {
    name: `${stack}-router`, description: `cloud router of ${stack}`, externalNetworkId: EXTERNAL_NETWORK_REF, enableSnat: false, adminStateUp: true, tags,
  });
  const zones = [
    { zone: "dmz", vlan: vlanBase, v4: "10.61.10.0/24", v6: "2001:db8:61:10::/64", routed: true },
    { zone: "app", vlan: vlanBase + 1, v4: "10.61.20.0/24", v6: "2001:db8:61:20::/64", routed: true },
    { zone: "db", vlan: vlanBase + 2, v4: "10.61.30.0/24", v6: "2001:db8:61:30::/64", routed: false },
  ];
  const subnets: Record<string, string> = {};
  for (const z of zones) {
    const name = `${stack}-${z.zone}-${z.vlan}`;
    const net = b.add("openstack:networking/network:Network", name, {
      name, description: `zone ${z.zone}`, segments: [{ networkType: "vlan", physicalNetwork: "physnet-dc", segmentationId: z.vlan }],
      mtu: 9000, adminStateUp: true, portSecurityEnabled: true, shared: false, tags,
    });
    const v4 = b.add("openstack:networking/subnet:Subnet", `${name}-v4`, {
      name: `${name}-v4`, networkId: net, ipVersion: 4, cidr: z.v4, gatewayIp: z.v4.replace("0/24", "1"),
      allocationPools: [{ start: z.v4.replace("0/24", "100"), end: z.v4.replace("0/24", "200") }],
      dnsNameservers: ["10.61.0.53"], enableDhcp: true, tags,
    });
    const v6 = b.add("openstack:networking/subnet:Subnet", `${name}-v6`, {
      name: `${name}-v6`, networkId: net, ipVersion: 6, cidr: z.v6, gatewayIp: z.v6.replace("::/64", "::1"),
      enableDhcp: true, ipv6RaMode: "slaac", ipv6AddressMode: "slaac", tags,
    });
    subnets[`${z.zone}-v4`] = v4;
    subnets[`${z.zone}-net`] = net;
    if (z.routed) {
      b.add("openstack:networking/routerInterface:RouterInterface", `${name}-v4-rif`, { routerId: router, subnetId: v4 });
      b.add("openstack:networking/routerInterface:RouterInterface", `${name}-v6-rif`, { routerId: router, subnetId: v6 });
    }
  }
  b.add("hatang:security:ZoneSecurity", `${stack}-security`, {}, false);
  const web = b.add("openstack:networking/secGroup:SecGroup", `${stack}-sg-dmz-web`, { name: `${stack}-sg-dmz-web`, description: "DMZ web", deleteDefaultRules: true, tags });
  const db = b.add("openstack:networking/secGroup:SecGroup", `${stack}-sg-db`, { name: `${stack}-sg-db`, description: "database servers", deleteDefaultRules: true, tags });
  const rule = (key: string, inputs: Record<string, unknown>): void => {
    b.add("openstack:networking/secGroupRule:SecGroupRule", `${stack}-sgr-${key}`, inputs);
  };
  for (const [fam, prefix] of [["IPv4", "0.0.0.0/0"], ["IPv6", "::/0"]] as const) {
    const f = fam.toLowerCase();
    rule(`https-${f}`, { securityGroupId: web, direction: "ingress", ethertype: fam, protocol: "tcp", portRangeMin: 443, portRangeMax: 443, remoteIpPrefix: prefix, description: "flows: internet-to-portal" });
    rule(`pg-${f}`, { securityGroupId: db, direction: "ingress", ethertype: fam, protocol: "tcp", portRangeMin: 5432, portRangeMax: 5432, remoteGroupId: web, description: "flows: portal-to-db" });
    rule(`egress-${f}`, { securityGroupId: web, direction: "egress", ethertype: fam, protocol: "tcp", portRangeMin: 5432, portRangeMax: 5432, remoteGroupId: db, description: "flows: portal-to-db" });
  }
  rule("icmp6", { securityGroupId: web, direction: "ingress", ethertype: "IPv6", protocol: "ipv6-icmp", remoteIpPrefix: "2001:db8:61::/48", description: "flows: nd-and-ping" });
  const port = b.add("openstack:networking/port:Port", `${stack}-portal-0`, {
    name: `${stack}-portal-0`, networkId: subnets["dmz-net"], fixedIps: [{ subnetId: subnets["dmz-v4"], ipAddress: "10.61.10.10" }],
    securityGroupIds: [web], allowedAddressPairs: [{ ipAddress: "10.61.10.9" }], adminStateUp: true, tags,
  });
  b.add("openstack:networking/floatingIp:FloatingIp", `${stack}-fip-portal-0`, { pool: extPool, portId: port, description: "portal", tags: [...tags, "published"] });
  b.add("openstack:compute/instance:Instance", `${stack}-portal-0-vm`, { name: `${stack}-portal-0`, flavorName: "m1.large", networks: [{ port }] });
  b.add("openstack:blockstorage/volume:Volume", `${stack}-db-data`, { name: `${stack}-db-data`, size: 500 });
  b.add("openstack:loadbalancer/loadBalancer:LoadBalancer", `${stack}-portal-lb`, { vipSubnetId: subnets["dmz-v4"] });
  return b.plan();
}
