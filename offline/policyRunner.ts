import * as path from "node:path";
import type { Policy } from "@pulumi/policy";
import { NA_PREFIX, NOT_ASSESSED_PREFIX, RESOURCE_POLICY_TYPES, STACK_POLICY_READS } from "../policies/lib/definePolicy";
import { PackInputs, setPackInputs } from "../policies/lib/context";
import { parseFinding } from "../policies/lib/findingMessage";
import type { Plan } from "./planTypes";
import { analyzeRequest, analyzeStackRequest, configureRequest } from "./policyRunnerRequests";

/**
 * The in-process policy runner: loads the pack's `index.ts` unchanged, captures the gRPC handlers it
 * registers (before any port opens), and feeds them engine-style requests built from the offline
 * plan. Enforcement levels, config and not-applicable answers are the pack's own.
 */

/** A gRPC unary handler as grpc-js calls it. */
type Handler = (call: { request: unknown }, cb: (err: unknown, res?: unknown) => void) => void;

/** The handlers captured from the pack. */
interface Handlers {
  analyze: Handler;
  analyzeStack: Handler;
  configure: Handler;
}

/** A loaded pack. */
export interface LoadedPack {
  /** Pack name. */
  name: string;
  /** Pack version (from policies/package.json). */
  version: string;
  /** Policy name → kind. */
  kinds: Map<string, "resource" | "stack">;
  /** The captured handlers. */
  handlers: Handlers;
}

/** The pack directory. */
export const PACK_DIR = path.resolve(__dirname, "..", "policies");

let loaded: LoadedPack | undefined;

/**
 * Loads the pack once per process (the SDK serves one pack per process) and captures its handlers.
 * @param dir pack directory.
 */
export function loadPack(dir: string = PACK_DIR): LoadedPack {
  if (loaded) return loaded;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const grpc = require(require.resolve("@grpc/grpc-js", { paths: [path.dirname(require.resolve("@pulumi/policy"))] })) as {
    Server: { prototype: { addService(svc: unknown, impl: Record<string, Handler>): void; bindAsync(...a: unknown[]): void } };
  };
  const proto = grpc.Server.prototype;
  const origAdd = proto.addService;
  const origBind = proto.bindAsync;
  let captured: Handlers | undefined;
  proto.addService = function (_svc, impl) {
    captured = { analyze: impl.analyze, analyzeStack: impl.analyzeStack, configure: impl.configure };
  };
  proto.bindAsync = function () {
    // No port: the handlers are called directly.
  };
  const cwd = process.cwd();
  try {
    // PolicyPack reads its version from ./package.json.
    process.chdir(dir);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(path.join(dir, "index.ts"));
  } finally {
    process.chdir(cwd);
    proto.addService = origAdd;
    proto.bindAsync = origBind;
  }
  if (!captured) throw new Error(`the policy pack in ${dir} registered no Analyzer service`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { allPolicies } = require(path.join(dir, "all.ts")) as { allPolicies: Policy[] };
  const kinds = new Map<string, "resource" | "stack">(allPolicies.map((p) => [p.name, "validateStack" in p ? "stack" : "resource"]));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pkg = require(path.join(dir, "package.json")) as { name: string; version: string };
  loaded = { name: "hatang-policies", version: pkg.version, kinds, handlers: captured };
  return loaded;
}

/**
 * Calls a handler and waits for its callback.
 * @param h the handler.
 * @param request the request message.
 */
function call(h: Handler, request: unknown): Promise<ResponseLike> {
  return new Promise((resolve, reject) => h({ request }, (err, res) => (err ? reject(err) : resolve(res as ResponseLike))));
}

/** The response accessors used. */
interface ResponseLike {
  getDiagnosticsList(): DiagnosticLike[];
  getNotApplicableList(): Array<{ getPolicyName(): string; getReason(): string }>;
}
interface DiagnosticLike {
  getPolicyname(): string;
  getMessage(): string;
  getUrn(): string;
  getEnforcementlevel(): number;
  getSeverity(): number;
}

/** One violation reported by the pack. */
export interface RawFinding {
  /** Policy that reported it. */
  policy: string;
  /** Control ID parsed from the message. */
  control: string;
  /** Finding text. */
  text: string;
  /** Resource URN, when the finding is about a resource. */
  urn?: string;
  /** Inventory subject. */
  subject?: string;
  /** Inventory field path (dotted). */
  at?: string;
  /** Enforcement level the pack applied. */
  enforcement: "advisory" | "mandatory";
}

/** What the pack said about one policy overall. */
export interface PolicyCoverage {
  /** Resource or stack policy. */
  kind: "resource" | "stack";
  /** Resources (resource policies) or 1 (stack policies) actually judged. */
  evaluated: number;
  /** The requirement does not apply (reason). */
  notApplicable?: string;
  /** Nothing to judge it with (reason). */
  notAssessed?: string;
  /** Judgements the pack could not make because a value is unknown until update ("can't run during preview"). */
  indeterminate: number;
}

/** The raw result of a run. */
export interface RunResult {
  /** Pack name and version. */
  pack: { name: string; version: string };
  /** Every violation. */
  findings: RawFinding[];
  /** Coverage per policy name. */
  coverage: Map<string, PolicyCoverage>;
}

/** Options of a run. */
export interface RunOptions {
  /** Inventory, evidence and as-of handed to the pack (waivers are applied by the caller). */
  inputs: PackInputs;
  /** Per-policy config sent through `configure` (policy name → properties and level). */
  policyConfig?: Record<string, { enforcementLevel: string } & Record<string, unknown>>;
  /**
   * Engine-identical requests: every resource to every policy (default false: each resource goes only
   * to the resource policies that judge its type, each stack policy gets only the types it reads —
   * the same answers, several times faster; a test holds the two modes equal).
   */
  engineIdentical?: boolean;
}

/** Policy config as `configure` takes it. */
type PolicyConfigMap = NonNullable<RunOptions["policyConfig"]>;

/**
 * Groups stack policies by the resource types they read, so each group is one `analyzeStack` call
 * carrying only those types (inventory-only policies get an empty stack). `fullStack` gives one group
 * with every resource, as the engine sends.
 * @param stackPolicies stack policy names.
 * @param fullStack engine-identical mode.
 */
export function stackGroups(stackPolicies: readonly string[], fullStack: boolean): Array<{ policies: string[]; types: Set<string> | "all" }> {
  if (fullStack) return [{ policies: [...stackPolicies], types: "all" }];
  const groups = new Map<string, { policies: string[]; types: Set<string> | "all" }>();
  for (const name of stackPolicies) {
    const reads = STACK_POLICY_READS.get(name);
    const key = reads ? [...new Set(reads)].sort().join(",") : "*";
    const g = groups.get(key) ?? { policies: [], types: reads ? new Set(reads) : ("all" as const) };
    g.policies.push(name);
    groups.set(key, g);
  }
  return [...groups.values()];
}

/**
 * Evaluates the pack's real handlers over a plan.
 * @param plan the offline plan.
 * @param opts inputs and config.
 */
export async function runPolicies(plan: Plan, opts: RunOptions): Promise<RunResult> {
  const pack = loadPack();
  setPackInputs({ ...opts.inputs, waivers: [] });
  try {
    await call(pack.handlers.configure, configureRequest(opts.policyConfig ?? {}));
    const findings: RawFinding[] = [];
    const coverage = new Map<string, PolicyCoverage>();
    for (const [name, kind] of pack.kinds) coverage.set(name, { kind, evaluated: 0, indeterminate: 0 });
    const collect = (res: ResponseLike) => {
      for (const d of res.getDiagnosticsList()) {
        const cov = coverage.get(d.getPolicyname());
        // The SDK turns an unknown (preview) value into an advisory "can't run" diagnostic: not a finding, not a pass.
        if (cov && /^can't run policy /.test(d.getMessage())) {
          cov.indeterminate++;
          continue;
        }
        const parsed = parseFinding(d.getMessage());
        if (!parsed) throw new Error(`policy ${d.getPolicyname()} reported a message without a control ID: ${d.getMessage()}`);
        findings.push({
          policy: d.getPolicyname(),
          control: parsed.control,
          text: parsed.text,
          urn: d.getUrn() || undefined,
          subject: parsed.subject,
          at: parsed.at,
          enforcement: d.getEnforcementlevel() === 1 ? "mandatory" : "advisory",
        });
      }
    };
    const custom = plan.resources.filter((r) => r.custom);
    const engine = opts.engineIdentical === true;
    const userDisabled = (n: string) => opts.policyConfig?.[n]?.enforcementLevel === "disabled";
    const resourceNames = [...pack.kinds].filter(([, k]) => k === "resource").map(([n]) => n);
    const byType = new Map<string, typeof custom>();
    for (const r of custom) byType.set(r.type, [...(byType.get(r.type) ?? []), r]);
    for (const [type, list] of engine ? [["*", custom] as const] : [...byType]) {
      const judges = engine ? resourceNames : resourceNames.filter((n) => RESOURCE_POLICY_TYPES.get(n)?.includes(type) ?? true);
      if (!engine) {
        const config: PolicyConfigMap = { ...(opts.policyConfig ?? {}) };
        for (const n of resourceNames) if (!judges.includes(n)) config[n] = { ...(config[n] ?? {}), enforcementLevel: "disabled" };
        await call(pack.handlers.configure, configureRequest(config));
      }
      for (const r of list) {
        const res = await call(pack.handlers.analyze, analyzeRequest(r));
        collect(res);
        const na = new Set(res.getNotApplicableList().map((n) => n.getPolicyName()));
        for (const name of judges) if (!na.has(name) && !userDisabled(name)) coverage.get(name)!.evaluated++;
      }
    }
    const stackNames = [...pack.kinds].filter(([, k]) => k === "stack").map(([n]) => n);
    const stackNa = new Map<string, string>();
    for (const g of stackGroups(stackNames, engine)) {
      // Only this group's policies run: the others are disabled for the call (as a pack config would).
      const config: PolicyConfigMap = { ...(opts.policyConfig ?? {}) };
      for (const n of stackNames) if (!g.policies.includes(n)) config[n] = { ...(config[n] ?? {}), enforcementLevel: "disabled" };
      await call(pack.handlers.configure, configureRequest(config));
      const types = g.types;
      const resources = types === "all" ? custom : custom.filter((r) => types.has(r.type));
      const res = await call(pack.handlers.analyzeStack, analyzeStackRequest(resources));
      collect(res);
      for (const n of res.getNotApplicableList()) stackNa.set(n.getPolicyName(), n.getReason());
    }
    for (const [name, cov] of coverage) {
      if (cov.kind !== "stack") continue;
      if (opts.policyConfig?.[name]?.enforcementLevel === "disabled") continue;
      const reason = stackNa.get(name);
      if (reason === undefined) cov.evaluated = 1;
      else if (reason.startsWith(NA_PREFIX)) cov.notApplicable = reason.slice(NA_PREFIX.length);
      else cov.notAssessed = reason.startsWith(NOT_ASSESSED_PREFIX) ? reason.slice(NOT_ASSESSED_PREFIX.length) : reason;
    }
    // Disabled policies are skipped silently by the SDK: they judged nothing.
    for (const name of pack.kinds.keys()) if (userDisabled(name)) Object.assign(coverage.get(name)!, { evaluated: 0, notAssessed: "disabled by configuration" });
    return { pack: { name: pack.name, version: pack.version }, findings, coverage };
  } finally {
    setPackInputs(undefined);
  }
}
