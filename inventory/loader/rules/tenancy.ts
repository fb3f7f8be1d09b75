import type { Inventory } from "../../model";
import type { InventoryIndex } from "./inventoryIndex";
import { unknownReference, type RuleProblem } from "./ruleProblem";

const AGENCY = "an agency code defined under agencies";

/**
 * Agencies and systems point at things that exist: an agency's parent; a system's owner, consumers,
 * sites and backup policy; a backup policy's target zone.
 * @param inv a schema-valid inventory
 * @param idx shared lookups
 */
export function tenancyRules(inv: Inventory, idx: InventoryIndex): RuleProblem[] {
  const p: RuleProblem[] = [];
  inv.agencies.forEach((a, ai) => {
    if (a.parent !== undefined && !idx.agencies.has(a.parent)) p.push(unknownReference(["agencies", ai, "parent"], a.parent, AGENCY, idx.agencies));
    if (a.parent === a.code) p.push({ path: ["agencies", ai, "parent"], message: "expected another agency: an agency cannot be its own parent", found: JSON.stringify(a.parent) });
  });
  inv.systems.forEach((s, si) => {
    if (!idx.agencies.has(s.owner)) p.push(unknownReference(["systems", si, "owner"], s.owner, AGENCY, idx.agencies));
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
