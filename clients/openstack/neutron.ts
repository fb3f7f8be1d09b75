/** Typed Neutron (networking v2.0) resources and calls over `OpenStackClient`. */
import type { OpenStackClient, RequestOptions } from "./client";
import { NeutronError } from "./errors";

/** Fields every Neutron resource shares. */
export interface NeutronBase {
  /** UUID. */
  id: string;
  /** Owning project. */
  project_id?: string;
  /** Tags (empty when none). */
  tags?: string[];
  /** Free text. */
  description?: string;
}

/** A network with its provider attributes. */
export interface Network extends NeutronBase {
  /** Name. */
  name: string;
  /** MTU. */
  mtu?: number;
  /** Admin state. */
  admin_state_up?: boolean;
  /** Shared with all projects. */
  shared?: boolean;
  /** External (router gateway) network. */
  "router:external"?: boolean;
  /** Port security default for ports. */
  port_security_enabled?: boolean;
  /** Single-segment provider type (vlan, flat, vxlan). */
  "provider:network_type"?: string;
  /** Single-segment physical network. */
  "provider:physical_network"?: string | null;
  /** Single-segment VLAN id / VNI. */
  "provider:segmentation_id"?: number | null;
  /** Multi-segment networks list their segments here instead. */
  segments?: Array<{ "provider:network_type": string; "provider:physical_network"?: string | null; "provider:segmentation_id"?: number | null }>;
  /** Subnet ids. */
  subnets?: string[];
}

/** A subnet. */
export interface Subnet extends NeutronBase {
  /** Name. */
  name: string;
  /** Network id. */
  network_id: string;
  /** 4 or 6. */
  ip_version: number;
  /** CIDR. */
  cidr: string;
  /** Gateway address (null = none). */
  gateway_ip: string | null;
  /** DHCP enabled. */
  enable_dhcp: boolean;
  /** DNS servers. */
  dns_nameservers: string[];
  /** Allocation pools. */
  allocation_pools: Array<{ start: string; end: string }>;
  /** Host routes. */
  host_routes: Array<{ destination: string; nexthop: string }>;
  /** IPv6 RA mode. */
  ipv6_ra_mode: string | null;
  /** IPv6 address mode. */
  ipv6_address_mode: string | null;
}

/** A router. */
export interface Router extends NeutronBase {
  /** Name. */
  name: string;
  /** Admin state. */
  admin_state_up?: boolean;
  /** Gateway: external network, SNAT, fixed IPs. */
  external_gateway_info: { network_id: string; enable_snat?: boolean; external_fixed_ips?: Array<{ subnet_id: string; ip_address?: string }> } | null;
  /** Extra routes. */
  routes?: Array<{ destination: string; nexthop: string }>;
}

/** A security group. */
export interface SecurityGroup extends NeutronBase {
  /** Name. */
  name: string;
  /** Its rules (Neutron embeds them). */
  security_group_rules?: SecurityGroupRule[];
}

/** A security group rule. */
export interface SecurityGroupRule {
  /** UUID. */
  id: string;
  /** Group it belongs to. */
  security_group_id: string;
  /** ingress / egress. */
  direction: string;
  /** IPv4 / IPv6. */
  ethertype: string;
  /** Protocol name or number, null = any. */
  protocol: string | null;
  /** Lowest port (or ICMP type). */
  port_range_min: number | null;
  /** Highest port (or ICMP code). */
  port_range_max: number | null;
  /** Remote prefix. */
  remote_ip_prefix: string | null;
  /** Remote group. */
  remote_group_id: string | null;
  /** Free text. */
  description?: string;
  /** Owning project. */
  project_id?: string;
}

/** A port. */
export interface Port extends NeutronBase {
  /** Name. */
  name: string;
  /** Network id. */
  network_id: string;
  /** MAC address. */
  mac_address: string;
  /** Fixed IPs. */
  fixed_ips: Array<{ subnet_id: string; ip_address: string }>;
  /** Security groups. */
  security_groups: string[];
  /** Allowed address pairs. */
  allowed_address_pairs: Array<{ ip_address: string; mac_address?: string }>;
  /** Owner, e.g. `network:router_interface`. */
  device_owner: string;
  /** Device id (router id for interfaces). */
  device_id: string;
  /** Port security. */
  port_security_enabled?: boolean;
  /** Admin state. */
  admin_state_up?: boolean;
}

/** A floating IP. */
export interface FloatingIp extends NeutronBase {
  /** External network. */
  floating_network_id: string;
  /** Address. */
  floating_ip_address: string;
  /** Associated port. */
  port_id: string | null;
  /** Associated fixed IP. */
  fixed_ip_address: string | null;
}

/** Neutron collections by plural name, with their resource type. */
export interface NeutronCollections {
  /** Networks. */
  networks: Network;
  /** Subnets. */
  subnets: Subnet;
  /** Routers. */
  routers: Router;
  /** Security groups. */
  security_groups: SecurityGroup;
  /** Security group rules. */
  security_group_rules: SecurityGroupRule;
  /** Ports. */
  ports: Port;
  /** Floating IPs. */
  floatingips: FloatingIp;
  /** RBAC policies. */
  rbac_policies: NeutronBase & { object_type: string; object_id: string; action: string; target_tenant: string };
}

/** A Neutron collection name. */
export type NeutronCollection = keyof NeutronCollections;

const SINGULAR: Record<NeutronCollection, string> = {
  networks: "network",
  subnets: "subnet",
  routers: "router",
  security_groups: "security_group",
  security_group_rules: "security_group_rule",
  ports: "port",
  floatingips: "floatingip",
  rbac_policies: "rbac_policy",
};

/**
 * The request-body key of one resource of a collection (`networks` → `network`).
 * @param collection the collection
 */
export function singularOf(collection: NeutronCollection): string {
  return SINGULAR[collection];
}

/** Typed Neutron calls. */
export class Neutron {
  /** @param client an authenticated client */
  constructor(readonly client: OpenStackClient) {}

  /**
   * Lists a whole collection (all pages).
   * @param collection collection name
   * @param query filters (`tags`, `network_id`, `fields`, `limit`…)
   */
  list<C extends NeutronCollection>(collection: C, query: RequestOptions["query"] = {}): Promise<NeutronCollections[C][]> {
    return this.client.listAll<NeutronCollections[C]>("network", `/v2.0/${collection}`, collection, query);
  }

  /**
   * Creates one resource.
   * @param collection collection name
   * @param body API fields
   */
  async create<C extends NeutronCollection>(collection: C, body: Record<string, unknown>): Promise<NeutronCollections[C]> {
    const key = SINGULAR[collection];
    const res = await this.client.request<Record<string, NeutronCollections[C]>>("network", "POST", `/v2.0/${collection}`, { body: { [key]: body } });
    return res[key];
  }

  /**
   * Creates many resources in one request (Neutron's bulk create: all or nothing).
   * @param collection collection name
   * @param bodies API fields of each
   */
  async createMany<C extends NeutronCollection>(collection: C, bodies: readonly Record<string, unknown>[]): Promise<NeutronCollections[C][]> {
    const res = await this.client.request<Record<string, NeutronCollections[C][]>>("network", "POST", `/v2.0/${collection}`, { body: { [collection]: bodies } });
    return res[collection] ?? [];
  }

  /**
   * Updates one resource.
   * @param collection collection name
   * @param id resource id
   * @param body fields to change
   */
  async update<C extends NeutronCollection>(collection: C, id: string, body: Record<string, unknown>): Promise<NeutronCollections[C]> {
    const key = SINGULAR[collection];
    const res = await this.client.request<Record<string, NeutronCollections[C]>>("network", "PUT", `/v2.0/${collection}/${id}`, { body: { [key]: body } });
    return res[key];
  }

  /**
   * Deletes one resource.
   * @param collection collection name
   * @param id resource id
   */
  async delete(collection: NeutronCollection, id: string): Promise<void> {
    await this.client.request<unknown>("network", "DELETE", `/v2.0/${collection}/${id}`);
  }

  /**
   * Replaces a resource's tags (`PUT /{collection}/{id}/tags`): Neutron's POST does not take `tags`
   * on every release, so the Terraform provider (and we) set them in a second call.
   * @param collection collection name
   * @param id resource id
   * @param tags the full tag list
   */
  async setTags(collection: NeutronCollection, id: string, tags: readonly string[]): Promise<void> {
    try {
      await this.client.request("network", "PUT", `/v2.0/${collection}/${id}/tags`, { body: { tags } });
    } catch (e) {
      // Zed loses the body of a bulk tag PUT on security groups ("Invalid tags body"): add them one
      // by one (on a fresh resource, which is when the replay tags, adding equals replacing).
      if (!(e instanceof NeutronError && e.type === "InvalidInput")) throw e;
      for (const t of tags) await this.client.request("network", "PUT", `/v2.0/${collection}/${id}/tags/${encodeURIComponent(t)}`);
    }
  }

  /**
   * Sets a project's networking quotas (`PUT /quotas/{project_id}`); returns the resulting quota set.
   * @param projectId project id
   * @param quota limits by resource (`network`, `port`, `security_group_rule`…; -1 = unlimited)
   */
  async setQuota(projectId: string, quota: Record<string, unknown>): Promise<Record<string, number>> {
    return (await this.client.request<{ quota: Record<string, number> }>("network", "PUT", `/v2.0/quotas/${projectId}`, { body: { quota } })).quota;
  }

  /**
   * A project's networking quotas (`GET /quotas/{project_id}`).
   * @param projectId project id
   */
  async getQuota(projectId: string): Promise<Record<string, number>> {
    return (await this.client.request<{ quota: Record<string, number> }>("network", "GET", `/v2.0/quotas/${projectId}`)).quota;
  }

  /**
   * Resets a project's networking quotas to the defaults (`DELETE /quotas/{project_id}`).
   * @param projectId project id
   */
  async resetQuota(projectId: string): Promise<void> {
    await this.client.request("network", "DELETE", `/v2.0/quotas/${projectId}`);
  }

  /**
   * Attaches a subnet or a port to a router (`PUT /routers/{id}/add_router_interface`).
   * @param routerId router id
   * @param target `{subnet_id}` or `{port_id}`
   */
  addRouterInterface(routerId: string, target: { subnet_id?: string; port_id?: string }): Promise<{ id: string; port_id: string; subnet_id: string }> {
    return this.client.request("network", "PUT", `/v2.0/routers/${routerId}/add_router_interface`, { body: target });
  }

  /**
   * Detaches a subnet or a port from a router.
   * @param routerId router id
   * @param target `{subnet_id}` or `{port_id}`
   */
  async removeRouterInterface(routerId: string, target: { subnet_id?: string; port_id?: string }): Promise<void> {
    await this.client.request("network", "PUT", `/v2.0/routers/${routerId}/remove_router_interface`, { body: target });
  }
}
