import * as pulumi from "@pulumi/pulumi";
import { DEPLOYER_PROJECT_REF, ID_PREFIX, type PlannedResource } from "./planTypes";

/**
 * Runs a real Pulumi program on the SDK's mock engine and records every registration as the engine
 * would see it: type, name, parent, dependencies, inputs (secrets redacted). No CLI, no credentials.
 */

export { ID_PREFIX };
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** What a run needs. */
export interface OfflineRunOptions {
  /** Project name; must equal `name:` in Pulumi.yaml or `new pulumi.Config()` reads another namespace. */
  project: string;
  /** Stack name. */
  stack: string;
  /** Stack config as the CLI would pass it (`namespace:key` → string). */
  config: Record<string, string>;
  /** Config keys that are secret. */
  secretKeys?: string[];
  /** Answers to provider functions (invokes) by token; default returns `{id: "id-of:<token>"}` plus the inputs. */
  invoke?: (token: string, inputs: Record<string, unknown>) => Record<string, unknown> | undefined;
}

/**
 * The answer to a provider function offline: an id naming the function, the inputs echoed, and the
 * fields the program reads from functions whose result is not an id (the deployer's project).
 * Exported for testing.
 */
export function offlineAnswer(token: string, inputs: Record<string, unknown>): Record<string, unknown> {
  const answer: Record<string, unknown> = { id: `${ID_PREFIX}${token}`, ...inputs };
  if (token === "openstack:identity/getAuthScope:getAuthScope") answer.projectId = DEPLOYER_PROJECT_REF;
  return answer;
}

/** One registration as the monitor received it (exported: a test monitor records the same). */
export interface RawRegistration {
  mockUrn: string;
  type: string;
  name: string;
  custom: boolean;
  parent: string;
  dependencies: string[];
  object: Record<string, unknown>;
  protect: boolean;
  /** Provider reference `<provider urn>::<id>`, empty for components and default providers. */
  provider: string;
}

/** Replaces secrets by "[secret]", unknowns by "[unknown]", resource references by their URN; returns the secret paths. Exported for testing. */
export function redact(value: unknown, path: string, secrets: string[]): unknown {
  if (Array.isArray(value)) return value.map((v, i) => redact(v, `${path}[${i}]`, secrets));
  if (value === UNKNOWN) return "[unknown]";
  if (value !== null && typeof value === "object") {
    const obj = value as Record<string, unknown>;
    if (obj[SIG_KEY] === SECRET_SIG) {
      secrets.push(path);
      return "[secret]";
    }
    if (obj[SIG_KEY] === RESOURCE_SIG) return obj.urn;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) out[k] = redact(v, path ? `${path}.${k}` : k, secrets);
    return out;
  }
  return value;
}

/**
 * Rebuilds engine URNs: the mock keeps only the immediate parent's type, the engine keeps the whole
 * chain of parent types and drops the root Stack. Exported for testing.
 */
export function engineUrns(regs: readonly RawRegistration[], stack: string, project: string): Map<string, string> {
  const byMock = new Map(regs.map((r) => [r.mockUrn, r]));
  const chains = new Map<string, string>();
  const chainOf = (r: RawRegistration): string => {
    const known = chains.get(r.mockUrn);
    if (known !== undefined) return known;
    const parent = r.parent ? byMock.get(r.parent) : undefined;
    const chain = r.type === "pulumi:pulumi:Stack" ? "" : parent && parent.type !== "pulumi:pulumi:Stack" ? `${chainOf(parent)}$${r.type}` : r.type;
    chains.set(r.mockUrn, chain);
    return chain;
  };
  const out = new Map<string, string>();
  for (const r of regs) {
    const chain = r.type === "pulumi:pulumi:Stack" ? r.type : chainOf(r);
    out.set(r.mockUrn, `urn:pulumi:${stack}::${project}::${chain}::${r.name}`);
  }
  return out;
}

interface MonitorLike {
  registerResource(req: RegisterRequest, cb: (err: unknown, resp: unknown) => void): void;
  registerResourceOutputs(req: OutputsRequest, cb: (err: unknown, resp: unknown) => void): void;
}
interface OutputsRequest {
  getUrn(): string;
  getOutputs(): { toJavaScript(): Record<string, unknown> } | undefined;
}
interface RegisterResponse {
  setUrn(urn: string): void;
  setId(id: string): void;
  setObject(obj: unknown): void;
}
interface RegisterRequest {
  getType(): string;
  getName(): string;
  getCustom(): boolean;
  getParent(): string;
  getDependenciesList(): string[];
  getProtect(): boolean;
  getProvider(): string;
  getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
}

/**
 * Runs `program` inside a Pulumi stack on the mock engine and returns every resource it registered,
 * in registration order, with engine URNs. One run per process: the SDK's runtime state is global.
 */
export async function runOffline(
  program: () => Promise<Record<string, unknown> | void>,
  opts: OfflineRunOptions,
): Promise<{ resources: PlannedResource[]; outputs: Record<string, unknown> }> {
  // The SDK records a stack trace per internal promise; without this, planning is 2-3x slower.
  Error.stackTraceLimit = 0;
  // It also walks the whole stack of every resource for its source position (through the source-map
  // hooks of the TypeScript loader); the plan records no source positions, so skip the walk.
  (pulumi.Resource as unknown as { callsites: () => unknown[] }).callsites = () => [];
  pulumi.runtime.setAllConfig(opts.config, opts.secretKeys);
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => ({ id: `${ID_PREFIX}${args.type}::${args.name}`, state: args.inputs }),
      call: (args) => opts.invoke?.(args.token, args.inputs) ?? offlineAnswer(args.token, args.inputs),
    },
    opts.project,
    opts.stack,
    false,
  );
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- internal module with no public typings for the monitor
  const settings = require("@pulumi/pulumi/runtime/settings") as { getMonitor(): MonitorLike; waitForRPCs(): Promise<void> };
  const monitor = settings.getMonitor();
  const regs: RawRegistration[] = [];
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- generated protobuf module without typings for this use
  const resproto = require("@pulumi/pulumi/proto/resource_pb") as { RegisterResourceResponse: new () => RegisterResponse };
  // The mock monitor would deserialize each request, call newResource, serialize the state back and keep
  // it in a map; returning the request's own serialized inputs as the state is the same answer (the
  // mock's state is its inputs) for a fraction of the time and memory.
  monitor.registerResource = (req, cb) => {
    const parent = req.getParent();
    const type = req.getType();
    const name = req.getName();
    const mockUrn = parent
      ? `urn:pulumi:${opts.stack}::${opts.project}::${parent.split("::")[2].split("$").pop()}$${type}::${name}`
      : `urn:pulumi:${opts.stack}::${opts.project}::${type}::${name}`;
    const object = req.getObject();
    regs.push({
      mockUrn,
      type,
      name,
      custom: req.getCustom(),
      parent,
      dependencies: req.getDependenciesList(),
      object: object?.toJavaScript() ?? {},
      protect: req.getProtect(),
      provider: req.getProvider(),
    });
    const resp = new resproto.RegisterResourceResponse();
    resp.setUrn(mockUrn);
    resp.setId(req.getCustom() ? `${ID_PREFIX}${type}::${name}` : "");
    if (object) resp.setObject(object);
    cb(null, resp);
  };
  // Stack outputs are read as serialized for the engine, where secrets are still marked.
  let stackOutputs: Record<string, unknown> = {};
  monitor.registerResourceOutputs = (req, cb) => {
    // Only the Stack's outputs are kept; the mock's own bookkeeping of outputs is skipped with its registrations.
    if (req.getUrn().includes("::pulumi:pulumi:Stack::")) stackOutputs = req.getOutputs()?.toJavaScript() ?? {};
    cb(null, {});
  };
  await pulumi.runtime.runInPulumiStack(async () => (await program()) ?? {});
  await settings.waitForRPCs();
  const resources = plannedResources(regs, opts.stack, opts.project);
  const secretOutputs: string[] = [];
  return { resources, outputs: redact(stackOutputs, "", secretOutputs) as Record<string, unknown> };
}

/**
 * The plan's resources from raw registrations: engine URNs, parents, dependencies, providers,
 * inputs with secrets redacted. Exported: a run through the language host's entry records the same.
 * @param regs registrations in arrival order
 * @param stack the stack
 * @param project the project
 */
export function plannedResources(regs: readonly RawRegistration[], stack: string, project: string): PlannedResource[] {
  const urns = engineUrns(regs, stack, project);
  return regs.map((r) => {
    const secrets: string[] = [];
    const inputs = redact(r.object, "", secrets) as Record<string, unknown>;
    const parent = r.parent ? urns.get(r.parent) : undefined;
    const res: PlannedResource = {
      urn: urns.get(r.mockUrn) as string,
      type: r.type,
      name: r.name,
      custom: r.custom,
      inputs,
      dependencies: [...new Set(r.dependencies.map((d) => urns.get(d) ?? d))].sort(),
    };
    if (parent) res.parent = parent;
    if (secrets.length > 0) res.secretInputs = secrets;
    if (r.protect) res.protect = true;
    // The provider's URN: the reference is `<urn>::<id>`, and a URN is four `::`-separated parts.
    if (r.provider) {
      const mock = r.provider.split("::").slice(0, 4).join("::");
      res.provider = urns.get(mock) ?? mock;
    }
    return res;
  });
}
