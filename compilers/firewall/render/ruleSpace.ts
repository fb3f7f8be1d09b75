/**
 * What each rule matches, per family, as sets: the source and destination addresses (the union of its
 * objects' prefixes of that family; `any` for an empty list) and the services. A rule whose objects hold
 * no prefix of a family matches nothing in that family and is left out of it (the contract's semantics).
 */
import type { Family } from "../../../inventory/addressing/address";
import type { FirewallRule, RuleBase, ServiceObject } from "../ruleBaseTypes";
import { prefixesToSet, unionSets, type IntervalSet } from "./intervals";

/** Port ranges of one protocol, sorted and merged; `[[0, 65535]]` is every port. */
export type PortRanges = Array<[number, number]>;

/** The services a rule matches. `any`: every protocol. Otherwise per protocol (empty = none). */
export type ServiceSpace = { any: true } | { any: false; tcp: PortRanges; udp: PortRanges; icmp: boolean };

/** A rule as it matches in one family. */
export interface FamilyRule {
  /** Position in the rule base (evaluation order). */
  index: number;
  /** The rule. */
  rule: FirewallRule;
  /** Sources (`any` = every address). */
  src: IntervalSet | "any";
  /** Destinations. */
  dst: IntervalSet | "any";
  /** Services. */
  services: ServiceSpace;
}

/** Every port. */
export const ALL_PORTS: readonly [number, number] = [0, 65535];

function mergePorts(xs: PortRanges): PortRanges {
  const s = [...xs].sort((a, b) => a[0] - b[0]);
  const out: PortRanges = [];
  for (const [lo, hi] of s) {
    const last = out[out.length - 1];
    if (last !== undefined && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

/**
 * The service space of a list of services (empty list = any).
 * @param services the rule's service objects
 */
export function serviceSpace(services: readonly ServiceObject[]): ServiceSpace {
  if (services.length === 0 || services.some((s) => s.protocol === "any")) return { any: true };
  const tcp: PortRanges = [];
  const udp: PortRanges = [];
  let icmp = false;
  for (const s of services) {
    if (s.protocol === "icmp") icmp = true;
    else {
      const range: [number, number] = s.portMin === undefined ? [ALL_PORTS[0], ALL_PORTS[1]] : [s.portMin, s.portMax ?? s.portMin];
      (s.protocol === "tcp" ? tcp : udp).push(range);
    }
  }
  return { any: false, tcp: mergePorts(tcp), udp: mergePorts(udp), icmp };
}

/** Address sets of a rule base's objects, per family, computed once. */
export class ObjectSets {
  private readonly cache = new Map<string, IntervalSet>();
  private readonly objects: Map<string, RuleBase["addresses"][number]>;
  constructor(rb: RuleBase) {
    this.objects = new Map(rb.addresses.map((a) => [a.name, a]));
  }

  /** The set of one object in one family. */
  of(name: string, family: Family): IntervalSet {
    const key = `${family}\u0000${name}`;
    let s = this.cache.get(key);
    if (s === undefined) {
      const obj = this.objects.get(name);
      s = obj ? prefixesToSet(obj[family], family) : [];
      this.cache.set(key, s);
    }
    return s;
  }

  /** The union of a list of objects (`any` for an empty list). */
  union(names: readonly string[], family: Family): IntervalSet | "any" {
    if (names.length === 0) return "any";
    return names.length === 1 ? this.of(names[0], family) : unionSets(names.map((n) => this.of(n, family)));
  }
}

/**
 * The rules that can match in a family, in order, with their match sets.
 * @param rb the rule base
 * @param family the family
 * @param sets the object sets (shared between families and callers)
 */
export function familyRules(rb: RuleBase, family: Family, sets = new ObjectSets(rb)): FamilyRule[] {
  const services = new Map(rb.services.map((s) => [s.name, s]));
  const spaces = new Map<string, ServiceSpace>();
  const out: FamilyRule[] = [];
  rb.rules.forEach((rule, index) => {
    if (!rule.families.includes(family)) return;
    const src = sets.union(rule.sources, family);
    const dst = sets.union(rule.destinations, family);
    if ((src !== "any" && src.length === 0) || (dst !== "any" && dst.length === 0)) return;
    const key = rule.services.join("\u0000");
    let svc = spaces.get(key);
    if (svc === undefined) spaces.set(key, (svc = serviceSpace(rule.services.map((n) => services.get(n)).filter((s): s is ServiceObject => s !== undefined))));
    out.push({ index, rule, src, dst, services: svc });
  });
  return out;
}

/** Consecutive rules of one section: the unit the nftables renderer makes a chain of. */
export interface SectionRun {
  /** Section. */
  from: string;
  /** Section. */
  to: string;
  /** Indexes of its rules in the rule base. */
  indexes: number[];
}

/**
 * The sections in order (a section's rules are consecutive; `checkRuleBase` refuses split sections).
 * @param rb the rule base
 */
export function sectionRuns(rb: RuleBase): SectionRun[] {
  const runs: SectionRun[] = [];
  rb.rules.forEach((r, i) => {
    const last = runs[runs.length - 1];
    if (last !== undefined && last.from === r.section.from && last.to === r.section.to) last.indexes.push(i);
    else runs.push({ from: r.section.from, to: r.section.to, indexes: [i] });
  });
  return runs;
}
