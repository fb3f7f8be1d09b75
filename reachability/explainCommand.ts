/**
 * `npm run explain -- --stack S --from <zone|system[/tier]|ip> --to <…> --port 5432/tcp [--family ipv6]`:
 * for every pair the places name, each layer's verdict and deciding rule, with the inventory file:line of
 * the flows behind it.
 */
import * as path from "node:path";
import { InputError, stringOption, UsageError, type CommandSpec, type ParsedArgs } from "../cli/command";
import { AS_OF_OPTION, asOfArg, OUT_OPTION, outArg } from "../cli/options";
import { stacksToRun } from "../offline/stackConfig";
import type { Family } from "./addresses";
import { explain, parsePortSpec, renderExplanation } from "./explain";
import { resolveIntent } from "./intent/resolver";
import { probeModel } from "./probe";
import { siteModel } from "./siteProof";
import { loadStackInputs } from "./stackInputs";

/** The command's self-description. */
export const EXPLAIN_COMMAND: CommandSpec = {
  name: "explain",
  summary: "explain why a connection is allowed or denied, layer by layer",
  description:
    "Places are a zone id, a system id (each of its tiers), system/tier, internet, tslcd, or an address. For every pair they name, " +
    "prints the verdict, the flows that declare the connection (file:line), and each enforcement point on the path — zone firewall, " +
    "FWaaS, security group, Kubernetes network policy — with the rule that decided and the flows recorded on it.",
  options: {
    stack: { type: "string", valueName: "STACK", description: "the stack (default: the only stack here)" },
    from: { type: "string", valueName: "PLACE", description: "source: zone, system, system/tier, internet, tslcd or address (required)" },
    to: { type: "string", valueName: "PLACE", description: "destination, same forms (required)" },
    port: { type: "string", valueName: "PORT/PROTO", description: "e.g. 5432/tcp, 53/udp, or icmp (required)" },
    family: { type: "string", valueName: "FAMILY", default: "ipv4", description: "ipv4 or ipv6" },
    out: OUT_OPTION,
    "as-of": AS_OF_OPTION,
  },
  findings: "an input is invalid (an unknown place, a missing plan)",
  examples: ["npm run explain -- --stack na-dc1 --from dmz --to portal/db --port 5432/tcp", "npm run explain -- --stack na-dc1 --from internet --to portal/web --port 443/tcp --family ipv6"],
};

/**
 * The command.
 * @param args parsed arguments
 * @param root project root
 */
export async function explainMain(args: ParsedArgs, root = process.cwd()): Promise<number> {
  const from = stringOption(args, "from");
  const to = stringOption(args, "to");
  const portText = stringOption(args, "port");
  if (from === undefined || to === undefined || portText === undefined) throw new UsageError("--from, --to and --port are required");
  const port = parsePortSpec(portText);
  if (!port) throw new UsageError(`--port: expected PORT/PROTO such as 5432/tcp, 53/udp, 38412/sctp, or icmp (found: ${JSON.stringify(portText)})`);
  const family = (stringOption(args, "family") ?? "ipv4") as Family;
  if (family !== "ipv4" && family !== "ipv6") throw new UsageError(`--family: expected ipv4 or ipv6 (found: ${JSON.stringify(family)})`);
  const asOf = asOfArg(args);
  const requested = stringOption(args, "stack");
  const stacks = stacksToRun(root, requested ? [requested] : []);
  if (stacks.length !== 1) throw new UsageError(`--stack is required here (stacks: ${stacks.join(", ")})`);
  const input = await loadStackInputs(root, stacks[0], path.resolve(root, outArg(args)), asOf, (l) => console.error(l));
  const { inventory, addressPlan, sources } = input.province;
  const m = siteModel(inventory, addressPlan, input.site, input.plan);
  const intent = resolveIntent({ inventory, sitePlan: m.sitePlan, asOf, sources, addressPlan: m.addressPlan });
  let list;
  try {
    list = explain(probeModel(m, intent), intent, { from, to, protocol: port.protocol, port: port.port, family });
  } catch (e) {
    throw new InputError(e instanceof Error ? e.message : String(e));
  }
  process.stdout.write(renderExplanation(list, { protocol: port.protocol, port: port.port, family }));
  return 0;
}
