/**
 * The vendor-neutral JSON of a rule base for appliance admins and tools: the contract itself (every
 * field, in evaluation order) plus each rule's sequence number and each object's expanded prefixes
 * already in the contract, and the content hash that names this version.
 */
import { contentHash } from "../../naming";
import type { RuleBase } from "../ruleBaseTypes";
import { assertRuleBase } from "./checkRuleBase";

/** Format marker of the export. */
export const RULE_BASE_EXPORT_FORMAT = "hatang.firewall-export/v1";

/**
 * Renders the export (stable bytes for equal input).
 * @param rb the rule base
 */
export function renderRuleBaseJson(rb: RuleBase): string {
  assertRuleBase(rb);
  const doc = {
    format: RULE_BASE_EXPORT_FORMAT,
    contentHash: contentHash(rb, 16),
    semantics: "ordered first match on the first packet of a connection; replies of accepted connections pass; no match denies",
    ...rb,
    rules: rb.rules.map((r, i) => ({ sequence: i + 1, ...r })),
  };
  return JSON.stringify(doc, null, 2) + "\n";
}
