import type { NetworkSpec } from "./networks";
import type { SecurityGroupSpec } from "./securityGroups";
import type { TenancySpec } from "./tenants";

/** Neutron quota of the project that deploys the site (it owns networks, groups, rules and RBAC policies). */
export interface DeployerQuotaSpec {
  network: number;
  subnet: number;
  router: number;
  port: number;
  securityGroup: number;
  securityGroupRule: number;
  rbacPolicy: number;
  floatingip: number;
}

/** Half as much again as planned, so growth and replacements (create before delete) fit. */
function withHeadroom(n: number): number {
  return Math.ceil(n * 1.5) + 10;
}

/**
 * The deployer's quota sized from what the plan puts in its project. Neutron's defaults (100 rules,
 * 10 RBAC policies, 10 groups per project) are far below a provincial DC's plan, so without this a
 * real `pulumi up` fails part-way. Each new group briefly holds Neutron's two default egress rules
 * before `deleteDefaultRules` removes them. `ownPorts`: other ports the deployer's project holds
 * (cluster nodes and API VIPs). Exported for testing.
 */
export function compileDeployerQuota(networks: readonly NetworkSpec[], groups: readonly SecurityGroupSpec[], tenancy: TenancySpec, ownPorts = 0): DeployerQuotaSpec {
  const routed = networks.filter((n) => n.routed).length;
  const rules = groups.reduce((n, g) => n + g.rules.length, 0);
  return {
    network: withHeadroom(networks.length),
    subnet: withHeadroom(2 * networks.length),
    // One router per zone routed in the cloud (`virtualFirewall`); no router joins two zones.
    router: withHeadroom(new Set(networks.filter((n) => n.routed).map((n) => n.zone)).size),
    // Router interfaces are ports of the deployer's routers; instance ports belong to system projects.
    port: withHeadroom(2 * routed + ownPorts),
    // One more group: Neutron's own `default` group of the project.
    securityGroup: withHeadroom(groups.length + 1),
    securityGroupRule: withHeadroom(rules + 2 * (groups.length + 1)),
    rbacPolicy: withHeadroom(tenancy.shares.length),
    // Published services are reached by destination NAT on the edge firewall, never by floating IPs.
    floatingip: 0,
  };
}
