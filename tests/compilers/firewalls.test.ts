import * as pulumi from "@pulumi/pulumi";
import { Inventory } from "../../inventory/model";
import { allocateAddressPlan } from "../../inventory/addressing";
import { compileSite } from "../../compilers/site";
import { ZoneFirewall } from "../../components/network/zoneFirewall";
import { runOffline } from "../../offline/mockEngine";
import { smallProvinceInput } from "../fixtures/smallProvince";

function compiledWithFirewallOn(zone: string) {
  const input = smallProvinceInput();
  for (const z of input.zones as Array<Record<string, unknown>>) if (z.id === zone) z.virtualFirewall = true;
  const inv = Inventory.parse(input);
  const plan = allocateAddressPlan(inv);
  if (!plan.ok) throw new Error("allocation failed");
  return compileSite(inv, plan.plan.sites[0], { province: plan.plan });
}

describe("compileFirewalls", () => {
  const c = compiledWithFirewallOn("app");
  const fw = c.firewalls[0];

  it("builds a firewall only for zones that ask for one", () => {
    expect(c.firewalls.map((f) => f.zone)).toEqual(["app"]);
    expect(fw.name).toBe("tp-dc1-fw-app");
    expect(compiledWithFirewallOn("none").firewalls).toEqual([]);
  });

  it("allows into the zone exactly the flows whose destination is in it, in both families", () => {
    const flows = [...new Set(fw.egress.flatMap((r) => r.flows))].sort();
    expect(flows).toEqual(["ioc-to-portal-app", "mgmt-ssh", "portal-web-to-app"]);
    expect(new Set(fw.egress.map((r) => r.ipVersion))).toEqual(new Set([4, 6]));
    const ssh = fw.egress.filter((r) => r.flows.includes("mgmt-ssh") && r.protocol === "tcp");
    expect(ssh.map((r) => `${r.ipVersion} ${r.sourceIpAddress} -> ${r.destinationIpAddress}:${r.destinationPort}`).sort()).toEqual([
      "4 10.16.83.128/25 -> 10.16.81.0/24:22",
      "6 2001:db8:100:500::/56 -> 2001:db8:100:100::/56:22",
    ]);
  });

  it("allows out of the zone exactly the flows whose source is in it", () => {
    expect([...new Set(fw.ingress.flatMap((r) => r.flows))]).toEqual(["portal-app-to-db"]);
    expect(fw.ingress.every((r) => r.destinationPort === "5432" && r.action === "allow")).toBe(true);
  });

  it("names rules by content and policy: one rule per content, never shared between two zones' firewalls", () => {
    const keys = [...fw.ingress, ...fw.egress].map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);
    const both = compiledWithFirewallOn("app");
    const input = smallProvinceInput();
    for (const z of input.zones as Array<Record<string, unknown>>) if (z.id === "app" || z.id === "mgmt") z.virtualFirewall = true;
    const inv = Inventory.parse(input);
    const plan = allocateAddressPlan(inv);
    if (!plan.ok) throw new Error("allocation failed");
    const two = compileSite(inv, plan.plan.sites[0], { province: plan.plan }).firewalls;
    expect(two.map((f) => f.zone)).toEqual(["app", "mgmt"]);
    // mgmt-ssh leaves mgmt (mgmt ingress) and enters app (app egress): same content, two rules.
    const all = two.flatMap((f) => [...f.ingress, ...f.egress]).map((r) => r.key);
    expect(new Set(all).size).toBe(all.length);
    expect(both.firewalls[0].egress.length).toBe(two[0].egress.length);
  });
});

describe("ZoneFirewall", () => {
  it("wires rules into ingress and egress policies and binds the group to the router ports", async () => {
    const fw = compiledWithFirewallOn("app").firewalls[0];
    const { resources } = await runOffline(
      async () => {
        new ZoneFirewall("tp-dc1-fw-app", { site: "tp-dc1", firewall: fw, portIds: [pulumi.output("port-a"), "port-b"] });
      },
      { project: "hatang", stack: "t", config: {} },
    );
    const group = resources.find((r) => r.type === "openstack:firewall/groupV2:GroupV2");
    expect(group?.inputs.ports).toEqual(["port-a", "port-b"]);
    expect(group?.inputs.ingressFirewallPolicyId).toBe("id-of:openstack:firewall/policyV2:PolicyV2::tp-dc1-fw-app-ingress");
    const egress = resources.find((r) => r.name === "tp-dc1-fw-app-egress");
    expect((egress?.inputs.rules as string[]).length).toBe(fw.egress.length);
    expect(resources.filter((r) => r.type === "openstack:firewall/ruleV2:RuleV2").length).toBe(fw.ingress.length + fw.egress.length);
  });
});
