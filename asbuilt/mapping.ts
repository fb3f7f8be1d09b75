/**
 * Maps a planned resource's inputs (the camelCase input names of @pulumi/openstack 3.15.2) to the
 * Keystone/Neutron API call the Terraform OpenStack provider makes for it. References must already be
 * resolved (to live ids for the replay, to symbolic keys for reconciliation). Pure.
 */
import type { NeutronCollection } from "../clients/openstack/neutron";

/** One API call that creates a planned resource. */
export type ApiCall =
  | { kind: "project"; body: Record<string, unknown> }
  | { kind: "group"; body: Record<string, unknown> }
  | { kind: "roleAssignment"; target: RoleTarget }
  | { kind: "networkQuota"; projectId: string; body: Record<string, unknown> }
  | { kind: "neutron"; collection: NeutronCollection; body: Record<string, unknown>; tags?: string[]; deleteDefaultRules?: boolean }
  | { kind: "routerInterface"; routerId: string; target: { subnet_id?: string; port_id?: string } }
  | { kind: "routerRoute"; routerId: string; route: { destination: string; nexthop: string } }
  | { kind: "floatingIpPool"; poolName: string; body: Record<string, unknown>; tags?: string[] };

/** Where a Keystone role is granted: on a project or a domain, to a user or a group. */
export interface RoleTarget {
  /** Scope: `projects` or `domains`. */
  scope: "projects" | "domains";
  /** Project or domain id. */
  scopeId: string;
  /** Actor: `groups` or `users`. */
  actor: "groups" | "users";
  /** Group or user id. */
  actorId: string;
  /** Role id. */
  roleId: string;
}

/** Why a resource is not replayed. */
export interface NotReplayed {
  /** Always "skip". */
  kind: "skip";
  /** Reason shown in the replay report. */
  reason: string;
}

/** Services by type-token module the local cloud (Keystone + Neutron) does not run. */
const NOT_RUN: Record<string, string> = {
  compute: "Nova (compute) is not run by the local cloud",
  blockstorage: "Cinder (block storage) is not run by the local cloud",
  loadbalancer: "Octavia (load balancer) is not run by the local cloud",
  lb: "Neutron LBaaS v1 is not run by the local cloud",
  firewall: "FWaaS is not packaged for Debian bookworm",
  fw: "FWaaS is not packaged for Debian bookworm",
  images: "Glance (images) is not run by the local cloud",
  objectstorage: "Swift (object storage) is not run by the local cloud",
  dns: "Designate (DNS) is not run by the local cloud",
  keymanager: "Barbican (key manager) is not run by the local cloud",
  containerinfra: "Magnum is not run by the local cloud",
  sharedfilesystem: "Manila (shared file systems) is not run by the local cloud",
  orchestration: "Heat is not run by the local cloud",
  bgpvpn: "networking-bgpvpn is not run by the local cloud",
  vpnaas: "VPNaaS is not run by the local cloud",
  workflow: "Mistral is not run by the local cloud",
  database: "Trove is not run by the local cloud",
};

function defined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}

function list<T>(v: unknown): T[] | undefined {
  return Array.isArray(v) ? (v as T[]) : undefined;
}

function valueSpecs(inputs: Record<string, unknown>): Record<string, unknown> {
  const v = inputs.valueSpecs;
  return v && typeof v === "object" ? (v as Record<string, unknown>) : {};
}

/**
 * The module of a type token: `openstack:networking/network:Network` → `networking`.
 * @param type type token
 */
export function tokenModule(type: string): { provider: string; module: string; resource: string } {
  const [provider = "", mid = "", resource = ""] = type.split(":");
  return { provider, module: mid.split("/")[0] ?? "", resource: mid.split("/")[1] ?? resource };
}

/**
 * The API call for a resource, or why it is not replayed.
 * @param type the type token
 * @param custom false for component resources
 * @param inputs inputs with references already resolved
 */
export function apiCallFor(type: string, custom: boolean, inputs: Record<string, unknown>): ApiCall | NotReplayed {
  const { provider, module } = tokenModule(type);
  if (!custom) return { kind: "skip", reason: "component resource (no API object of its own)" };
  if (provider === "pulumi") return { kind: "skip", reason: "Pulumi provider resource (configuration, no API object)" };
  if (type === "pulumi-nodejs:dynamic/hatang:FirewallQuota") return { kind: "skip", reason: "FWaaS quota: FWaaS is not packaged for Debian bookworm" };
  if (provider !== "openstack") return { kind: "skip", reason: `${provider} resource: not an OpenStack service` };
  if (NOT_RUN[module]) return { kind: "skip", reason: NOT_RUN[module] as string };
  const i = inputs;
  const tags = list<string>(i.tags);
  switch (type) {
    case "openstack:identity/project:Project":
      return { kind: "project", body: defined({ name: i.name, description: i.description, domain_id: i.domainId, enabled: i.enabled, is_domain: i.isDomain, parent_id: i.parentId, tags }) };
    case "openstack:identity/groupV3:GroupV3":
      return { kind: "group", body: defined({ name: i.name, description: i.description, domain_id: i.domainId }) };
    case "openstack:identity/roleAssignment:RoleAssignment":
      // PUT /v3/{projects|domains}/{id}/{groups|users}/{id}/roles/{role}: the provider's one call.
      return {
        kind: "roleAssignment",
        target: {
          scope: i.projectId !== undefined ? "projects" : "domains", scopeId: String(i.projectId ?? i.domainId),
          actor: i.groupId !== undefined ? "groups" : "users", actorId: String(i.groupId ?? i.userId), roleId: String(i.roleId),
        },
      };
    case "openstack:networking/quotaV2:QuotaV2":
      // PUT /v2.0/quotas/{project_id}: Neutron's quota API (the provider's networking QuotaV2).
      return {
        kind: "networkQuota", projectId: String(i.projectId),
        body: defined({
          floatingip: i.floatingip, network: i.network, port: i.port, rbac_policy: i.rbacPolicy, router: i.router,
          security_group: i.securityGroup, security_group_rule: i.securityGroupRule, subnet: i.subnet, subnetpool: i.subnetpool,
        }),
      };
    case "openstack:networking/network:Network": {
      const segments = list<Record<string, unknown>>(i.segments)?.map((s) => defined({ "provider:network_type": s.networkType, "provider:physical_network": s.physicalNetwork, "provider:segmentation_id": s.segmentationId }));
      return {
        kind: "neutron", collection: "networks", tags,
        body: defined({
          name: i.name, description: i.description, admin_state_up: i.adminStateUp, shared: i.shared, "router:external": i.external,
          mtu: i.mtu, port_security_enabled: i.portSecurityEnabled, dns_domain: i.dnsDomain, availability_zone_hints: i.availabilityZoneHints,
          qos_policy_id: i.qosPolicyId, tenant_id: i.tenantId, vlan_transparent: i.transparentVlan, segments, ...valueSpecs(i),
        }),
      };
    }
    case "openstack:networking/subnet:Subnet":
      return {
        kind: "neutron", collection: "subnets", tags,
        body: defined({
          network_id: i.networkId, name: i.name, description: i.description, cidr: i.cidr, ip_version: i.ipVersion ?? 4,
          // The provider sends gateway_ip null for noGateway, so Neutron does not pick the first address.
          gateway_ip: i.noGateway === true ? null : i.gatewayIp, enable_dhcp: i.enableDhcp ?? true,
          dns_nameservers: i.dnsNameservers, allocation_pools: list(i.allocationPools ?? i.allocationPoolsCollection),
          host_routes: list<Record<string, unknown>>(i.hostRoutes)?.map((h) => ({ destination: h.destinationCidr, nexthop: h.nextHop })),
          ipv6_address_mode: i.ipv6AddressMode, ipv6_ra_mode: i.ipv6RaMode, prefixlen: i.prefixLength,
          subnetpool_id: i.subnetpoolId, service_types: i.serviceTypes, tenant_id: i.tenantId, ...valueSpecs(i),
        }),
      };
    case "openstack:networking/router:Router": {
      const net = str(i.externalNetworkId) ?? str(i.externalGateway);
      const fixed = list<Record<string, unknown>>(i.externalFixedIps)?.map((f) => defined({ subnet_id: f.subnetId, ip_address: f.ipAddress }))
        ?? list<string>(i.externalSubnetIds)?.map((s) => ({ subnet_id: s }));
      return {
        kind: "neutron", collection: "routers", tags,
        body: defined({
          name: i.name, description: i.description, admin_state_up: i.adminStateUp, distributed: i.distributed,
          availability_zone_hints: i.availabilityZoneHints, tenant_id: i.tenantId,
          external_gateway_info: net ? defined({ network_id: net, enable_snat: i.enableSnat, external_fixed_ips: fixed }) : undefined,
          ...valueSpecs(i),
        }),
      };
    }
    case "openstack:networking/routerInterface:RouterInterface":
      return { kind: "routerInterface", routerId: String(i.routerId), target: defined({ subnet_id: i.subnetId, port_id: i.portId }) as { subnet_id?: string; port_id?: string } };
    case "openstack:networking/routerRoute:RouterRoute":
      return { kind: "routerRoute", routerId: String(i.routerId), route: { destination: String(i.destinationCidr), nexthop: String(i.nextHop) } };
    case "openstack:networking/secGroup:SecGroup":
      return { kind: "neutron", collection: "security_groups", tags, deleteDefaultRules: i.deleteDefaultRules === true, body: defined({ name: i.name, description: i.description, tenant_id: i.tenantId }) };
    case "openstack:networking/secGroupRule:SecGroupRule":
      return {
        kind: "neutron", collection: "security_group_rules",
        body: defined({
          security_group_id: i.securityGroupId, direction: i.direction, ethertype: i.ethertype, protocol: i.protocol,
          port_range_min: i.portRangeMin, port_range_max: i.portRangeMax, remote_ip_prefix: i.remoteIpPrefix,
          remote_group_id: i.remoteGroupId, description: i.description, tenant_id: i.tenantId,
        }),
      };
    case "openstack:networking/port:Port": {
      const binding = i.binding && typeof i.binding === "object" ? (i.binding as Record<string, unknown>) : {};
      return {
        kind: "neutron", collection: "ports", tags,
        body: defined({
          name: i.name, description: i.description, network_id: i.networkId, admin_state_up: i.adminStateUp, mac_address: i.macAddress,
          device_owner: i.deviceOwner, device_id: i.deviceId, dns_name: i.dnsName, qos_policy_id: i.qosPolicyId, tenant_id: i.tenantId,
          fixed_ips: i.noFixedIp === true ? [] : list<Record<string, unknown>>(i.fixedIps)?.map((f) => defined({ subnet_id: f.subnetId, ip_address: f.ipAddress })),
          security_groups: i.noSecurityGroups === true ? [] : i.securityGroupIds,
          allowed_address_pairs: list<Record<string, unknown>>(i.allowedAddressPairs)?.map((p) => defined({ ip_address: p.ipAddress, mac_address: p.macAddress })),
          port_security_enabled: i.portSecurityEnabled,
          "binding:host_id": binding.hostId, "binding:vnic_type": binding.vnicType, "binding:profile": binding.profile,
          ...valueSpecs(i),
        }),
      };
    }
    case "openstack:networking/floatingIp:FloatingIp":
      // The provider resolves `pool` (a network name) to its id before POSTing.
      return {
        kind: "floatingIpPool", poolName: String(i.pool), tags,
        body: defined({
          floating_ip_address: i.address, description: i.description, port_id: i.portId, fixed_ip_address: i.fixedIp,
          subnet_id: i.subnetId, dns_name: i.dnsName, dns_domain: i.dnsDomain, tenant_id: i.tenantId, ...valueSpecs(i),
        }),
      };
    case "openstack:networking/rbacPolicyV2:RbacPolicyV2":
      return { kind: "neutron", collection: "rbac_policies", body: defined({ action: i.action, object_id: i.objectId, object_type: i.objectType, target_tenant: i.targetTenant }) };
    default:
      return { kind: "skip", reason: `${type} is not mapped by the replay yet` };
  }
}
