import type { DeviceRole, Inventory } from "../../model";
import { zoneKey, type InventoryIndex } from "./inventoryIndex";
import { unknownReference, type RuleProblem } from "./ruleProblem";

type Path = (string | number)[];
const SITE = "a site id defined under sites";

/**
 * The physical plant and clusters point at things that exist, at the same site: racks and devices at
 * sites, devices in racks, HBAs on fabrics, uplinks on a carrier entrance and a device, fabric switches
 * that are SAN switches, array controllers that are storage arrays, clusters in a zone.
 * @param inv a schema-valid inventory
 * @param idx shared lookups
 */
export function plantRules(inv: Inventory, idx: InventoryIndex): RuleProblem[] {
  const p: RuleProblem[] = [];
  const site = (path: Path, id: string): boolean => {
    if (idx.sites.has(id)) return true;
    p.push(unknownReference(path, id, SITE, idx.sites.keys()));
    return false;
  };
  /** A device that exists at `siteId` (and has `role` when given). */
  const device = (path: Path, name: string, siteId: string, role?: DeviceRole): void => {
    const d = idx.devices.get(name);
    if (!d) p.push(unknownReference(path, name, "a device name defined under devices", idx.devices.keys()));
    else if (d.site !== siteId) p.push({ path, message: `expected a device at site "${siteId}"; "${name}" is at site "${d.site}"`, found: JSON.stringify(name) });
    else if (role && d.role !== role) p.push({ path, message: `expected a device with role "${role}"; "${name}" is a ${d.role}`, found: JSON.stringify(name) });
  };

  inv.racks.forEach((r, i) => site(["racks", i, "site"], r.site));
  inv.devices.forEach((d, i) => {
    if (!site(["devices", i, "site"], d.site)) return;
    const rackSite = idx.rackSites.get(d.rack);
    if (rackSite === undefined) p.push(unknownReference(["devices", i, "rack"], d.rack, "a rack id defined under racks", idx.rackSites.keys()));
    else if (rackSite !== d.site)
      p.push({ path: ["devices", i, "rack"], message: `expected a rack at site "${d.site}"; rack "${d.rack}" is at site "${rackSite}"`, found: JSON.stringify(d.rack) });
    d.sanFabrics.forEach((f, fi) => {
      const fabricSite = idx.fabricSites.get(f);
      if (fabricSite === undefined) p.push(unknownReference(["devices", i, "sanFabrics", fi], f, "a SAN fabric id defined under sanFabrics", idx.fabricSites.keys()));
      else if (fabricSite !== d.site)
        p.push({ path: ["devices", i, "sanFabrics", fi], message: `expected a SAN fabric at site "${d.site}"; "${f}" is at site "${fabricSite}"`, found: JSON.stringify(f) });
    });
  });
  inv.uplinks.forEach((u, i) => {
    if (!site(["uplinks", i, "site"], u.site)) return;
    const entrances = idx.sites.get(u.site)?.carrierEntrances.map((e) => e.id) ?? [];
    if (!entrances.includes(u.entrance))
      p.push(unknownReference(["uplinks", i, "entrance"], u.entrance, `a carrier entrance of site "${u.site}"`, entrances));
    device(["uplinks", i, "device"], u.device, u.site);
  });
  inv.sanFabrics.forEach((f, i) => {
    if (site(["sanFabrics", i, "site"], f.site)) f.switches.forEach((s, si) => device(["sanFabrics", i, "switches", si], s, f.site, "san-switch"));
  });
  inv.storageArrays.forEach((a, i) => {
    if (site(["storageArrays", i, "site"], a.site)) a.devices.forEach((d, di) => device(["storageArrays", i, "devices", di], d, a.site, "storage-array"));
  });
  inv.clusters.forEach((c, i) => {
    if (!site(["clusters", i, "site"], c.site)) return;
    if (!idx.zones.has(zoneKey(c.site, c.zone))) {
      const here = [...idx.zones.values()].filter((z) => z.site === c.site).map((z) => z.id);
      p.push(unknownReference(["clusters", i, "zone"], c.zone, `a zone id defined at site "${c.site}"`, here));
    }
  });
  return p;
}
