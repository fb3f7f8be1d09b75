/** The firewall files of a plan: every format per device plus the analysis; nothing written from a malformed base. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { planRuleBases, writeFirewallFiles } from "../../offline/firewallFiles";
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
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "fwfiles-"))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("writes nft, json, csv and FortiOS per device, and the analysis", () => {
    const written = writeFirewallFiles(plan(SAMPLE_DEVICES.map(sampleRuleBase).reverse()), dir);
    const names = fs.readdirSync(path.join(dir, "firewall")).sort();
    expect(names).toEqual(["analysis.json", "analysis.md", ...SAMPLE_DEVICES.flatMap((d) => [`${d}.csv`, `${d}.fortios.conf`, `${d}.json`, `${d}.nft`])].sort());
    expect(written).toHaveLength(names.length);
    expect(fs.readFileSync(path.join(dir, "firewall", "fw-db.nft"), "utf8")).toMatch(/^#!\/usr\/sbin\/nft -f\n/);
  });

  test("a plan without rule bases writes nothing and removes stale files", () => {
    writeFirewallFiles(plan([sampleRuleBase("fw-db")]), dir);
    expect(writeFirewallFiles(plan([]), dir)).toEqual([]);
    expect(fs.existsSync(path.join(dir, "firewall"))).toBe(false);
  });

  test("a malformed rule base throws before anything is written", () => {
    writeFirewallFiles(plan([sampleRuleBase("fw-db")]), dir);
    const bad = { ...sampleRuleBase("fw-core"), rules: [{ ...sampleRuleBase("fw-core").rules[0], services: ["nope"] }] };
    expect(() => writeFirewallFiles(plan([sampleRuleBase("fw-db"), bad]), dir)).toThrow(/unknown service "nope"/);
    expect(fs.readdirSync(path.join(dir, "firewall"))).toContain("fw-db.nft");
    expect(planRuleBases(plan([bad])).map((r) => r.device)).toEqual(["fw-core"]);
  });
});
