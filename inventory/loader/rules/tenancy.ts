import { agencyMap, currentUnits, type Inventory } from "../../model";
import type { InventoryIndex } from "./inventoryIndex";
import { unknownReference, type RuleProblem } from "./ruleProblem";

const AGENCY = "an agency code defined under agencies";

/**
 * Systems point at things that exist: a system's owner, consumers, sites and backup policy; a backup
 * policy's target zone. An owner may be a former unit (its systems follow the lineage) as long as the
 * lineage leads to one unit in force: when it splits, the system names the one that owns it now.
 * @param inv a schema-valid inventory
 * @param idx shared lookups
 */
export function tenancyRules(inv: Inventory, idx: InventoryIndex): RuleProblem[] {
  const p: RuleProblem[] = [];
  const agencies = agencyMap(inv.agencies);
  inv.systems.forEach((s, si) => {
    if (!idx.agencies.has(s.owner)) p.push(unknownReference(["systems", si, "owner"], s.owner, AGENCY, idx.agencies));
    else {
      const now = currentUnits(agencies, s.owner);
      if (now.length > 1)
        p.push({
          path: ["systems", si, "owner"],
          message: `expected one owner in force; "${s.owner}" ceased on ${agencies.get(s.owner)?.ceased ?? "?"} and its lineage leads to ${now.join(", ")}: name the one that owns the system now`,
          found: JSON.stringify(s.owner),
        });
    }
    s.consumers.forEach((c, ci) => {
      if (!idx.agencies.has(c)) p.push(unknownReference(["systems", si, "consumers", ci], c, AGENCY, idx.agencies));
    });
    s.sites.forEach((site, i) => {
      if (!idx.sites.has(site)) p.push(unknownReference(["systems", si, "sites", i], site, "a site id defined under sites", idx.sites.keys()));
    });
    if (!idx.backupPolicies.has(s.backupPolicy))
      p.push(unknownReference(["systems", si, "backupPolicy"], s.backupPolicy, "a backup policy id defined under backupPolicies", idx.backupPolicies));
  });
  inv.backupPolicies.forEach((b, bi) => {
    if (!idx.zoneIds.has(b.targetZone)) p.push(unknownReference(["backupPolicies", bi, "targetZone"], b.targetZone, "a zone id defined under zones", idx.zoneIds));
  });
  return p;
}
