/**
 * Sets of (protocol, port) as sorted disjoint intervals per protocol: exact over all 65,535 ports,
 * so the proof compares whole port spaces instead of sampled ports.
 */

/** Protocols the proof tracks. ICMP (echo request, v4 or v6) has no ports: it is the single point 0. */
export type Proto = "tcp" | "udp" | "sctp" | "icmp";

/** All protocols, in report order. */
export const PROTOS: readonly Proto[] = ["tcp", "udp", "sctp", "icmp"];

/** A closed interval of ports. */
export type Interval = readonly [number, number];

/** Allowed ports per protocol; a missing protocol is the empty set. */
export type PortSet = Readonly<Record<Proto, readonly Interval[]>>;

/** The full range of a protocol. */
export function fullRange(proto: Proto): Interval {
  return proto === "icmp" ? [0, 0] : [1, 65535];
}

// Sets are immutable, so the empty and the full set are shared: the proof builds millions of sets.
const EMPTY: PortSet = Object.freeze({ tcp: Object.freeze([]), udp: Object.freeze([]), sctp: Object.freeze([]), icmp: Object.freeze([]) });
const FULL: PortSet = Object.freeze({ tcp: Object.freeze([fullRange("tcp")]), udp: Object.freeze([fullRange("udp")]), sctp: Object.freeze([fullRange("sctp")]), icmp: Object.freeze([fullRange("icmp")]) });

/** The empty set. */
export function emptySet(): PortSet {
  return EMPTY;
}

/** Every port of every protocol. */
export function fullSet(): PortSet {
  return FULL;
}

/**
 * True when the set holds every port of every protocol.
 * @param s the set
 */
export function isFullSet(s: PortSet): boolean {
  if (s === FULL) return true;
  for (const p of PROTOS) {
    const l = s[p];
    const r = fullRange(p);
    if (l.length !== 1 || l[0][0] !== r[0] || l[0][1] !== r[1]) return false;
  }
  return true;
}

/**
 * A set of one protocol.
 * @param proto protocol
 * @param min first port (ignored for icmp; absent: every port)
 * @param max last port (default `min`)
 */
export function singleSet(proto: Proto, min?: number, max?: number): PortSet {
  const out: Record<Proto, Interval[]> = { tcp: [], udp: [], sctp: [], icmp: [] };
  if (proto === "icmp" || min === undefined) out[proto] = [fullRange(proto)];
  else out[proto] = [[Math.max(1, min), Math.min(65535, max ?? min)]];
  return out;
}

function normalize(list: readonly Interval[]): Interval[] {
  const sorted = [...list].filter(([a, b]) => a <= b).sort((x, y) => x[0] - y[0]);
  const out: Array<[number, number]> = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

function intersectList(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const lo = Math.max(a[i][0], b[j][0]);
    const hi = Math.min(a[i][1], b[j][1]);
    if (lo <= hi) out.push([lo, hi]);
    if (a[i][1] < b[j][1]) i++;
    else j++;
  }
  return out;
}

function subtractList(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  let cur: Interval[] = [...a];
  for (const [lo, hi] of b) {
    const next: Interval[] = [];
    for (const [x, y] of cur) {
      if (hi < x || lo > y) next.push([x, y]);
      else {
        if (x < lo) next.push([x, lo - 1]);
        if (hi < y) next.push([hi + 1, y]);
      }
    }
    cur = next;
  }
  return cur;
}

function map2(a: PortSet, b: PortSet, f: (x: readonly Interval[], y: readonly Interval[]) => Interval[]): PortSet {
  const out = { tcp: f(a.tcp, b.tcp), udp: f(a.udp, b.udp), sctp: f(a.sctp, b.sctp), icmp: f(a.icmp, b.icmp) };
  return out.tcp.length === 0 && out.udp.length === 0 && out.sctp.length === 0 && out.icmp.length === 0 ? EMPTY : out;
}

/**
 * Union of port sets.
 * @param sets the sets
 */
export function union(...sets: PortSet[]): PortSet {
  if (sets.length === 1) return sets[0];
  if (sets.length === 2) {
    if (sets[0] === EMPTY || isEmpty(sets[0])) return sets[1];
    if (sets[1] === EMPTY || isEmpty(sets[1])) return sets[0];
    if (sets[0] === FULL || sets[1] === FULL) return FULL;
  }
  const out: Record<Proto, Interval[]> = { tcp: [], udp: [], sctp: [], icmp: [] };
  for (const p of PROTOS) {
    const all: Interval[] = [];
    for (const s of sets) for (const x of s[p]) all.push(x);
    out[p] = all.length === 0 ? all : normalize(all);
  }
  return out;
}

/**
 * Intersection of two port sets.
 * @param a first set
 * @param b second set
 */
export function intersect(a: PortSet, b: PortSet): PortSet {
  if (a === EMPTY || b === EMPTY) return EMPTY;
  if (a === FULL) return b;
  if (b === FULL) return a;
  return map2(a, b, intersectList);
}

/**
 * `a` without `b`.
 * @param a the set
 * @param b what to take away
 */
export function subtract(a: PortSet, b: PortSet): PortSet {
  if (a === EMPTY || b === FULL) return EMPTY;
  if (b === EMPTY) return a;
  return map2(a, b, subtractList);
}

/**
 * True when the sets share a port (no set is built).
 * @param a first set
 * @param b second set
 */
export function overlaps(a: PortSet, b: PortSet): boolean {
  if (a === EMPTY || b === EMPTY) return false;
  for (const p of PROTOS) {
    const x = a[p];
    const y = b[p];
    let i = 0;
    let j = 0;
    while (i < x.length && j < y.length) {
      if (x[i][1] < y[j][0]) i++;
      else if (y[j][1] < x[i][0]) j++;
      else return true;
    }
  }
  return false;
}

/**
 * True when the set holds nothing.
 * @param s the set
 */
export function isEmpty(s: PortSet): boolean {
  return s === EMPTY || (s.tcp.length === 0 && s.udp.length === 0 && s.sctp.length === 0 && s.icmp.length === 0);
}

/**
 * True when both sets hold the same ports.
 * @param a first set
 * @param b second set
 */
export function setsEqual(a: PortSet, b: PortSet): boolean {
  return isEmpty(subtract(a, b)) && isEmpty(subtract(b, a));
}

/**
 * True when `inner` lies inside `outer`.
 * @param outer the larger set
 * @param inner the candidate subset
 */
export function isSubset(outer: PortSet, inner: PortSet): boolean {
  return isEmpty(subtract(inner, outer));
}

/**
 * Human text: `tcp/22, tcp/8000-8080, icmp`.
 * @param s the set
 */
export function formatSet(s: PortSet): string {
  const parts: string[] = [];
  for (const p of PROTOS) {
    for (const [a, b] of s[p]) {
      if (p === "icmp") parts.push("icmp");
      else if (a === 1 && b === 65535) parts.push(`${p}/all`);
      else parts.push(a === b ? `${p}/${a}` : `${p}/${a}-${b}`);
    }
  }
  return parts.length > 0 ? parts.join(", ") : "(none)";
}

/**
 * True when the set holds the port (icmp: any port value).
 * @param s the set
 * @param proto protocol
 * @param port port (ignored for icmp)
 */
export function hasPort(s: PortSet, proto: Proto, port: number): boolean {
  const p = proto === "icmp" ? 0 : port;
  return s[proto].some(([a, b]) => a <= p && p <= b);
}

/**
 * A canonical text key of a set (equal sets, equal keys).
 * @param s the set
 */
export function setKey(s: PortSet): string {
  return PROTOS.map((p) => s[p].map(([a, b]) => `${a}-${b}`).join(",")).join("|");
}
