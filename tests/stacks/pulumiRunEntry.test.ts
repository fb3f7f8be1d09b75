/**
 * The stack program run the way `pulumi up` runs it: the Node.js language host's entry
 * (`@pulumi/pulumi/cmd/run`) in a child process, with the project's `Pulumi.yaml` (main, runtime
 * options: TypeScript through the SDK's own ts-node and the project's tsconfig, not tsx) and the stack's config in the
 * environment as the CLI passes it, against a gRPC mock monitor. Its plan must equal `npm run plan`'s.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { parse } from "yaml";
import { plannedResources } from "../../offline/mockEngine";
import { offlineStackConfig } from "../../offline/offlineConfig";
import type { Plan, PlannedResource } from "../../offline/planTypes";
import { startMockMonitor, type MockMonitor } from "./support/mockMonitor";
import { BUNDLED_AS_OF } from "../bundledAsOf";

const ROOT = path.resolve(__dirname, "../..");
const STACK = "na-dc2";
let monitor: MockMonitor;
let viaRunEntry: PlannedResource[];
let viaPlan: Plan;
let tmp: string;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "hatang-run-entry-"));
  const project = parse(fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8")) as { name: string; main?: string; runtime: { name: string; options?: { typescript?: boolean; tsconfig?: string; nodeargs?: string } } };
  const options = project.runtime.options ?? {};
  expect(project.runtime.name).toBe("nodejs");
  const cfg = offlineStackConfig(ROOT, STACK);
  monitor = await startMockMonitor(STACK, project.name);
  const entry = require.resolve("@pulumi/pulumi/cmd/run");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // What the CLI and the Node.js language host pass (pulumi/sdk/nodejs/cmd/pulumi-language-nodejs).
    PULUMI_CONFIG: JSON.stringify({ ...cfg.config, "hatang:asOf": BUNDLED_AS_OF }),
    PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(cfg.secureKeys),
    PULUMI_NODEJS_TYPESCRIPT: String(options.typescript ?? true),
    ...(options.tsconfig ? { PULUMI_NODEJS_TSCONFIG_PATH: options.tsconfig } : {}),
  };
  // Nothing of tsx or jest may leak into the child: it must load TypeScript by itself.
  delete env.NODE_OPTIONS;
  const run = promisify(execFile)(process.execPath, [
    ...(options.nodeargs ? options.nodeargs.split(/\s+/) : []),
    entry, "--monitor", monitor.address, "--engine", monitor.address, "--project", project.name, "--stack", STACK,
    "--pwd", ROOT, "--dry-run=true", "--parallel", "16", "--organization", "organization", project.main ?? ".",
  ], { cwd: ROOT, env, maxBuffer: 64 << 20 });
  const plan = promisify(execFile)(process.execPath, ["--stack-trace-limit=0", "--import", "tsx", path.join(ROOT, "offline/planStack.ts"), ROOT, STACK, tmp, "", BUNDLED_AS_OF], { cwd: ROOT, maxBuffer: 16 << 20 });
  const [r] = await Promise.all([run.catch((e: { stdout?: string; stderr?: string; message: string }) => {
    throw new Error(`cmd/run failed: ${e.message}\n${e.stdout ?? ""}\n${e.stderr ?? ""}\n${monitor.logs.join("\n")}`);
  }), plan]);
  void r;
  viaRunEntry = plannedResources(monitor.registrations, STACK, project.name).sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));
  viaPlan = JSON.parse(fs.readFileSync(path.join(tmp, STACK, "plan.json"), "utf8")) as Plan;
}, 1_200_000);

afterAll(async () => {
  await monitor?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

it("registers every resource of `npm run plan`, with the same inputs, parents, dependencies and providers", () => {
  expect(viaRunEntry.length).toBe(viaPlan.resources.length);
  expect(viaRunEntry.length).toBeGreaterThan(1000);
  // Compare resource by resource so a difference names its URN.
  const byUrn = new Map(viaPlan.resources.map((r) => [r.urn, r]));
  const differ = viaRunEntry.filter((r) => comparable(knownAsSecret(r, byUrn.get(r.urn))) !== comparable(byUrn.get(r.urn))).map((r) => r.urn);
  expect(differ).toEqual([]);
});

/**
 * What may differ between the two hosts and nothing else: a dynamic provider's serialized source
 * (ts-node and tsx transpile the same function into different text) and an output not known in
 * a preview (the gRPC monitor marks it unknown, the mock engine leaves it out).
 */
function comparable(r: PlannedResource | undefined): string {
  return JSON.stringify(r, (key, value: unknown) => {
    if (key === "__provider" && typeof value === "string") return value.length > 0 ? "serialized provider" : value;
    if (value === "[unknown]") return null;
    return value;
  });
}

/**
 * An input the preview cannot know yet (an output of a resource not created, e.g. the kubeconfig a built
 * cluster's command reads back) is unknown through the language host and, in the offline plan, the mock
 * engine's value marked secret: the same input when, and only when, the plan lists it as secret.
 */
function knownAsSecret(entry: PlannedResource, planned: PlannedResource | undefined): PlannedResource {
  if (!planned?.secretInputs) return entry;
  const inputs: Record<string, unknown> = { ...entry.inputs };
  const secret = new Set(entry.secretInputs ?? []);
  for (const key of planned.secretInputs) {
    if (inputs[key] === "[unknown]" && planned.inputs[key] === "[secret]") {
      inputs[key] = "[secret]";
      secret.add(key);
    }
  }
  return secret.size === 0 ? entry : { ...entry, inputs, secretInputs: planned.secretInputs.filter((k) => secret.has(k)) };
}

it("logs no error", () => {
  expect(monitor.logs.filter((l) => /^3 /.test(l))).toEqual([]);
});
