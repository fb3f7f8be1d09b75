/**
 * `npm run verify`: connectivity of arbitrary manifests (YAML and JSON, several documents, List kinds,
 * nested folders, ignored kinds), printed as NetworkPolicy analyzers print it; broken manifests give every
 * problem with file:line:column.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { readManifests } from "../../reachability/manifests/readManifests";
import { validateManifestObject } from "../../reachability/manifests/validateObjects";
import { connectionText, connectivity, manifestModel, renderConnectivity } from "../../reachability/manifests/connlist";
import { workloadOf } from "../../reachability/kubeModel";
import { InputError } from "../../cli/command";
import { verifyMain } from "../../reachability/verifyCommand";
import { singleSet, union, fullSet } from "../../reachability/portSet";

const DEMO = "tests/fixtures/manifests/demo";
const atoms = ["0.0.0.0-9.255.255.255", "10.0.0.0-10.0.255.255", "10.1.0.0-10.1.255.255", "10.2.0.0-10.255.255.255", "11.0.0.0-255.255.255.255"];
const FRONT = "ns1/frontend[Deployment]";
const BACK = "ns2/backend[StatefulSet]";
const WORKER = "ns2/worker[CronJob]";
const AGENT = "ns3/agent[DaemonSet]";
const ALL = "All Connections";

/** Worked out by hand from the policies (see the fixture): what an analyzer must print. */
const EXPECTED = [
  ...atoms.flatMap((a) => [`${a} => ${FRONT} : ${ALL}`, `${a} => ${WORKER} : ${ALL}`, `${a} => ${AGENT} : ${ALL}`]),
  ...atoms.map((a) => `${FRONT} => ${a} : ${ALL}`),
  `${FRONT} => ${BACK} : TCP 9090,UDP 53`,
  `${FRONT} => ${WORKER} : ${ALL}`,
  `${FRONT} => ${AGENT} : ${ALL}`,
  ...atoms.map((a) => `${BACK} => ${a} : ${ALL}`),
  `${BACK} => ${FRONT} : ${ALL}`,
  `${BACK} => ${WORKER} : ${ALL}`,
  `${BACK} => ${AGENT} : ${ALL}`,
  `${WORKER} => 10.0.0.0-10.0.255.255 : TCP 5432`,
  `${WORKER} => 10.2.0.0-10.255.255.255 : TCP 5432`,
  ...atoms.map((a) => `${AGENT} => ${a} : ${ALL}`),
].sort();

describe("verify on manifests", () => {
  it("reads every document of every file, List items included, and ignores other kinds", () => {
    const r = readManifests(DEMO);
    expect(r.problems).toEqual([]);
    expect(r.objects.map((o) => `${String(o.object["kind"])} ${path.basename(o.file)}:${o.line}`)).toEqual([
      "StatefulSet backend.json:1",
      "NetworkPolicy policies.yaml:4",
      "NetworkPolicy policies.yaml:12",
      "CronJob policies.yaml:24",
      "DaemonSet policies.yaml:35",
      "AdminNetworkPolicy policies.yaml:44",
      "BaselineAdminNetworkPolicy policies.yaml:56",
      "Namespace web.yaml:2",
      "Deployment web.yaml:8",
      "ConfigMap web.yaml:21",
    ]);
    expect(r.objects.flatMap(validateManifestObject)).toEqual([]);
  });

  it("prints the connectivity lines analyzers print, sorted", () => {
    const text = renderConnectivity(connectivity(manifestModel(readManifests(DEMO).objects)), "connlist");
    expect(text.trim().split("\n")).toEqual(EXPECTED);
  });

  it("writes JSON, CSV (with a BOM) and Markdown with the same rows", () => {
    const lines = connectivity(manifestModel(readManifests(DEMO).objects));
    expect(JSON.parse(renderConnectivity(lines, "json"))).toEqual(lines);
    const csv = renderConnectivity(lines, "csv");
    expect(csv.startsWith("\ufeffsrc,dst,conn\n")).toBe(true);
    expect(csv).toContain(`${FRONT},${BACK},"TCP 9090,UDP 53"`);
    const md = renderConnectivity(lines, "md").split("\n");
    expect(md.slice(0, 2)).toEqual(["| src | dst | conn |", "|-----|-----|------|"]);
    expect(md).toContain(`| ${FRONT} | ${BACK} | TCP 9090,UDP 53 |`);
  });

  it("names connections as analyzers do", () => {
    expect(connectionText(fullSet())).toBe("All Connections");
    expect(connectionText(union(singleSet("udp", 53), singleSet("tcp", 80), singleSet("tcp", 8000, 8080), singleSet("sctp", 9003)))).toBe("SCTP 9003,TCP 80,8000-8080,UDP 53");
    expect(connectionText(singleSet("icmp"))).toBeUndefined();
  });

  it("names pods owned by a controller after the owner", () => {
    const w = workloadOf({ kind: "Pod", metadata: { name: "frontend-5d9f-x2", namespace: "ns1", ownerReferences: [{ kind: "ReplicaSet", name: "frontend-5d9f", controller: true }] }, spec: { containers: [] } }, "c", "f:1");
    expect(w && `${w.namespace}/${w.workload}[${w.kind}]`).toBe("ns1/frontend-5d9f[ReplicaSet]");
  });

  it("reports every problem of broken manifests with file:line:column, and prints nothing", () => {
    let message = "";
    try {
      verifyMain({ values: { manifests: "tests/fixtures/manifests/broken", format: "connlist" }, positionals: [] });
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      message = (e as Error).message;
    }
    const lines = message.split("\n").slice(1);
    const at = (file: string, line: number): string => `tests/fixtures/manifests/broken/${file}:${line}:`;
    const expected: Array<[string, string]> = [
      [at("anp.yaml", 5), "AdminNetworkPolicy p: spec.priority: expected an integer from 0 to 1000 (found: 1001)"],
      [at("anp.yaml", 6), "AdminNetworkPolicy p: spec.subject: needs exactly one of namespaces or pods"],
      [at("anp.yaml", 9), "AdminNetworkPolicy p: spec.ingress.0.action: expected Allow, Deny, Pass"],
      [at("anp.yaml", 10), "AdminNetworkPolicy p: spec.ingress.0.from: needs at least one peer"],
      [at("anp.yaml", 14), 'BaselineAdminNetworkPolicy not-default: metadata.name: a BaselineAdminNetworkPolicy must be named "default"'],
      [at("anp.yaml", 17), "BaselineAdminNetworkPolicy not-default: spec.egress.0.action: expected Allow, Deny"],
      [at("anp.yaml", 17), "BaselineAdminNetworkPolicy not-default: spec.egress.0.to.0.networks.0: expected a CIDR"],
      [at("bad.yaml", 5), "NetworkPolicy bad: spec.podSelector.matchExpressions.0.values: In needs a non-empty list of values"],
      [at("bad.yaml", 7), "NetworkPolicy bad: spec.ingress.0.from.0.ipBlock.cidr: expected a CIDR"],
      [at("bad.yaml", 8), "NetworkPolicy bad: spec.ingress.0.ports.0.protocol: expected TCP, UDP or SCTP"],
      [at("bad.yaml", 8), "NetworkPolicy bad: spec.ingress.0.ports.1.endPort: expected a port from 80 to 65535"],
      [at("bad.yaml", 12), "Deployment (no name): metadata.name: is required"],
      [at("bad.yaml", 13), "Deployment (no name): spec.template.spec.containers.0.ports.0.containerPort: expected a port from 1 to 65535 (found: 70000)"],
      [at("bad.yaml", 16), "not valid YAML/JSON"],
    ];
    expect(lines.length).toBe(expected.length);
    for (const [where, what] of expected) expect({ where, what, found: lines.some((l) => l.startsWith(where) && l.includes(what)) }).toEqual({ where, what, found: true });
    expect(message.split("\n")[0]).toBe(`${lines.length} problem(s) in the manifests:`);
  });

  it("writes the output file only when everything reads", () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "hatang-verify-")), "conn.md");
    expect(verifyMain({ values: { manifests: DEMO, format: "md", out }, positionals: [] })).toBe(0);
    expect(fs.readFileSync(out, "utf8")).toContain(`| ${FRONT} | ${BACK} | TCP 9090,UDP 53 |`);
    const missing = path.join(path.dirname(out), "nothing.txt");
    expect(() => verifyMain({ values: { manifests: "tests/fixtures/manifests/broken", format: "md", out: missing }, positionals: [] })).toThrow(InputError);
    expect(fs.existsSync(missing)).toBe(false);
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
  });
});
