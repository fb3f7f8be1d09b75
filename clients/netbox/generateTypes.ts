/**
 * Generates TypeScript types for the NetBox endpoints hatang uses from NetBox's own OpenAPI document
 * (`../shared/netbox/openapi-netbox-4.2.2.json`). Pure: document in, source text out; the script
 * `npm run netbox:types` writes it to `clients/netbox/types.generated.ts` (committed; `--check` fails when stale).
 */

/** The part of an OpenAPI 3.0 schema object the generator reads. */
export interface SchemaObject {
  $ref?: string;
  type?: string;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  items?: SchemaObject;
  allOf?: SchemaObject[];
  enum?: unknown[];
  nullable?: boolean;
  readOnly?: boolean;
  additionalProperties?: boolean | SchemaObject;
  description?: string;
}

/** The part of an OpenAPI document the generator reads. */
export interface OpenApiDocument {
  info?: { version?: string };
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: SchemaObject }> }; responses?: Record<string, { content?: Record<string, { schema: SchemaObject }> }> }>>;
  components: { schemas: Record<string, SchemaObject> };
}

/** The schema names of one collection endpoint. */
export interface EndpointSchemas {
  /** Body of a POST (one item; NetBox also takes a list of them). */
  create: string;
  /** Body of a PATCH of one object (every field optional). */
  patch: string;
  /** An object as NetBox returns it. */
  read: string;
}

const refName = (ref: string): string => ref.replace("#/components/schemas/", "");

/**
 * The schemas of a collection path: from its POST body, its detail PATCH body and its list response.
 * @param doc the OpenAPI document
 * @param path the collection path, e.g. `/api/ipam/vlans/`
 */
export function endpointSchemas(doc: OpenApiDocument, path: string): EndpointSchemas {
  const list = doc.paths[path];
  const detail = doc.paths[`${path}{id}/`];
  if (!list || !detail) throw new Error(`the OpenAPI document has no ${path} (or no ${path}{id}/)`);
  const create = list.post?.requestBody?.content["application/json"]?.schema.$ref;
  const patch = detail.patch?.requestBody?.content["application/json"]?.schema.$ref;
  const page = list.get?.responses?.["200"]?.content?.["application/json"]?.schema.$ref;
  const read = page ? doc.components.schemas[refName(page)]?.properties?.results?.items?.$ref : undefined;
  if (!create || !patch || !read) throw new Error(`${path}: cannot find its POST, PATCH and list schemas in the OpenAPI document`);
  return { create: refName(create), patch: refName(patch), read: refName(read) };
}

/** A TypeScript identifier for a schema name (they are already identifiers, except a trailing `_` or odd ones). */
function typeName(name: string): string {
  return `NB${name.replace(/[^A-Za-z0-9_]/g, "_")}`;
}

/** The TypeScript type of a schema, naming referenced schemas (collected into `seen`). */
function tsType(s: SchemaObject, seen: Set<string>): string {
  const nullable = s.nullable ? " | null" : "";
  if (s.$ref) {
    seen.add(refName(s.$ref));
    return typeName(refName(s.$ref)) + nullable;
  }
  if (s.allOf && s.allOf.length === 1) return `${tsType(s.allOf[0], seen)}${nullable}`;
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(" | ") + nullable;
  switch (s.type) {
    case "integer":
    case "number":
      return `number${nullable}`;
    case "string":
      return `string${nullable}`;
    case "boolean":
      return `boolean${nullable}`;
    case "array":
      return `Array<${s.items ? tsType(s.items, seen) : "unknown"}>${nullable}`;
    case "object":
      if (s.properties) return `${objectType(s, seen, "  ")}${nullable}`;
      return `Record<string, unknown>${nullable}`;
    default:
      return `unknown`;
  }
}

/** An object schema as an inline TypeScript object type. */
function objectType(s: SchemaObject, seen: Set<string>, indent: string): string {
  const required = new Set(s.required ?? []);
  const lines = Object.entries(s.properties ?? {}).map(([k, p]) => {
    const key = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? k : JSON.stringify(k);
    const ro = p.readOnly ? "readonly " : "";
    return `${indent}  ${ro}${key}${required.has(k) ? "" : "?"}: ${tsType(p, seen)};`;
  });
  return `{\n${lines.join("\n")}\n${indent}}`;
}

/**
 * The generated module: one interface per schema reachable from the endpoints' create, patch and read
 * schemas, and `NetBoxTypes` mapping each object type to its three.
 * @param doc the OpenAPI document
 * @param endpoints object type → collection path
 * @param source how the header names the document
 */
export function generateTypes(doc: OpenApiDocument, endpoints: Readonly<Record<string, string>>, source: string): string {
  const roots = Object.entries(endpoints).map(([key, path]) => ({ key, path, schemas: endpointSchemas(doc, path) }));
  const seen = new Set<string>();
  for (const r of roots) for (const n of [r.schemas.create, r.schemas.patch, r.schemas.read]) seen.add(n);
  const emitted = new Map<string, string>();
  // Emit until no new reference appears (schemas reference each other).
  for (;;) {
    const pending = [...seen].filter((n) => !emitted.has(n)).sort();
    if (pending.length === 0) break;
    for (const n of pending) {
      const s = doc.components.schemas[n];
      if (!s) throw new Error(`schema ${n} is referenced but not defined`);
      const doc1 = s.description ? `/** ${s.description.split("\n")[0].replace(/\*\//g, "* /")} */\n` : "";
      emitted.set(n, s.type === "object" && s.properties ? `${doc1}export interface ${typeName(n)} ${objectType(s, seen, "")}\n` : `${doc1}export type ${typeName(n)} = ${tsType(s, seen)};\n`);
    }
  }
  const header = [
    `// Generated by \`npm run netbox:types\` from ${source} (NetBox ${doc.info?.version ?? "?"}). Do not edit.`,
    "",
  ];
  const map = [
    "/** Per object type: the POST body, the PATCH body and the object as read. */",
    "export interface NetBoxTypes {",
    ...roots.map((r) => `  ${JSON.stringify(r.key)}: { create: ${typeName(r.schemas.create)}; patch: ${typeName(r.schemas.patch)}; read: ${typeName(r.schemas.read)} };`),
    "}",
    "",
    "/** Per object type: the schema names in the OpenAPI document (the fake validates against them). */",
    "export const SCHEMA_NAMES = {",
    ...roots.map((r) => `  ${JSON.stringify(r.key)}: ${JSON.stringify(r.schemas)},`),
    "} as const;",
    "",
  ];
  return [...header, ...map, ...[...emitted.keys()].sort().map((n) => emitted.get(n) as string)].join("\n");
}
