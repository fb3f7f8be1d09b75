/**
 * The proof's engine for one family. Hosts that every rule of every layer treats alike (same groups,
 * same pod identity, same place, addresses held by the same prefixes) form one behaviour class; every
 * matcher becomes a bit set over classes; each class gets the rules that can match it (per source, for
 * first-match rule bases). The candidate pairs — those some rule on every layer could let through — are
 * found row by row with word operations, and only they are evaluated exactly (`evaluateHostPair`, the
 * same evaluator explain and probes use). Pairs with no enforcement point at all are reported apart.
 */
import { hostIp, testMatcher, MatcherTable, type MatchOracle } from "./matchers";
import { holdersOfPoints } from "./addressAtoms";
import { netRange, type Family } from "./addresses";
import { BitSet } from "./bitset";
import type { CompiledRuleBase, CompiledRuleBaseRule, Dataplane } from "./dataplane";
import { ruleAppliesTo } from "./dataplane";
import { matcherRanges } from "./endpoints";
import type { Endpoint, Host } from "./endpointTypes";
import { evaluateHostPair, vlanSubnetTest, zoneFirewallsOnPath, type EvalContext, type PairVerdict } from "./evaluate";
import { fwaasCrossings } from "./fwaasEval";
import { policiesOfPod } from "./networkPolicyEval";
import { isEmpty } from "./portSet";
import { portRules } from "./securityGroupEval";
import type { SiteTopology } from "./topology";

/** A behaviour class. */
export interface BehaviourClass {
  /** Index. */
  id: number;
  /** The host that stands for the class. */
  rep: Host;
  /** Every host of the class. */
  hosts: Host[];
  /** Indices of the endpoints its hosts belong to (sorted, unique). */
  endpoints: number[];
  /** True when the host itself enforces (a port or a pod). */
  managed: boolean;
}

/** A row of a candidate matrix: every class, or some. */
interface Row {
  full: boolean;
  bits?: BitSet;
}

function locationKey(h: Host): string {
  const l = h.location;
  return `${l.zone ?? ""}|${l.vlan ?? ""}|${l.cluster ?? ""}|${l.external ?? ""}`;
}

/** The engine of one family over a site's endpoints. */
export class FamilyEngine {
  /** Behaviour classes. */
  readonly classes: BehaviourClass[] = [];
  /** Per endpoint index: its classes (sorted). */
  readonly endpointClasses: number[][];
  /** The evaluation context backed by this engine's bit sets. */
  readonly ctx: EvalContext;
  private readonly bits: Array<BitSet | undefined> = [];
  private readonly prefixBits: Array<BitSet | undefined>;
  private readonly rangeIndex = new Map<string, number>();
  private readonly groupBits = new Map<string, BitSet>();
  private readonly podClasses: number[] = [];
  private readonly acceptRows = new Map<string, BitSet>();
  private readonly verdicts = new Map<number, PairVerdict>();
  private readonly pathCache = new Map<number, { devices: ReturnType<typeof zoneFirewallsOnPath>; fwaas: boolean }>();
  /** Per class: an index of its place and subnet (classes with equal indices have equal paths). */
  private readonly placeOf: number[] = [];
  private placeCount = 0;
  private readonly ruleLists = new Map<string, CompiledRuleBaseRule[][]>();
  private readonly isVlanSubnet: (id: string) => boolean;

  /**
   * @param dp the dataplane
   * @param topo the site
   * @param endpoints the site's endpoints
   * @param family the family
   */
  constructor(
    readonly dp: Dataplane,
    readonly topo: SiteTopology,
    readonly endpoints: readonly Endpoint[],
    readonly family: Family,
  ) {
    this.isVlanSubnet = vlanSubnetTest(dp, topo);
    const ranges = matcherRanges(dp, family);
    ranges.forEach((r, i) => this.rangeIndex.set(`${r.lo}-${r.hi}`, i));
    const hosts: Array<{ host: Host; endpoint: number }> = [];
    endpoints.forEach((e, i) => {
      for (const h of e.hosts) if (h.address[family] !== undefined && hostIp(h, family)) hosts.push({ host: h, endpoint: i });
    });
    const holders = holdersOfPoints(hosts.map((x) => (hostIp(x.host, family) as { value: bigint }).value), ranges);
    const byKey = new Map<string, BehaviourClass>();
    const classHolders: number[][] = [];
    hosts.forEach(({ host, endpoint }, i) => {
      const key = JSON.stringify([
        holders[i],
        host.port ? [...host.port.groupIds].sort() : null,
        host.pod ? [host.pod.cluster, host.pod.namespace, Object.entries(host.pod.labels).sort(), host.pod.containerPorts] : null,
        locationKey(host),
        host.subnetId[family] ?? null,
      ]);
      let c = byKey.get(key);
      if (!c) {
        c = { id: this.classes.length, rep: host, hosts: [], endpoints: [], managed: host.port !== undefined || host.pod !== undefined };
        byKey.set(key, c);
        this.classes.push(c);
        classHolders.push(holders[i]);
        if (host.pod) this.podClasses.push(c.id);
      }
      c.hosts.push(host);
      if (!c.endpoints.includes(endpoint)) c.endpoints.push(endpoint);
      host.cls = { ...host.cls, [family]: c.id };
    });
    const n = this.classes.length;
    const places = new Map<string, number>();
    for (const c of this.classes) {
      const k = `${locationKey(c.rep)}\u0000${c.rep.subnetId[family] ?? ""}`;
      let p = places.get(k);
      if (p === undefined) places.set(k, (p = places.size));
      this.placeOf.push(p);
    }
    this.placeCount = places.size;
    this.prefixBits = new Array<BitSet | undefined>(ranges.length);
    classHolders.forEach((hs, c) => {
      for (const p of hs) (this.prefixBits[p] ??= new BitSet(n)).add(c);
    });
    for (const c of this.classes) {
      for (const g of c.rep.port?.groupIds ?? []) {
        let b = this.groupBits.get(g);
        if (!b) this.groupBits.set(g, (b = new BitSet(n)));
        b.add(c.id);
      }
    }
    this.endpointClasses = endpoints.map((e) => [...new Set(e.hosts.map((h) => (h.address[family] !== undefined ? h.cls?.[family] : undefined)).filter((x): x is number => x !== undefined))].sort((a, b) => a - b));
    const oracle: MatchOracle = {
      test: (id, host, fam) => {
        const c = fam === family ? host.cls?.[fam] : undefined;
        return c !== undefined ? this.bitsOf(id).has(c) : testMatcher(dp.matchers.list[id], host, fam, dp.nsLabels);
      },
    };
    this.ctx = { dp, topo, oracle, ruleIndex: (rb, src, dst, fam) => this.ruleIndex(rb, src, dst, fam) };
  }

  /** Number of classes. */
  get size(): number {
    return this.classes.length;
  }

  /**
   * The bit set of a matcher over this family's classes (built on first use).
   * @param id matcher id
   */
  bitsOf(id: number): BitSet {
    let b = this.bits[id];
    if (b) return b;
    const n = this.classes.length;
    const m = this.dp.matchers.list[id];
    if (m.kind === "all") b = BitSet.full(n);
    else if (m.kind === "none") b = new BitSet(n);
    else if (m.kind === "group") b = this.groupBits.get(m.groupId)?.clone() ?? new BitSet(n);
    else if (m.kind === "pods") {
      b = new BitSet(n);
      for (const c of this.podClasses) if (testMatcher(m, this.classes[c].rep, this.family, this.dp.nsLabels)) b.add(c);
    } else {
      b = new BitSet(n);
      const rangeBits = (net: (typeof m.nets)[number]): BitSet | undefined => {
        const r = netRange(net);
        const i = this.rangeIndex.get(`${r.lo}-${r.hi}`);
        return i === undefined ? undefined : this.prefixBits[i];
      };
      for (const net of m.nets) if (net.family === this.family) {
        const x = rangeBits(net);
        if (x) b.orWith(x);
      }
      for (const net of m.except) if (net.family === this.family) {
        const x = rangeBits(net);
        if (x) b.andNotWith(x);
      }
      if (m.notPodsOf !== undefined) for (const c of this.podClasses) if (this.classes[c].rep.pod?.cluster === m.notPodsOf) b.words[c >>> 5] &= ~(1 << (c & 31));
    }
    this.bits[id] = b;
    return b;
  }

  /**
   * The rules of a rule base that can match a packet between two hosts, in order: of the rules whose
   * source can match the source's class and those whose destination can match the destination's
   * class, the shorter list (each holds every rule that can match).
   * @param rb the rule base
   * @param src the source host
   * @param dst the destination host
   * @param family the family
   */
  ruleIndex(rb: CompiledRuleBase, src: Host, dst: Host | undefined, family: Family): readonly CompiledRuleBaseRule[] {
    const cs = family === this.family ? src.cls?.[family] : undefined;
    const cd = family === this.family ? dst?.cls?.[family] : undefined;
    const bySrc = cs === undefined ? rb.rules : this.indexed(rb, cs, "src");
    const byDst = cd === undefined ? rb.rules : this.indexed(rb, cd, "dst");
    return byDst.length < bySrc.length ? byDst : bySrc;
  }

  /** The rules (in order) whose source, or destination, can match a class: built for all classes at once. */
  private indexed(rb: CompiledRuleBase, c: number, side: "src" | "dst"): CompiledRuleBaseRule[] {
    const key = `${rb.planned.urn}\u0000${side}`;
    let lists = this.ruleLists.get(key);
    if (!lists) {
      lists = Array.from({ length: this.size }, (): CompiledRuleBaseRule[] => []);
      const all = lists;
      for (const r of rb.rules) {
        if (!ruleAppliesTo(r, this.family)) continue;
        this.bitsOf(r[side]).forEach((x) => all[x].push(r));
      }
      this.ruleLists.set(key, lists);
    }
    return lists[c];
  }

  /** Destinations some accept rule of a rule base could let a class reach. */
  private acceptRow(rb: CompiledRuleBase, src: BehaviourClass): BitSet {
    const key = `${rb.planned.urn}\u0000${src.id}`;
    let row = this.acceptRows.get(key);
    if (!row) {
      row = new BitSet(this.size);
      for (const r of this.indexed(rb, src.id, "src")) if (r.rule.action === "accept" && !isEmpty(r.ports)) row.orWith(this.bitsOf(r.dst));
      this.acceptRows.set(key, row);
    }
    return row;
  }

  private unionOf(ids: Iterable<number>): Row {
    const b = new BitSet(this.size);
    for (const id of ids) {
      if (id === MatcherTable.ALL) return { full: true };
      b.orWith(this.bitsOf(id));
    }
    return { full: false, bits: b };
  }

  /** Classes a class's own egress could send to. */
  private egressRow(c: BehaviourClass): Row {
    const h = c.rep;
    if (h.port) return this.unionOf(portRules(this.dp, h.port.groupIds, "egress", this.family).filter((r) => !isEmpty(r.ports)).map((r) => r.remote));
    if (h.pod) return this.podRow(c, "egress");
    return { full: true };
  }

  /** Classes a class's own ingress could admit. */
  private admitRow(c: BehaviourClass): Row {
    const h = c.rep;
    if (h.port) return this.unionOf(portRules(this.dp, h.port.groupIds, "ingress", this.family).filter((r) => !isEmpty(r.ports)).map((r) => r.remote));
    if (h.pod) return this.podRow(c, "ingress");
    return { full: true };
  }

  private podRow(c: BehaviourClass, direction: "ingress" | "egress"): Row {
    const pod = c.rep.pod;
    if (!pod) return { full: true };
    const { admin, isolating } = policiesOfPod(this.dp, pod, direction);
    if (isolating.length === 0) return { full: true };
    const ids: number[] = [];
    for (const p of isolating) {
      for (const r of direction === "ingress" ? p.ingress : p.egress) {
        if (!r.peers) return { full: true };
        ids.push(...r.peers);
      }
    }
    for (const p of admin) for (const r of direction === "ingress" ? p.ingress : p.egress) if (r.rule.action === "Allow") ids.push(...r.peers);
    return this.unionOf(ids);
  }

  /**
   * Visits every ordered class pair that needs a verdict: `candidate` when some rule on every layer could
   * let something through (evaluate it), `unenforced` when nothing enforces anything on the path. Pairs
   * not visited are enforced and allow nothing.
   * @param visit the visitor
   */
  forEachPair(visit: (a: number, b: number, kind: "candidate" | "unenforced") => void): void {
    const n = this.size;
    const allAdmit = new BitSet(n);
    const admitT = new Array<BitSet | undefined>(n);
    for (const c of this.classes) {
      const row = this.admitRow(c);
      if (row.full) allAdmit.add(c.id);
      else
        row.bits?.forEach((a) => {
          (admitT[a] ??= new BitSet(n)).add(c.id);
        });
    }
    for (const a of this.classes) {
      const e = this.egressRow(a);
      const cand = allAdmit.clone();
      const t = admitT[a.id];
      if (t) cand.orWith(t);
      if (!e.full && e.bits) cand.andWith(e.bits);
      cand.forEach((bi) => {
        const b = this.classes[bi];
        if (bi === a.id && a.endpoints.length < 2) return;
        const inCluster = a.rep.pod !== undefined && b.rep.pod !== undefined && a.rep.pod.cluster === b.rep.pod.cluster;
        const path = inCluster ? undefined : this.path(a, b);
        if (!a.managed && !b.managed && !inCluster && path && !path.fwaas && path.devices.every((d) => d.ruleBase === undefined)) {
          visit(a.id, bi, "unenforced");
          return;
        }
        if (path) for (const d of path.devices) if (d.ruleBase && !this.acceptRow(d.ruleBase, a).has(bi)) return;
        visit(a.id, bi, "candidate");
      });
    }
  }

  /** The devices between two classes and whether an FWaaS group is on the way (cached per place and subnet). */
  private path(a: BehaviourClass, b: BehaviourClass): { devices: ReturnType<typeof zoneFirewallsOnPath>; fwaas: boolean } {
    const key = this.placeOf[a.id] * this.placeCount + this.placeOf[b.id];
    let p = this.pathCache.get(key);
    if (!p) {
      const fwaas = fwaasCrossings(this.dp, a.rep, b.rep, this.family, this.isVlanSubnet).some((x) =>
        (this.dp.fwaasBySubnet.get(x.subnetId) ?? []).some((g) => (x.direction === "ingress" ? g.ingress : g.egress) !== undefined),
      );
      p = { devices: zoneFirewallsOnPath(this.ctx, a.rep, b.rep), fwaas };
      this.pathCache.set(key, p);
    }
    return p;
  }

  /**
   * The exact verdict between two classes' representatives (cached).
   * @param a source class
   * @param b destination class
   */
  evaluate(a: number, b: number): PairVerdict {
    const key = a * this.size + b;
    let v = this.verdicts.get(key);
    if (!v) {
      const ra = this.classes[a].rep;
      let rb = this.classes[b].rep;
      // A class paired with itself: two of its hosts (the representative and another one).
      if (a === b) rb = this.classes[b].hosts.find((h) => h !== ra) ?? rb;
      v = evaluateHostPair(this.ctx, ra, rb, this.family);
      this.verdicts.set(key, v);
    }
    return v;
  }
}
