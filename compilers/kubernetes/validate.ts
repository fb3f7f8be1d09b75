/**
 * Validates Kubernetes objects before anything is applied: the Kubernetes OpenAPI schemas (through
 * kubernetes-models' ajv validators for core kinds, Velero's CRD schema for its kinds), plus what those
 * schemas let through: unknown fields, names, namespaces, label syntax, CIDRs and port ranges.
 * Every problem of every object is reported at once, each with the object, the field path and
 * what was expected versus found.
 */
import { ConfigMap, LimitRange, Namespace, ResourceQuota, Service, ServiceAccount } from "kubernetes-models/v1";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1";
import { DaemonSet, Deployment } from "kubernetes-models/apps/v1";
import { CronJob } from "kubernetes-models/batch/v1";
import { ClusterRole, ClusterRoleBinding, Role, RoleBinding } from "kubernetes-models/rbac.authorization.k8s.io/v1";
import fieldTable from "./validateFieldTable.generated.json";
import type { FieldTable } from "./validateFieldTableGenerate";
import { isDns1123Label, isDns1123Subdomain } from "./names";
import { cidrWithin, parseCidr, type ParsedCidr } from "./validateCidr";
import { veleroValidators, type SchemaError } from "./validateVelero";

/** One validation problem. */
export interface ValidationIssue {
  /** `<apiVersion>/<kind> <namespace>/<name>` of the object. */
  object: string;
  /** Field path inside the object, e.g. `spec.ingress[0].from[0].ipBlock.cidr` (empty for the whole object). */
  path: string;
  /** What was expected and what was found. */
  message: string;
}

/** A kubernetes-models class: constructing it and calling validate() runs the compiled schema. */
interface ModelClass {
  new (data: Record<string, unknown>): { validate(): void };
}

const MODELS: Record<string, ModelClass> = {
  "v1/Namespace": Namespace as unknown as ModelClass,
  "v1/ResourceQuota": ResourceQuota as unknown as ModelClass,
  "v1/LimitRange": LimitRange as unknown as ModelClass,
  "v1/ServiceAccount": ServiceAccount as unknown as ModelClass,
  "v1/ConfigMap": ConfigMap as unknown as ModelClass,
  "v1/Service": Service as unknown as ModelClass,
  "networking.k8s.io/v1/NetworkPolicy": NetworkPolicy as unknown as ModelClass,
  "apps/v1/DaemonSet": DaemonSet as unknown as ModelClass,
  "apps/v1/Deployment": Deployment as unknown as ModelClass,
  "batch/v1/CronJob": CronJob as unknown as ModelClass,
  "rbac.authorization.k8s.io/v1/ClusterRole": ClusterRole as unknown as ModelClass,
  "rbac.authorization.k8s.io/v1/ClusterRoleBinding": ClusterRoleBinding as unknown as ModelClass,
  "rbac.authorization.k8s.io/v1/Role": Role as unknown as ModelClass,
  "rbac.authorization.k8s.io/v1/RoleBinding": RoleBinding as unknown as ModelClass,
};

const TABLE = fieldTable as FieldTable;
const CLUSTER_SCOPED = new Set(["Namespace", "ClusterRole", "ClusterRoleBinding"]);
/** Names that must be DNS-1123 labels (they become DNS names or label values). */
const LABEL_NAMED = new Set(["Namespace", "Service"]);
/** RBAC names are path segments: anything but `/`, `%`, `.` and `..`. */
const PATH_SEGMENT_NAMED = new Set(["ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding"]);

type Json = unknown;

function isRecord(v: Json): v is Record<string, Json> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/**
 * Turns a JSON pointer (`/spec/ingress/0/from`) into a field path (`spec.ingress[0].from`).
 * @param pointer ajv instancePath
 */
export function pointerToPath(pointer: string): string {
  let out = "";
  for (const raw of pointer.split("/").slice(1)) {
    const part = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    out += /^\d+$/.test(part) ? `[${part}]` : out === "" ? part : `.${part}`;
  }
  return out;
}

function at(data: Json, pointer: string): Json {
  let cur: Json = data;
  for (const raw of pointer.split("/").slice(1)) {
    const part = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(cur)) cur = cur[Number(part)];
    else if (isRecord(cur)) cur = cur[part];
    else return undefined;
  }
  return cur;
}

/**
 * Renders a value briefly for a message.
 * @param v any JSON value
 */
export function brief(v: Json): string {
  if (v === undefined) return "nothing";
  const text = JSON.stringify(v);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * Turns one schema error into a precise message.
 * @param e the ajv error
 * @param data the object validated
 */
export function schemaErrorMessage(e: SchemaError, data: Json): { path: string; message: string } {
  const found = at(data, e.instancePath);
  const path = pointerToPath(e.instancePath);
  switch (e.keyword) {
    case "required": {
      const missing = String(e.params.missingProperty);
      return { path: path === "" ? missing : `${path}.${missing}`, message: "required field is missing" };
    }
    case "additionalProperties": {
      const extra = String(e.params.additionalProperty);
      return { path: path === "" ? extra : `${path}.${extra}`, message: "unknown field" };
    }
    case "type":
      return { path, message: `expected ${String(e.params.type)}, found ${brief(found)}` };
    case "enum":
      return { path, message: `expected one of ${(e.params.allowedValues as unknown[]).map((x) => JSON.stringify(x)).join(", ")}, found ${brief(found)}` };
    case "const":
      return { path, message: `expected ${JSON.stringify(e.params.allowedValue)}, found ${brief(found)}` };
    default:
      return { path, message: `${e.message ?? e.keyword}, found ${brief(found)}` };
  }
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}

/**
 * Fields of `value` the schema type does not know, recursively (`*` in the table marks a map).
 * @param value the value
 * @param typeKey its type in the field table (null: a leaf)
 * @param path its field path
 */
export function unknownFields(value: Json, typeKey: string | null, path: string): Array<{ path: string; message: string }> {
  if (typeKey === null || value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap((v, i) => unknownFields(v, typeKey, `${path}[${i}]`));
  if (!isRecord(value)) return [];
  const fields = TABLE.types[typeKey];
  if (!fields) return [];
  const out: Array<{ path: string; message: string }> = [];
  for (const [key, child] of Object.entries(value)) {
    const childPath = path === "" ? key : `${path}.${key}`;
    if ("*" in fields) {
      out.push(...unknownFields(child, fields["*"], childPath));
    } else if (key in fields) {
      out.push(...unknownFields(child, fields[key], childPath));
    } else {
      const known = Object.keys(fields);
      const close = known.map((k) => [k, editDistance(key, k)] as const).filter(([, d]) => d <= 2).sort((x, y) => x[1] - y[1])[0];
      out.push({ path: childPath, message: close ? `unknown field; did you mean "${close[0]}"?` : `unknown field; expected one of ${known.sort().join(", ")}` });
    }
  }
  return out;
}

const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/**
 * Checks a label key (`[prefix/]name`) and value against Kubernetes' rules.
 * @param key label key
 * @param value label value
 */
export function labelProblems(key: string, value: string): string[] {
  const out: string[] = [];
  const slash = key.lastIndexOf("/");
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && !isDns1123Subdomain(prefix)) out.push(`label key prefix "${prefix}" must be a DNS subdomain`);
  if (name.length > 63 || !LABEL_NAME.test(name)) out.push(`label key name "${name}" must be 1-63 alphanumerics, '-', '_' or '.', alphanumeric at both ends`);
  if (value !== "" && (value.length > 63 || !LABEL_NAME.test(value))) out.push(`label value "${value}" must be empty or 1-63 alphanumerics, '-', '_' or '.', alphanumeric at both ends`);
  return out;
}

function metadataProblems(o: Record<string, Json>): Array<{ path: string; message: string }> {
  const out: Array<{ path: string; message: string }> = [];
  const kind = String(o.kind);
  const meta = o.metadata;
  if (!isRecord(meta)) return [{ path: "metadata", message: `expected an object with a name, found ${brief(meta)}` }];
  const name = meta.name;
  if (typeof name !== "string") {
    out.push({ path: "metadata.name", message: `expected a name, found ${brief(name)}` });
  } else if (LABEL_NAMED.has(kind) ? !isDns1123Label(name) : PATH_SEGMENT_NAMED.has(kind) ? /[/%]/.test(name) || name === "." || name === ".." || name === "" : !isDns1123Subdomain(name)) {
    const rule = LABEL_NAMED.has(kind) ? "a DNS-1123 label (≤63 lower-case alphanumerics or '-')" : PATH_SEGMENT_NAMED.has(kind) ? "a path segment (no '/' or '%')" : "a DNS-1123 subdomain (≤253 lower-case alphanumerics, '-' or '.')";
    out.push({ path: "metadata.name", message: `expected ${rule}, found "${name}"` });
  }
  const ns = meta.namespace;
  if (CLUSTER_SCOPED.has(kind)) {
    if (ns !== undefined) out.push({ path: "metadata.namespace", message: `${kind} is cluster-scoped; expected no namespace, found "${String(ns)}"` });
  } else if (typeof ns !== "string" || !isDns1123Label(ns)) {
    out.push({ path: "metadata.namespace", message: `expected a namespace (DNS-1123 label), found ${brief(ns)}` });
  }
  for (const field of ["labels", "annotations"] as const) {
    const map = meta[field];
    if (map === undefined) continue;
    if (!isRecord(map)) {
      out.push({ path: `metadata.${field}`, message: `expected a map of strings, found ${brief(map)}` });
      continue;
    }
    for (const [k, v] of Object.entries(map)) {
      if (typeof v !== "string") out.push({ path: `metadata.${field}.${k}`, message: `expected a string, found ${brief(v)}` });
      else if (field === "labels") for (const m of labelProblems(k, v)) out.push({ path: `metadata.labels.${k}`, message: m });
    }
  }
  return out;
}

function ipBlockProblems(block: Json, path: string): Array<{ path: string; message: string }> {
  if (!isRecord(block)) return [];
  const out: Array<{ path: string; message: string }> = [];
  let outer: ParsedCidr | undefined;
  if (typeof block.cidr === "string") {
    const r = parseCidr(block.cidr);
    if (r.ok) outer = r.cidr;
    else out.push({ path: `${path}.cidr`, message: r.message });
  }
  if (Array.isArray(block.except)) {
    block.except.forEach((e, i) => {
      if (typeof e !== "string") return;
      const r = parseCidr(e);
      if (!r.ok) out.push({ path: `${path}.except[${i}]`, message: r.message });
      else if (outer && !cidrWithin(r.cidr, outer)) out.push({ path: `${path}.except[${i}]`, message: `expected a prefix strictly inside ${outer.canonical}, found "${e}"` });
    });
  }
  return out;
}

function networkPolicyProblems(o: Record<string, Json>): Array<{ path: string; message: string }> {
  const spec = o.spec;
  if (!isRecord(spec)) return [];
  const out: Array<{ path: string; message: string }> = [];
  for (const [dir, peersKey] of [["ingress", "from"], ["egress", "to"]] as const) {
    const rules = spec[dir];
    if (!Array.isArray(rules)) continue;
    rules.forEach((rule, i) => {
      if (!isRecord(rule)) return;
      const peers = rule[peersKey];
      if (Array.isArray(peers)) peers.forEach((p, j) => isRecord(p) && p.ipBlock !== undefined && out.push(...ipBlockProblems(p.ipBlock, `spec.${dir}[${i}].${peersKey}[${j}].ipBlock`)));
      const ports = rule.ports;
      if (Array.isArray(ports)) {
        ports.forEach((p, j) => {
          if (!isRecord(p) || p.endPort === undefined) return;
          const here = `spec.${dir}[${i}].ports[${j}].endPort`;
          if (typeof p.port !== "number") out.push({ path: here, message: `endPort needs a numeric port, found port ${brief(p.port)}` });
          else if (typeof p.endPort === "number" && p.endPort < p.port) out.push({ path: here, message: `expected endPort ≥ port ${p.port}, found ${p.endPort}` });
        });
      }
    });
  }
  return out;
}

function veleroProblems(o: Record<string, Json>): Array<{ path: string; message: string }> {
  const spec = o.spec;
  if (o.kind !== "Schedule" || !isRecord(spec) || !isRecord(spec.template)) return [];
  const included = spec.template.includedNamespaces;
  if (!Array.isArray(included)) return [];
  return included.flatMap((n, i) => (typeof n === "string" && (isDns1123Label(n) || n === "*") ? [] : [{ path: `spec.template.includedNamespaces[${i}]`, message: `expected a namespace name, found ${brief(n)}` }]));
}

/**
 * A short identity for messages: `<apiVersion>/<kind> <namespace>/<name>`.
 * @param o the object
 */
export function objectLabel(o: Json): string {
  if (!isRecord(o)) return "(not an object)";
  const meta = isRecord(o.metadata) ? o.metadata : {};
  const ns = typeof meta.namespace === "string" ? `${meta.namespace}/` : "";
  return `${String(o.apiVersion)}/${String(o.kind)} ${ns}${String(meta.name)}`;
}

/**
 * Every problem of one object.
 * @param object any value meant to be a Kubernetes object
 */
export function validateObject(object: Json): ValidationIssue[] {
  const label = objectLabel(object);
  if (!isRecord(object)) return [{ object: label, path: "", message: `expected an object, found ${brief(object)}` }];
  const gvk = `${String(object.apiVersion)}/${String(object.kind)}`;
  const found: Array<{ path: string; message: string }> = [];
  const model = MODELS[gvk];
  const velero = veleroValidators().get(gvk);
  if (model) {
    try {
      new model({ ...object }).validate();
    } catch (err) {
      const errors = (err as { errors?: SchemaError[] }).errors ?? [];
      if (errors.length === 0) found.push({ path: "", message: (err as Error).message });
      for (const e of errors) found.push(schemaErrorMessage(e, object));
    }
    found.push(...unknownFields(object, TABLE.roots[gvk] ?? null, ""));
  } else if (velero) {
    if (!velero(object)) for (const e of (velero.errors ?? []) as SchemaError[]) found.push(schemaErrorMessage(e, object));
    found.push(...veleroProblems(object));
  } else {
    return [{ object: label, path: "", message: `no schema for ${gvk}; expected one of ${[...Object.keys(MODELS), ...veleroValidators().keys()].sort().join(", ")}` }];
  }
  found.push(...metadataProblems(object));
  if (object.kind === "NetworkPolicy") found.push(...networkPolicyProblems(object));
  if (object.kind === "CronJob") found.push(...restrictedPodProblems(at(object, "/spec/jobTemplate/spec/template/spec"), "spec.jobTemplate.spec.template.spec"));
  const unique = new Map(found.map((f) => [`${f.path}|${f.message}`, f]));
  // Sorted by field path so a report reads top to bottom like the object.
  return [...unique.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).map((f) => ({ object: label, ...f }));
}

/** Volume sources Pod Security `restricted` allows. */
const RESTRICTED_VOLUMES = new Set(["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret"]);

/**
 * What a pod spec breaks of Pod Security `restricted` (and of a read-only root filesystem, which this
 * program asks of every job container): non-root, seccomp RuntimeDefault or Localhost, no privilege
 * escalation, every capability dropped (NET_BIND_SERVICE may be added back), no host namespaces, ports or
 * paths, only the allowed volume types. A container inherits the pod's runAsNonRoot and seccomp profile.
 * @param spec the pod spec
 * @param path its field path in the object
 */
export function restrictedPodProblems(spec: Json, path: string): Array<{ path: string; message: string }> {
  const out: Array<{ path: string; message: string }> = [];
  if (!isRecord(spec)) return [{ path, message: `expected a pod spec, found ${brief(spec)}` }];
  const podSc = isRecord(spec.securityContext) ? spec.securityContext : {};
  for (const k of ["hostNetwork", "hostPID", "hostIPC"]) if (spec[k] === true) out.push({ path: `${path}.${k}`, message: "Pod Security restricted: expected false or unset, found true" });
  const seccompOk = (sc: Record<string, Json>) => isRecord(sc.seccompProfile) && (sc.seccompProfile.type === "RuntimeDefault" || sc.seccompProfile.type === "Localhost");
  const volumes = Array.isArray(spec.volumes) ? spec.volumes : [];
  volumes.forEach((v, i) => {
    const kinds = isRecord(v) ? Object.keys(v).filter((k) => k !== "name") : [];
    for (const k of kinds) if (!RESTRICTED_VOLUMES.has(k)) out.push({ path: `${path}.volumes[${i}].${k}`, message: `Pod Security restricted: expected a volume of ${[...RESTRICTED_VOLUMES].join(", ")}, found ${k}` });
  });
  for (const list of ["initContainers", "containers"]) {
    const containers = Array.isArray(spec[list]) ? spec[list] : [];
    containers.forEach((c, i) => {
      const p = `${path}.${list}[${i}]`;
      const sc = isRecord(c) && isRecord(c.securityContext) ? c.securityContext : {};
      const bad = (field: string, expected: string, found: Json) => out.push({ path: `${p}.securityContext.${field}`, message: `Pod Security restricted: expected ${expected}, found ${brief(found)}` });
      if (sc.runAsNonRoot !== true && !(podSc.runAsNonRoot === true && sc.runAsNonRoot === undefined)) bad("runAsNonRoot", "true (here or on the pod)", sc.runAsNonRoot);
      if (sc.runAsUser === 0 || (sc.runAsUser === undefined && podSc.runAsUser === 0)) bad("runAsUser", "a non-zero user", 0);
      if (!seccompOk(sc) && !(sc.seccompProfile === undefined && seccompOk(podSc))) bad("seccompProfile.type", "RuntimeDefault or Localhost (here or on the pod)", isRecord(sc.seccompProfile) ? sc.seccompProfile.type : undefined);
      if (sc.allowPrivilegeEscalation !== false) bad("allowPrivilegeEscalation", "false", sc.allowPrivilegeEscalation);
      if (sc.privileged === true) bad("privileged", "false or unset", true);
      const caps = isRecord(sc.capabilities) ? sc.capabilities : {};
      if (!(Array.isArray(caps.drop) && caps.drop.includes("ALL"))) bad("capabilities.drop", '["ALL"]', caps.drop);
      const added = Array.isArray(caps.add) ? caps.add.filter((a) => a !== "NET_BIND_SERVICE") : [];
      if (added.length > 0) bad("capabilities.add", "nothing but NET_BIND_SERVICE", added);
      if (sc.readOnlyRootFilesystem !== true) bad("readOnlyRootFilesystem", "true", sc.readOnlyRootFilesystem);
      const ports = isRecord(c) && Array.isArray(c.ports) ? c.ports : [];
      ports.forEach((port, j) => {
        if (isRecord(port) && port.hostPort !== undefined && port.hostPort !== 0) out.push({ path: `${p}.ports[${j}].hostPort`, message: `Pod Security restricted: expected no host port, found ${brief(port.hostPort)}` });
      });
    });
  }
  return out;
}

/**
 * Every problem of every object, plus objects that share an identity (kind, namespace, name).
 * @param objects the objects of one cluster
 */
export function validateObjects(objects: readonly Json[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const seen = new Map<string, number>();
  objects.forEach((o, i) => {
    issues.push(...validateObject(o));
    const id = objectLabel(o);
    const first = seen.get(id);
    if (first !== undefined) issues.push({ object: id, path: "", message: `duplicate object: objects #${first} and #${i} have the same kind, namespace and name` });
    else seen.set(id, i);
  });
  return issues;
}

/**
 * One line per issue: `<object>: <path>: <message>`.
 * @param issues validation issues
 */
export function formatIssues(issues: readonly ValidationIssue[]): string {
  return issues.map((i) => `${i.object}: ${i.path === "" ? "" : `${i.path}: `}${i.message}`).join("\n");
}
