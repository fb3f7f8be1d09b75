import type { PlannedResource } from "./planTypes";

/**
 * Engine-style Analyzer requests built from the offline plan, with the same protobuf classes the
 * engine's messages deserialise into (the copies @pulumi/pulumi ships, so `instanceof` checks hold).
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const analyzerPb = require("@pulumi/pulumi/proto/analyzer_pb") as AnalyzerPb;
const structPb = require("google-protobuf/google/protobuf/struct_pb") as { Struct: { fromJavaScript(v: Record<string, unknown>): unknown } };
/* eslint-enable @typescript-eslint/no-require-imports */

/** The generated message classes used here (only the setters we call). */
interface Message {
  [setter: string]: unknown;
}
interface AnalyzerPb {
  AnalyzeRequest: new () => Message;
  AnalyzeStackRequest: new () => Message;
  AnalyzerResource: new () => Message;
  AnalyzerResourceOptions: new () => Message;
  ConfigureAnalyzerRequest: new () => Message;
  PolicyConfig: new () => Message;
  EnforcementLevel: Record<string, number>;
}

/**
 * Calls a setter of a generated message.
 * @param m the message.
 * @param setter setter name.
 * @param value value.
 */
function set(m: Message, setter: string, value: unknown): Message {
  (m[setter] as (v: unknown) => void).call(m, value);
  return m;
}

/**
 * Resource options as the engine sends them.
 * @param r the planned resource.
 */
function optionsOf(r: PlannedResource): Message {
  const o = new analyzerPb.AnalyzerResourceOptions();
  set(o, "setProtect", r.protect === true);
  if (r.parent) set(o, "setParent", r.parent);
  return o;
}

/** Structs already built, so a resource sent to several requests is converted once. */
const structs = new WeakMap<PlannedResource, unknown>();

/**
 * The properties Struct; the plan's inputs are JSON already.
 * @param r the planned resource.
 */
function propertiesOf(r: PlannedResource): unknown {
  let s = structs.get(r);
  if (!s) {
    s = structPb.Struct.fromJavaScript(r.inputs);
    structs.set(r, s);
  }
  return s;
}

/**
 * An `analyze` request for one resource (what the engine sends before each registration).
 * @param r the planned resource.
 */
export function analyzeRequest(r: PlannedResource): Message {
  const req = new analyzerPb.AnalyzeRequest();
  set(req, "setType", r.type);
  set(req, "setProperties", propertiesOf(r));
  set(req, "setUrn", r.urn);
  set(req, "setName", r.name);
  set(req, "setOptions", optionsOf(r));
  return req;
}

/**
 * An `analyzeStack` request for the whole plan (custom resources only, as the engine sends).
 * @param resources the planned resources.
 */
export function analyzeStackRequest(resources: readonly PlannedResource[]): Message {
  const req = new analyzerPb.AnalyzeStackRequest();
  const list = resources.map((r) => {
    const m = new analyzerPb.AnalyzerResource();
    set(m, "setType", r.type);
    set(m, "setProperties", propertiesOf(r));
    set(m, "setUrn", r.urn);
    set(m, "setName", r.name);
    set(m, "setOptions", optionsOf(r));
    if (r.parent) set(m, "setParent", r.parent);
    set(m, "setDependenciesList", r.dependencies);
    return m;
  });
  set(req, "setResourcesList", list);
  return req;
}

/**
 * A `configure` request: per-policy enforcement level and config properties.
 * @param config policy name → {enforcementLevel, ...properties}.
 */
export function configureRequest(config: Record<string, { enforcementLevel: string } & Record<string, unknown>>): Message {
  const req = new analyzerPb.ConfigureAnalyzerRequest();
  const map = (req.getPolicyconfigMap as () => { set(k: string, v: unknown): void }).call(req);
  for (const [name, { enforcementLevel, ...props }] of Object.entries(config)) {
    const pc = new analyzerPb.PolicyConfig();
    set(pc, "setEnforcementlevel", analyzerPb.EnforcementLevel[enforcementLevel.toUpperCase()]);
    set(pc, "setProperties", structPb.Struct.fromJavaScript(props));
    map.set(name, pc);
  }
  return req;
}
