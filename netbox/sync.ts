/**
 * The sync: for each object type in dependency order, read what NetBox holds (one paged listing), find each
 * desired object by its natural key, and write only what differs — bulk creates, bulk PATCHes of changed
 * fields only, and at the end bulk deletes (reverse order) of objects that carry our ownership tag and our
 * scope tag but are no longer desired. Objects without our tag are never changed or deleted: a desired
 * object that matches one is referenced as it is and reported as a conflict when it differs.
 * A dry run makes no write; without NetBox it compares with an empty one. Interrupted, it is re-run:
 * everything is found again by natural key, so a second run after a clean sync makes no write.
 */
import type { ObjectType } from "../clients/netbox/endpoints";
import { NetBoxError } from "../clients/netbox/errors";
import { isIdRef, isRef, type DesiredObject } from "./desired";
import { naturalKey, REF_ATTRIBUTES, SYNC_ORDER, UNTAGGED_TYPES, type Fields } from "./objectKeys";

/** What the sync needs from NetBox: the client, or an empty stand-in for an offline dry run. */
export interface NetBoxPort {
  list(type: ObjectType, onPage?: (read: number, total: number) => void): Promise<Fields[]>;
  create(type: ObjectType, items: Fields[]): Promise<Fields[]>;
  update(type: ObjectType, items: Fields[]): Promise<Fields[]>;
  delete(type: ObjectType, ids: number[]): Promise<void>;
}

/** A NetBox with nothing in it and no writes allowed: what an offline dry run compares with. */
export const EMPTY_NETBOX: NetBoxPort = {
  list: () => Promise.resolve([]),
  create: () => Promise.reject(new Error("the empty NetBox takes no writes")),
  update: () => Promise.reject(new Error("the empty NetBox takes no writes")),
  delete: () => Promise.reject(new Error("the empty NetBox takes no writes")),
};

/** The tags that mark what this sync owns. */
export interface Ownership {
  /** Slug of the ownership tag every object we create carries (`hatang`). */
  owner: string;
  /** Slugs of the scope tags: an object is deleted only when it carries the owner tag and one of these. */
  scopes: ReadonlySet<string>;
  /** Scope tag per desired object (by type and key). */
  scopeOf: (o: DesiredObject) => string;
}

/** One planned change. */
export interface Change {
  type: ObjectType;
  key: string;
  action: "create" | "update" | "delete" | "conflict";
  /** For updates and conflicts: field → [what NetBox has, what the model says]. */
  fields?: Record<string, [unknown, unknown]>;
}

/** Counts per type. */
export interface TypeSummary {
  type: ObjectType;
  existing: number;
  desired: number;
  create: number;
  update: number;
  delete: number;
  conflict: number;
  unchanged: number;
}

/** What a sync did (or, in a dry run, would do). */
export interface SyncResult {
  applied: boolean;
  types: TypeSummary[];
  changes: Change[];
}

/** Options of one sync. */
export interface SyncOptions {
  /** Write the changes (else a dry run). */
  apply: boolean;
  ownership: Ownership;
  /** Progress lines (type by type, page by page). */
  progress?: (line: string) => void;
  /** Attempts per type when a write's outcome is uncertain (5xx, timeout): the type is read again and re-planned. Default 3. */
  attempts?: number;
}

/** What exists (or will) per type: objects by key and ids by key. */
class Actuals {
  private readonly byKey = new Map<ObjectType, Map<string, Fields>>();
  private readonly keyById = new Map<ObjectType, Map<number, string>>();

  set(type: ObjectType, key: string, o: Fields): void {
    if (!this.byKey.has(type)) this.byKey.set(type, new Map());
    if (!this.keyById.has(type)) this.keyById.set(type, new Map());
    (this.byKey.get(type) as Map<string, Fields>).set(key, o);
    if (typeof o.id === "number") (this.keyById.get(type) as Map<number, string>).set(o.id, key);
  }

  get(type: ObjectType, key: string): Fields | undefined {
    return this.byKey.get(type)?.get(key);
  }

  keyOfId(type: ObjectType, id: number): string | undefined {
    return this.keyById.get(type)?.get(id);
  }

  idOf(type: ObjectType, key: string): number | undefined {
    const id = this.get(type, key)?.id;
    return typeof id === "number" ? id : undefined;
  }
}

/** Whether a NetBox object carries a tag (by slug). */
function hasTag(o: Fields, slug: string): boolean {
  return Array.isArray(o.tags) && o.tags.some((t) => typeof t === "object" && t !== null && (t as Fields).slug === slug);
}

/** The value of a choice field as read (`{value, label}`) or as written. */
function plain(v: unknown): unknown {
  if (typeof v === "object" && v !== null && !Array.isArray(v) && "value" in v && "label" in v) return (v as Fields).value;
  return v;
}

/** Two plain values equal as NetBox means them (numbers may come back as numeric strings, "" and null alike for optional text). */
function samePlain(a: unknown, b: unknown): boolean {
  const x = plain(a);
  const y = plain(b);
  if (x === y) return true;
  if ((x === null || x === undefined || x === "") && (y === null || y === undefined || y === "")) return true;
  if ((typeof x === "number" || typeof x === "string") && (typeof y === "number" || typeof y === "string") && x !== "" && y !== "" && !Number.isNaN(Number(x)) && !Number.isNaN(Number(y))) return Number(x) === Number(y);
  return false;
}

/** Builds request bodies and compares with what exists, resolving references against `actuals` and the desired objects. */
class Resolver {
  constructor(
    private readonly actuals: Actuals,
    private readonly desired: ReadonlyMap<string, DesiredObject>,
  ) {}

  /** The attributes that find the object `type`/`key` (from the object as it exists, else as desired). */
  refAttributes(type: ObjectType, key: string): Fields {
    const spec = REF_ATTRIBUTES[type];
    const actual = this.actuals.get(type, key);
    const out: Fields = {};
    if (actual) {
      for (const [f, nested] of Object.entries(spec)) {
        const v = actual[f];
        if (nested === null) out[f] = plain(v);
        else if (typeof v === "object" && v !== null && typeof (v as Fields).id === "number") {
          const k = this.actuals.keyOfId(nested, (v as Fields).id as number);
          if (k !== undefined) out[f] = this.refAttributes(nested, k);
        }
      }
      return out;
    }
    const d = this.desired.get(`${type}\u0000${key}`);
    if (!d) throw new Error(`reference to ${type} "${key}", which is neither in NetBox nor in the model`);
    for (const [f, nested] of Object.entries(spec)) {
      const v = d.body[f];
      if (v === undefined || v === null) continue;
      out[f] = nested !== null && isRef(v) ? this.refAttributes(v.$ref, v.key) : v;
    }
    return out;
  }

  /** A field value as sent: references resolved; an id of an object not created yet is `null` with `pending`. */
  value(v: unknown, pending: string[]): unknown {
    if (isRef(v)) return this.refAttributes(v.$ref, v.key);
    if (isIdRef(v)) {
      const id = this.actuals.idOf(v.$id, v.key);
      if (id === undefined) pending.push(`${v.$id} ${v.key}`);
      return id ?? null;
    }
    if (Array.isArray(v)) return v.map((x) => this.value(x, pending));
    if (typeof v === "object" && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, this.value(x, pending)]));
    return v;
  }

  /** Whether an existing field equals the desired value. */
  same(existing: unknown, want: unknown): boolean {
    if (isRef(want) || isIdRef(want)) {
      const type = isRef(want) ? want.$ref : want.$id;
      const id = this.actuals.idOf(type, want.key);
      const have = typeof existing === "number" ? existing : typeof existing === "object" && existing !== null ? (existing as Fields).id : undefined;
      return id !== undefined && have === id;
    }
    if (Array.isArray(want)) {
      if (!Array.isArray(existing) || existing.length !== want.length) return false;
      // Order-free: NetBox does not keep list order for sets such as cable ends.
      const used = new Set<number>();
      return want.every((w) => {
        const i = existing.findIndex((e, j) => !used.has(j) && this.same(e, w));
        if (i < 0) return false;
        used.add(i);
        return true;
      });
    }
    if (typeof want === "object" && want !== null) {
      if (typeof existing !== "object" || existing === null) return false;
      return Object.entries(want).every(([k, w]) => this.same((existing as Fields)[k], w));
    }
    return samePlain(existing, want);
  }
}

/**
 * Runs the sync.
 * @param netbox NetBox (or the empty stand-in)
 * @param desired every object NetBox should hold
 * @param options apply or not, ownership, progress
 */
export async function syncNetBox(netbox: NetBoxPort, desired: readonly DesiredObject[], options: SyncOptions): Promise<SyncResult> {
  const { ownership } = options;
  const progress = options.progress ?? (() => undefined);
  const desiredByKey = new Map<string, DesiredObject>();
  for (const d of desired) {
    const id = `${d.type}\u0000${d.key}`;
    if (desiredByKey.has(id)) throw new Error(`the mapping produced ${d.type} "${d.key}" twice`);
    desiredByKey.set(id, d);
  }
  const actuals = new Actuals();
  const resolver = new Resolver(actuals, desiredByKey);
  const types: TypeSummary[] = [];
  const changes: Change[] = [];
  const toDelete: { type: ObjectType; ids: number[] }[] = [];
  const ownerTag = { name: ownership.owner, slug: ownership.owner };

  for (const [n, type] of SYNC_ORDER.entries()) {
    const want = desired.filter((d) => d.type === type);
    const taggable = !UNTAGGED_TYPES.has(type);
    let summary: TypeSummary | undefined;
    for (let attempt = 1; ; attempt++) {
      const existing = await netbox.list(type, (read, total) => {
        if (total > 1000) progress(`  ${type}: read ${read}/${total}`);
      });
      const byKey = new Map<string, Fields>();
      const owned = (o: Fields): boolean => !taggable || hasTag(o, ownership.owner);
      for (const o of existing) {
        const k = naturalKey(type, o);
        const prev = byKey.get(k);
        // Two objects with one key (NetBox allows it for some types): ours wins, else the first.
        if (!prev || (!owned(prev) && owned(o))) byKey.set(k, o);
        actuals.set(type, k, byKey.get(k) as Fields);
      }
      const creates: DesiredObject[] = [];
      const updates: { d: DesiredObject; id: number; fields: Fields; diff: Record<string, [unknown, unknown]> }[] = [];
      const typeChanges: Change[] = [];
      let unchanged = 0;
      for (const d of want) {
        const e = byKey.get(d.key);
        if (!e) {
          creates.push(d);
          typeChanges.push({ type, key: d.key, action: "create" });
          continue;
        }
        const diff: Record<string, [unknown, unknown]> = {};
        const fields: Fields = {};
        for (const [f, v] of Object.entries(d.body)) {
          if (resolver.same(e[f], v)) continue;
          diff[f] = [e[f] ?? null, resolver.value(v, [])];
          fields[f] = v;
        }
        if (taggable) {
          const wanted = [ownership.owner, ownership.scopeOf(d)];
          if (!wanted.every((t) => hasTag(e, t)) && owned(e)) {
            const have = (Array.isArray(e.tags) ? (e.tags as Fields[]) : []).map((t) => ({ name: t.name, slug: t.slug }));
            const add = wanted.filter((t) => !hasTag(e, t)).map((t) => ({ name: t, slug: t }));
            fields.tags = [...have, ...add];
            diff.tags = [have.map((t) => t.slug), [...have.map((t) => t.slug), ...add.map((t) => t.slug)]];
          }
        }
        if (Object.keys(diff).length === 0) unchanged++;
        else if (!owned(e)) typeChanges.push({ type, key: d.key, action: "conflict", fields: diff });
        else {
          updates.push({ d, id: e.id as number, fields, diff });
          typeChanges.push({ type, key: d.key, action: "update", fields: diff });
        }
      }
      const wantKeys = new Set(want.map((d) => d.key));
      const stale = taggable ? [...byKey.entries()].filter(([k, o]) => !wantKeys.has(k) && hasTag(o, ownership.owner) && [...ownership.scopes].some((s) => hasTag(o, s))) : [];
      for (const [k] of stale) typeChanges.push({ type, key: k, action: "delete" });
      summary = {
        type,
        existing: existing.length,
        desired: want.length,
        create: creates.length,
        update: updates.length,
        delete: stale.length,
        conflict: typeChanges.filter((c) => c.action === "conflict").length,
        unchanged,
      };
      if (!options.apply || (creates.length === 0 && updates.length === 0)) {
        // In a dry run the objects to create stand in for themselves, so later types can refer to them.
        changes.push(...typeChanges);
        if (stale.length > 0) toDelete.push({ type, ids: stale.map(([, o]) => o.id as number) });
        break;
      }
      try {
        await writeType(netbox, type, creates, updates, resolver, actuals, taggable ? (d) => [ownerTag, { name: ownership.scopeOf(d), slug: ownership.scopeOf(d) }] : () => undefined, progress);
        changes.push(...typeChanges);
        if (stale.length > 0) toDelete.push({ type, ids: stale.map(([, o]) => o.id as number) });
        break;
      } catch (e) {
        // The write may have happened: read the type again and plan from what is there.
        if (e instanceof NetBoxError && e.failure === "uncertain" && attempt < (options.attempts ?? 3)) {
          progress(`  ${type}: ${e.message}; reading it again (attempt ${attempt + 1})`);
          continue;
        }
        throw e;
      }
    }
    const s = summary as TypeSummary;
    types.push(s);
    progress(`[${n + 1}/${SYNC_ORDER.length}] ${type}: ${s.existing} in NetBox, ${s.desired} in the model: +${s.create} ~${s.update} -${s.delete}${s.conflict ? ` !${s.conflict} not ours` : ""}`);
  }
  if (options.apply) {
    for (const { type, ids } of [...toDelete].reverse()) {
      progress(`deleting ${ids.length} ${type}`);
      await netbox.delete(type, ids);
    }
  }
  return { applied: options.apply, types, changes };
}

/** Creates (in waves, when objects of one type refer to each other) and updates one type's objects. */
async function writeType(
  netbox: NetBoxPort,
  type: ObjectType,
  creates: DesiredObject[],
  updates: { id: number; fields: Fields }[],
  resolver: Resolver,
  actuals: Actuals,
  tagsOf: (d: DesiredObject) => Fields[] | undefined,
  progress: (line: string) => void,
): Promise<void> {
  let pending = creates;
  while (pending.length > 0) {
    const ready: { d: DesiredObject; body: Fields }[] = [];
    const later: DesiredObject[] = [];
    for (const d of pending) {
      const waiting: string[] = [];
      const body = resolver.value(d.body, waiting) as Fields;
      if (waiting.length > 0) later.push(d);
      else ready.push({ d, body: { ...body, ...(tagsOf(d) ? { tags: tagsOf(d) } : {}) } });
    }
    if (ready.length === 0) throw new Error(`${type}: ${later.length} object(s) refer to objects that will never exist (first: ${later[0].key})`);
    if (ready.length > 200) progress(`  ${type}: creating ${ready.length}`);
    const made = await netbox.create(type, ready.map((r) => r.body));
    made.forEach((o, i) => actuals.set(type, ready[i].d.key, o));
    pending = later;
  }
  if (updates.length > 0) {
    const items = updates.map((u) => ({ id: u.id, ...(resolver.value(u.fields, []) as Fields) }));
    const done = await netbox.update(type, items);
    for (const o of done) actuals.set(type, naturalKey(type, o), o);
  }
}
