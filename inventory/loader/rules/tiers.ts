import { placeTierPool, type HostedSystem, type Inventory, type Tier } from "../../model";
import { zoneKey, type InventoryIndex } from "./inventoryIndex";
import { unknownReference, type RuleProblem } from "./ruleProblem";

type Path = (string | number)[];

/**
 * Where each tier of a system runs: its zone exists at every site of the system and its VLAN is in
 * that zone; a container tier names a cluster at one of the system's sites; the storage pool exists;
 * ports are published only from a `dmz` zone; VM images are approved when an approved list is set.
 * @param inv a schema-valid inventory
 * @param idx shared lookups
 */
export function tierRules(inv: Inventory, idx: InventoryIndex): RuleProblem[] {
  const p: RuleProblem[] = [];
  const approved = inv.security.approvedImages;
  inv.systems.forEach((s, si) =>
    s.tiers.forEach((t, ti) => {
      const base: Path = ["systems", si, "tiers", ti];
      p.push(...placement(s, t, base, idx));
      if (t.form === "container") {
        if (t.cluster === undefined) p.push({ path: [...base, "cluster"], message: 'missing required field "cluster" (a container tier names its Kubernetes cluster)' });
        else if (!idx.clusterSites.has(t.cluster))
          p.push(unknownReference([...base, "cluster"], t.cluster, "a cluster id defined under clusters", idx.clusterSites.keys()));
        else if (!s.sites.includes(idx.clusterSites.get(t.cluster) as string))
          p.push({
            path: [...base, "cluster"],
            message: `expected a cluster at one of the system's sites (${s.sites.join(", ")}); cluster "${t.cluster}" is at site "${idx.clusterSites.get(t.cluster)}"`,
            found: JSON.stringify(t.cluster),
          });
      }
      if (t.storagePool !== undefined && !idx.pools.has(t.storagePool))
        p.push(unknownReference([...base, "storagePool"], t.storagePool, "a storage pool id defined under storageArrays[].pools", idx.pools.keys()));
      p.push(...storage(inv, s, t, base));
      if (t.form === "vm" && approved.length > 0 && t.image !== undefined && !approved.includes(t.image))
        p.push({ path: [...base, "image"], message: `expected an image listed in security.approvedImages (${approved.join(", ")})`, found: JSON.stringify(t.image) });
      if (t.role === "cloud-api" && t.form !== "bare-metal")
        p.push({ path: [...base, "form"], message: 'expected "bare-metal" for a cloud-api tier: the cloud\'s API runs on the controllers that build the cloud, never on a VM or pod of it', found: JSON.stringify(t.form) });
    }),
  );
  p.push(...oneCloudApiPerSite(inv));
  return p;
}

/**
 * At most one `cloud-api` tier at a site: the backup jobs that call the cloud's API need one address for it.
 * The second (and later, in file order) at a site is reported, naming the first.
 */
function oneCloudApiPerSite(inv: Inventory): RuleProblem[] {
  const first = new Map<string, string>();
  const p: RuleProblem[] = [];
  inv.systems.forEach((s, si) =>
    s.tiers.forEach((t, ti) => {
      if (t.role !== "cloud-api") return;
      for (const site of s.sites) {
        const known = first.get(site);
        if (known === undefined) first.set(site, `${s.id}/${t.name}`);
        else p.push({ path: ["systems", si, "tiers", ti, "role"], message: `expected one cloud-api tier at site "${site}"; ${known} is already its cloud's API`, found: JSON.stringify(t.role) });
      }
    }),
  );
  return p;
}

/** Where a tier's volumes come from: exactly one of storagePool/storageTier when it has volumes, and a pool at every site. */
function storage(inv: Inventory, s: HostedSystem, t: Tier, base: Path): RuleProblem[] {
  if (t.storagePool !== undefined && t.storageTier !== undefined)
    return [{ path: [...base, "storageTier"], message: "storagePool and storageTier are mutually exclusive, and cannot both be set", found: JSON.stringify(t.storageTier) }];
  if (t.volumeGiB > 0 && t.storagePool === undefined && t.storageTier === undefined)
    return [{ path: [...base, "volumeGiB"], message: "a tier with volumes names where they come from: storagePool (one site) or storageTier (every site of the system)", found: String(t.volumeGiB) }];
  const p: RuleProblem[] = [];
  if (t.volumeGiB === 0 && t.storagePool === undefined && t.storageTier === undefined) return p;
  for (const site of s.sites) {
    const placed = placeTierPool(inv.storageArrays, site, s.id, t);
    if (placed.pool) continue;
    const considered = placed.considered.map((c) => `${c.id} (${c.refused})`).join(", ");
    if (t.storageTier !== undefined)
      p.push({
        path: [...base, "storageTier"],
        message: considered
          ? `no pool of media tier "${t.storageTier}" at site "${site}" that system "${s.id}" may use (pools considered: ${considered})`
          : `expected a pool of media tier "${t.storageTier}" at site "${site}" (system "${s.id}" runs there)`,
        found: JSON.stringify(t.storageTier),
      });
    else if (considered !== "")
      p.push({ path: [...base, "storagePool"], message: `system "${s.id}" may not use pool ${considered}`, found: JSON.stringify(t.storagePool) });
    else if (t.volumeGiB > 0 && inv.storageArrays.some((a) => a.pools.some((x) => x.id === t.storagePool)))
      p.push({ path: [...base, "storagePool"], message: `expected a pool at site "${site}" (the system runs there); use storageTier for systems at several sites`, found: JSON.stringify(t.storagePool) });
  }
  return p;
}

/** The tier's zone and VLAN at each site of the system, and the DMZ rule for published ports. */
function placement(s: HostedSystem, t: Tier, base: Path, idx: InventoryIndex): RuleProblem[] {
  const p: RuleProblem[] = [];
  for (const site of s.sites) {
    if (!idx.sites.has(site)) continue; // reported by the tenancy rules
    const zone = idx.zones.get(zoneKey(site, t.zone));
    if (!zone) {
      const here = [...idx.zones.values()].filter((z) => z.site === site).map((z) => z.id);
      p.push(unknownReference([...base, "zone"], t.zone, `a zone id defined at site "${site}" (the system runs there)`, here));
      continue;
    }
    if (t.vlan !== undefined && !zone.vlans.some((v) => v.name === t.vlan))
      p.push(unknownReference([...base, "vlan"], t.vlan, `a VLAN name of zone "${zone.id}" at site "${site}"`, zone.vlans.map((v) => v.name)));
    if (t.publish.length > 0 && zone.kind !== "dmz")
      p.push({
        path: [...base, "publish"],
        message: `ports may be published only from a dmz zone; zone "${zone.id}" at site "${site}" is of kind "${zone.kind}"`,
        found: `${t.publish.length} published port${t.publish.length === 1 ? "" : "s"}`,
      });
  }
  return p;
}
