/**
 * `npm run verify -- --manifests <dir|file> [--format connlist|json|csv|md] [--out FILE]`: the allowed
 * connectivity of arbitrary Kubernetes manifests, as NetworkPolicy analyzers print it. Broken manifests
 * give every problem with file:line:column and exit 1, nothing printed on stdout.
 */
import * as fs from "node:fs";
import { InputError, stringOption, UsageError, type CommandSpec, type ParsedArgs } from "../cli/command";
import { connectivity, manifestModel, renderConnectivity, type ConnFormat } from "./manifests/connlist";
import { readManifests } from "./manifests/readManifests";
import { validateManifestObject } from "./manifests/validateObjects";

/** The command's self-description. */
export const VERIFY_COMMAND: CommandSpec = {
  name: "verify",
  summary: "print the connectivity Kubernetes manifests allow (workloads and address blocks)",
  description:
    "Reads manifests (a file or a folder, recursively; YAML or JSON; several documents per file; List kinds). Namespaces, Pods, " +
    "Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs, CronJobs, ReplicationControllers, NetworkPolicies, " +
    "AdminNetworkPolicies and the BaselineAdminNetworkPolicy (policy.networking.k8s.io/v1alpha1) are analysed; other kinds are " +
    "ignored. Prints one line per allowed pair, sorted: `ns/name[Kind] => ns/name[Kind] : TCP 8080,UDP 53`, and address blocks as " +
    "`first-last` ranges (`0.0.0.0-9.255.255.255 => ns/name[Kind] : All Connections`).",
  options: {
    manifests: { type: "string", valueName: "PATH", description: "a manifest file or a folder of them (required)" },
    format: { type: "string", valueName: "FORMAT", default: "connlist", description: "connlist, json, csv or md" },
    out: { type: "string", valueName: "FILE", description: "write to a file instead of the standard output" },
  },
  findings: "the manifests are invalid (every problem is printed with file:line:column)",
  examples: ["npm run verify -- --manifests k8s/", "npm run verify -- --manifests app.yaml --format md --out connectivity.md"],
};

const FORMATS: readonly ConnFormat[] = ["connlist", "json", "csv", "md"];

/**
 * The command.
 * @param args parsed arguments
 */
export function verifyMain(args: ParsedArgs): number {
  const input = stringOption(args, "manifests");
  if (input === undefined) throw new UsageError("--manifests is required (a file or a folder of manifests)");
  const format = (stringOption(args, "format") ?? "connlist") as ConnFormat;
  if (!FORMATS.includes(format)) throw new UsageError(`--format: expected ${FORMATS.join(", ")} (found: ${JSON.stringify(format)})`);
  const read = readManifests(input);
  const position = (at: string): [string, number, number] => {
    const m = /^(.*):(\d+):(\d+)$/.exec(at);
    return m ? [m[1], Number(m[2]), Number(m[3])] : [at, 0, 0];
  };
  const problems = [...read.problems, ...read.objects.flatMap(validateManifestObject)].sort((x, y) => {
    const [fa, la, ca] = position(x.at);
    const [fb, lb, cb] = position(y.at);
    return fa.localeCompare(fb) || la - lb || ca - cb;
  });
  if (problems.length > 0) {
    throw new InputError(`${problems.length} problem(s) in the manifests:\n${problems.map((p) => `${p.at}  ${p.message}`).join("\n")}`);
  }
  const text = renderConnectivity(connectivity(manifestModel(read.objects)), format);
  const out = stringOption(args, "out");
  if (out !== undefined) {
    const tmp = `${out}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, out);
  } else process.stdout.write(text);
  return 0;
}
