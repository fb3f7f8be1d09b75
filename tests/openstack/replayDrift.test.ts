/**
 * Conformance replay of the example province's plan against the real Neutron, then the as-built
 * read-back: zero drift right after the replay; exactly two drifts after one rule is changed and one
 * subnet deleted through the API.
 */
import type { OpenStackClient } from "../../clients/openstack/client";
import { Neutron } from "../../clients/openstack/neutron";
import { expectedModel } from "../../asbuilt/expected";
import { readAsBuilt } from "../../asbuilt/readback";
import { reconcile } from "../../asbuilt/reconcile";
import { replayPlan, undoReplay, type ReplayReport } from "../../asbuilt/replay";
import { localClient } from "./support/cloud";
import { EXTERNAL_NETWORK_REF, examplePlan } from "./support/examplePlan";
import { createExternalNetwork } from "./support/external";

const STACK = `conf-${process.pid}`;
let client: OpenStackClient;
let neutron: Neutron;
let external: { networkId: string; subnetId: string };
let report: ReplayReport;
const plan = examplePlan(STACK, 300, `${STACK}-ext`);

beforeAll(async () => {
  client = await localClient();
  neutron = new Neutron(client);
  external = await createExternalNetwork(neutron, `${STACK}-ext`, "203.0.113.0/24");
  report = await replayPlan(plan, { client, externals: { [EXTERNAL_NETWORK_REF]: external.networkId } });
});

afterAll(async () => {
  if (report) expect(await undoReplay(client, report)).toEqual([]);
  if (external) {
    await neutron.delete("subnets", external.subnetId);
    await neutron.delete("networks", external.networkId);
  }
});

describe("replay of the example plan", () => {
  it("the real Neutron and Keystone accept every identity and networking resource", () => {
    expect(report.failed).toEqual([]);
    const replayable = plan.resources.filter((r) => r.custom && /^openstack:(identity|networking)\//.test(r.type));
    expect(report.replayed.map((r) => r.urn).sort()).toEqual(replayable.map((r) => r.urn).sort());
  });

  it("lists every other resource as not replayed, with the reason", () => {
    const reasons = Object.fromEntries(report.notReplayed.map((n) => [n.type, n.reason]));
    expect(reasons["openstack:compute/instance:Instance"]).toMatch(/Nova/);
    expect(reasons["openstack:blockstorage/volume:Volume"]).toMatch(/Cinder/);
    expect(reasons["openstack:loadbalancer/loadBalancer:LoadBalancer"]).toMatch(/Octavia/);
    expect(reasons["hatang:identity:Tenancy"]).toMatch(/component/);
    expect(report.notReplayed.length + report.replayed.length).toBe(plan.resources.length);
  });

  it("created what the plan says: VLAN segment, SLAAC subnet, fixed IP, floating IP on the port", async () => {
    const nets = await neutron.list("networks", { name: `${STACK}-dmz-300` });
    expect(nets[0]).toMatchObject({ "provider:network_type": "vlan", "provider:physical_network": "physnet-dc", "provider:segmentation_id": 300, mtu: 9000 });
    const v6 = await neutron.list("subnets", { name: `${STACK}-dmz-300-v6` });
    expect(v6[0]).toMatchObject({ ipv6_ra_mode: "slaac", ipv6_address_mode: "slaac", cidr: "2001:db8:61:10::/64" });
    const ports = await neutron.list("ports", { name: `${STACK}-portal-0` });
    // The v6 address is the SLAAC (EUI-64) one Neutron adds by itself on the network's SLAAC subnet.
    expect(ports[0]?.fixed_ips.map((f) => f.ip_address)).toEqual(["10.61.10.10", expect.stringMatching(/^2001:db8:61:10:f816:3eff:fe/)]);
    const fips = await neutron.list("floatingips", { port_id: ports[0]?.id as string });
    expect(fips).toHaveLength(1);
  });
});

describe("as-built read-back and drift", () => {
  it("finds zero drift right after the replay", async () => {
    const drift = reconcile(expectedModel(plan), await readAsBuilt(client, { stack: STACK, externals: { [EXTERNAL_NETWORK_REF]: external.networkId } }));
    expect(drift.drifts).toEqual([]);
    expect(drift.live).toBe(drift.planned);
  });

  it("after one rule is changed and one subnet deleted through the API, reports exactly those two", async () => {
    const [sg] = await neutron.list("security_groups", { name: `${STACK}-sg-dmz-web` });
    const https4 = sg?.security_group_rules?.find((r) => r.port_range_min === 443 && r.ethertype === "IPv4");
    if (!sg || !https4) throw new Error("replayed https rule not found");
    // Neutron rules are immutable: "changing" one is delete + create, as an operator would do it.
    await neutron.delete("security_group_rules", https4.id);
    await neutron.create("security_group_rules", { security_group_id: sg.id, direction: "ingress", ethertype: "IPv4", protocol: "tcp", port_range_min: 8443, port_range_max: 8443, remote_ip_prefix: "0.0.0.0/0", description: https4.description });
    const [dbV6] = await neutron.list("subnets", { name: `${STACK}-db-302-v6` });
    await neutron.delete("subnets", dbV6?.id as string);

    const drift = reconcile(expectedModel(plan), await readAsBuilt(client, { stack: STACK, externals: { [EXTERNAL_NETWORK_REF]: external.networkId } }));
    expect(drift.drifts).toEqual([
      {
        status: "changed", kind: "securityGroupRule", key: `rule/securityGroup/${STACK}-sg-dmz-web/ingress/IPv4/flows: internet-to-portal`, id: expect.any(String),
        changes: [{ field: "port_range_min", planned: 443, live: 8443 }, { field: "port_range_max", planned: 443, live: 8443 }],
      },
      { status: "missing", kind: "subnet", key: `subnet/${STACK}-db-302-v6` },
    ]);
  });
});
