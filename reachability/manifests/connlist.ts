/**
 * Allowed connectivity between the workloads of arbitrary manifests and the address blocks their
 * policies name, with the proof's own Kubernetes network policy semantics (NetworkPolicy with the API's
 * defaults, named ports, SCTP, endPort, ipBlock.except, AdminNetworkPolicy and
 * BaselineAdminNetworkPolicy). Printed as existing NetworkPolicy analyzers print it:
 * `ns1/frontend[Deployment] => ns2/backend[StatefulSet] : TCP 8080,UDP 53`, one line per allowed pair,
 * sorted; address blocks as `first-last` ranges cut at every block the policies use.
 */
import { formatAddress } from "../../inventory/addressing/address";
import { netRange, wholeSpace, type AddressRange, type Family, type Net } from "../addresses";
import { atomGroups } from "../addressAtoms";
import { kubeOnlyDataplane } from "../dataplane";
import type { Host } from "../endpointTypes";
import { addKubeObject, emptyKubeModel, type KubeModel, type Workload } from "../kubeModel";
import { networkPolicyVerdict } from "../networkPolicyEval";
import { intersect, isEmpty, PROTOS, type PortSet } from "../portSet";
import type { ManifestObject } from "./readManifests";

/** One allowed connection. */
export interface ConnLine {
  /** Source: `ns/name[Kind]` or an address range. */
  src: string;
  /** Destination. */
  dst: string;
  /** `All Connections`, or `TCP 80,8080-8090,UDP 53`. */
  conn: string;
}

/** The cluster key manifests are read into. */
const CLUSTER = "manifests";

/**
 * A connection set as analyzers print it (ICMP is not part of Kubernetes network policy's vocabulary).
 * @param s the allowed set
 */
export function connectionText(s: PortSet): string | undefined {
  const protos = PROTOS.filter((p) => p !== "icmp");
  if (protos.every((p) => s[p].length === 1 && s[p][0][0] === 1 && s[p][0][1] === 65535)) return "All Connections";
  const parts = protos
    .filter((p) => s[p].length > 0)
    .map((p) => `${p.toUpperCase()} ${s[p].map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(",")}`)
    .sort();
  return parts.length > 0 ? parts.join(",") : undefined;
}

/**
 * The Kubernetes model of manifests (workloads of one name and kind in one namespace merged).
 * @param objects the objects
 */
export function manifestModel(objects: readonly ManifestObject[]): KubeModel {
  const model = emptyKubeModel();
  for (const m of objects) addKubeObject(model, m.object, CLUSTER, `${m.file}:${m.line}`);
  const merged = new Map<string, Workload>();
  for (const w of model.workloads) {
    const key = `${w.namespace}/${w.workload}[${w.kind}]`;
    const seen = merged.get(key);
    if (seen) seen.containerPorts.push(...w.containerPorts.filter((p) => !seen.containerPorts.some((q) => q.name === p.name && q.containerPort === p.containerPort && q.protocol === p.protocol)));
    else merged.set(key, { ...w, containerPorts: [...w.containerPorts] });
  }
  model.workloads = [...merged.values()];
  return model;
}

/**
 * Every allowed connection between workloads and address blocks.
 * @param model the manifests' model
 */
export function connectivity(model: KubeModel): ConnLine[] {
  const dp = kubeOnlyDataplane(model);
  const pods: Array<{ name: string; host: Host }> = model.workloads.map((w) => ({
    name: `${w.namespace}/${w.workload}[${w.kind}]`,
    host: { id: w.ref, address: {}, subnetId: {}, location: { cluster: CLUSTER }, pod: { cluster: CLUSTER, namespace: w.namespace, labels: w.labels, containerPorts: w.containerPorts } },
  }));
  const cuts: Record<Family, AddressRange[]> = { ipv4: [], ipv6: [] };
  for (const m of dp.matchers.list) {
    if (m.kind !== "prefixes") continue;
    for (const n of [...m.nets, ...m.except] as Net[]) cuts[n.family].push(netRange(n));
  }
  const blocks: Array<{ names: string[]; host: Host; family: Family }> = [];
  for (const family of ["ipv4", "ipv6"] as const) {
    // IPv6 blocks appear only when some policy names an IPv6 block, as analyzers do.
    if (family === "ipv6" && cuts.ipv6.length === 0) continue;
    atomGroups([wholeSpace(family)], cuts[family]).forEach((g, i) => {
      blocks.push({
        family,
        names: g.ranges.map((r) => `${formatAddress(family, r.lo)}-${formatAddress(family, r.hi)}`),
        host: { id: `${family}-block-${i}`, address: { [family]: formatAddress(family, g.ranges[0].lo) }, subnetId: {}, location: { external: "internet" } },
      });
    });
  }
  const oracle = dp.direct;
  const lines: ConnLine[] = [];
  const push = (src: string[], dst: string[], s: PortSet): void => {
    const conn = connectionText(s);
    if (conn === undefined) return;
    for (const a of src) for (const b of dst) lines.push({ src: a, dst: b, conn });
  };
  for (const a of pods) {
    for (const b of pods) {
      if (a === b) continue;
      const out = networkPolicyVerdict(dp, oracle, a.host, "egress", b.host, "ipv4").allowed;
      if (isEmpty(out)) continue;
      push([a.name], [b.name], intersect(out, networkPolicyVerdict(dp, oracle, b.host, "ingress", a.host, "ipv4").allowed));
    }
    for (const blk of blocks) {
      push([a.name], blk.names, networkPolicyVerdict(dp, oracle, a.host, "egress", blk.host, blk.family).allowed);
      push(blk.names, [a.name], networkPolicyVerdict(dp, oracle, a.host, "ingress", blk.host, blk.family).allowed);
    }
  }
  return lines.sort((x, y) => (x.src < y.src ? -1 : x.src > y.src ? 1 : x.dst < y.dst ? -1 : x.dst > y.dst ? 1 : 0));
}

/** Output formats. */
export type ConnFormat = "connlist" | "json" | "csv" | "md";

/**
 * Renders connections in a format.
 * @param lines the connections
 * @param format the format
 */
export function renderConnectivity(lines: readonly ConnLine[], format: ConnFormat): string {
  if (format === "json") return JSON.stringify(lines, null, 2) + "\n";
  if (format === "csv") {
    const q = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    return "\ufeff" + ["src,dst,conn", ...lines.map((l) => `${q(l.src)},${q(l.dst)},${q(l.conn)}`)].join("\n") + "\n";
  }
  if (format === "md") return ["| src | dst | conn |", "|-----|-----|------|", ...lines.map((l) => `| ${l.src} | ${l.dst} | ${l.conn} |`)].join("\n") + "\n";
  return lines.map((l) => `${l.src} => ${l.dst} : ${l.conn}`).join("\n") + (lines.length > 0 ? "\n" : "");
}

