import type { Inventory } from "../../model";
import { zoneKey, type InventoryIndex } from "./inventoryIndex";
import { duplicates, unknownReference, type RuleProblem } from "./ruleProblem";

/** Device roles that can hold a backup copy. */
const COPY_DEVICE_ROLES: ReadonlySet<string> = new Set(["backup-appliance", "tape-library", "storage-array"]);

/**
 * Every backup copy is somewhere real: at a site of the province, on one device or in one zone of that site
 * (exactly one of them), the device one that can hold backups; copy ids are unique within their policy; a
 * system's disaster-recovery site exists.
 * @param inv a schema-valid inventory
 * @param idx shared lookups
 */
export function backupRules(inv: Inventory, idx: InventoryIndex): RuleProblem[] {
  const p: RuleProblem[] = [];
  inv.backupPolicies.forEach((b, bi) => {
    const at = (ci: number, field?: string) => ["backupPolicies", bi, "copies", ci, ...(field ? [field] : [])];
    p.push(...duplicates(b.copies, (c) => c.id, (ci) => at(ci, "id"), (c) => `expected copy ids unique within backup policy "${b.id}"; "${c.id}" is used twice`));
    b.copies.forEach((c, ci) => {
      if (!idx.sites.has(c.site)) {
        p.push(unknownReference(at(ci, "site"), c.site, "a site id defined under sites", idx.sites.keys()));
        return;
      }
      if ((c.device === undefined) === (c.zone === undefined))
        p.push({ path: at(ci), message: `expected exactly one of device or zone: where copy "${c.id}" of backup policy "${b.id}" is kept`, found: c.device && c.zone ? `device ${c.device} and zone ${c.zone}` : "neither" });
      if (c.device !== undefined) {
        const d = idx.devices.get(c.device);
        if (!d) p.push(unknownReference(at(ci, "device"), c.device, "a device name defined under devices", idx.devices.keys()));
        else if (d.site !== c.site) p.push({ path: at(ci, "device"), message: `expected a device at site "${c.site}"; device "${c.device}" stands at site "${d.site}"`, found: JSON.stringify(c.device) });
        else if (!COPY_DEVICE_ROLES.has(d.role)) p.push({ path: at(ci, "device"), message: `expected a device that holds backups (${[...COPY_DEVICE_ROLES].join(", ")}); "${c.device}" is a ${d.role}`, found: JSON.stringify(c.device) });
      }
      if (c.zone !== undefined && !idx.zones.has(zoneKey(c.site, c.zone))) {
        const here = inv.zones.filter((z) => z.site === c.site).map((z) => z.id);
        p.push(unknownReference(at(ci, "zone"), c.zone, `a zone id defined at site "${c.site}"`, here));
      }
    });
  });
  // A system's recovery site is a site of the province (whether it suits is DC-08's judgement).
  inv.systems.forEach((s, si) => {
    const site = s.disasterRecovery?.site;
    if (site !== undefined && !idx.sites.has(site)) p.push(unknownReference(["systems", si, "disasterRecovery", "site"], site, "a site id defined under sites", idx.sites.keys()));
  });
  return p;
}
