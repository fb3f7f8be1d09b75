/**
 * Shadowed and redundant rules of a rule base, under the contract's first-match semantics, per family.
 * The packet space is cut into cells (source class × destination class × service atom) inside which
 * every rule either matches every packet or none, so "which rule decides" is exact per cell:
 * - shadowed: no packet ever reaches the rule as its first match, and earlier rules give some of its
 *   packets the other action (its intent can never apply);
 * - redundant: removing the rule changes no verdict, because earlier rules already decide all its packets
 *   the same way, or because for every packet it decides the next matching rule (or the default deny)
 *   decides the same. Closing deny-and-log rules (deny without flows) are not judged redundant against a
 *   later deny: they exist to log each zone pair apart.
 */
import type { Family } from "../../../inventory/addressing/address";
import type { RuleBase } from "../ruleBaseTypes";
import { sideClasses } from "../render/ruleClasses";
import { familyRules, ObjectSets, type FamilyRule } from "../render/ruleSpace";

/** One finding. */
export interface RuleFinding {
  /** The rule. */
  rule: string;
  /** Its sequence number (1-based). */
  sequence: number;
  /** Its section. */
  section: { from: string; to: string };
  family: Family;
  kind: "shadowed" | "redundant";
  /** Rules that decide its packets instead (earlier ones; for a later redundancy, the later ones; `default deny` when none). */
  decidedBy: string[];
  /** One sentence for a reviewer. */
  reason: string;
}

/** The analysis of one rule base. */
export interface RuleBaseAnalysis {
  device: string;
  site: string;
  rules: number;
  accept: number;
  deny: number;
  sections: number;
  findings: RuleFinding[];
  /** Accept rules that do not log, or carry no IPS profile (the level-3 baseline wants both). */
  acceptWithoutLog: string[];
  acceptWithoutIps: string[];
}

/** Service atoms of one family: protocol with a port range, ICMP echo, or everything else. */
interface Atom {
  proto: "tcp" | "udp" | "icmp" | "other";
  lo: number;
  hi: number;
}

function serviceAtoms(rules: readonly FamilyRule[]): Atom[] {
  const atoms: Atom[] = [];
  for (const proto of ["tcp", "udp"] as const) {
    const cuts = new Set<number>([0, 65536]);
    for (const r of rules) if (!r.services.any) for (const [lo, hi] of r.services[proto]) cuts.add(lo).add(hi + 1);
    const s = [...cuts].sort((a, b) => a - b);
    for (let i = 0; i < s.length - 1; i++) atoms.push({ proto, lo: s[i], hi: s[i + 1] - 1 });
  }
  atoms.push({ proto: "icmp", lo: 0, hi: 0 }, { proto: "other", lo: 0, hi: 0 });
  return atoms;
}

function atomIn(r: FamilyRule, a: Atom): boolean {
  const s = r.services;
  if (s.any) return true;
  if (a.proto === "icmp") return s.icmp;
  if (a.proto === "other") return false;
  return s[a.proto].some(([lo, hi]) => lo <= a.lo && a.hi <= hi);
}

/** Cells above this many for one rule are not analysed (a rule open to everything), to keep the analysis bounded. */
const MAX_CELLS = 2_000_000;

function familyFindings(rb: RuleBase, family: Family, sets: ObjectSets): RuleFinding[] {
  const rules = familyRules(rb, family, sets);
  const src = sideClasses(rules, "src", family);
  const dst = sideClasses(rules, "dst", family);
  const atoms = serviceAtoms(rules);
  // Which atoms each rule matches, computed once (the cell loop asks millions of times at province scale).
  const masks = rules.map((r) => Uint8Array.from(atoms, (a) => (atomIn(r, a) ? 1 : 0)));
  // For each (source class, destination class): the rules containing it, in order (memoised).
  const srcRules = new Map<number, Set<number>>();
  const dstRules = new Map<number, Set<number>>();
  rules.forEach((r, pos) => {
    for (const c of src.ofRule.get(r.index)!) (srcRules.get(c) ?? srcRules.set(c, new Set()).get(c)!).add(pos);
    for (const c of dst.ofRule.get(r.index)!) (dstRules.get(c) ?? dstRules.set(c, new Set()).get(c)!).add(pos);
  });
  const pairCache = new Map<number, number[]>();
  const candidates = (a: number, b: number): number[] => {
    const key = a * dst.classes.length + b;
    let l = pairCache.get(key);
    if (!l) {
      const sa = srcRules.get(a) ?? new Set<number>();
      const sb = dstRules.get(b) ?? new Set<number>();
      l = [...sa].filter((p) => sb.has(p)).sort((x, y) => x - y);
      pairCache.set(key, l);
    }
    return l;
  };
  const effect = (pos: number | undefined): string => (pos === undefined ? "deny" : `${rules[pos].rule.action}|${rules[pos].rule.action === "accept" ? (rules[pos].rule.ips ?? "") : ""}`);
  const out: RuleFinding[] = [];
  rules.forEach((r, pos) => {
    const ca = src.ofRule.get(r.index)!;
    const cb = dst.ofRule.get(r.index)!;
    const myAtoms = atoms.map((_, i) => i).filter((i) => masks[pos][i] === 1);
    if (ca.length * cb.length * myAtoms.length > MAX_CELLS) return;
    const earlier = new Set<number>();
    const later = new Set<number | undefined>();
    let reached = false;
    let conflict = false;
    let sameAfter = true;
    const mine = effect(pos);
    for (const a of ca) {
      for (const b of cb) {
        const list = candidates(a, b);
        for (const atom of myAtoms) {
          let first: number | undefined;
          let next: number | undefined;
          for (const p of list) {
            if (masks[p][atom] === 0) continue;
            if (first === undefined) {
              first = p;
              if (p < pos) break;
            } else if (p > pos) {
              next = p;
              break;
            }
          }
          if (first !== undefined && first < pos) {
            earlier.add(first);
            if (effect(first) !== mine) conflict = true;
          } else {
            reached = true;
            later.add(next);
            if (effect(next) !== mine) sameAfter = false;
          }
        }
      }
    }
    const base = { rule: r.rule.id, sequence: r.index + 1, section: r.rule.section, family };
    const names = (xs: Iterable<number | undefined>): string[] => [...new Set([...xs].map((p) => (p === undefined ? "default deny" : rules[p].rule.id)))].sort();
    if (!reached) {
      out.push({
        ...base,
        kind: conflict ? "shadowed" : "redundant",
        decidedBy: names(earlier),
        reason: conflict ? "earlier rules decide every packet it matches, some of them the other way: it never applies" : "earlier rules already decide every packet it matches the same way",
      });
      return;
    }
    const closing = r.rule.action === "deny" && r.rule.flows.length === 0;
    if (!closing && sameAfter && !conflict) {
      out.push({ ...base, kind: "redundant", decidedBy: names(later), reason: "without it, the next matching rule decides each of its packets the same way" });
    }
  });
  return out;
}

/**
 * Analyses a rule base.
 * @param rb the rule base (well formed: see checkRuleBase)
 */
export function analyzeRuleBase(rb: RuleBase): RuleBaseAnalysis {
  const sets = new ObjectSets(rb);
  const findings = (["ipv4", "ipv6"] as const).flatMap((f) => familyFindings(rb, f, sets));
  findings.sort((a, b) => a.sequence - b.sequence || (a.family < b.family ? -1 : 1));
  const sections = new Set(rb.rules.map((r) => `${r.section.from}\u0000${r.section.to}`)).size;
  const accepts = rb.rules.filter((r) => r.action === "accept");
  return {
    device: rb.device,
    site: rb.site,
    rules: rb.rules.length,
    accept: accepts.length,
    deny: rb.rules.length - accepts.length,
    sections,
    findings,
    acceptWithoutLog: accepts.filter((r) => !r.log).map((r) => r.id),
    acceptWithoutIps: accepts.filter((r) => !r.ips).map((r) => r.id),
  };
}
