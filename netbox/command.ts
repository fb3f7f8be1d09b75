/**
 * `npm run netbox -- --stack <site> [--apply]`: maps one site's model, address plan and plan to NetBox and
 * prints and writes the diff (out/<stack>/netbox-diff.md and .json); with `--apply` it writes the changes.
 * Without NETBOX_URL it compares with an empty NetBox (everything it would create).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { InputError, UsageError, flag, stringList, stringOption, type CommandSpec, type ParsedArgs } from "../cli/command";
import { AS_OF_OPTION, asOfArg } from "../cli/options";
import { NetBoxClient, netboxSettingsFromEnv } from "../clients/netbox/client";
import { NetBoxError } from "../clients/netbox/errors";
import { formatProblems } from "../inventory/loader";
import { loadProvince } from "../inventory/province/loadProvince";
import { asBuiltInput } from "../exports/input";
import { resolveStackTargets } from "../exports/stackTargets";
import { buildManifest } from "../exports/provenance";
import { clientPort } from "./clientPort";
import { mapSite, siteOwnership } from "./mapping/mapSite";
import { diffMarkdown, summaryText } from "./report";
import { EMPTY_NETBOX, syncNetBox } from "./sync";

/** The command's self-description. */
export const NETBOX_SPEC: CommandSpec = {
  name: "netbox",
  summary: "sync one site's model, address plan and plan into NetBox (dry run unless --apply)",
  description: [
    "Reads NETBOX_URL and NETBOX_TOKEN from the environment. Without NETBOX_URL the dry run compares with an",
    "empty NetBox, so the mapping can be reviewed offline. Objects are found by natural key; only changed",
    "fields are written; everything created carries the tag `hatang` and a scope tag; only objects with both",
    "are ever deleted. Safe to interrupt and re-run. The diff goes to out/<stack>/netbox-diff.md and .json.",
  ].join("\n"),
  options: {
    stack: { type: "string", valueName: "SITE", description: "the stack (Pulumi.<stack>.yaml) to sync" },
    apply: { type: "boolean", description: "write the changes to NetBox (default: dry run)" },
    province: { type: "string", valueName: "PATH", description: "province folder instead of the stack's hatang:province" },
    out: { type: "string", valueName: "DIR", description: "output folder", default: "out" },
    "as-of": AS_OF_OPTION,
  },
  findings: "invalid input (inventory, stack, environment) or NetBox refused a change",
  examples: ["npm run netbox -- --stack na-dc1", "NETBOX_URL=https://netbox.example NETBOX_TOKEN=… npm run netbox -- --stack na-dc1 --apply"],
};

/** Streams the command writes to. */
export interface NetBoxIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/**
 * Runs the command.
 * @param args the parsed arguments
 * @param root the project folder
 * @param env the environment (NETBOX_URL, NETBOX_TOKEN)
 * @param io where text goes
 */
export async function runNetBox(args: ParsedArgs, root: string, env: NodeJS.ProcessEnv, io: NetBoxIo): Promise<number> {
  const stacks = stringList(args, "stack");
  if (stacks.length !== 1) throw new UsageError("give exactly one --stack");
  const apply = flag(args, "apply");
  const settings = netboxSettingsFromEnv(env);
  if (!settings.ok) throw new InputError(settings.message);
  if (apply && !settings.settings) throw new InputError("--apply needs NETBOX_URL and NETBOX_TOKEN in the environment");
  const province = stringOption(args, "province");
  const resolved = resolveStackTargets(root, stacks, province ? path.resolve(root, province) : undefined);
  if (!resolved.ok) throw new InputError(resolved.problems.join("\n"));
  const target = resolved.targets[0];
  // One evaluation date for the load (waivers, dated flows) and the record.
  const asOf = asOfArg(args);
  const loaded = loadProvince(target.province, { asOf });
  if (!loaded.ok) throw new InputError(`${loaded.problems.length} problem(s) in the inventory:\n${formatProblems(loaded.problems).join("\n")}`);
  const { inventory, addressPlan } = loaded.province;
  const input = asBuiltInput(inventory, addressPlan.sites, target.site, asOf);
  if (!input.ok) throw new InputError(input.message);
  const desired = mapSite(inventory, addressPlan.sites, input.input.site, input.input.compiled);
  const outDir = path.resolve(root, stringOption(args, "out") ?? "out", target.stack);
  const manifest = buildManifest({ root, command: "npm run netbox", stack: target.stack, site: target.site, inventoryPath: target.province, planPath: path.join(outDir, "plan.json"), asOf: input.input.asOf, basis: "design", now: new Date() });
  const commit = manifest.tool.commit ? manifest.tool.commit.slice(0, 12) : "uncommitted";
  const client = settings.settings
    ? new NetBoxClient({ url: settings.settings.url, token: settings.settings.token, changelogMessage: `hatang: npm run netbox --stack ${target.stack} @ ${commit} (inventory ${manifest.inventory.digest.slice(0, 12)})` })
    : undefined;
  const where = settings.settings ? new URL(settings.settings.url).host : "an empty NetBox (NETBOX_URL is not set)";
  io.stderr(`netbox: ${apply ? "applying" : "dry run"}: ${desired.length} objects of ${target.stack} against ${where}\n`);
  // NetBox refusing or unreachable is a finding about the environment or the data, not a bug of ours.
  const result = await syncNetBox(client ? clientPort(client) : EMPTY_NETBOX, desired, { apply, ownership: siteOwnership(inventory.province.code, target.site), progress: (l) => io.stderr(`${l}\n`) }).catch((e: unknown) => {
    if (e instanceof NetBoxError) throw new InputError(`${e.message}${apply ? " (re-run after fixing: everything already written is found again)" : ""}`);
    throw e;
  });
  const heading = [`Stack / site: ${target.stack}`, `NetBox: ${where}`, `Inventory digest ${manifest.inventory.digest.slice(0, 16)}, tool ${commit}`, ...(client ? [`Requests: ${client.totalRequests} (${client.counts.reads} reads, ${client.totalWrites} writes, ${client.counts.retries} retries)`] : [])];
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, "netbox-diff.md"), diffMarkdown(result, heading));
  fs.writeFileSync(path.join(outDir, "netbox-diff.json"), JSON.stringify({ stack: target.stack, netbox: where, ...result }, null, 2) + "\n");
  io.stdout(summaryText(result));
  const rel = path.relative(root, outDir) || ".";
  io.stdout(`${apply ? "applied" : "dry run (nothing written to NetBox)"}; diff in ${path.join(rel, "netbox-diff.md")} and .json${client ? `; ${client.totalRequests} requests, ${client.totalWrites} writes` : ""}\n`);
  return 0;
}
