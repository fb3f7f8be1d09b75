/** Reconciles the planned model with the as-built model by stable identity. Pure. */
import type { AsBuiltKind, AsBuiltModel } from "./model";

/** One field that differs. */
export interface FieldChange {
  /** Field name (API spelling). */
  field: string;
  /** Value the plan sets. */
  planned: unknown;
  /** Value found live. */
  live: unknown;
}

/** One drift. */
export type Drift =
  | { status: "missing"; kind: AsBuiltKind; key: string }
  | { status: "extra"; kind: AsBuiltKind; key: string; id?: string }
  | { status: "changed"; kind: AsBuiltKind; key: string; id?: string; changes: FieldChange[] };

/** The drift report. */
export interface DriftReport {
  /** Stack. */
  stack: string;
  /** Objects compared (planned). */
  planned: number;
  /** Objects found live. */
  live: number;
  /** Drifts, sorted by kind then key. */
  drifts: Drift[];
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Compares planned and live. A field counts only when the plan sets it (Neutron fills the others
 * with defaults that are not drift).
 * @param planned the expected model
 * @param live the as-built model
 */
export function reconcile(planned: AsBuiltModel, live: AsBuiltModel): DriftReport {
  const liveByKey = new Map(live.objects.map((o) => [`${o.kind}|${o.key}`, o]));
  const plannedKeys = new Set(planned.objects.map((o) => `${o.kind}|${o.key}`));
  const drifts: Drift[] = [];
  for (const p of planned.objects) {
    const l = liveByKey.get(`${p.kind}|${p.key}`);
    if (!l) {
      drifts.push({ status: "missing", kind: p.kind, key: p.key });
      continue;
    }
    const changes = Object.entries(p.fields)
      .filter(([, v]) => v !== undefined)
      .filter(([f, v]) => !same(v, l.fields[f]))
      .map(([field, v]) => ({ field, planned: v, live: l.fields[field] ?? null }));
    if (changes.length > 0) drifts.push({ status: "changed", kind: p.kind, key: p.key, ...(l.id ? { id: l.id } : {}), changes });
  }
  for (const l of live.objects) {
    if (!plannedKeys.has(`${l.kind}|${l.key}`)) drifts.push({ status: "extra", kind: l.kind, key: l.key, ...(l.id ? { id: l.id } : {}) });
  }
  drifts.sort((a, b) => a.kind.localeCompare(b.kind) || a.key.localeCompare(b.key) || a.status.localeCompare(b.status));
  return { stack: planned.stack, planned: planned.objects.length, live: live.objects.length, drifts };
}
