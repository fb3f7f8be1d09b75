/**
 * A stateful NetBox fake (test code) on a loopback HTTP port. Every request and every response is validated
 * against NetBox's own OpenAPI document (../shared/netbox/openapi-netbox-4.2.2.json); a violation of ours
 * is recorded in `violations` (tests assert it stays empty) and a bad request gets the 400 NetBox gives.
 * It enforces the rules that matter: required fields and types (the schema), slugs (the schema's pattern),
 * uniqueness (VLAN id and name per group, device name per site, slug and name per type, …), references by
 * attributes or id that must find exactly one object, all-or-none bulk writes with per-item field errors,
 * pagination with `next` links, refusal to delete an object others refer to, and token authentication.
 *
 * Where NetBox's document is known to be wrong, the fake follows NetBox: a POST takes a list of the schema's
 * item (bulk create), a bulk PATCH item is the id plus the single-object PATCH schema (the document lists the
 * full create schema, whose required fields NetBox does not ask for in a partial update), and a bulk DELETE
 * item is `{id}`.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as fs from "node:fs";
import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { ENDPOINTS, OBJECT_TYPES, type ObjectType } from "../../clients/netbox/endpoints";
import { SCHEMA_NAMES } from "../../clients/netbox/types.generated";
import { findOpenApiFile } from "../../clients/netbox/openapiFile";

type Json = Record<string, unknown>;
interface Schema {
  $ref?: string;
  allOf?: Schema[];
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: unknown[];
  nullable?: boolean;
  required?: string[];
  readOnly?: boolean;
  [k: string]: unknown;
}

/** A fault to inject: the next matching request gets this answer instead of being served. */
export interface Fault {
  method?: string;
  type?: ObjectType;
  status: number;
  retryAfter?: string;
  /** Serve the request first, then answer with the fault (a write that happened but whose answer was lost). */
  afterServing?: boolean;
}

/** Fields per type that NetBox keeps unique together (case-sensitive here). */
const UNIQUE: Partial<Record<ObjectType, string[][]>> = {
  "extras.tag": [["name"], ["slug"]],
  "tenancy.tenantgroup": [["name"], ["slug"]],
  "tenancy.tenant": [["name"], ["slug"]],
  "dcim.site": [["name"], ["slug"]],
  "dcim.location": [["site", "name"], ["site", "slug"]],
  "dcim.rack": [["location", "name"]],
  "dcim.powerpanel": [["site", "name"]],
  "dcim.powerfeed": [["power_panel", "name"]],
  "dcim.manufacturer": [["name"], ["slug"]],
  "dcim.devicetype": [["manufacturer", "model"], ["manufacturer", "slug"]],
  "dcim.devicerole": [["name"], ["slug"]],
  "dcim.device": [["site", "name"]],
  "dcim.interface": [["device", "name"]],
  "ipam.rir": [["name"], ["slug"]],
  "ipam.aggregate": [["prefix"]],
  "ipam.role": [["name"], ["slug"]],
  "ipam.vlangroup": [["scope_type", "scope_id", "name"], ["scope_type", "scope_id", "slug"]],
  "ipam.vlan": [["group", "vid"], ["group", "name"]],
  "ipam.prefix": [["vrf", "prefix"]],
  "ipam.iprange": [["vrf", "start_address"]],
  "ipam.ipaddress": [["vrf", "address"]],
  "circuits.provider": [["name"], ["slug"]],
  "circuits.circuittype": [["name"], ["slug"]],
  "circuits.circuit": [["provider", "cid"]],
  "circuits.circuittermination": [["circuit", "term_side"]],
  "virtualization.clustertype": [["name"], ["slug"]],
  "virtualization.cluster": [["name"]],
  "virtualization.virtualmachine": [["cluster", "name"]],
};

/** Integer-id fields and the type they point at (a `…_type` sibling names it when the type varies). */
const ID_FIELDS: Record<string, { type?: ObjectType; typeField?: string }> = {
  lag: { type: "dcim.interface" },
  parent: {},
  scope_id: { typeField: "scope_type" },
  assigned_object_id: { typeField: "assigned_object_type" },
  termination_id: { typeField: "termination_type" },
};

const refName = (ref: string): string => ref.replace("#/components/schemas/", "");

/** OpenAPI 3.0 → JSON Schema draft-07: `nullable` becomes a null alternative. */
function convert(s: unknown): unknown {
  if (Array.isArray(s)) return s.map(convert);
  if (typeof s !== "object" || s === null) return s;
  const o = s as Schema;
  const out: Json = {};
  for (const [k, v] of Object.entries(o)) {
    if (k === "nullable" || k.startsWith("x-") || k === "example") continue;
    out[k] = k === "properties" ? Object.fromEntries(Object.entries(v as Json).map(([pk, pv]) => [pk, convert(pv)])) : convert(v);
  }
  // OpenAPI 3.0 writes exclusive bounds as booleans beside the bound (draft-04 style).
  for (const [flagKey, bound] of [["exclusiveMaximum", "maximum"], ["exclusiveMinimum", "minimum"]] as const) {
    if (typeof out[flagKey] === "boolean") {
      if (out[flagKey] === true) out[flagKey] = out[bound];
      else delete out[flagKey];
      if (out[flagKey] !== undefined) delete out[bound];
    }
  }
  if (o.nullable) {
    if (Array.isArray(out.enum)) out.enum = [...(out.enum as unknown[]), null];
    return { anyOf: [out, { type: "null" }] };
  }
  return out;
}

/** The fake. */
export class FakeNetBox {
  readonly token: string;
  /** Requests served, in order: method, path (no query) and status. */
  readonly log: { method: string; path: string; status: number }[] = [];
  /** Schema violations of requests our client sent and of responses the fake produced (must stay empty). */
  readonly violations: string[] = [];
  /** Write bodies received (after validation), for tests of what was sent. */
  readonly writes: { method: string; type: ObjectType; items: Json[] }[] = [];
  /** Changelog messages seen on writes (one per written object). */
  readonly changelog: string[] = [];
  private readonly faults: Fault[] = [];
  private readonly store = new Map<ObjectType, Map<number, Json>>();
  private nextId = 1;
  private server: http.Server | undefined;
  private base = "";
  private readonly ajv: Ajv;
  private readonly doc: { components: { schemas: Record<string, Schema> } };
  private readonly validators = new Map<string, ValidateFunction>();
  /** Per object type: request field → referenced type, for fields sent as nested objects. */
  private readonly nestedFields = new Map<ObjectType, Map<string, { type: ObjectType; many: boolean }>>();
  private readonly typeOfSchema = new Map<string, ObjectType>();
  /** Hook run on every request before it is served (tests count, delay or stop here). */
  onRequest?: (method: string, type: ObjectType | undefined) => void;

  constructor(token = "0123456789abcdef0123456789abcdef01234567") {
    this.token = token;
    const file = findOpenApiFile(__dirname);
    if (!file) throw new Error("NetBox's OpenAPI document is not beside the checkout (shared/netbox/openapi-netbox-4.2.2.json)");
    this.doc = JSON.parse(fs.readFileSync(file, "utf8")) as { components: { schemas: Record<string, Schema> } };
    this.ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(this.ajv);
    for (const f of ["int32", "int64", "double", "float", "decimal", "binary", "byte", "password"]) this.ajv.addFormat(f, true);
    this.ajv.addSchema({ $id: "nb", components: { schemas: convert(this.doc.components.schemas) } });
    for (const t of OBJECT_TYPES) {
      const read = SCHEMA_NAMES[t].read;
      this.typeOfSchema.set(read.replace(/WithConfigContext$/, ""), t);
    }
    for (const t of OBJECT_TYPES) {
      const fields = new Map<string, { type: ObjectType; many: boolean }>();
      for (const [f, p] of Object.entries(this.schema(SCHEMA_NAMES[t].create).properties ?? {})) {
        const ref = p.$ref ?? p.allOf?.[0]?.$ref ?? p.items?.$ref;
        if (!ref) continue;
        const m = /^(?:Brief|Nested)(.+)Request$/.exec(refName(ref));
        const target = m ? this.typeOfSchema.get(m[1]) : undefined;
        if (target) fields.set(f, { type: target, many: p.type === "array" });
      }
      this.nestedFields.set(t, fields);
      this.store.set(t, new Map());
    }
  }

  private schema(name: string): Schema {
    const s = this.doc.components.schemas[name];
    if (!s) throw new Error(`no schema ${name}`);
    return s;
  }

  private validator(name: string, extra?: "patch-item" | "id-item"): ValidateFunction {
    const key = `${name}:${extra ?? ""}`;
    let v = this.validators.get(key);
    if (!v) {
      const ref = { $ref: `nb#/components/schemas/${name}` };
      const schema = extra === "patch-item" ? { allOf: [ref, { type: "object", required: ["id"], properties: { id: { type: "integer" } } }] } : extra === "id-item" ? { type: "object", required: ["id"], properties: { id: { type: "integer" } } } : ref;
      v = this.ajv.compile(schema);
      this.validators.set(key, v);
    }
    return v;
  }

  /** Starts listening on 127.0.0.1; returns the base URL. */
  async start(): Promise<string> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>((r) => (this.server as http.Server).listen(0, "127.0.0.1", () => r()));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.base;
  }

  /** Stops listening. */
  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((r) => (this.server as http.Server).close(() => r()));
    this.server = undefined;
  }

  /** Queues a fault for the next matching request. */
  inject(fault: Fault): void {
    this.faults.push(fault);
  }

  /** Objects of a type as stored (request form, references as ids). */
  objects(type: ObjectType): Json[] {
    return [...(this.store.get(type) as Map<number, Json>).values()];
  }

  /** Every object of a type as NetBox would return it. */
  read(type: ObjectType): Json[] {
    return this.objects(type).map((o) => this.render(type, o));
  }

  /** Total objects stored. */
  get size(): number {
    return OBJECT_TYPES.reduce((n, t) => n + (this.store.get(t) as Map<number, Json>).size, 0);
  }

  /**
   * Puts objects straight into the store, as someone else working in NetBox would have (no validation of
   * ours involved, but NetBox's rules apply: a bad seed throws).
   * @param type the type
   * @param body a POST body
   */
  seed(type: ObjectType, body: Json): Json {
    const r = this.createItems(type, [body]);
    if ("errors" in r) throw new Error(`seed ${type}: ${JSON.stringify(r.errors)}`);
    return this.render(type, r.created[0]);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", this.base);
      const method = (req.method ?? "GET").toUpperCase();
      const type = OBJECT_TYPES.find((t) => ENDPOINTS[t] === url.pathname);
      const send = (status: number, body?: unknown, headers: Record<string, string> = {}): void => {
        this.log.push({ method, path: url.pathname, status });
        res.writeHead(status, { "Content-Type": "application/json", ...headers });
        res.end(body === undefined ? undefined : JSON.stringify(body));
      };
      try {
        this.onRequest?.(method, type);
      } catch {
        res.destroy();
        return;
      }
      if (req.headers.authorization !== `Token ${this.token}`) return send(403, { detail: "Invalid token" });
      if (!type) return send(404, { detail: "Not found." });
      const fault = this.faults.findIndex((f) => (!f.method || f.method === method) && (!f.type || f.type === type));
      const f = fault >= 0 ? this.faults.splice(fault, 1)[0] : undefined;
      if (f && !f.afterServing) return send(f.status, { detail: `injected ${f.status}` }, f.retryAfter ? { "Retry-After": f.retryAfter } : {});
      let body: unknown;
      try {
        body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString("utf8")) : undefined;
      } catch {
        return send(400, { detail: "JSON parse error" });
      }
      const [status, out] = this.serve(method, type, url, body);
      if (f) return send(f.status, { detail: `injected ${f.status} after serving` }, f.retryAfter ? { "Retry-After": f.retryAfter } : {});
      send(status, out);
    });
  }

  private serve(method: string, type: ObjectType, url: URL, body: unknown): [number, unknown] {
    const names = SCHEMA_NAMES[type];
    if (method === "GET") {
      const nestedHere = this.nestedFields.get(type) as Map<string, unknown>;
      const equality = [...url.searchParams.keys()].filter((k) => !["limit", "offset", "tag", "id"].includes(k));
      for (const k of equality) if (nestedHere.has(k) || !(k in (this.schema(names.create).properties ?? {}))) return [400, { detail: `the fake does not filter on ${k}` }];
      const limit = Math.min(Number(url.searchParams.get("limit") ?? 50), 1000);
      const offset = Number(url.searchParams.get("offset") ?? 0);
      let all = this.objects(type);
      const tags = url.searchParams.getAll("tag");
      // Plain-field equality filters (what a per-object client looks objects up by).
      for (const k of equality) all = all.filter((o) => url.searchParams.getAll(k).includes(String(o[k])));
      if (tags.length) all = all.filter((o) => tags.every((t) => ((o.tags as number[] | undefined) ?? []).some((id) => this.get("extras.tag", id)?.slug === t)));
      const page = all.slice(offset, offset + limit);
      const next = offset + limit < all.length ? `${this.base}${ENDPOINTS[type]}?limit=${limit}&offset=${offset + limit}` : null;
      const prev = offset > 0 ? `${this.base}${ENDPOINTS[type]}?limit=${limit}&offset=${Math.max(0, offset - limit)}` : null;
      const out = { count: all.length, next, previous: prev, results: page.map((o) => this.render(type, o)) };
      this.checkResponse(`Paginated${names.read}List`, out, `GET ${type}`);
      return [200, out];
    }
    // One object POSTed alone (what per-object clients send) is a list of one, answered with the object.
    if (method === "POST" && typeof body === "object" && body !== null && !Array.isArray(body)) {
      const [status, out] = this.serve(method, type, url, [body]);
      return [status, Array.isArray(out) ? out[0] : out];
    }
    if (!Array.isArray(body)) return [400, { detail: "a bulk PATCH or DELETE takes a list body" }];
    for (const item of body) if (typeof item === "object" && item && "changelog_message" in item) this.changelog.push(String((item as Json).changelog_message));
    const strip = (i: unknown): Json => Object.fromEntries(Object.entries(i as Json).filter(([k]) => k !== "changelog_message"));
    const items = body.map(strip);
    this.writes.push({ method, type, items });
    if (body.some((i) => typeof i !== "object" || i === null || !("changelog_message" in i))) this.violations.push(`${method} ${type}: a write without a changelog message`);
    const v = method === "POST" ? this.validator(names.create) : method === "PATCH" ? this.validator(names.patch, "patch-item") : this.validator(names.read, "id-item");
    const schemaErrors = items.map((i) => (v(i) ? {} : this.ajvErrors(v)));
    if (schemaErrors.some((e) => Object.keys(e).length > 0)) {
      this.violations.push(`${method} ${type}: ${JSON.stringify(schemaErrors.filter((e) => Object.keys(e).length > 0).slice(0, 3))}`);
      return [400, schemaErrors];
    }
    if (method === "POST") {
      const r = this.createItems(type, items);
      if ("errors" in r) return [400, r.errors];
      const out = r.created.map((o) => this.render(type, o));
      out.forEach((o) => this.checkResponse(names.read, o, `POST ${type}`));
      return [201, out];
    }
    if (method === "PATCH") {
      const r = this.updateItems(type, items);
      if ("errors" in r) return [400, r.errors];
      const out = r.updated.map((o) => this.render(type, o));
      out.forEach((o) => this.checkResponse(names.read, o, `PATCH ${type}`));
      return [200, out];
    }
    if (method === "DELETE") {
      const ids = items.map((i) => i.id as number);
      const missing = ids.filter((id) => !this.get(type, id));
      if (missing.length) return [404, { detail: `No ${type} matches the given query (ids ${missing.join(", ")}).` }];
      const referrers = this.referrersOf(type, new Set(ids));
      if (referrers.length) return [409, { detail: `Unable to delete object. ${referrers.length} dependent objects were found: ${referrers.slice(0, 3).join(", ")}` }];
      for (const id of ids) (this.store.get(type) as Map<number, Json>).delete(id);
      return [204, undefined];
    }
    return [405, { detail: `Method "${method}" not allowed.` }];
  }

  private ajvErrors(v: ValidateFunction): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const e of v.errors ?? []) {
      const field = (e.instancePath.split("/")[1] || (e.params as { missingProperty?: string }).missingProperty) ?? "non_field_errors";
      (out[field] ??= []).push(e.keyword === "required" ? "This field is required." : `${e.message ?? "invalid"}`);
    }
    return out;
  }

  private checkResponse(schemaName: string, body: unknown, what: string): void {
    const v = this.validator(schemaName);
    if (!v(body)) this.violations.push(`response of ${what} does not match ${schemaName}: ${JSON.stringify(v.errors?.slice(0, 3))}`);
  }

  private get(type: ObjectType, id: number): Json | undefined {
    return this.store.get(type)?.get(id);
  }

  /** Finds the one object of `type` a nested-object reference names, or says why not. */
  private resolveNested(type: ObjectType, attrs: unknown): number | string {
    if (typeof attrs === "number") return this.get(type, attrs) ? attrs : `Related object not found using the provided numeric ID: ${attrs}`;
    if (typeof attrs !== "object" || attrs === null) return "Invalid value";
    const matches = this.objects(type).filter((o) => this.matches(type, o, attrs as Json));
    if (matches.length === 0) return `Related object not found using the provided attributes: ${JSON.stringify(attrs)}`;
    if (matches.length > 1) return `Multiple objects match the provided attributes: ${JSON.stringify(attrs)}`;
    return matches[0].id as number;
  }

  private matches(type: ObjectType, o: Json, attrs: Json): boolean {
    const nested = this.nestedFields.get(type) as Map<string, { type: ObjectType; many: boolean }>;
    return Object.entries(attrs).every(([k, v]) => {
      const n = nested.get(k);
      if (n && typeof v === "object" && v !== null) {
        const target = this.get(n.type, o[k] as number);
        return target !== undefined && this.matches(n.type, target, v as Json);
      }
      return o[k] === v;
    });
  }

  /** Request fields resolved to stored form (ids), or field errors. */
  private resolve(type: ObjectType, item: Json): { record: Json } | { errors: Record<string, string[]> } {
    const nested = this.nestedFields.get(type) as Map<string, { type: ObjectType; many: boolean }>;
    const errors: Record<string, string[]> = {};
    const record: Json = {};
    for (const [k, v] of Object.entries(item)) {
      const n = nested.get(k);
      if (n && v !== null) {
        const vals = n.many ? (v as unknown[]) : [v];
        const ids = vals.map((x) => this.resolveNested(n.type, x));
        const bad = ids.filter((x): x is string => typeof x === "string");
        if (bad.length) errors[k] = bad;
        record[k] = n.many ? ids : ids[0];
        continue;
      }
      const idField = ID_FIELDS[k];
      if (idField && typeof v === "number") {
        const target = idField.type ?? (idField.typeField ? (item[idField.typeField] as ObjectType | undefined) : type);
        if (target && OBJECT_TYPES.includes(target) && !this.get(target, v)) errors[k] = [`Related object not found: ${target} ${v}`];
      }
      if ((k === "a_terminations" || k === "b_terminations") && Array.isArray(v)) {
        for (const t of v as Json[]) if (!this.get(t.object_type as ObjectType, t.object_id as number)) (errors[k] ??= []).push(`${String(t.object_type)} ${String(t.object_id)} does not exist`);
      }
      record[k] = v;
    }
    return Object.keys(errors).length ? { errors } : { record };
  }

  /** Uniqueness problems of `record` against the stored objects and the batch (ids in `skip` are the records being replaced). */
  private uniqueness(type: ObjectType, record: Json, others: Json[]): Record<string, string[]> {
    const errors: Record<string, string[]> = {};
    for (const fields of UNIQUE[type] ?? []) {
      if (fields.some((f) => record[f] === undefined || record[f] === null || record[f] === "")) continue;
      const clash = others.some((o) => o.id !== record.id && fields.every((f) => JSON.stringify(o[f]) === JSON.stringify(record[f])));
      if (clash) (errors[fields[fields.length - 1]] ??= []).push(`${type} with this ${fields.join(" and ")} already exists.`);
    }
    if (type === "dcim.cable") {
      const ends = (c: Json): string[] => [...((c.a_terminations as Json[]) ?? []), ...((c.b_terminations as Json[]) ?? [])].map((t) => `${String(t.object_type)}:${String(t.object_id)}`);
      const mine = ends(record);
      if (others.some((o) => o.id !== record.id && ends(o).some((e) => mine.includes(e)))) errors.a_terminations = ["A termination already has a cable."];
    }
    return errors;
  }

  /** All-or-none bulk create. */
  private createItems(type: ObjectType, items: Json[]): { created: Json[] } | { errors: Record<string, string[]>[] } {
    const records: Json[] = [];
    const errors = items.map((item) => {
      const r = this.resolve(type, item);
      if ("errors" in r) return r.errors;
      const record = { ...r.record, id: -1 - records.length };
      const e = this.uniqueness(type, record, [...this.objects(type), ...records]);
      records.push(record);
      return e;
    });
    if (errors.some((e) => Object.keys(e).length > 0)) return { errors };
    const now = new Date().toISOString();
    const created = records.map((r) => ({ ...r, id: this.nextId++, created: now, last_updated: now }));
    for (const c of created) (this.store.get(type) as Map<number, Json>).set(c.id as number, c);
    return { created };
  }

  /** All-or-none bulk partial update. */
  private updateItems(type: ObjectType, items: Json[]): { updated: Json[] } | { errors: Record<string, string[]>[] } {
    const merged: Json[] = [];
    const errors = items.map((item) => {
      const current = this.get(type, item.id as number);
      if (!current) return { id: [`No ${type} with id ${String(item.id)}`] };
      const fields = Object.fromEntries(Object.entries(item).filter(([k]) => k !== "id"));
      const r = this.resolve(type, fields);
      if ("errors" in r) return r.errors;
      const record = { ...current, ...r.record };
      const others = [...this.objects(type).filter((o) => !merged.some((m) => m.id === o.id)), ...merged];
      const e = this.uniqueness(type, record, others);
      merged.push(record);
      return e;
    });
    if (errors.some((e) => Object.keys(e).length > 0)) return { errors };
    const now = new Date().toISOString();
    const updated: Json[] = merged.map((m) => ({ ...m, last_updated: now }));
    for (const u of updated) (this.store.get(type) as Map<number, Json>).set(u.id as number, u);
    return { updated };
  }

  /** Objects (as "type id") that refer to any of `ids` of `type`. */
  private referrersOf(type: ObjectType, ids: ReadonlySet<number>): string[] {
    const out: string[] = [];
    for (const t of OBJECT_TYPES) {
      const nested = this.nestedFields.get(t) as Map<string, { type: ObjectType; many: boolean }>;
      for (const o of this.objects(t)) {
        if (t === type && ids.has(o.id as number)) continue;
        const refers =
          [...nested.entries()].some(([f, n]) => n.type === type && (n.many ? ((o[f] as number[]) ?? []).some((x) => ids.has(x)) : ids.has(o[f] as number))) ||
          Object.entries(ID_FIELDS).some(([f, d]) => typeof o[f] === "number" && ids.has(o[f] as number) && (d.type ?? (d.typeField ? o[d.typeField] : t)) === type) ||
          [...((o.a_terminations as Json[]) ?? []), ...((o.b_terminations as Json[]) ?? [])].some((x) => x.object_type === type && ids.has(x.object_id as number));
        if (refers && type !== "extras.tag") out.push(`${t} ${String(o.id)}`);
      }
    }
    return out;
  }

  /** An object as NetBox returns it, shaped by its read schema. */
  private render(type: ObjectType, o: Json): Json {
    return this.renderWith(type, o, this.schema(SCHEMA_NAMES[type].read));
  }

  private renderWith(type: ObjectType, o: Json, schema: Schema): Json {
    const nested = this.nestedFields.get(type) as Map<string, { type: ObjectType; many: boolean }>;
    const out: Json = {};
    for (const [f, p] of Object.entries(schema.properties ?? {})) {
      const v = o[f];
      if (f === "id") out.id = o.id;
      else if (f === "url") out.url = `${this.base}${ENDPOINTS[type]}${String(o.id)}/`;
      else if (f === "display_url") out.display_url = `${this.base}${ENDPOINTS[type].replace("/api", "")}${String(o.id)}/`;
      else if (f === "display") out.display = String(o.name ?? o.address ?? o.prefix ?? o.cid ?? o.label ?? o.model ?? o.start_address ?? o.vid ?? o.id);
      else if (f === "family") out.family = String(o.prefix ?? o.address ?? o.start_address ?? "").includes(":") ? { value: 6, label: "IPv6" } : { value: 4, label: "IPv4" };
      else if (v === undefined || v === null) {
        if ((schema.required ?? []).includes(f)) out[f] = this.defaultFor(p);
        else if (v === null) out[f] = null;
      } else {
        const ref = p.$ref ?? p.allOf?.[0]?.$ref ?? p.items?.$ref;
        const targetName = ref ? /^(?:Brief|Nested)(.+)$/.exec(refName(ref))?.[1] : undefined;
        const target = targetName ? this.typeOfSchema.get(targetName) : undefined;
        if (ref && target && (nested.has(f) || typeof v === "number" || Array.isArray(v))) {
          const briefSchema = this.schema(refName(ref));
          const one = (id: number): Json | null => {
            const t = this.get(target, id);
            return t ? this.renderWith(target, t, briefSchema) : null;
          };
          out[f] = Array.isArray(v) ? (v as number[]).map(one).filter((x) => x !== null) : one(v as number);
        } else if (p.type === "object" && p.properties && "value" in p.properties && "label" in p.properties) {
          const values = (p.properties.value.enum ?? []) as unknown[];
          const labels = (p.properties.label.enum ?? []) as unknown[];
          out[f] = { value: v, label: labels[values.indexOf(v)] ?? String(v) };
        } else if (f === "a_terminations" || f === "b_terminations") {
          out[f] = (v as Json[]).map((t) => ({ object_type: t.object_type, object_id: t.object_id, object: { id: t.object_id } }));
        } else out[f] = v;
      }
    }
    return out;
  }

  private defaultFor(p: Schema): unknown {
    const s = p.allOf?.[0] ?? p;
    if (p.nullable) return null;
    if (s.type === "array") return [];
    if (s.type === "integer" || s.type === "number") return 0;
    if (s.type === "boolean") return false;
    if (s.type === "string") return s.enum ? s.enum[0] : "";
    return null;
  }
}
