/** The zoning components check their arguments with exact messages, all at once; the firewall layer finds every member it cannot reach. */
import { checkRuleBaseArgs } from "../../components/firewall/ruleBase";
import { checkZoneRouterArgs } from "../../components/network/zoneRouter";
import { managementHost, unreachableMembers } from "../../stacks/layers/firewall";
import type { RuleBase } from "../../compilers/firewall/ruleBaseTypes";
import type { Device } from "../../inventory/model";

const base = (over: Partial<RuleBase> = {}): RuleBase => ({
  schema: "hatang.rulebase/v1", site: "s1", device: "fw", members: ["fw-a", "fw-b"], platform: "nftables", zones: ["dmz"], externals: [],
  ipsProfile: "p", addresses: [], services: [], rules: [], nat: [], ...over,
});

describe("RuleBase arguments", () => {
  it("asks an nftables firewall for its ruleset and how to reach every member", () => {
    expect(checkRuleBaseArgs({ ruleBase: base(), nftables: "", connection: { hosts: { "fw-a": "10.0.0.1" }, user: "", privateKey: "k" } })).toEqual([
      'nftables is required: the rendered nftables ruleset of an nftables firewall (found "")',
      'connection.user is required: the SSH user (found "")',
      'connection.hosts["fw-b"] is required: the management address of member fw-b (found undefined)',
    ]);
    expect(checkRuleBaseArgs({ ruleBase: base(), nftables: "table inet t {}", connection: { hosts: { "fw-a": "a", "fw-b": "b" }, user: "u", privateKey: "k" } })).toEqual([]);
  });

  it("refuses a ruleset or a connection for an appliance, and anything that is not a compiled rule base", () => {
    expect(checkRuleBaseArgs({ ruleBase: base({ platform: "fortios" }), nftables: "x", connection: { hosts: {}, user: "u", privateKey: "k" } })).toEqual([
      'nftables is only for platform "nftables"; fw is "fortios" (its rendered files are the artefact)',
      'connection is only for platform "nftables"; fw is "fortios"',
    ]);
    expect(checkRuleBaseArgs({ ruleBase: { schema: "other" } as unknown as RuleBase })).toEqual(['ruleBase is required: a compiled rule base (schema "hatang.rulebase/v1") (found "other")']);
    expect(checkRuleBaseArgs({ ruleBase: base({ members: [], device: "" , platform: "appliance" }) })).toEqual([
      'ruleBase.device is required: the enforcer it belongs to (found "")',
      "ruleBase.members must name at least one device (found [])",
    ]);
  });
});

describe("ZoneRouter arguments", () => {
  it("lists every missing argument at once", () => {
    expect(checkZoneRouterArgs({ site: "", zone: "dmz", subnetIds: {}, externalNetworkId: "" })).toEqual([
      'site is required: the site id (found "")',
      "externalNetworkId is required: the transit network toward the zone's enforcer (found \"\")",
      "subnetIds must hold at least one network's subnets (found none)",
    ]);
  });
});

describe("firewall layer", () => {
  const devices = [{ name: "fw-a", mgmtAddress: "192.0.2.10" }, { name: "fw-b" }] as unknown as Device[];
  // As the address plan writes loopbacks: host prefixes.
  const loopbacks = [{ site: "s1", device: "fw-b", ipv4: "10.0.0.2/32", ipv6: "2001:db8::2/128" }];
  it("reaches a member at its management address, else at its loopback's address (no prefix length)", () => {
    expect(managementHost("fw-a", devices, loopbacks)).toBe("192.0.2.10");
    expect(managementHost("fw-b", devices, loopbacks)).toBe("10.0.0.2");
    expect(managementHost("fw-c", devices, loopbacks)).toBeUndefined();
  });
  it("names every member of a Linux firewall it cannot reach, and never an appliance's", () => {
    expect(unreachableMembers([base({ members: ["fw-a", "fw-c"] }), base({ device: "app", members: ["fw-d"], platform: "fortios" })], devices, loopbacks)).toEqual([
      "firewall fw-c (rule base fw) has no mgmtAddress and no loopback in the address plan: the program cannot load its nftables ruleset (set devices[name=fw-c].mgmtAddress)",
    ]);
  });
});
