/**
 * The rule bases a plan carries (resources of type `hatang:firewall:RuleBase`, input `ruleBase`) as the
 * files appliance admins, auditors and the dataplane use: `out/<stack>/firewall/<device>.nft`, `.json`,
 * `.csv`, `.fortios.conf`, and `analysis.md` / `analysis.json` (shadowed and redundant rules).
 */
import { RULE_BASE_TYPE, type RuleBase } from "../compilers/firewall/ruleBaseTypes";
import { renderNftables } from "../compilers/firewall/render/nftables";
import { renderRuleBaseJson } from "../compilers/firewall/render/ruleBaseJson";
import { renderRuleBaseCsv } from "../compilers/firewall/render/ruleBaseCsv";
import { renderFortios } from "../compilers/firewall/render/fortios";
import { analyzeRuleBase } from "../compilers/firewall/analysis/shadowing";
import { renderAnalysisJson, renderAnalysisMarkdown } from "../compilers/firewall/analysis/analysisReport";
import { withFlowSources } from "../compilers/firewall/compileRuleBases";
import type { Plan } from "./planTypes";

/** Where each flow is written (file and line), by flow name. */
export type FlowPositions = Readonly<Record<string, { file: string; line: number }>>;

/** The rule bases of a plan, sorted by device. */
export function planRuleBases(plan: Plan): RuleBase[] {
  return plan.resources
    .filter((r) => r.type === RULE_BASE_TYPE && r.inputs["ruleBase"] !== undefined)
    .map((r) => r.inputs["ruleBase"] as RuleBase)
    .sort((a, b) => (a.device < b.device ? -1 : a.device > b.device ? 1 : 0));
}

/** File name of a device (its id is a slug; anything else is replaced). */
function fileBase(device: string): string {
  return device.replace(/[^A-Za-z0-9._-]/g, "_");
}

/**
 * Renders every file for the plan's rule bases (name → text), in memory; each accept names the file:line
 * of its flows when their positions are given.
 * @param plan the plan
 * @param positions where each flow is written
 */
export function renderFirewallFiles(plan: Plan, positions: FlowPositions = {}): Array<[string, string]> {
  const bases = planRuleBases(plan).map((rb) => withFlowSources(rb, positions));
  if (bases.length === 0) return [];
  const out: Array<[string, string]> = [];
  for (const rb of bases) {
    const b = fileBase(rb.device);
    out.push([`${b}.nft`, renderNftables(rb)], [`${b}.json`, renderRuleBaseJson(rb)], [`${b}.csv`, renderRuleBaseCsv(rb)], [`${b}.fortios.conf`, renderFortios(rb)]);
  }
  const analyses = bases.map(analyzeRuleBase);
  out.push(["analysis.md", renderAnalysisMarkdown(analyses)], ["analysis.json", renderAnalysisJson(analyses)]);
  return out;
}

/**
 * The files under `firewall/` of a stack's output folder (paths relative to it), rendered in memory: the
 * plan command stages them with its other files, so a malformed rule base fails the command before
 * anything is written and a failed run leaves out/ as it was.
 * @param plan the plan
 * @param positions where each flow is written
 */
export function firewallOutputs(plan: Plan, positions: FlowPositions = {}): Array<[string, string]> {
  return renderFirewallFiles(plan, positions).map(([name, text]) => [`firewall/${name}`, text]);
}
