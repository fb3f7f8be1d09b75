/** The firewall files of a plan: every format per device plus the analysis; a malformed base throws before anything is staged. */
import { firewallOutputs, planRuleBases } from "../../offline/firewallFiles";
import type { Plan, PlannedResource } from "../../offline/planTypes";
import { RULE_BASE_TYPE, type RuleBase } from "../../compilers/firewall/ruleBaseTypes";
import { SAMPLE_DEVICES, sampleRuleBase } from "../firewall/support/sampleSite";

const resource = (rb: RuleBase): PlannedResource => ({
  urn: `urn:pulumi:s1::hatang::${RULE_BASE_TYPE}::${rb.device}`,
  type: RULE_BASE_TYPE,
  name: rb.device,
  custom: false,
  inputs: { ruleBase: rb },
  dependencies: [],
});
const plan = (bases: RuleBase[]): Plan => ({ project: "hatang", stack: "s1", province: "x", resources: [{ urn: "urn:other", type: "openstack:x", name: "o", custom: true, inputs: {}, dependencies: [] }, ...bases.map(resource)] });

describe("firewall files of a plan", () => {
  test("nft, json, csv and FortiOS per device, and the analysis, under firewall/", () => {
    const files = firewallOutputs(plan(SAMPLE_DEVICES.map(sampleRuleBase).reverse()));
    expect(files.map(([n]) => n).sort()).toEqual(["firewall/analysis.json", "firewall/analysis.md", ...SAMPLE_DEVICES.flatMap((d) => [`firewall/${d}.csv`, `firewall/${d}.fortios.conf`, `firewall/${d}.json`, `firewall/${d}.nft`])].sort());
    expect(files.find(([n]) => n === "firewall/fw-db.nft")![1]).toMatch(/^#!\/usr\/sbin\/nft -f\n/);
  });

  test("a plan without rule bases has no firewall files", () => {
    expect(firewallOutputs(plan([]))).toEqual([]);
  });

  test("a malformed rule base throws (the plan command then writes nothing)", () => {
    const bad = { ...sampleRuleBase("fw-core"), rules: [{ ...sampleRuleBase("fw-core").rules[0], services: ["nope"] }] };
    expect(() => firewallOutputs(plan([sampleRuleBase("fw-db"), bad]))).toThrow(/unknown service "nope"/);
    expect(planRuleBases(plan([bad, sampleRuleBase("fw-db")])).map((r) => r.device)).toEqual(["fw-core", "fw-db"]);
  });

  test("each accept names the file:line of its flows in every rendered format, though the plan holds names only", () => {
    const sample = sampleRuleBase("fw-core");
    // As the program plans it: flow names, no positions.
    const rb: RuleBase = { ...sample, rules: sample.rules.map((r) => ({ ...r, flows: r.flows.map((f) => ({ flow: f.flow })) })) };
    const flow = rb.rules.find((r) => r.action === "accept" && r.flows.length > 0)!.flows[0].flow;
    expect(firewallOutputs(plan([rb])).find(([n]) => n === "firewall/fw-core.nft")![1]).not.toContain("flows.yaml:42");
    const files = new Map(firewallOutputs(plan([rb]), { [flow]: { file: "inventory/provinces/x/flows.yaml", line: 42 } }));
    for (const name of ["firewall/fw-core.nft", "firewall/fw-core.csv", "firewall/fw-core.fortios.conf"]) expect(files.get(name)).toContain(`${flow} (inventory/provinces/x/flows.yaml:42)`);
  });
});
