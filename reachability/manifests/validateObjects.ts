/**
 * Checks the manifests the analysis reads (workloads, Namespaces, NetworkPolicies, AdminNetworkPolicies,
 * the BaselineAdminNetworkPolicy) the way the API server would, with every problem at once:
 * `file:line:column  Kind name: field.path: what is wrong (found: …)`. Other kinds are not checked.
 */
import { parseNet } from "../addresses";
import { WORKLOAD_KINDS } from "../kubeModel";
import type { ManifestObject, ManifestProblem } from "./readManifests";

/** Kinds the analysis reads. */
export const ANALYSED_KINDS: ReadonlySet<string> = new Set([...Object.keys(WORKLOAD_KINDS), "Namespace", "NetworkPolicy", "AdminNetworkPolicy", "BaselineAdminNetworkPolicy"]);

type Path = Array<string | number>;

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
const found = (v: unknown): string => (v === undefined ? "" : ` (found: ${JSON.stringify(v).slice(0, 80)})`);
const PROTOCOLS = ["TCP", "UDP", "SCTP"];
const PORT_NAME = /^(?=.*[a-z])[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$/;

class Checker {
  readonly problems: ManifestProblem[] = [];
  constructor(
    private readonly m: ManifestObject,
    private readonly label: string,
  ) {}

  fail(path: Path, message: string): void {
    this.problems.push({ at: this.m.locate(path), message: `${this.label}: ${path.join(".") || "(object)"}: ${message}` });
  }

  at(path: Path): unknown {
    let cur: unknown = this.m.object;
    for (const k of path) cur = isObj(cur) || Array.isArray(cur) ? (cur as Record<string | number, unknown>)[k] : undefined;
    return cur;
  }

  list(path: Path, required = false): unknown[] {
    const v = this.at(path);
    if (v === undefined) {
      if (required) this.fail(path, "is required (a list)");
      return [];
    }
    if (!Array.isArray(v)) {
      this.fail(path, `expected a list${found(v)}`);
      return [];
    }
    return v;
  }

  selector(path: Path, required = false): void {
    const v = this.at(path);
    if (v === undefined) {
      if (required) this.fail(path, "is required (a label selector; {} selects everything)");
      return;
    }
    if (!isObj(v)) return this.fail(path, `expected a label selector object${found(v)}`);
    const ml = v["matchLabels"];
    if (ml !== undefined) {
      if (!isObj(ml)) this.fail([...path, "matchLabels"], `expected a map of labels${found(ml)}`);
      else for (const [k, x] of Object.entries(ml)) if (typeof x !== "string") this.fail([...path, "matchLabels", k], `a label value must be a string${found(x)}`);
    }
    this.list([...path, "matchExpressions"]).forEach((e, i) => {
      const p = [...path, "matchExpressions", i];
      if (!isObj(e)) return this.fail(p, `expected {key, operator, values}${found(e)}`);
      if (typeof e["key"] !== "string" || e["key"] === "") this.fail([...p, "key"], `is required${found(e["key"])}`);
      const op = e["operator"];
      if (op !== "In" && op !== "NotIn" && op !== "Exists" && op !== "DoesNotExist") return this.fail([...p, "operator"], `expected In, NotIn, Exists or DoesNotExist${found(op)}`);
      const values = e["values"];
      if ((op === "In" || op === "NotIn") && (!Array.isArray(values) || values.length === 0)) this.fail([...p, "values"], `${op} needs a non-empty list of values${found(values)}`);
      if ((op === "Exists" || op === "DoesNotExist") && Array.isArray(values) && values.length > 0) this.fail([...p, "values"], `${op} takes no values${found(values)}`);
    });
  }

  cidr(path: Path): ReturnType<typeof parseNet> {
    const v = this.at(path);
    const n = typeof v === "string" && v.includes("/") ? parseNet(v) : undefined;
    if (!n) this.fail(path, `expected a CIDR such as 10.0.0.0/8 or 2001:db8::/32${found(v)}`);
    return n;
  }

  port(path: Path, protocolPath: Path): number | undefined {
    const proto = this.at(protocolPath);
    if (proto !== undefined && !PROTOCOLS.includes(proto as string)) this.fail(protocolPath, `expected TCP, UDP or SCTP${found(proto)}`);
    const v = this.at(path);
    if (v === undefined) return undefined;
    if (typeof v === "number") {
      if (!Number.isInteger(v) || v < 1 || v > 65535) this.fail(path, `expected a port from 1 to 65535 or a port name${found(v)}`);
      return v;
    }
    if (typeof v !== "string" || !PORT_NAME.test(v)) this.fail(path, `expected a port number or a port name (at most 15 lower-case letters, digits and dashes, with a letter)${found(v)}`);
    return undefined;
  }
}

function checkWorkload(c: Checker, kind: string): void {
  const path: Path = kind === "Pod" ? [] : (WORKLOAD_KINDS[kind] as string[]).slice();
  const template = path.length === 0 ? c.at([]) : c.at(path);
  if (!isObj(template)) return c.fail(path, "a pod template is required");
  if (["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet"].includes(kind)) c.selector(["spec", "selector"]);
  const labels = c.at([...path, "metadata", "labels"]);
  if (labels !== undefined && !isObj(labels)) c.fail([...path, "metadata", "labels"], `expected a map of labels${found(labels)}`);
  const containers = c.list([...path, "spec", "containers"], true);
  containers.forEach((ct, i) => {
    c.list([...path, "spec", "containers", i, "ports"]).forEach((p, j) => {
      const pp: Path = [...path, "spec", "containers", i, "ports", j];
      if (!isObj(p)) return c.fail(pp, `expected {containerPort, protocol, name}${found(p)}`);
      const n = p["containerPort"];
      if (typeof n !== "number" || !Number.isInteger(n) || n < 1 || n > 65535) c.fail([...pp, "containerPort"], `expected a port from 1 to 65535${found(n)}`);
      if (p["protocol"] !== undefined && !PROTOCOLS.includes(p["protocol"] as string)) c.fail([...pp, "protocol"], `expected TCP, UDP or SCTP${found(p["protocol"])}`);
      if (p["name"] !== undefined && (typeof p["name"] !== "string" || !PORT_NAME.test(p["name"]))) c.fail([...pp, "name"], `expected a port name (at most 15 lower-case letters, digits and dashes, with a letter)${found(p["name"])}`);
    });
    void ct;
  });
}

function checkNetworkPolicy(c: Checker): void {
  if (!isObj(c.at(["spec"]))) return c.fail(["spec"], "is required");
  c.selector(["spec", "podSelector"], true);
  c.list(["spec", "policyTypes"]).forEach((t, i) => {
    if (t !== "Ingress" && t !== "Egress") c.fail(["spec", "policyTypes", i], `expected Ingress or Egress${found(t)}`);
  });
  for (const [dir, peerKey] of [["ingress", "from"], ["egress", "to"]] as const) {
    c.list(["spec", dir]).forEach((r, i) => {
      const rp: Path = ["spec", dir, i];
      if (!isObj(r)) return c.fail(rp, `expected a rule object${found(r)}`);
      c.list([...rp, peerKey]).forEach((peer, j) => {
        const pp: Path = [...rp, peerKey, j];
        if (!isObj(peer)) return c.fail(pp, `expected a peer object${found(peer)}`);
        const has = ["ipBlock", "namespaceSelector", "podSelector"].filter((k) => peer[k] !== undefined);
        if (has.length === 0) return c.fail(pp, "a peer needs ipBlock, namespaceSelector or podSelector");
        if (peer["ipBlock"] !== undefined && has.length > 1) return c.fail(pp, "ipBlock cannot be combined with namespaceSelector or podSelector");
        if (peer["ipBlock"] !== undefined) {
          const net = c.cidr([...pp, "ipBlock", "cidr"]);
          c.list([...pp, "ipBlock", "except"]).forEach((_, k) => {
            const ex = c.cidr([...pp, "ipBlock", "except", k]);
            if (net && ex && (ex.family !== net.family || ex.length < net.length || ((ex.network >> BigInt((net.family === "ipv4" ? 32 : 128) - net.length)) << BigInt((net.family === "ipv4" ? 32 : 128) - net.length)) !== net.network)) {
              c.fail([...pp, "ipBlock", "except", k], `must lie inside the cidr ${String(c.at([...pp, "ipBlock", "cidr"]))}`);
            }
          });
        }
        c.selector([...pp, "namespaceSelector"]);
        c.selector([...pp, "podSelector"]);
      });
      c.list([...rp, "ports"]).forEach((p, k) => {
        const pp: Path = [...rp, "ports", k];
        if (!isObj(p)) return c.fail(pp, `expected {protocol, port, endPort}${found(p)}`);
        const port = c.port([...pp, "port"], [...pp, "protocol"]);
        const end = p["endPort"];
        if (end !== undefined) {
          if (typeof p["port"] !== "number") c.fail([...pp, "endPort"], "endPort needs a numeric port");
          else if (typeof end !== "number" || !Number.isInteger(end) || end > 65535 || (port !== undefined && end < port)) c.fail([...pp, "endPort"], `expected a port from ${String(p["port"])} to 65535${found(end)}`);
        }
      });
    });
  }
}

function checkAdmin(c: Checker, kind: string): void {
  if (!isObj(c.at(["spec"]))) return c.fail(["spec"], "is required");
  if (kind === "AdminNetworkPolicy") {
    const pr = c.at(["spec", "priority"]);
    if (typeof pr !== "number" || !Number.isInteger(pr) || pr < 0 || pr > 1000) c.fail(["spec", "priority"], `expected an integer from 0 to 1000${found(pr)}`);
  } else if (c.at(["metadata", "name"]) !== "default") c.fail(["metadata", "name"], `a BaselineAdminNetworkPolicy must be named "default"${found(c.at(["metadata", "name"]))}`);
  const subject = c.at(["spec", "subject"]);
  if (!isObj(subject)) c.fail(["spec", "subject"], "is required (namespaces or pods)");
  else {
    const keys = ["namespaces", "pods"].filter((k) => subject[k] !== undefined);
    if (keys.length !== 1) c.fail(["spec", "subject"], "needs exactly one of namespaces or pods");
    if (subject["namespaces"] !== undefined) c.selector(["spec", "subject", "namespaces"]);
    if (subject["pods"] !== undefined) {
      c.selector(["spec", "subject", "pods", "namespaceSelector"], true);
      c.selector(["spec", "subject", "pods", "podSelector"], true);
    }
  }
  const actions = kind === "AdminNetworkPolicy" ? ["Allow", "Deny", "Pass"] : ["Allow", "Deny"];
  for (const [dir, peerKey] of [["ingress", "from"], ["egress", "to"]] as const) {
    const rules = c.list(["spec", dir]);
    if (rules.length > 100) c.fail(["spec", dir], `at most 100 rules (found ${rules.length})`);
    rules.forEach((r, i) => {
      const rp: Path = ["spec", dir, i];
      if (!isObj(r)) return c.fail(rp, `expected a rule object${found(r)}`);
      if (!actions.includes(r["action"] as string)) c.fail([...rp, "action"], `expected ${actions.join(", ")}${found(r["action"])}`);
      const peers = c.list([...rp, peerKey], true);
      if (Array.isArray(r[peerKey]) && peers.length === 0) c.fail([...rp, peerKey], "needs at least one peer");
      peers.forEach((peer, j) => {
        const pp: Path = [...rp, peerKey, j];
        if (!isObj(peer)) return c.fail(pp, `expected a peer object${found(peer)}`);
        const allowed = dir === "ingress" ? ["namespaces", "pods"] : ["namespaces", "pods", "nodes", "networks"];
        const keys = Object.keys(peer).filter((k) => allowed.includes(k));
        if (keys.length !== 1) return c.fail(pp, `needs exactly one of ${allowed.join(", ")}`);
        if (peer["namespaces"] !== undefined) c.selector([...pp, "namespaces"]);
        if (peer["pods"] !== undefined) {
          c.selector([...pp, "pods", "namespaceSelector"], true);
          c.selector([...pp, "pods", "podSelector"], true);
        }
        if (peer["nodes"] !== undefined) c.selector([...pp, "nodes"]);
        if (peer["networks"] !== undefined) c.list([...pp, "networks"], true).forEach((_, k) => c.cidr([...pp, "networks", k]));
      });
      c.list([...rp, "ports"]).forEach((p, k) => {
        const pp: Path = [...rp, "ports", k];
        if (!isObj(p)) return c.fail(pp, `expected one of portNumber, portRange, namedPort${found(p)}`);
        const keys = ["portNumber", "portRange", "namedPort"].filter((x) => p[x] !== undefined);
        if (keys.length !== 1) return c.fail(pp, "needs exactly one of portNumber, portRange, namedPort");
        if (p["portNumber"] !== undefined) c.port([...pp, "portNumber", "port"], [...pp, "portNumber", "protocol"]);
        if (p["portRange"] !== undefined) {
          const start = c.at([...pp, "portRange", "start"]);
          const end = c.at([...pp, "portRange", "end"]);
          c.port([...pp, "portRange", "start"], [...pp, "portRange", "protocol"]);
          if (typeof end !== "number" || typeof start !== "number" || end < start || end > 65535) c.fail([...pp, "portRange", "end"], `expected a port from start to 65535${found(end)}`);
        }
        if (p["namedPort"] !== undefined && (typeof p["namedPort"] !== "string" || !PORT_NAME.test(p["namedPort"]))) c.fail([...pp, "namedPort"], `expected a port name${found(p["namedPort"])}`);
      });
    });
  }
}

/**
 * Every problem of one manifest object the analysis reads (none for other kinds).
 * @param m the object and where it is
 */
export function validateManifestObject(m: ManifestObject): ManifestProblem[] {
  const kind = m.object["kind"];
  if (typeof kind !== "string" || kind === "") return [{ at: m.locate([]), message: "not a Kubernetes object: kind is missing" }];
  if (!ANALYSED_KINDS.has(kind)) return [];
  const meta = m.object["metadata"];
  const name = isObj(meta) && typeof meta["name"] === "string" ? meta["name"] : "";
  const c = new Checker(m, `${kind} ${name || "(no name)"}`);
  if (name === "") c.fail(["metadata", "name"], "is required");
  if (isObj(meta) && meta["namespace"] !== undefined && (typeof meta["namespace"] !== "string" || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(meta["namespace"]))) {
    c.fail(["metadata", "namespace"], `expected a namespace name${found(meta["namespace"])}`);
  }
  if (kind === "NetworkPolicy") checkNetworkPolicy(c);
  else if (kind === "AdminNetworkPolicy" || kind === "BaselineAdminNetworkPolicy") checkAdmin(c, kind);
  else if (kind !== "Namespace") checkWorkload(c, kind);
  return c.problems;
}
