/**
 * What a rule's remote side, peer or address object matches, as data: every layer's rules are compiled
 * into matchers once, so a pair of hosts is decided by looking matchers up (by address, group, labels),
 * and the engine can turn each matcher into a bit set over behaviour classes.
 */
import { netContains, parseIp, parseNet, type Family, type Ip, type Net } from "./addresses";
import type { Host } from "./endpointTypes";
import type { LabelSelector } from "./kubeModel";

/** A matcher. */
export type Matcher =
  /** Every host. */
  | { kind: "all" }
  /** No host. */
  | { kind: "none" }
  /**
   * Hosts whose address (of the packet's family) lies in some of `nets` and none of `except`; pods of
   * cluster `notPodsOf` never match (NetworkPolicy ipBlocks do not select pods of their own cluster).
   */
  | { kind: "prefixes"; nets: Net[]; except: Net[]; notPodsOf?: string }
  /** Ports in a security group. */
  | { kind: "group"; groupId: string }
  /** Pods of a cluster: in namespaces matching `namespaceSelector` (or named `namespace`), with labels matching `podSelector`. */
  | { kind: "pods"; cluster: string; namespaceSelector?: LabelSelector; namespace?: string; podSelector?: LabelSelector };

/** Namespace labels by cluster and name. */
export type NamespaceLabels = (cluster: string, namespace: string) => Readonly<Record<string, string>>;

/**
 * True when labels satisfy a selector (an empty selector selects everything; an unknown operator nothing).
 * @param sel the selector
 * @param labels the labels
 */
export function selectorMatches(sel: LabelSelector, labels: Readonly<Record<string, string>>): boolean {
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of sel.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    const values = e.values ?? [];
    if (e.operator === "In") {
      if (!(has && values.includes(labels[e.key]))) return false;
    } else if (e.operator === "NotIn") {
      if (has && values.includes(labels[e.key])) return false;
    } else if (e.operator === "Exists") {
      if (!has) return false;
    } else if (e.operator === "DoesNotExist") {
      if (has) return false;
    } else return false;
  }
  return true;
}

const ipCache = new Map<string, Ip | undefined>();

/**
 * A host's address in a family, parsed (cached).
 * @param host the host
 * @param family the family
 */
export function hostIp(host: Host, family: Family): Ip | undefined {
  const text = host.address[family];
  if (text === undefined) return undefined;
  let ip = ipCache.get(text);
  if (ip === undefined && !ipCache.has(text)) {
    ip = parseIp(text);
    ipCache.set(text, ip);
  }
  return ip;
}

/**
 * Whether a matcher matches a host for a packet of a family.
 * @param m the matcher
 * @param host the host
 * @param family the packet's family
 * @param nsLabels namespace labels
 */
export function testMatcher(m: Matcher, host: Host, family: Family, nsLabels: NamespaceLabels): boolean {
  switch (m.kind) {
    case "all":
      return true;
    case "none":
      return false;
    case "group":
      return host.port?.groupIds.includes(m.groupId) ?? false;
    case "prefixes": {
      if (m.notPodsOf !== undefined && host.pod?.cluster === m.notPodsOf) return false;
      const ip = hostIp(host, family);
      if (!ip) return false;
      return m.nets.some((n) => netContains(n, ip)) && !m.except.some((n) => netContains(n, ip));
    }
    case "pods": {
      const pod = host.pod;
      if (!pod || pod.cluster !== m.cluster) return false;
      if (m.namespace !== undefined && pod.namespace !== m.namespace) return false;
      if (m.namespaceSelector && !selectorMatches(m.namespaceSelector, nsLabels(pod.cluster, pod.namespace))) return false;
      return m.podSelector ? selectorMatches(m.podSelector, pod.labels) : true;
    }
  }
}

/** Matchers with stable ids (equal matchers share one id). */
export class MatcherTable {
  /** Matchers by id. */
  readonly list: Matcher[] = [];
  private readonly ids = new Map<string, number>();
  private readonly textIds = new Map<string, number>();

  constructor() {
    this.add({ kind: "all" });
    this.add({ kind: "none" });
  }

  /** Id of the matcher that matches every host. */
  static readonly ALL = 0;
  /** Id of the matcher that matches nothing. */
  static readonly NONE = 1;

  /** Registers a matcher (or finds its twin) and returns its id. */
  add(m: Matcher): number {
    const key = JSON.stringify(m, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.list.length;
      this.list.push(m);
      this.ids.set(key, id);
    }
    return id;
  }

  /**
   * Registers a prefix matcher from prefix texts (unparseable ones are skipped).
   * @param prefixes included prefixes
   * @param except excluded prefixes
   * @param notPodsOf cluster whose pods never match
   */
  prefixes(prefixes: readonly string[], except: readonly string[] = [], notPodsOf?: string): number {
    const key = `p\u0000${[...prefixes].sort().join(",")}\u0000${[...except].sort().join(",")}\u0000${notPodsOf ?? ""}`;
    const known = this.textIds.get(key);
    if (known !== undefined) return known;
    const parse = (xs: readonly string[]): Net[] =>
      [...new Set(xs)]
        .map((x) => parseNet(x))
        .filter((n): n is Net => n !== undefined)
        .sort((a, b) => (a.family < b.family ? -1 : a.family > b.family ? 1 : a.network < b.network ? -1 : a.network > b.network ? 1 : a.length - b.length));
    const nets = parse(prefixes);
    const id = nets.length === 0 ? MatcherTable.NONE : this.add({ kind: "prefixes", nets, except: parse(except), notPodsOf });
    this.textIds.set(key, id);
    return id;
  }
}

/** Decides matchers for hosts: directly, or through the engine's bit sets. */
export interface MatchOracle {
  /** Whether matcher `id` matches the host for a packet of the family. */
  test(id: number, host: Host, family: Family): boolean;
}

/**
 * The oracle that evaluates every matcher on the host itself.
 * @param table the matchers
 * @param nsLabels namespace labels
 */
export function directOracle(table: MatcherTable, nsLabels: NamespaceLabels): MatchOracle {
  return { test: (id, host, family) => testMatcher(table.list[id], host, family, nsLabels) };
}
