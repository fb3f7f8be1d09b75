/**
 * References between planned resources. The offline plan records an input that takes another
 * resource's id as that resource's mock id, `id-of:<type>::<name>` (see offline/mockEngine.ts), or
 * as its URN; the replay swaps it for the live id, the reconciler for a symbolic `ref:` key.
 */
import type { Plan, PlannedResource } from "../offline/planTypes";

/** Prefix of the mock engine's ids (kept in step with offline/mockEngine.ts's ID_PREFIX). */
export const MOCK_ID_PREFIX = "id-of:";

/**
 * The mock id the offline engine gives a resource.
 * @param r the planned resource
 */
export function mockIdOf(r: Pick<PlannedResource, "type" | "name">): string {
  return `${MOCK_ID_PREFIX}${r.type}::${r.name}`;
}

/** Looks up the planned resource a reference string stands for. */
export interface RefIndex {
  /**
   * The planned resource `value` refers to, or undefined when it is a plain value.
   * @param value an input string
   */
  target(value: string): PlannedResource | undefined;
}

/**
 * Indexes a plan's resources by mock id and URN.
 * @param plan the plan
 */
export function refIndex(plan: Plan): RefIndex {
  const byRef = new Map<string, PlannedResource>();
  for (const r of plan.resources) {
    if (!r.custom) continue;
    byRef.set(mockIdOf(r), r);
    byRef.set(r.urn, r);
  }
  return { target: (value) => byRef.get(value) };
}

/**
 * True when the value looks like a reference the plan cannot resolve (a mock id of a resource not in
 * the plan, e.g. a data source lookup or a stack config id).
 * @param value any input value
 */
export function isUnresolvedMockId(value: unknown): value is string {
  return typeof value === "string" && value.startsWith(MOCK_ID_PREFIX);
}

/**
 * Replaces every reference inside `value` (deeply: arrays, objects) with `resolve(target)`; strings
 * that are not references stay as they are.
 * @param value an input value
 * @param index the plan's reference index
 * @param resolve what a reference becomes (live id, symbolic key)
 */
export function resolveRefs(value: unknown, index: RefIndex, resolve: (target: PlannedResource, raw: string) => string): unknown {
  if (typeof value === "string") {
    const t = index.target(value);
    return t ? resolve(t, value) : value;
  }
  if (Array.isArray(value)) return value.map((v) => resolveRefs(v, index, resolve));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveRefs(v, index, resolve)]));
  }
  return value;
}

/**
 * Every planned resource a resource refers to through its inputs or its recorded dependencies, so
 * replay can order creation even when the plan writer's dependency list is incomplete.
 * @param r the resource
 * @param index the plan's reference index
 * @param byUrn the plan's resources by URN
 */
export function referencedResources(r: PlannedResource, index: RefIndex, byUrn: ReadonlyMap<string, PlannedResource>): PlannedResource[] {
  const found = new Map<string, PlannedResource>();
  resolveRefs(r.inputs, index, (t, raw) => {
    found.set(t.urn, t);
    return raw;
  });
  for (const u of r.dependencies) {
    const d = byUrn.get(u);
    if (d && d.custom) found.set(d.urn, d);
  }
  found.delete(r.urn);
  return [...found.values()];
}
