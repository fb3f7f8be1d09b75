/**
 * The endpoints of the Kubernetes clusters the program builds at a site, read from the inventory's
 * cluster model (not from the compiler that builds them): one endpoint per node (`node:<cluster>/<pool>/<n>`,
 * the control plane's pool being `control-plane`), made of the plan's port tagged `cluster:`, `pool:` and
 * `node:`; and the API VIP (`api:<cluster>`, clusters without a load balancer), whose address is the VIP
 * port's and whose hosts are the control-plane ports that hold it (allowed address pairs): traffic to the
 * VIP meets the holder's security groups, never the unbound VIP port's. A node without a port, or a VIP
 * nothing holds, is an unenforced sample address with a note saying so.
 */
import type { Cluster, Inventory } from "../inventory/model";
import { clusterVlan } from "../inventory/model/defaults";
import type { SitePlan } from "../inventory/addressing/types";
import type { Family } from "./addresses";
import type { Dataplane } from "./dataplane";
import type { Endpoint, Host, Location } from "./endpointTypes";
import type { NeutronPort } from "./neutronModel";
import { portHost, subnetsOf } from "./portHost";
import type { PrefixTrie } from "./prefixTrie";
import type { SiteTopology } from "./topology";

/** The pool name of the control plane's nodes. */
export const CONTROL_PLANE_POOL = "control-plane";

/** The node groups of a cluster (control plane first), with their node counts and VLAN names. */
export function clusterNodeGroups(inventory: Pick<Inventory, "zones">, c: Cluster): Array<{ pool: string; count: number; vlan?: string; controlPlane: boolean }> {
  const zone = inventory.zones.find((z) => z.site === c.site && z.id === c.zone);
  const out: Array<{ pool: string; count: number; vlan?: string; controlPlane: boolean }> = [];
  if (c.controlPlane) out.push({ pool: CONTROL_PLANE_POOL, count: c.controlPlane.count, vlan: zone ? clusterVlan(zone, c)?.name : undefined, controlPlane: true });
  for (const p of [...c.nodePools].sort((a, b) => a.name.localeCompare(b.name))) out.push({ pool: p.name, count: p.count, vlan: zone ? clusterVlan(zone, c, p)?.name : undefined, controlPlane: false });
  return out;
}

/** The clusters the program builds at a site (an `external` one is not on the site's cloud). */
export function builtClustersAt(inventory: Pick<Inventory, "clusters">, site: string): Cluster[] {
  return inventory.clusters.filter((c) => c.site === site && !c.external).sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * Every endpoint of the site's built clusters.
 * @param inventory the validated inventory
 * @param sitePlan the site's address plan
 * @param dp the plan's dataplane
 * @param topo the site's topology
 * @param trie the plan's subnets by prefix
 */
export function clusterEndpoints(inventory: Inventory, sitePlan: SitePlan, dp: Dataplane, topo: SiteTopology, trie: PrefixTrie<string>): Endpoint[] {
  const site = sitePlan.site;
  const byTag = new Map<string, NeutronPort[]>();
  for (const p of dp.neutron.ports) {
    const cluster = p.tags["cluster"];
    if (cluster === undefined || (p.tags["site"] ?? site) !== site) continue;
    const k = p.tags["role"] === "api-vip" ? `${cluster}|api` : p.tags["pool"] !== undefined && p.tags["node"] !== undefined ? `${cluster}|${p.tags["pool"]}|${p.tags["node"]}` : undefined;
    if (k === undefined) continue;
    byTag.set(k, [...(byTag.get(k) ?? []), p]);
  }
  const out: Endpoint[] = [];
  for (const c of builtClustersAt(inventory, site)) {
    const sample = (vlan: string | undefined, id: string): Host => {
      const subnet = sitePlan.subnets.find((s) => s.zone === c.zone && s.vlanName === vlan);
      const address: Partial<Record<Family, string>> = subnet ? { ipv4: subnet.ipv4.pool.start, ipv6: subnet.ipv6.pool.start } : {};
      return { id: `${id}#sample`, address, subnetId: subnetsOf(trie, address), location: { zone: c.zone, vlan: subnet ? `${subnet.zone}/${subnet.vlanName}` : undefined } };
    };
    const cpPorts: NeutronPort[] = [];
    for (const g of clusterNodeGroups(inventory, c)) {
      const location: Location = { zone: c.zone, vlan: g.vlan !== undefined ? `${c.zone}/${g.vlan}` : undefined };
      for (let n = 1; n <= g.count; n++) {
        const id = `node:${c.id}/${g.pool}/${n}`;
        const base = { id, label: `${c.id}/${g.pool}/${n}`, kind: "node" as const, column: c.zone, zone: c.zone, cluster: c.id, pool: g.pool, vlan: location.vlan };
        const ports = (byTag.get(`${c.id}|${g.pool}|${n}`) ?? []).slice().sort((a, b) => a.urn.localeCompare(b.urn));
        if (g.controlPlane) cpPorts.push(...ports);
        if (ports.length === 0) out.push({ ...base, hosts: [sample(g.vlan, id)], note: "node without a port in the plan: represented by an unenforced sample address" });
        else out.push({ ...base, hosts: ports.map((p) => portHost(p, dp, topo, location)) });
      }
    }
    if (c.apiEndpoint.loadBalancer !== undefined) continue;
    const id = `api:${c.id}`;
    const cpVlan = clusterNodeGroups(inventory, c).find((g) => g.controlPlane)?.vlan;
    const base = { id, label: `${c.id} API VIP`, kind: "api" as const, column: c.zone, zone: c.zone, cluster: c.id, vlan: cpVlan !== undefined ? `${c.zone}/${cpVlan}` : undefined };
    const vipPort = (byTag.get(`${c.id}|api`) ?? [])[0];
    if (!vipPort) {
      out.push({ ...base, hosts: [sample(cpVlan, id)], note: "API VIP without a port in the plan: represented by an unenforced sample address" });
      continue;
    }
    const vip = portHost(vipPort, dp, topo, { zone: c.zone, vlan: base.vlan });
    const holders: Host[] = [];
    for (const p of cpPorts) {
      const address: Partial<Record<Family, string>> = {};
      for (const f of ["ipv4", "ipv6"] as const) {
        const a = vip.address[f];
        if (a !== undefined && p.allowedAddresses.includes(a)) address[f] = a;
      }
      if (Object.keys(address).length === 0) continue;
      const holder = portHost(p, dp, topo, { zone: c.zone, vlan: base.vlan });
      holders.push({ id: `${p.urn}#api`, address, subnetId: subnetsOf(trie, address), location: holder.location, port: holder.port });
    }
    if (holders.length === 0) out.push({ ...base, hosts: [{ ...vip, id: `${id}#unheld`, port: undefined }], note: "API VIP that no control-plane port holds (allowed address pairs): nothing answers for it" });
    else out.push({ ...base, hosts: holders });
  }
  return out;
}
