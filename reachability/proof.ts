import { EXTERNAL_COLUMNS } from "./endpoints";
/**
 * The reachability proof of one site: for every ordered pair of endpoint classes and each family,
 * the actual allowed ports (from the plan) against the intended ones (from the flow intent).
 * It holds iff they are equal wherever the cloud enforces anything: nothing declared is blocked
 * (missing), nothing undeclared is open (excess). Two classes are listed apart, not failures: ports
 * open only through addresses the cloud cannot tell apart (`shared`), and ICMP to or from pods that
 * no NetworkPolicy can express (`inexpressible`).
 */
import type { ResolvedRule } from "../compilers/flows/types";
import type { Family } from "./addresses";
import { evaluateEndpointPair, type DataplaneModel, type EndpointVerdict } from "./actual";
import { isManaged, type Endpoint } from "./endpointTypes";
import { inexpressibleInNetworkPolicy } from "./inexpressible";
import { intendedBetween } from "./intent";
import { emptySet, formatSet, intersect, isEmpty, isSubset, subtract, union, type PortSet } from "./portSet";
import { describePorts, overlapping, type NamedService } from "./serviceCatalog";

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
  /** Missing: the enforcement points that block (URNs). Excess: the rules that open the ports (URNs). */
  rules: string[];
  /** Which enforcement layer is at fault (see `discrepancyCause`). */
  cause: DiscrepancyCause;
  /** One sentence for a reviewer. */
  reason: string;
}

/** Why a discrepancy exists, by the layer at fault. */
export type DiscrepancyCause =
  | "security-group-blocks"
  | "firewall-blocks"
  | "network-policy-blocks"
  | "rules-of-several-flows-compose"
  | "rule-wider-than-its-flow";

/**
 * The layer at fault: for missing ports, the blocking points (FWaaS first, then NetworkPolicy, else
 * security groups); for excess ports, whether the opening rules come from one flow or several.
 * @param d the discrepancy's kind, blocking points or rules, and flows
 */
export function discrepancyCause(d: Pick<Discrepancy, "kind" | "rules" | "flows">): DiscrepancyCause {
  if (d.kind === "excess") return d.flows.length >= 2 ? "rules-of-several-flows-compose" : "rule-wider-than-its-flow";
  if (d.rules.some((r) => r.startsWith("FWaaS "))) return "firewall-blocks";
  if (d.rules.some((r) => r.includes(" of pods "))) return "network-policy-blocks";
  return "security-group-blocks";
}

/** A cell of the zone × zone matrix. */
export interface MatrixCell {
  /** What the plan allows between some endpoints of the two columns (enforced pairs). */
  allowed: string[];
  /** Discrepancies between endpoints of the two columns. */
  discrepancies: number;
  /** Endpoint pairs the cloud does not enforce (both ends outside it). */
  unenforced: number;
}

/** The matrix of one family. */
export interface Matrix {
  /** Row and column names: the site's zones, then `(Internet)`, `(TSLCD)`. */
  columns: string[];
  /** `cells[from][to]`. */
  cells: Record<string, Record<string, MatrixCell>>;
}

/** Declared ports the cloud's rules cannot decide, listed apart from discrepancies. */
export interface SeparateClass {
  /** Family. */
  family: Family;
  /** Source endpoint id. */
  from: string;
  /** Destination endpoint id. */
  to: string;
  /** The ports concerned, as text. */
  ports: string;
  /** The flows that declare them. */
  flows: string[];
}

/** The proof of one site. */
export interface SiteProof {
  /** Site id. */
  site: string;
  /** True iff there is no discrepancy. */
  holds: boolean;
  /** Endpoint classes compared. */
  endpoints: Array<{ id: string; label: string; kind: string; column: string; hosts: number; enforced: boolean; note?: string }>;
  /** Pair counts per family. */
  counts: Record<Family, { pairs: number; enforced: number; unenforced: number; intended: number }>;
  /** Every discrepancy, sorted. */
  discrepancies: Discrepancy[];
  /** Zone × zone matrix per family. */
  matrix: Record<Family, Matrix>;
  /**
   * Pairs open only because an endpoint the cloud does not enforce shares addresses with a declared
   * tier (bare-metal tiers on one VLAN): not a failure of the cloud's rules, a job for the physical firewall.
   */
  shared: SeparateClass[];
  /**
   * Declared ICMP to or from pods that only NetworkPolicies block: NetworkPolicy cannot match ICMP
   * (see `inexpressibleInNetworkPolicy`), so no compiled rule could allow it. Listed apart, not a failure.
   */
  inexpressible: SeparateClass[];
  /** Probes (admin ports, high ports): how many enforced endpoint pairs leave each open, intended or not. */
  probes: Array<{ name: string; family: Family; open: number; intended: number }>;
}

const FAMILIES: readonly Family[] = ["ipv4", "ipv6"];

function uniq(xs: readonly string[]): string[] {
  return [...new Set(xs)].sort();
}

/**
 * Explains missing ports: the enforcement points that block part of them, on the host pairs that lose them.
 * @param v the endpoint verdict
 * @param missing the missing ports
 */
export function blockers(v: EndpointVerdict, missing: PortSet): string[] {
  const refs: string[] = [];
  for (const pair of v.pairs) {
    const lost = subtract(missing, pair.allowed);
    if (isEmpty(lost)) continue;
    for (const p of pair.points) if (!isSubset(p.allowed, lost)) refs.push(`${p.point} [${p.ref}]`);
  }
  return uniq(refs);
}

/**
 * Explains excess ports: the rules that allow them on the host pairs that let them through.
 * @param v the endpoint verdict
 * @param excess the excess ports
 */
export function openers(v: EndpointVerdict, excess: PortSet): { rules: string[]; flows: string[] } {
  const rules: string[] = [];
  const flows: string[] = [];
  for (const pair of v.pairs) {
    const leak = intersect(pair.allowed, excess);
    if (isEmpty(leak)) continue;
    for (const p of pair.points) {
      for (const c of p.contributions) {
        if (isEmpty(intersect(c.ports, leak))) continue;
        rules.push(c.ref);
        flows.push(...c.flows);
      }
    }
  }
  return { rules: uniq(rules), flows: uniq(flows) };
}

/** What the proof needs. */
export interface ProofInput {
  /** Site id. */
  site: string;
  /** Zones of the site (matrix columns, before `internet` and `tslcd`). */
  zones: string[];
  /** Endpoint classes. */
  endpoints: Endpoint[];
  /** Resolved flow rules of the site. */
  rules: readonly ResolvedRule[];
  /** The plan's dataplane. */
  model: DataplaneModel;
  /** Service names. */
  catalog: readonly NamedService[];
}

/**
 * Proves (or refutes) the site's reachability.
 * @param input endpoints, intent, plan model
 */
export function proveSite(input: ProofInput): SiteProof {
  const { endpoints, rules, model, catalog } = input;
  const columns = [...input.zones, EXTERNAL_COLUMNS.internet, EXTERNAL_COLUMNS.tslcd];
  const discrepancies: Discrepancy[] = [];
  const shared: SeparateClass[] = [];
  const inexpressible: SeparateClass[] = [];
  const probeCounts = new Map<string, { name: string; family: Family; open: number; intended: number }>();
  const matrix = {} as Record<Family, Matrix>;
  const counts = {} as SiteProof["counts"];
  const probes = catalog.filter((c) => c.origin !== "service");
  for (const family of FAMILIES) {
    const cellSets = new Map<string, { allowed: PortSet; discrepancies: number; unenforced: number }>();
    const cell = (a: string, b: string): { allowed: PortSet; discrepancies: number; unenforced: number } => {
      const k = `${a}\u0000${b}`;
      let c = cellSets.get(k);
      if (!c) cellSets.set(k, (c = { allowed: emptySet(), discrepancies: 0, unenforced: 0 }));
      return c;
    };
    const count = { pairs: 0, enforced: 0, unenforced: 0, intended: 0 };
    for (const a of endpoints) {
      for (const b of endpoints) {
        if (a.id === b.id) continue;
        const v = evaluateEndpointPair(model, a, b, family);
        if (v.pairs.length === 0) continue;
        count.pairs++;
        const c = cell(a.column, b.column);
        const intended = intendedBetween(rules, a, b, family);
        if (!isEmpty(intended.ports)) count.intended++;
        if (!v.enforced) {
          count.unenforced++;
          c.unenforced++;
          continue;
        }
        count.enforced++;
        c.allowed = union(c.allowed, v.any);
        for (const p of probes) {
          const key = `${family}|${p.name}`;
          const pc = probeCounts.get(key) ?? { name: p.name, family, open: 0, intended: 0 };
          if (!isEmpty(intersect(v.any, p.ports))) pc.open++;
          if (!isEmpty(intersect(intended.ports, p.ports))) pc.intended++;
          probeCounts.set(key, pc);
        }
        const widened = intersect(subtract(intended.ports, intended.exactPorts), v.any);
        if (!isEmpty(widened)) {
          const flows = intended.flows.filter((f) => !isEmpty(intersect(f.ports, widened))).map((f) => f.flow);
          shared.push({ family, from: a.id, to: b.id, ports: formatSet(widened), flows });
        }
        const blocked = subtract(intended.ports, v.all);
        const notExpressible = inexpressibleInNetworkPolicy(v, blocked);
        if (!isEmpty(notExpressible)) {
          const flows = intended.flows.filter((f) => !isEmpty(intersect(f.ports, notExpressible))).map((f) => f.flow);
          inexpressible.push({ family, from: a.id, to: b.id, ports: formatSet(notExpressible), flows });
        }
        const missing = subtract(blocked, notExpressible);
        if (!isEmpty(missing)) {
          c.discrepancies++;
          const flows = intended.flows.filter((f) => !isEmpty(intersect(f.ports, missing))).map((f) => f.flow);
          const partial = !isEmpty(intersect(missing, v.any));
          const blocking = blockers(v, missing);
          discrepancies.push({
            family,
            kind: "missing",
            from: a.id,
            to: b.id,
            ports: formatSet(missing),
            services: overlapping(missing, catalog).filter((n) => !n.startsWith("high ")),
            flows,
            rules: blocking,
            cause: discrepancyCause({ kind: "missing", rules: blocking, flows }),
            reason: `${a.label} → ${b.label} (${family}): ${formatSet(missing)} declared by ${flows.join(", ")} but blocked${partial ? " for some of their hosts" : ""}`,
          });
        }
        const excess = subtract(v.any, intended.ports);
        if (!isEmpty(excess)) {
          c.discrepancies++;
          const o = openers(v, excess);
          discrepancies.push({
            family,
            kind: "excess",
            from: a.id,
            to: b.id,
            ports: formatSet(excess),
            services: overlapping(excess, catalog),
            flows: o.flows,
            rules: o.rules,
            cause: discrepancyCause({ kind: "excess", rules: o.rules, flows: o.flows }),
            reason: `${a.label} → ${b.label} (${family}): ${formatSet(excess)} open but no flow declares it (opened by the rules of ${o.flows.join(", ") || "no recorded flow"})`,
          });
        }
      }
    }
    counts[family] = count;
    const cells: Matrix["cells"] = {};
    for (const r of columns) {
      cells[r] = {};
      for (const col of columns) {
        const c = cellSets.get(`${r}\u0000${col}`);
        cells[r][col] = { allowed: c ? describePorts(c.allowed, catalog) : [], discrepancies: c?.discrepancies ?? 0, unenforced: c?.unenforced ?? 0 };
      }
    }
    matrix[family] = { columns, cells };
  }
  discrepancies.sort((x, y) => x.family.localeCompare(y.family) || x.kind.localeCompare(y.kind) || x.from.localeCompare(y.from) || x.to.localeCompare(y.to));
  const byPair = (x: SeparateClass, y: SeparateClass): number => x.family.localeCompare(y.family) || x.from.localeCompare(y.from) || x.to.localeCompare(y.to);
  shared.sort(byPair);
  inexpressible.sort(byPair);
  return {
    site: input.site,
    holds: discrepancies.length === 0,
    endpoints: endpoints.map((e) => ({ id: e.id, label: e.label, kind: e.kind, column: e.column, hosts: e.hosts.length, enforced: isManaged(e, "ipv4") || isManaged(e, "ipv6"), note: e.note })),
    counts,
    discrepancies,
    shared,
    inexpressible,
    matrix,
    probes: [...probeCounts.values()],
  };
}
