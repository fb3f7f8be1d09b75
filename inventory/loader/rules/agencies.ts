import { ADMIN_CODE_DIGITS, AGENCY_TIER, agencyMap, cycleThrough, type Agency, type AgencyMap, type Inventory } from "../../model";
import type { InventoryIndex } from "./inventoryIndex";
import { duplicates, unknownReference, type RuleProblem } from "./ruleProblem";

const AGENCY = "an agency code defined under agencies";

/**
 * The two-tier structure and the lineage of agencies:
 * - districts and townships exist only as history (abolished on 2025-07-01): they carry `ceased`;
 * - a former unit (with `ceased`) names the unit(s) it became, each defined, and a successor that ceased
 *   too ceased later (lineage runs forward in time, so it can never loop);
 * - the administrative-unit code has the digits of its kind and is unique among units in force;
 * - parents exist, form no cycle, and a unit in force sits under a province-level body in force
 *   (communes, wards and special zones are directly under the province since 2025-07-01).
 * @param inv a schema-valid inventory
 * @param idx shared lookups
 */
export function agencyRules(inv: Inventory, idx: InventoryIndex): RuleProblem[] {
  const agencies = agencyMap(inv.agencies);
  const p: RuleProblem[] = [];
  inv.agencies.forEach((a, ai) => {
    const base = ["agencies", ai];
    p.push(...adminCodeProblems(a, base));
    p.push(...lineageProblems(a, base, agencies, idx));
    p.push(...parentProblems(a, base, agencies, idx));
  });
  const inForce = inv.agencies.map((item, i) => ({ item, i })).filter((x) => x.item.ceased === undefined && x.item.adminCode !== undefined);
  p.push(
    ...duplicates(
      inForce,
      (x) => x.item.adminCode,
      (k) => ["agencies", inForce[k].i, "adminCode"],
      (x) => `duplicate administrative-unit code "${x.item.adminCode}": two units in force cannot share it`,
    ),
  );
  return p;
}

function adminCodeProblems(a: Agency, base: (string | number)[]): RuleProblem[] {
  if (a.adminCode === undefined) return [];
  const digits = ADMIN_CODE_DIGITS[a.kind];
  if (digits === undefined) return [{ path: [...base, "adminCode"], message: `expected no administrative-unit code: a ${a.kind} is not an administrative unit`, found: JSON.stringify(a.adminCode) }];
  if (a.adminCode.length !== digits) return [{ path: [...base, "adminCode"], message: `expected a ${digits}-digit administrative-unit code for a ${a.kind}`, found: JSON.stringify(a.adminCode) }];
  return [];
}

function lineageProblems(a: Agency, base: (string | number)[], agencies: AgencyMap, idx: InventoryIndex): RuleProblem[] {
  const p: RuleProblem[] = [];
  if (AGENCY_TIER[a.kind] === "former" && a.ceased === undefined)
    p.push({
      path: [...base, "ceased"],
      message: `missing required field "ceased": the ${a.kind} level was abolished on 2025-07-01 (Resolution 202/2025/QH15); keep the unit as history with the date it ceased and its successors`,
    });
  if (a.ceased !== undefined && a.successors.length === 0)
    p.push({ path: [...base, "successors"], message: 'missing required field "successors": a former unit names the unit(s) it became, so what it owned follows them' });
  if (a.ceased === undefined && a.successors.length > 0)
    p.push({ path: [...base, "ceased"], message: 'missing required field "ceased": a unit with successors has ceased; give the date', found: `${a.successors.length} successor(s)` });
  a.successors.forEach((code, i) => {
    const path = [...base, "successors", i];
    const next = agencies.get(code);
    if (next === undefined) p.push(unknownReference(path, code, AGENCY, idx.agencies));
    else if (code === a.code) p.push({ path, message: "expected another agency: a unit cannot be its own successor", found: JSON.stringify(code) });
    else if (a.ceased !== undefined && next.ceased !== undefined && next.ceased <= a.ceased)
      p.push({ path, message: `expected a successor that outlived this unit (ceased ${a.ceased}); "${code}" ceased on ${next.ceased}`, found: JSON.stringify(code) });
  });
  return p;
}

function parentProblems(a: Agency, base: (string | number)[], agencies: AgencyMap, idx: InventoryIndex): RuleProblem[] {
  if (a.parent === undefined) return [];
  const path = [...base, "parent"];
  const parent = agencies.get(a.parent);
  if (parent === undefined) return [unknownReference(path, a.parent, AGENCY, idx.agencies)];
  if (a.parent === a.code) return [{ path, message: "expected another agency: an agency cannot be its own parent", found: JSON.stringify(a.parent) }];
  const cycle = cycleThrough(agencies, a.code, (x) => (x.parent === undefined ? [] : [x.parent]));
  // A cycle is reported once, at the member with the smallest code.
  if (cycle !== undefined) return cycle.every((c) => c >= a.code) ? [{ path, message: `expected a parent chain that ends: ${cycle.join(" → ")}`, found: JSON.stringify(a.parent) }] : [];
  if (a.ceased !== undefined) return [];
  if (parent.ceased !== undefined)
    return [{ path, message: `expected a parent in force; "${parent.code}" ceased on ${parent.ceased} (it became ${parent.successors.join(", ")})`, found: JSON.stringify(a.parent) }];
  if (AGENCY_TIER[parent.kind] !== "province")
    return [{ path, message: `expected a province-level body as parent (communes, wards and special zones are directly under the province since 2025-07-01); "${parent.code}" is a ${parent.kind}`, found: JSON.stringify(a.parent) }];
  return [];
}
