import { AGENCY_TIER, agencyMap, currentUnits, type Agency } from "../model";
import { renamed, type RenameMap } from "./renames";

/**
 * The agencies of a moved province after the merger. A province-level body with a counterpart in the kept
 * province (same code, else same name) ceases on the merger date and becomes it: the moved province's
 * People's Committee becomes the kept one, its Department of Health the kept Department of Health. Its
 * commune-level units stay in force (they are places: two communes of one name in two provinces are two
 * units), directly under the kept province. Former units stay as history; their successors lead on. An
 * administrative-unit code a kept unit in force already uses is dropped (the registry assigns another).
 */

/** Names compared without case, spacing or Unicode composition differences. */
function normalName(name: string): string {
  return name.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();
}

/** The kept province's root: its People's Committee (a province office without parent), lowest code first. */
export function keptRoot(kept: readonly Agency[]): string | undefined {
  return kept
    .filter((a) => a.kind === "province-office" && a.parent === undefined && a.ceased === undefined)
    .map((a) => a.code)
    .sort()[0];
}

/**
 * The kept units a moved province-level body becomes, or undefined when it has no counterpart.
 * @param a the moved agency (original code)
 * @param kept the kept province's agencies
 */
export function counterpart(a: Agency, kept: readonly Agency[]): string[] | undefined {
  if (AGENCY_TIER[a.kind] !== "province") return undefined;
  const keptMap = agencyMap(kept);
  const byCode = keptMap.get(a.code);
  const byName = kept.find((k) => AGENCY_TIER[k.kind] === "province" && normalName(k.name) === normalName(a.name));
  const match = byCode !== undefined && AGENCY_TIER[byCode.kind] === "province" ? byCode : byName;
  if (match !== undefined) {
    const now = currentUnits(keptMap, match.code);
    if (now.length > 0) return now;
  }
  if (a.kind === "province-office" && a.parent === undefined) {
    const root = keptRoot(kept);
    return root === undefined ? undefined : [root];
  }
  return undefined;
}

/**
 * The moved province's agencies as they stand in the merged province.
 * @param moved its agencies with their original codes
 * @param codes its agency renames (original → merged code)
 * @param kept the kept province's agencies
 * @param mergedOn the merger date
 */
export function mergeAgencies(moved: readonly Agency[], codes: RenameMap, kept: readonly Agency[], mergedOn: string): Agency[] {
  const code = (c: string): string => renamed(codes, c);
  const root = keptRoot(kept);
  const keptAdminCodes = new Set(kept.filter((k) => k.ceased === undefined && k.adminCode !== undefined).map((k) => k.adminCode));
  const becomes = new Map<string, string[]>();
  for (const a of moved) if (a.ceased === undefined) {
    const c = counterpart(a, kept);
    if (c !== undefined) becomes.set(a.code, c);
  }
  return moved.map((a): Agency => {
    const base: Agency = {
      ...a,
      code: code(a.code),
      ...(a.parent !== undefined ? { parent: code(a.parent) } : {}),
      successors: a.successors.map(code),
    };
    if (a.ceased !== undefined) return base;
    const into = becomes.get(a.code);
    if (into !== undefined) return { ...base, ceased: mergedOn, successors: into };
    // Stays in force: under the parent's counterpart when the parent merges, else under the kept root.
    let parent = base.parent;
    if (a.parent !== undefined) {
      const parentInto = becomes.get(a.parent);
      if (parentInto !== undefined) parent = parentInto[0];
    } else if (AGENCY_TIER[a.kind] === "commune" && root !== undefined) parent = root;
    const { adminCode, ...rest } = base;
    return {
      ...rest,
      ...(parent !== undefined ? { parent } : {}),
      ...(adminCode !== undefined && !keptAdminCodes.has(adminCode) ? { adminCode } : {}),
    };
  });
}
