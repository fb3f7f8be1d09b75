/** Creates the external (flat) network the example plan's router and floating IPs use. */
import type { Neutron } from "../../../clients/openstack/neutron";

/**
 * A flat external network with a v4 subnet, on a physnet of its own (ML2 allows any flat physnet,
 * and one flat network per physnet), so parallel test files do not collide. Returns its ids.
 * @param neutron Neutron calls
 * @param name network name (also the floating IP pool name)
 * @param cidr the external subnet
 */
export async function createExternalNetwork(neutron: Neutron, name: string, cidr: string): Promise<{ networkId: string; subnetId: string }> {
  const net = await neutron.create("networks", { name, "router:external": true, "provider:network_type": "flat", "provider:physical_network": `ext-${name}`.slice(0, 64) });
  const sub = await neutron.create("subnets", { name: `${name}-v4`, network_id: net.id, ip_version: 4, cidr, enable_dhcp: false });
  return { networkId: net.id, subnetId: sub.id };
}
