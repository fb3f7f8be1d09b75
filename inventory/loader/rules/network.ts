import { vlanPhysnet, type Inventory } from "../../model";
import type { InventoryIndex } from "./inventoryIndex";
import { unknownReference, type RuleProblem } from "./ruleProblem";

/**
 * Zones and VLANs against their site: the zone's site exists, its boundary device (or HA group) is
 * at that site, each VLAN's physnet belongs to the site and its id lies in the physnet's range;
 * each physnet's range is not reversed.
 * @param inv a schema-valid inventory
 * @param idx shared lookups
 */
export function networkRules(inv: Inventory, idx: InventoryIndex): RuleProblem[] {
  const p: RuleProblem[] = [];
  inv.sites.forEach((s, si) =>
    s.physnets.forEach((n, ni) => {
      if (n.vlanMin > n.vlanMax)
        p.push({ path: ["sites", si, "physnets", ni, "vlanMax"], message: `expected vlanMax at least vlanMin (${n.vlanMin})`, found: String(n.vlanMax) });
    }),
  );
  inv.zones.forEach((z, zi) => {
    const site = idx.sites.get(z.site);
    if (!site) {
      p.push(unknownReference(["zones", zi, "site"], z.site, "a site id defined under sites", idx.sites.keys()));
      return;
    }
    const device = idx.devices.get(z.enforcedBy);
    const group = idx.haGroups.get(z.enforcedBy);
    const enforcedHere = (device && device.site === z.site) || (group ?? []).some((d) => d.site === z.site);
    if (!enforcedHere)
      p.push({
        path: ["zones", zi, "enforcedBy"],
        message: `expected a device name or HA group at site "${z.site}"${device || group ? " (it is at another site)" : ""}`,
        found: JSON.stringify(z.enforcedBy),
      });
    z.vlans.forEach((v, vi) => {
      const physnet = vlanPhysnet(site, v);
      if (!physnet) {
        p.push(
          v.physnet !== undefined
            ? { path: ["zones", zi, "vlans", vi, "physnet"], message: `expected a physnet of site "${z.site}" (${site.physnets.map((n) => n.name).join(", ")})`, found: JSON.stringify(v.physnet) }
            : {
                path: ["zones", zi, "vlans", vi, "id"],
                message: `expected the VLAN id to fall in exactly one physnet range of site "${z.site}" (${site.physnets.map((n) => `${n.name} ${n.vlanMin}..${n.vlanMax}`).join(", ")}), or name one with \`physnet\``,
                found: String(v.id),
              },
        );
        return;
      }
      if (v.id < physnet.vlanMin || v.id > physnet.vlanMax)
        p.push({
          path: ["zones", zi, "vlans", vi, "id"],
          message: `expected a VLAN id in physnet "${physnet.name}"'s range ${physnet.vlanMin}..${physnet.vlanMax}`,
          found: String(v.id),
        });
    });
  });
  return p;
}
