import type { Plan, PlannedResource } from "./planTypes";

/** What a plan shows in place of a secret value. */
export const SECRET_TEXT = "[secret]";

type Json = unknown;
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * Two versions of a resource's inputs with every secret position shown as "[secret]" on both sides: a
 * path either version marks secret (`secretInputs`, in the engine's `a.b[0].c` notation) or a value
 * either side already shows as "[secret]". The plan being diffed against may come from anywhere (an
 * older tool, a hand-edited file): a secret that one side marks never reaches a diff in clear.
 * @param before the old inputs (absent: the resource is new)
 * @param after the new inputs (absent: the resource is gone)
 * @param secretPaths the paths either version marks secret
 */
export function redactPair(before: Json, after: Json, secretPaths: ReadonlySet<string>): [Json, Json] {
  const walk = (a: Json, b: Json, path: string): [Json, Json] => {
    if (secretPaths.has(path) || a === SECRET_TEXT || b === SECRET_TEXT) return [a === undefined ? undefined : SECRET_TEXT, b === undefined ? undefined : SECRET_TEXT];
    if ((isObject(a) || a === undefined) && (isObject(b) || b === undefined) && (a !== undefined || b !== undefined)) {
      const [x, y] = [(a ?? {}) as Record<string, unknown>, (b ?? {}) as Record<string, unknown>];
      const outA: Record<string, unknown> = {};
      const outB: Record<string, unknown> = {};
      for (const k of new Set([...Object.keys(x), ...Object.keys(y)])) {
        const [p, q] = walk(x[k], y[k], path === "" ? k : `${path}.${k}`);
        if (k in x) outA[k] = p;
        if (k in y) outB[k] = q;
      }
      return [a === undefined ? undefined : outA, b === undefined ? undefined : outB];
    }
    if ((Array.isArray(a) || a === undefined) && (Array.isArray(b) || b === undefined) && (a !== undefined || b !== undefined)) {
      const [x, y] = [(a ?? []) as unknown[], (b ?? []) as unknown[]];
      const pairs = Array.from({ length: Math.max(x.length, y.length) }, (_, i) => walk(x[i], y[i], `${path}[${i}]`));
      return [a === undefined ? undefined : pairs.slice(0, x.length).map((p) => p[0]), b === undefined ? undefined : pairs.slice(0, y.length).map((p) => p[1])];
    }
    // A value whose shape changed (an object became text, …): each side redacted on its own.
    if (a !== undefined && b !== undefined && (isObject(a) || Array.isArray(a) || isObject(b) || Array.isArray(b))) return [walk(a, undefined, path)[0], walk(undefined, b, path)[1]];
    return [a, b];
  };
  return walk(before, after, "");
}

/**
 * Both plans with their secrets redacted pairwise (resources matched by URN), so that neither the
 * diff's fields nor its labels can show a secret one of the two plans marks.
 * @param before the old plan
 * @param after the new plan
 */
export function redactPlans(before: Plan, after: Plan): [Plan, Plan] {
  const old = new Map(before.resources.map((r) => [r.urn, r]));
  const now = new Map(after.resources.map((r) => [r.urn, r]));
  const paths = (...rs: Array<PlannedResource | undefined>): Set<string> => new Set(rs.flatMap((r) => r?.secretInputs ?? []));
  const redacted = (r: PlannedResource, other: PlannedResource | undefined, side: 0 | 1): PlannedResource => {
    const pair = side === 0 ? redactPair(r.inputs, other?.inputs, paths(r, other)) : redactPair(other?.inputs, r.inputs, paths(r, other));
    return { ...r, inputs: pair[side] as Record<string, unknown> };
  };
  return [
    { ...before, resources: before.resources.map((r) => redacted(r, now.get(r.urn), 0)) },
    { ...after, resources: after.resources.map((r) => redacted(r, old.get(r.urn), 1)) },
  ];
}
