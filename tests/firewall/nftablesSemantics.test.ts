/**
 * The nftables rendering implements the contract's first-match semantics: on random rule bases (objects
 * that nest and overlap, sections of any shape, both families), the rendered TEXT, read by an independent
 * interpreter, decides every probe packet as the oracle written from the contract does, with the same
 * deciding rule, in both layouts (verdict-map dispatch and the linear baseline).
 */
import fc from "fast-check";
import { renderNftables } from "../../compilers/firewall/render/nftables";
import { arbitraryRuleBase, packetsFor } from "./support/arbitraryRuleBase";
import { interpret, parseRuleset } from "./support/nftInterpreter";
import { oracleVerdict } from "./support/oracle";
import { SAMPLE_DEVICES, sampleRuleBase } from "./support/sampleSite";
import type { RuleBase } from "../../compilers/firewall/ruleBaseTypes";

function disagreements(rb: RuleBase, layout: "dispatch" | "linear"): string[] {
  const rs = parseRuleset(renderNftables(rb, { layout }));
  const out: string[] = [];
  for (const p of packetsFor(rb)) {
    const want = oracleVerdict(rb, p);
    const got = interpret(rs, p);
    const wantAction = want.action === "accept" ? "accept" : "drop";
    // The base chain's own closing drop is the contract's "no match: deny", not a rule of the base.
    const gotRule = got.comment === undefined || got.comment.startsWith("no rule matched") ? undefined : got.comment.split(" ")[0];
    if (got.action !== wantAction || gotRule !== want.rule) out.push(`${JSON.stringify(p)}: oracle ${want.action} by ${want.rule ?? "default"}, nft ${got.action} by ${gotRule ?? "default"}`);
  }
  return out;
}

describe("nftables rendering equals the contract's first-match semantics", () => {
  test.each(SAMPLE_DEVICES)("sample rule base of %s, both layouts", (d) => {
    expect(disagreements(sampleRuleBase(d), "dispatch")).toEqual([]);
    expect(disagreements(sampleRuleBase(d), "linear")).toEqual([]);
  });

  test("random rule bases, dispatch layout", () => {
    fc.assert(fc.property(arbitraryRuleBase, (rb) => expect(disagreements(rb, "dispatch")).toEqual([])), { numRuns: 100 });
  });

  test("random rule bases, linear layout", () => {
    fc.assert(fc.property(arbitraryRuleBase, (rb) => expect(disagreements(rb, "linear")).toEqual([])), { numRuns: 60 });
  });
});
