/**
 * A zone firewall's rule base (compilers/firewall/ruleBaseTypes.ts): ordered, first match for the first
 * packet of a connection; no match denies. A rule matches a packet of family F when F is among its
 * families, the source lies in its sources (empty = any), the destination in its destinations (empty =
 * any), and the protocol/port in its services (empty = any).
 */
import type { Family } from "./addresses";
import { ruleAppliesTo, type CompiledRuleBase, type CompiledRuleBaseRule } from "./dataplane";
import type { Host } from "./endpointTypes";
import type { MatchOracle } from "./matchers";
import { emptySet, fullSet, intersect, isEmpty, subtract, union } from "./portSet";
import type { Contribution, PointVerdict } from "./verdictTypes";

/**
 * What a rule base lets through from `src` to `dst`.
 * @param rb the compiled rule base
 * @param oracle decides matchers
 * @param family the family
 * @param src source host
 * @param dst destination host
 * @param rules the rules to try, in order: all of them, or an index's subset for the source (same order)
 */
export function ruleBaseVerdict(rb: CompiledRuleBase, oracle: MatchOracle, family: Family, src: Host, dst: Host, rules: readonly CompiledRuleBaseRule[] = rb.rules): PointVerdict {
  let remaining = fullSet();
  let allowed = emptySet();
  const contributions: Contribution[] = [];
  for (const r of rules) {
    if (!ruleAppliesTo(r, family)) continue;
    if (!oracle.test(r.src, src, family) || !oracle.test(r.dst, dst, family)) continue;
    const hit = intersect(remaining, r.ports);
    if (isEmpty(hit)) continue;
    const action = r.rule.action === "accept" ? "allow" : "deny";
    if (action === "allow") allowed = union(allowed, hit);
    contributions.push({
      ref: `${rb.planned.urn}#${r.rule.id}`,
      label: `rule #${r.position} ${r.rule.id} (${r.rule.section.from} → ${r.rule.section.to}${r.rule.comment ? `: ${r.rule.comment}` : ""})`,
      action,
      ports: hit,
      flows: r.rule.flows.map((f) => f.flow),
    });
    remaining = subtract(remaining, r.ports);
    if (isEmpty(remaining)) break;
  }
  const rb0 = rb.planned.ruleBase;
  return { layer: "zone-firewall", point: `zone firewall ${rb0.device} (site ${rb0.site})`, ref: rb.planned.urn, allowed, contributions, otherwise: "deny" };
}
