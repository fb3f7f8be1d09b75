/** Creation order of planned resources: dependency levels, each level independent of the others. */
import type { Plan, PlannedResource } from "../offline/planTypes";
import { referencedResources, refIndex } from "./refs";

/**
 * Groups resources into levels so every resource comes after everything it refers to; within a
 * level, registration order is kept. Throws naming the resources of a cycle.
 * @param plan the whole plan (for reference lookup)
 * @param resources the resources to order (a subset of the plan)
 */
export function dependencyLevels(plan: Plan, resources: readonly PlannedResource[]): PlannedResource[][] {
  const index = refIndex(plan);
  const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
  const wanted = new Set(resources.map((r) => r.urn));
  const deps = new Map(resources.map((r) => [r.urn, referencedResources(r, index, byUrn).filter((d) => wanted.has(d.urn)).map((d) => d.urn)]));
  const level = new Map<string, number>();
  const visiting = new Set<string>();
  const visit = (urn: string): number => {
    const known = level.get(urn);
    if (known !== undefined) return known;
    if (visiting.has(urn)) throw new Error(`dependency cycle through ${[...visiting].join(" → ")}`);
    visiting.add(urn);
    const l = Math.max(-1, ...(deps.get(urn) ?? []).map(visit)) + 1;
    visiting.delete(urn);
    level.set(urn, l);
    return l;
  };
  const levels: PlannedResource[][] = [];
  for (const r of resources) (levels[visit(r.urn)] ??= []).push(r);
  return levels.filter((l) => l.length > 0);
}
