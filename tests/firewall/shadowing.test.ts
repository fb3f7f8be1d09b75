/**
 * The shadowing analysis against the oracle: a rule reported shadowed or redundant-by-earlier-rules is
 * never the deciding rule of any probe packet; removing a rule reported redundant changes no verdict;
 * a rule never reported (and not a closing deny) does change some verdict or decides some packet.
 */
import fc from "fast-check";
import { analyzeRuleBase } from "../../compilers/firewall/analysis/shadowing";
import { renderAnalysisJson, renderAnalysisMarkdown } from "../../compilers/firewall/analysis/analysisReport";
import type { RuleBase } from "../../compilers/firewall/ruleBaseTypes";
import { arbitraryRuleBase, packetsFor } from "./support/arbitraryRuleBase";
import { oracleVerdict, type Packet } from "./support/oracle";
import { SAMPLE_DEVICES, sampleRuleBase } from "./support/sampleSite";

const effect = (rb: RuleBase, p: Packet): string => {
  const v = oracleVerdict(rb, p);
  const r = rb.rules.find((x) => x.id === v.rule);
  return `${v.action}|${v.action === "accept" ? (r?.ips ?? "") : ""}`;
};

describe("shadowed and redundant rules", () => {
  test("the sample rule bases have none", () => {
    for (const d of SAMPLE_DEVICES) expect(analyzeRuleBase(sampleRuleBase(d)).findings).toEqual([]);
  });

  test("a copy of a rule is redundant, an opposite copy is shadowed, and both name the rule that decides", () => {
    const rb = sampleRuleBase("fw-edge");
    const first = rb.rules[0];
    rb.rules.splice(1, 0, { ...first, id: "shadowed-copy", action: "deny", ips: undefined, flows: [] }, { ...first, id: "redundant-copy", flows: [{ flow: "x" }] });
    const a = analyzeRuleBase(rb);
    expect(a.findings.map((f) => `${f.rule} ${f.family} ${f.kind} ${f.decidedBy.join(",")}`)).toEqual([
      `shadowed-copy ipv4 shadowed ${first.id}`,
      `shadowed-copy ipv6 shadowed ${first.id}`,
      `redundant-copy ipv4 redundant ${first.id}`,
      `redundant-copy ipv6 redundant ${first.id}`,
    ]);
    const md = renderAnalysisMarkdown([a]);
    expect(md).toContain("| 2 | `shadowed-copy` | internet → dmz | ipv4 | shadowed |");
    expect(JSON.parse(renderAnalysisJson([a])).devices[0].findings).toHaveLength(4);
  });

  test("findings agree with the oracle on random rule bases", () => {
    fc.assert(
      fc.property(arbitraryRuleBase, (rb) => {
        const packets = packetsFor(rb, 150);
        const a = analyzeRuleBase(rb);
        for (const f of a.findings) {
          const fam = packets.filter((p) => p.family === f.family);
          if (f.reason.startsWith("earlier")) {
            // Never the deciding rule.
            for (const p of fam) expect(oracleVerdict(rb, p).rule).not.toBe(f.rule);
          }
          // Removing it (in that family) changes no verdict.
          const without: RuleBase = { ...rb, rules: rb.rules.map((r) => (r.id === f.rule ? { ...r, families: r.families.filter((x) => x !== f.family) } : r)).filter((r) => r.families.length > 0) };
          for (const p of fam) expect(effect(without, p)).toBe(effect(rb, p));
        }
      }),
      { numRuns: 50 },
    );
  });

  test("a rule that decides a packet differently than the rules after it is never reported redundant", () => {
    fc.assert(
      fc.property(arbitraryRuleBase, (rb) => {
        const a = analyzeRuleBase(rb);
        const reported = new Set(a.findings.map((f) => `${f.rule}|${f.family}`));
        for (const p of packetsFor(rb, 300)) {
          const v = oracleVerdict(rb, p);
          if (v.rule === undefined) continue;
          const without: RuleBase = { ...rb, rules: rb.rules.filter((r) => r.id !== v.rule) };
          if (effect(without, p) !== effect(rb, p)) expect(reported.has(`${v.rule}|${p.family}`)).toBe(false);
        }
      }),
      { numRuns: 100 },
    );
  });

  test("accept rules without logging or IPS are listed", () => {
    const rb = sampleRuleBase("fw-db");
    rb.rules[0] = { ...rb.rules[0], log: false, ips: undefined };
    const a = analyzeRuleBase(rb);
    expect(a.acceptWithoutLog).toEqual([rb.rules[0].id]);
    expect(a.acceptWithoutIps).toEqual([rb.rules[0].id]);
  });
});
