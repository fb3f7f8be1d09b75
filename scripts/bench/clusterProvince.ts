import type { Inventory } from "../../inventory/model";
import { oneSiteProvince } from "./oneSiteProvince";

/** The base province every cluster size is added to (the same for every size, so only the clusters differ). */
export const CLUSTER_BASE_SIZES = { agencies: 30, vlans: 48, devices: 60, systems: 12 } as const;

/**
 * A one-site synthetic province with `clusters` clusters of `nodes` nodes each (3 control-plane nodes,
 * the rest one worker pool), each on a VLAN of its own in the application zone, as an operator would lay
 * out that many nodes. The generator's own cluster (which its container tiers run on) is the first.
 * @param clusters how many clusters (at least 1)
 * @param nodes nodes per cluster (at least 4)
 */
export function clusterProvince(clusters: number, nodes: number): Inventory {
  const inv = oneSiteProvince({ ...CLUSTER_BASE_SIZES, sites: 1 });
  const site = inv.sites[0];
  const app = inv.zones.find((z) => z.site === site.id && z.id === "app");
  const template = inv.clusters.find((c) => c.site === site.id);
  if (!app || !template) throw new Error("the synthetic province has no application zone or no cluster");
  const used = new Set(inv.zones.filter((z) => z.site === site.id).flatMap((z) => z.vlans.map((v) => v.id)));
  const physnet = site.physnets[0];
  let next = physnet.vlanMax;
  const freeVlan = (): number => {
    while (used.has(next)) next--;
    used.add(next);
    return next;
  };
  inv.clusters = inv.clusters.filter((c) => c.site !== site.id);
  for (let i = 1; i <= clusters; i++) {
    const vlan = `k8s-${i}`;
    // Nodes, the VIP and headroom: the VLAN's subnet is sized from its hosts.
    app.vlans.push({ id: freeVlan(), name: vlan, purpose: `Kubernetes cluster ${i}`, hosts: nodes + 2, ipv6Mode: "slaac", dhcp: true });
    inv.clusters.push({
      ...template,
      id: i === 1 ? template.id : `${template.id}-${i}`,
      vlan,
      controlPlane: { count: 3, flavor: "m1.large" },
      // Eight workers per hypervisor at most: the plant's hypervisors hold a 47-node pool.
      nodePools: [{ name: "workers", count: nodes - 3, flavor: "m1.large", maxPerHost: 8, labels: {}, taints: [] }],
    });
  }
  return inv;
}
