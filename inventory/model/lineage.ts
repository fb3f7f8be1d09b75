import type { Agency } from "./tenant";

/**
 * The lineage of agencies: a former unit (a district, a pre-merger commune or department, a former
 * province's body) names the unit(s) it became, so whatever names it (a system's owner or consumers, a
 * tenant, a TSLCD attachment) follows to the units in force. Pure functions over the agency list; they
 * never loop on a cycle (the loader reports cycles) and ignore codes that are not defined.
 */

/** Agencies by code (first definition wins; duplicates are reported by the loader). */
export type AgencyMap = ReadonlyMap<string, Agency>;

/**
 * Indexes agencies by code.
 * @param agencies the inventory's agencies
 */
export function agencyMap(agencies: readonly Agency[]): AgencyMap {
  const m = new Map<string, Agency>();
  for (const a of agencies) if (!m.has(a.code)) m.set(a.code, a);
  return m;
}

/**
 * The units in force a code stands for today: itself when in force, else the units in force its
 * successors lead to. Sorted, without repeats; empty for an unknown code or a lineage that ends nowhere.
 * @param agencies agencies by code
 * @param code the code named
 */
export function currentUnits(agencies: AgencyMap, code: string): string[] {
  const found = new Set<string>();
  const seen = new Set<string>();
  const walk = (c: string): void => {
    if (seen.has(c)) return;
    seen.add(c);
    const a = agencies.get(c);
    if (a === undefined) return;
    if (a.ceased === undefined) found.add(c);
    else for (const s of a.successors) walk(s);
  };
  walk(code);
  return [...found].sort();
}

/**
 * Every former unit whose lineage reaches `code`: the units it was formed from, theirs, and so on.
 * Sorted, without repeats, `code` itself excluded.
 * @param agencies agencies by code
 * @param code a unit (in force or former)
 */
export function formerUnits(agencies: AgencyMap, code: string): string[] {
  const predecessors = new Map<string, string[]>();
  for (const a of agencies.values()) for (const s of a.successors) predecessors.set(s, [...(predecessors.get(s) ?? []), a.code]);
  const found = new Set<string>();
  const stack = [code];
  while (stack.length > 0) {
    const c = stack.pop() as string;
    for (const p of predecessors.get(c) ?? []) {
      if (p === code || found.has(p)) continue;
      found.add(p);
      stack.push(p);
    }
  }
  return [...found].sort();
}

/**
 * The agencies a list of codes stands for today (each code through `currentUnits`), sorted, without repeats.
 * @param agencies agencies by code
 * @param codes codes named (e.g. a system's consumers)
 */
export function currentUnitsOfAll(agencies: AgencyMap, codes: readonly string[]): string[] {
  return [...new Set(codes.flatMap((c) => currentUnits(agencies, c)))].sort();
}

/**
 * The one unit in force that owns what `code` owned: the code itself when in force, else the single unit
 * its lineage leads to. Undefined when the lineage splits (the loader asks for one of them) or ends nowhere.
 * @param agencies agencies by code
 * @param code the owner named
 */
export function currentOwner(agencies: AgencyMap, code: string): string | undefined {
  const units = currentUnits(agencies, code);
  return units.length === 1 ? units[0] : undefined;
}

/**
 * The successor cycle through `code`, if any: the codes from `code` back to itself, in order.
 * @param agencies agencies by code
 * @param code where to start
 * @param next the edges to follow (successors, or the parent)
 */
export function cycleThrough(agencies: AgencyMap, code: string, next: (a: Agency) => readonly string[]): string[] | undefined {
  const path: string[] = [];
  const onPath = new Set<string>();
  const done = new Set<string>();
  const walk = (c: string): string[] | undefined => {
    if (c === code && path.length > 0) return [...path, c];
    if (onPath.has(c) || done.has(c)) return undefined;
    const a = agencies.get(c);
    if (a === undefined) return undefined;
    path.push(c);
    onPath.add(c);
    for (const n of next(a)) {
      const found = walk(n);
      if (found) return found;
    }
    path.pop();
    onPath.delete(c);
    done.add(c);
    return undefined;
  };
  return walk(code);
}
