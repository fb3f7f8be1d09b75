import type { Cluster, Inventory, NodePool } from "../../model";
import { nodeGroupImage } from "../../model/defaults";
import { zoneKey, type InventoryIndex } from "./inventoryIndex";
import { unknownReference, type RuleProblem } from "./ruleProblem";

type Path = (string | number)[];

/**
 * What a cluster the program builds must declare: its control plane, an approved image for every
 * node, VLANs of its zone, a load balancer of the plant at its site when it names one, automation
 * hosts that are VM tiers at its site, and CNI port ranges that run forwards. External clusters are
 * only filled, so none of this applies to them.
 * @param inv a schema-valid inventory
 * @param idx shared lookups
 */
export function clusterRules(inv: Inventory, idx: InventoryIndex): RuleProblem[] {
  const p: RuleProblem[] = [];
  inv.clusters.forEach((c, ci) => {
    if (c.external) return;
    const base: Path = ["clusters", ci];
    if (c.controlPlane === undefined) p.push({ path: [...base, "controlPlane"], message: 'missing required field "controlPlane" (count and flavor of the control-plane nodes; or mark the cluster external: true)' });
    p.push(...images(inv, c, base));
    p.push(...vlans(c, base, idx));
    p.push(...apiEndpoint(c, base, idx));
    if (c.etcdBackupPolicy !== undefined && !idx.backupPolicies.has(c.etcdBackupPolicy))
      p.push(unknownReference([...base, "etcdBackupPolicy"], c.etcdBackupPolicy, "a backup policy id defined under backupPolicies", idx.backupPolicies));
    c.automationHosts.forEach((h, hi) => {
      const at: Path = [...base, "automationHosts", hi];
      const system = idx.systems.get(h.system);
      if (!system) return p.push(unknownReference([...at, "system"], h.system, "a system id defined under systems", idx.systems.keys()));
      const tier = system.tiers.find((t) => t.name === h.tier);
      if (!tier) return p.push(unknownReference([...at, "tier"], h.tier, `a tier name of system "${system.id}"`, system.tiers.map((t) => t.name)));
      if (tier.form !== "vm") p.push({ path: [...at, "tier"], message: `expected a VM tier (its hosts' security group is what the API admits); tier "${h.tier}" of "${h.system}" is of form "${tier.form}"`, found: JSON.stringify(h.tier) });
      else if (!system.sites.includes(c.site)) p.push({ path: [...at, "system"], message: `expected a system running at the cluster's site "${c.site}"; "${h.system}" runs at ${system.sites.join(", ")}`, found: JSON.stringify(h.system) });
    });
    (c.cni.ports ?? []).forEach((port, pi) => {
      if (port.portMax !== undefined && port.portMax < port.port)
        p.push({ path: [...base, "cni", "ports", pi, "portMax"], message: `expected a last port at least the first (${port.port})`, found: String(port.portMax) });
    });
  });
  return p;
}

/** Every node group has an image, and every image named is approved when the province keeps an approved list. */
function images(inv: Inventory, c: Cluster, base: Path): RuleProblem[] {
  const p: RuleProblem[] = [];
  const approved = inv.security.approvedImages;
  const groups: Array<{ path: Path; group: Pick<NodePool, "image"> }> = [
    ...(c.controlPlane ? [{ path: [...base, "controlPlane"], group: c.controlPlane }] : []),
    ...c.nodePools.map((pool, pi) => ({ path: [...base, "nodePools", pi], group: pool })),
  ];
  const named: Array<{ path: Path; image: string }> = c.image !== undefined ? [{ path: [...base, "image"], image: c.image }] : [];
  for (const g of groups) {
    if (g.group.image !== undefined) named.push({ path: [...g.path, "image"], image: g.group.image });
    else if (nodeGroupImage(c, g.group) === undefined) p.push({ path: [...g.path, "image"], message: "missing required field \"image\" (set the cluster's image, or one here)" });
  }
  if (approved.length > 0)
    for (const n of named) if (!approved.includes(n.image)) p.push({ path: n.path, message: `expected an image listed in security.approvedImages (${approved.join(", ")})`, found: JSON.stringify(n.image) });
  return p;
}

/** The cluster's and each pool's VLAN are VLANs of the cluster's zone. */
function vlans(c: Cluster, base: Path, idx: InventoryIndex): RuleProblem[] {
  const zone = idx.zones.get(zoneKey(c.site, c.zone));
  if (!zone) return []; // reported by the plant rules
  const names = zone.vlans.map((v) => v.name);
  const p: RuleProblem[] = [];
  if (c.vlan !== undefined && !names.includes(c.vlan)) p.push(unknownReference([...base, "vlan"], c.vlan, `a VLAN name of zone "${zone.id}" at site "${c.site}"`, names));
  c.nodePools.forEach((pool, pi) => {
    if (pool.vlan !== undefined && !names.includes(pool.vlan)) p.push(unknownReference([...base, "nodePools", pi, "vlan"], pool.vlan, `a VLAN name of zone "${zone.id}" at site "${c.site}"`, names));
  });
  if (zone.vlans.length === 0) p.push({ path: [...base, "zone"], message: `expected a zone with a VLAN for the cluster's nodes; zone "${zone.id}" has none`, found: JSON.stringify(c.zone) });
  return p;
}

/** A named load balancer is a device of role load-balancer at the cluster's site. */
function apiEndpoint(c: Cluster, base: Path, idx: InventoryIndex): RuleProblem[] {
  const lb = c.apiEndpoint.loadBalancer;
  const path = [...base, "apiEndpoint", "loadBalancer"];
  const p: RuleProblem[] = [];
  if (lb !== undefined) {
    const here = [...idx.devices.values()].filter((d) => d.site === c.site && d.role === "load-balancer").map((d) => d.name);
    const device = idx.devices.get(lb);
    if (!device || device.site !== c.site || device.role !== "load-balancer") p.push(unknownReference(path, lb, `a device of role load-balancer at site "${c.site}"`, here));
    if (c.apiEndpoint.ipv4 !== undefined) p.push({ path: [...base, "apiEndpoint", "ipv4"], message: "a VIP address and a load balancer are mutually exclusive: the load balancer holds the API's address", found: JSON.stringify(c.apiEndpoint.ipv4) });
  }
  return p;
}
