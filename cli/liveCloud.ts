/**
 * What the commands that talk to a live cloud (`asbuilt`, `replay`) share: their options, the one stack
 * they need, the connection, and the rule that what goes wrong out there (no credentials, a refused
 * connection, an API error) is input the user acts on, exit 1, not a bug of ours.
 */
import * as path from "node:path";
import { OpenStackClient } from "../clients/openstack/client";
import { OpenStackError } from "../clients/openstack/errors";
import { parseExternals, scriptCredentials } from "../asbuilt/localCloud";
import { readPlanFile } from "../offline/planFile";
import type { Plan } from "../offline/planTypes";
import { stacksToRun } from "../offline/stackConfig";
import { asOfArg, outArg } from "./options";
import { flag, InputError, stringList, stringOption, UsageError, type OptionSpec, type ParsedArgs } from "./command";

/** Options of every live-cloud command. */
export const LIVE_CLOUD_OPTIONS: Record<string, OptionSpec> = {
  stack: { type: "string", valueName: "STACK", description: "the stack (required)" },
  plan: { type: "string", valueName: "PLAN.json", description: "the plan (default DIR/<stack>/plan.json)" },
  external: { type: "string", multiple: true, valueName: "MOCK=LIVE", description: "map an id the offline plan invented to the live one" },
  local: { type: "boolean", description: "use the local test cloud (.services/openrc.json)" },
};

/** What a live-cloud command starts from. */
export interface LiveCloudInputs {
  /** The project folder. */
  root: string;
  /** The one stack (`--stack` is required). */
  stack: string;
  /** The output root. */
  out: string;
  /** The evaluation date. */
  asOf: string;
  /** `--plan`, when given. */
  planArg?: string;
  /** The plan read, and its file as messages name it. */
  plan: Plan;
  shown: string;
}

/**
 * Reads a live-cloud command's arguments and its plan (before any connection is made).
 * @param args the parsed command line
 */
export function liveCloudInputs(args: ParsedArgs): LiveCloudInputs {
  const root = process.cwd();
  const stackArg = stringOption(args, "stack");
  if (!stackArg) throw new UsageError("--stack STACK is required");
  const stack = stacksToRun(root, [stackArg])[0];
  const out = path.resolve(outArg(args));
  const asOf = asOfArg(args);
  const planArg = stringOption(args, "plan");
  const { plan, shown } = readPlanFile(planArg ?? path.join(out, stack, "plan.json"));
  return { root, stack, out, asOf, planArg, plan, shown };
}

/**
 * Runs cloud work, turning cloud and credential errors into input errors (one line, exit 1).
 * @param what what is being done, for the message
 * @param work the work
 */
export async function cloudWork<T>(what: string, work: () => Promise<T> | T): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof OpenStackError) throw new InputError(`${what}: ${e.message}`);
    // Credential loading reports a missing or malformed clouds.yaml / OS_* set with plain errors.
    if (e instanceof Error && /clouds\.yaml|OS_[A-Z_]+|openrc|credentials|--external/.test(e.message)) throw new InputError(`${what}: ${e.message}`);
    throw e;
  }
}

/**
 * The `--external` mapping and a connected client.
 * @param args the parsed command line
 */
export async function connectCloud(args: ParsedArgs): Promise<{ client: OpenStackClient; externals: Record<string, string> }> {
  const externals = await cloudWork("--external", () => parseExternals(stringList(args, "external")));
  const client = await cloudWork("connecting to the cloud", async () => OpenStackClient.connect({ credentials: scriptCredentials(flag(args, "local"), path.resolve(__dirname, "..")) }));
  return { client, externals };
}
