import * as pulumi from "@pulumi/pulumi";
import * as openstack from "@pulumi/openstack";
import { runOffline, ID_PREFIX } from "../../offline/mockEngine";

class Box extends pulumi.ComponentResource {
  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super("hatang:test:Box", name, {}, opts);
    const net = new openstack.networking.Network(`${name}-net`, { name: `${name}-net` }, { parent: this });
    new openstack.networking.Subnet(`${name}-sub`, { networkId: net.id, cidr: "10.0.0.0/24", ipVersion: 4 }, { parent: this });
    this.registerOutputs({});
  }
}

describe("runOffline", () => {
  it("records engine URNs with the full parent chain, dependencies and redacted secrets", async () => {
    const { resources, outputs } = await runOffline(
      async () => {
        const outer = new pulumi.ComponentResource("hatang:test:Outer", "outer", {}, {});
        new Box("b1", { parent: outer });
        new openstack.identity.User("u", { name: "svc", password: pulumi.secret("s3cr3t-value") });
        return { answer: 42, hidden: pulumi.secret("x") };
      },
      { project: "hatang", stack: "t1", config: {} },
    );
    const urns = resources.map((r) => r.urn);
    expect(urns).toContain("urn:pulumi:t1::hatang::pulumi:pulumi:Stack::hatang-t1");
    expect(urns).toContain("urn:pulumi:t1::hatang::hatang:test:Outer$hatang:test:Box$openstack:networking/network:Network::b1-net");
    const sub = resources.find((r) => r.name === "b1-sub");
    expect(sub?.parent).toBe("urn:pulumi:t1::hatang::hatang:test:Outer$hatang:test:Box::b1");
    expect(sub?.inputs.networkId).toBe(`${ID_PREFIX}openstack:networking/network:Network::b1-net`);
    expect(sub?.dependencies).toEqual(["urn:pulumi:t1::hatang::hatang:test:Outer$hatang:test:Box$openstack:networking/network:Network::b1-net"]);
    const user = resources.find((r) => r.name === "u");
    expect(user?.inputs.password).toBe("[secret]");
    expect(user?.secretInputs).toEqual(["password"]);
    expect(JSON.stringify(resources)).not.toContain("s3cr3t-value");
    expect(outputs.answer).toBe(42);
    expect(outputs.hidden).toBe("[secret]");
  });
});
