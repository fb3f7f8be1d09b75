/**
 * The reachability proof of one site: for every ordered pair of endpoints and each family, what the plan
 * lets through all layers together (security groups, FWaaS, zone firewall rule bases, Kubernetes network
 * policy) against what the flow intent declares. It holds iff, wherever anything enforces:
 * - nothing declared is blocked (missing) and nothing undeclared is open (excess);
 * - every zone's enforcing device has a rule base in the plan, and every rule base reads; a plan that
 *   carries no rule base at all for the site (the firewall compiler not wired yet) has the zone firewall
 *   layer `absent`: said in every report, proven on the other layers only (a pair only a zone firewall
 *   would guard counts as unenforced, never as allowed by it);
 * - every item listed apart (address sharing, ICMP NetworkPolicy cannot express, tiers of different
 *   systems sharing a VLAN with nothing enforcing between them) is accepted by an active waiver.
 */
import type { Waiver } from "../inventory/waivers/waivers";
import type { Family } from "./addresses";
import { apartName, APART_CONTROL, decideApart, type ApartKind, type ApartWaiverDecision } from "./apartWaivers";
import type { Dataplane } from "./dataplane";
import { EXTERNAL_COLUMNS } from "./endpoints";
import type { Endpoint } from "./endpointTypes";
import { FamilyEngine } from "./engine";
import type { PairVerdict } from "./evaluate";
import { inexpressibleInNetworkPolicy } from "./inexpressible";
import { intendedPairs, type IntendedPair } from "./intent/pairs";
import type { SiteIntent } from "./intent/resolver";
import { emptySet, formatSet, fullSet, intersect, isEmpty, isSubset, overlaps, subtract, union, type PortSet } from "./portSet";
import { deviceKey } from "./ruleBaseModel";
import { describePorts, overlapping, type NamedService } from "./serviceCatalog";
import type { SiteTopology } from "./topology";

/** Why a discrepancy exists, by the layer at fault. */
export type DiscrepancyCause =
  | "zone-firewall-blocks"
  | "fwaas-blocks"
  | "network-policy-blocks"
  | "security-group-blocks"
  | "enforcer-without-rule-base"
  | "rules-of-several-flows-compose"
  | "rule-wider-than-its-flow";

/** One difference between actual and intended reachability. */
export interface Discrepancy {
  /** Family. */
  family: Family;
  /** `missing`: declared but blocked; `excess`: open but not declared. */
  kind: "missing" | "excess";
  /** Source endpoint id. */
  from: string;
  /** Destination endpoint id. */
  to: string;
  /** The ports concerned, as text. */
  ports: string;
  /** Services (and probes) those ports touch. */
  services: string[];
  /** Missing: the flows that declare the ports. Excess: the flows recorded on the rules that open them. */
  flows: string[];
  /** Missing: the enforcement points (and deny rules) that block. Excess: the rules that open the ports. */
  rules: string[];
  /** Which layer is at fault. */
  cause: DiscrepancyCause;
  /** One sentence for a reviewer. */
  reason: string;
}

/** An item listed apart, with the waiver deciding it. */
export interface ApartItem extends ApartWaiverDecision {
  /** What it is. */
  kind: ApartKind;
  /** The control a waiver must name. */
  control: string;
  /** The name a waiver selects it by. */
  name: string;
  /** Family. */
  family: Family;
  /** Source endpoint id. */
  from: string;
  /** Destination endpoint id. */
  to: string;
  /** Ports concerned (`all` for an unenforced pair). */
  ports: string;
  /** Flows involved. */
  flows: string[];
  /** Why, in one sentence. */
  reason: string;
}

/** A zone whose enforcing device has no rule base in the plan. */
export interface MissingRuleBase {
  /** Zone id, or `(Internet)` / `(TSLCD)` for an entry point. */
  zone: string;
  /** The enforcing device or HA group. */
  device: string;
}

/** Whether the plan carries the site's zone firewall rule bases at all. */
export type ZoneFirewallLayer = "present" | "absent";

/**
 * The zone firewall layer of a site: present when some rule base component of the plan is for the site
 * or could not be read (its site unknown), absent when the plan carries none.
 * @param dp the plan's dataplane
 * @param site the site
 */
export function zoneFirewallLayerOf(dp: Pick<Dataplane, "ruleBases">, site: string): ZoneFirewallLayer {
  if (dp.ruleBases.problems.length > 0) return "present";
  for (const r of dp.ruleBases.byDevice.values()) if (r.ruleBase.site === site) return "present";
  return "absent";
}

/** A cell of the zone × zone matrix. */
export interface MatrixCell {
  /** What the plan allows between some endpoints of the two columns (enforced pairs). */
  allowed: string[];
  /** Discrepancies between endpoints of the two columns. */
  discrepancies: number;
  /** Endpoint pairs nothing enforces anything on. */
  unenforced: number;
}

/** The matrix of one family. */
export interface Matrix {
  /** Row and column names: the site's zones, then `(Internet)`, `(TSLCD)`. */
  columns: string[];
  /** `cells[from][to]`. */
  cells: Record<string, Record<string, MatrixCell>>;
}

/** Counts of one family. */
export interface FamilyCounts {
  /** Ordered endpoint pairs with addresses in the family. */
  pairs: number;
  /** Pairs where something enforces. */
  enforced: number;
  /** Pairs where nothing does. */
  unenforced: number;
  /** Pairs some flow declares. */
  intended: number;
  /** Behaviour classes the endpoints' hosts fall into. */
  classes: number;
  /** Class pairs evaluated exactly. */
  evaluated: number;
}

/** The proof of one site. */
export interface SiteProof {
  /** Site id. */
  site: string;
  /** Evaluation date (flow expiry, waivers). */
  asOf: string;
  /** True iff nothing below makes it fail (see the module comment). */
  holds: boolean;
  /** Endpoints compared. */
  endpoints: Array<{ id: string; label: string; kind: string; column: string; hosts: number; enforced: boolean; note?: string }>;
  /** Pair counts per family. */
  counts: Record<Family, FamilyCounts>;
  /** Every discrepancy, sorted. */
  discrepancies: Discrepancy[];
  /**
   * The zone firewall layer: `present` when the plan carries a rule base (readable or not) for the site,
   * `absent` when it carries none (then `missingRuleBases` is empty and the verdict covers the other layers).
   */
  zoneFirewallLayer: ZoneFirewallLayer;
  /** Zones whose enforcer has no rule base in the plan (the layer being present for some devices). */
  missingRuleBases: MissingRuleBase[];
  /** Rule bases the plan carries that could not be read. */
  ruleBaseProblems: Array<{ urn: string; message: string }>;
  /** Items listed apart, each with its waiver decision. */
  apart: ApartItem[];
  /** Flows left out because they expired before the evaluation date. */
  expiredFlows: SiteIntent["expired"];
  /** Zone × zone matrix per family. */
  matrix: Record<Family, Matrix>;
  /** Probes (admin ports, high ports): how many enforced endpoint pairs leave each open, and how many declare it. */
  probes: Array<{ name: string; family: Family; open: number; intended: number }>;
}

/** What the proof needs. */
export interface ProofInput {
  /** Site id. */
  site: string;
  /** Evaluation date. */
  asOf: string;
  /** Zones of the site (matrix columns, before the external ones). */
  zones: string[];
  /** Endpoints. */
  endpoints: Endpoint[];
  /** The proof's own reading of the flows. */
  intent: SiteIntent;
  /** The plan's dataplane. */
  dp: Dataplane;
  /** The site's topology. */
  topo: SiteTopology;
  /** Service names. */
  catalog: readonly NamedService[];
  /** The province's waivers. */
  waivers?: readonly Waiver[];
}

/** The result of one endpoint pair in one family. */
export interface EndpointPairResult {
  /** Source endpoint index. */
  a: number;
  /** Destination endpoint index. */
  b: number;
  /** Host-pair verdicts of the enforced class pairs evaluated. */
  verdicts: PairVerdict[];
  /** Enforced class pairs that allow nothing without being evaluated. */
  empty: number;
  /** Class pairs nothing enforces. */
  unenforced: number;
  /** Allowed for every enforced host pair. */
  all: PortSet;
  /** Allowed for some enforced host pair. */
  any: PortSet;
}

const FAMILIES: readonly Family[] = ["ipv4", "ipv6"];

function uniq(xs: readonly string[]): string[] {
  return [...new Set(xs)].sort();
}

/**
 * Explains missing ports: the enforcement points (and the deny rules) that block part of them.
 * @param verdicts host-pair verdicts
 * @param missing the missing ports
 */
export function blockers(verdicts: readonly PairVerdict[], missing: PortSet): string[] {
  const refs: string[] = [];
  for (const pair of verdicts) {
    const lost = subtract(missing, pair.allowed);
    if (isEmpty(lost)) continue;
    for (const p of pair.points) {
      if (isSubset(p.allowed, lost)) continue;
      const denies = p.contributions.filter((c) => c.action === "deny" && !isEmpty(intersect(c.ports, lost)));
      if (denies.length > 0) for (const c of denies) refs.push(`${p.point}: ${c.label} [${c.ref}]`);
      else refs.push(`${p.point}: no rule allows it [${p.ref}]`);
    }
  }
  return uniq(refs);
}

/**
 * Explains excess ports: the rules that allow them on the host pairs that let them through.
 * @param verdicts host-pair verdicts
 * @param excess the excess ports
 */
export function openers(verdicts: readonly PairVerdict[], excess: PortSet): { rules: string[]; flows: string[]; missingRuleBase: boolean } {
  const rules: string[] = [];
  const flows: string[] = [];
  let missingRuleBase = false;
  for (const pair of verdicts) {
    const leak = intersect(pair.allowed, excess);
    if (isEmpty(leak)) continue;
    if (pair.missingRuleBases.length > 0) missingRuleBase = true;
    for (const p of pair.points) {
      for (const c of p.contributions) {
        if (c.action !== "allow" || isEmpty(intersect(c.ports, leak))) continue;
        rules.push(c.ref);
        flows.push(...c.flows);
      }
    }
  }
  return { rules: uniq(rules), flows: uniq(flows), missingRuleBase };
}

/**
 * The layer at fault for blocked ports, from the blocking points' texts; for excess ports, whether a
 * device without a rule base was on the path, else whether the opening rules come from one flow or several.
 * @param d the discrepancy's kind, blocking points or rules, flows, and whether a rule base was missing on the path
 */
export function discrepancyCause(d: { kind: "missing" | "excess"; rules: readonly string[]; flows: readonly string[]; missingRuleBase?: boolean }): DiscrepancyCause {
  if (d.kind === "excess") {
    if (d.missingRuleBase) return "enforcer-without-rule-base";
    return d.flows.length >= 2 ? "rules-of-several-flows-compose" : "rule-wider-than-its-flow";
  }
  if (d.rules.some((r) => r.startsWith("zone firewall "))) return "zone-firewall-blocks";
  if (d.rules.some((r) => r.startsWith("FWaaS "))) return "fwaas-blocks";
  if (d.rules.some((r) => r.includes(" of pods "))) return "network-policy-blocks";
  return "security-group-blocks";
}

/**
 * The endpoint pair results of one family: every pair something could let through, every pair nothing
 * enforces, and every pair the intent declares (evaluated whatever the candidates say).
 * @param engine the family's engine
 * @param intended the intended pairs
 */
export function endpointPairResults(engine: FamilyEngine, intended: ReadonlyMap<number, IntendedPair>): Map<number, EndpointPairResult> {
  const n = engine.endpoints.length;
  const visited = new Map<number, { verdicts: PairVerdict[]; unenforced: number; seen: number }>();
  engine.forEachPair((ca, cb, kind) => {
    const ea = engine.classes[ca].endpoints;
    const eb = engine.classes[cb].endpoints;
    for (const a of ea) {
      for (const b of eb) {
        if (a === b) continue;
        const key = a * n + b;
        if (intended.has(key)) continue;
        let acc = visited.get(key);
        if (!acc) visited.set(key, (acc = { verdicts: [], unenforced: 0, seen: 0 }));
        acc.seen++;
        if (kind === "unenforced") acc.unenforced++;
        else acc.verdicts.push(engine.evaluate(ca, cb));
      }
    }
  });
  const out = new Map<number, EndpointPairResult>();
  const finish = (a: number, b: number, verdicts: PairVerdict[], empty: number, unenforced: number): void => {
    const enforced = verdicts.filter((v) => v.enforced);
    const un = unenforced + verdicts.length - enforced.length;
    let all = empty > 0 ? emptySet() : fullSet();
    let any = emptySet();
    for (const v of enforced) {
      all = intersect(all, v.allowed);
      any = union(any, v.allowed);
    }
    if (enforced.length === 0 && empty === 0) all = emptySet();
    out.set(a * n + b, { a, b, verdicts: enforced, empty, unenforced: un, all, any });
  };
  for (const [key, acc] of visited) {
    const a = Math.floor(key / n);
    const b = key % n;
    const total = engine.endpointClasses[a].length * engine.endpointClasses[b].length;
    finish(a, b, acc.verdicts, total - acc.seen, acc.unenforced);
  }
  for (const [key, p] of intended) {
    const verdicts: PairVerdict[] = [];
    for (const ca of engine.endpointClasses[p.from]) for (const cb of engine.endpointClasses[p.to]) verdicts.push(engine.evaluate(ca, cb));
    if (verdicts.length === 0) continue;
    finish(p.from, p.to, verdicts, 0, 0);
    void key;
  }
  return out;
}

/**
 * Proves (or refutes) the site's reachability.
 * @param input endpoints, intent, plan
 */
export function proveSite(input: ProofInput): SiteProof {
  const { endpoints, dp, topo, catalog, site, asOf } = input;
  const waivers = input.waivers ?? [];
  const columns = [...input.zones, EXTERNAL_COLUMNS.internet, EXTERNAL_COLUMNS.tslcd, ...(endpoints.some((e) => e.column === EXTERNAL_COLUMNS.interconnect) ? [EXTERNAL_COLUMNS.interconnect] : [])];
  const discrepancies: Discrepancy[] = [];
  const apart: ApartItem[] = [];
  const probeCounts = new Map<string, { name: string; family: Family; open: number; intended: number }>();
  const probes = catalog.filter((c) => c.origin !== "service");
  const matrix = {} as Record<Family, Matrix>;
  const counts = {} as Record<Family, FamilyCounts>;
  const enforcedEndpoint = new Set<number>();
  const addApart = (kind: ApartKind, family: Family, from: Endpoint, to: Endpoint, ports: string, flows: string[], reason: string): void => {
    const name = apartName(site, kind, family, from.id, to.id);
    apart.push({ kind, control: APART_CONTROL[kind], name, family, from: from.id, to: to.id, ports, flows, reason, ...decideApart(kind, name, waivers, asOf) });
  };
  for (const family of FAMILIES) {
    const engine = new FamilyEngine(dp, topo, endpoints, family);
    const intended = intendedPairs(input.intent.rules, endpoints, family);
    const results = endpointPairResults(engine, intended);
    const n = endpoints.length;
    const present = engine.endpointClasses.filter((c) => c.length > 0).length;
    const count: FamilyCounts = { pairs: present * (present - 1), enforced: 0, unenforced: 0, intended: 0, classes: engine.size, evaluated: 0 };
    const cells = new Map<string, { allowed: PortSet; discrepancies: number; unenforced: number }>();
    const cell = (a: string, b: string): { allowed: PortSet; discrepancies: number; unenforced: number } => {
      const k = `${a}\u0000${b}`;
      let c = cells.get(k);
      if (!c) cells.set(k, (c = { allowed: emptySet(), discrepancies: 0, unenforced: 0 }));
      return c;
    };
    // Endpoints sharing a behaviour class with each endpoint (the cloud cannot tell them apart).
    const classmates = endpoints.map((_, i) => uniq(engine.endpointClasses[i].flatMap((c) => engine.classes[c].endpoints.map(String))).map(Number));
    const sortedKeys = [...results.keys()].sort((x, y) => x - y);
    for (const key of sortedKeys) {
      const r = results.get(key) as EndpointPairResult;
      const a = endpoints[r.a];
      const b = endpoints[r.b];
      const want = intended.get(key);
      const c = cell(a.column, b.column);
      count.evaluated += r.verdicts.length;
      if (want) count.intended++;
      if (r.verdicts.length === 0 && r.empty === 0) {
        count.unenforced++;
        c.unenforced++;
        if (a.kind === "tier" && b.kind === "tier" && a.system !== b.system && a.vlan !== undefined && a.vlan === b.vlan) {
          addApart("unenforced-shared-vlan", family, a, b, "all", want ? [...want.flows.keys()] : [], `${a.label} and ${b.label} share VLAN ${a.vlan} and nothing enforces between them: every port is open (${family})`);
        }
        continue;
      }
      enforcedEndpoint.add(r.a);
      enforcedEndpoint.add(r.b);
      c.allowed = union(c.allowed, r.any);
      const wantPorts = want?.ports ?? emptySet();
      for (const p of probes) {
        const k = `${family}|${p.name}`;
        const pc = probeCounts.get(k) ?? { name: p.name, family, open: 0, intended: 0 };
        if (overlaps(r.any, p.ports)) pc.open++;
        if (overlaps(wantPorts, p.ports)) pc.intended++;
        probeCounts.set(k, pc);
      }
      const flowsFor = (ports: PortSet): string[] => (want ? [...want.flows.entries()].filter(([, fp]) => !isEmpty(intersect(fp, ports))).map(([f]) => f).sort() : []);
      const blocked = subtract(wantPorts, r.all);
      const notExpressible = inexpressibleInNetworkPolicy(r.verdicts, blocked);
      if (!isEmpty(notExpressible)) {
        addApart("icmp-not-expressible", family, a, b, formatSet(notExpressible), flowsFor(notExpressible), `${a.label} → ${b.label} (${family}): declared ICMP that only NetworkPolicies block (NetworkPolicy cannot match ICMP)`);
      }
      const missing = subtract(blocked, notExpressible);
      if (!isEmpty(missing)) {
        c.discrepancies++;
        const flows = flowsFor(missing);
        const blocking = r.empty > 0 && r.verdicts.length === 0 ? [] : blockers(r.verdicts, missing);
        const partial = !isEmpty(intersect(missing, r.any));
        discrepancies.push({
          family,
          kind: "missing",
          from: a.id,
          to: b.id,
          ports: formatSet(missing),
          services: overlapping(missing, catalog).filter((s) => !s.startsWith("high ")),
          flows,
          rules: blocking,
          cause: discrepancyCause({ kind: "missing", rules: blocking, flows }),
          reason: `${a.label} → ${b.label} (${family}): ${formatSet(missing)} declared by ${flows.join(", ")} but blocked${partial ? " for some of their hosts" : ""}`,
        });
      }
      let excess = subtract(r.any, wantPorts);
      if (isEmpty(excess)) continue;
      // Ports intended for endpoints the cloud cannot tell apart from these two are open here too.
      if (classmates[r.a].length > 1 || classmates[r.b].length > 1) {
        let sharedIntent = emptySet();
        const sharedFlows: string[] = [];
        for (const x of classmates[r.a]) {
          for (const y of classmates[r.b]) {
            if ((x === r.a && y === r.b) || x === y) continue;
            const other = intended.get(x * n + y);
            if (!other) continue;
            const part = intersect(other.ports, excess);
            if (isEmpty(part)) continue;
            sharedIntent = union(sharedIntent, part);
            sharedFlows.push(...[...other.flows.entries()].filter(([, fp]) => !isEmpty(intersect(fp, part))).map(([f]) => f));
          }
        }
        if (!isEmpty(sharedIntent)) {
          addApart(
            "address-sharing",
            family,
            a,
            b,
            formatSet(sharedIntent),
            uniq(sharedFlows),
            `${a.label} → ${b.label} (${family}): open only because the cloud cannot tell these endpoints from others a flow names (same groups, VLAN, labels and addresses)`,
          );
          excess = subtract(excess, sharedIntent);
        }
      }
      if (isEmpty(excess)) continue;
      c.discrepancies++;
      const o = openers(r.verdicts, excess);
      discrepancies.push({
        family,
        kind: "excess",
        from: a.id,
        to: b.id,
        ports: formatSet(excess),
        services: overlapping(excess, catalog),
        flows: o.flows,
        rules: o.rules,
        cause: discrepancyCause({ kind: "excess", rules: o.rules, flows: o.flows, missingRuleBase: o.missingRuleBase }),
        reason: `${a.label} → ${b.label} (${family}): ${formatSet(excess)} open but no flow declares it (opened by ${o.flows.length > 0 ? `the rules of ${o.flows.join(", ")}` : "rules that record no flow"}${o.missingRuleBase ? "; a device on the path has no rule base" : ""})`,
      });
    }
    // Intended pairs that could not even be evaluated (an end without hosts in the family) count too.
    for (const key of intended.keys()) if (!results.has(key)) count.intended++;
    // Endpoint pairs never visited are enforced and allow nothing.
    count.enforced = count.pairs - count.unenforced;
    const cellsOut: Matrix["cells"] = {};
    for (const row of columns) {
      cellsOut[row] = {};
      for (const col of columns) {
        const x = cells.get(`${row}\u0000${col}`);
        cellsOut[row][col] = { allowed: x ? describePorts(x.allowed, catalog) : [], discrepancies: x?.discrepancies ?? 0, unenforced: x?.unenforced ?? 0 };
      }
    }
    matrix[family] = { columns, cells: cellsOut };
    counts[family] = count;
  }
  const zoneFirewallLayer = zoneFirewallLayerOf(dp, site);
  const missingRuleBases: MissingRuleBase[] = [];
  if (zoneFirewallLayer === "present") {
    for (const z of topo.zones.values()) if (!dp.compiledRuleBases.has(deviceKey(site, z.enforcedBy))) missingRuleBases.push({ zone: z.id, device: z.enforcedBy });
  }
  const ruleBaseProblems = dp.ruleBases.problems.slice();
  discrepancies.sort((x, y) => x.family.localeCompare(y.family) || x.kind.localeCompare(y.kind) || x.from.localeCompare(y.from) || x.to.localeCompare(y.to));
  apart.sort((x, y) => x.kind.localeCompare(y.kind) || x.family.localeCompare(y.family) || x.from.localeCompare(y.from) || x.to.localeCompare(y.to));
  const holds = discrepancies.length === 0 && missingRuleBases.length === 0 && ruleBaseProblems.length === 0 && apart.every((x) => x.waiver !== undefined);
  return {
    site,
    asOf,
    holds,
    endpoints: endpoints.map((e, i) => ({ id: e.id, label: e.label, kind: e.kind, column: e.column, hosts: e.hosts.length, enforced: enforcedEndpoint.has(i), note: e.note })),
    counts,
    discrepancies,
    zoneFirewallLayer,
    missingRuleBases,
    ruleBaseProblems,
    apart,
    expiredFlows: input.intent.expired,
    matrix,
    probes: [...probeCounts.values()].sort((x, y) => x.family.localeCompare(y.family) || x.name.localeCompare(y.name)),
  };
}
