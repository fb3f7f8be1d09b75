/**
 * The negative corpus: each bad input is caught by our pre-flight before anything is sent, and the
 * real Neutron rejects the same input too — except a VLAN outside the site's plan, which Neutron
 * accepts for admins (so our check is the only guard).
 */
import type { OpenStackClient } from "../../clients/openstack/client";
import { NeutronError } from "../../clients/openstack/errors";
import { Neutron } from "../../clients/openstack/neutron";
import { parseVlanRanges, preflight } from "../../asbuilt/preflight";
import { replayPlan, undoReplay, type ReplayReport } from "../../asbuilt/replay";
import { localClient, PlanBuilder } from "./support/cloud";

const STACK = `neg-${process.pid}`;
const SITE_VLANS = parseVlanRanges("physnet-dc:400:499");
let client: OpenStackClient;
const reports: ReplayReport[] = [];

beforeAll(async () => {
  client = await localClient();
});
afterAll(async () => {
  for (const r of reports.reverse()) expect(await undoReplay(client, r)).toEqual([]);
});

/** A base plan: one VLAN network with a v4 and a v6 subnet and one security group. */
function base(b: PlanBuilder, vlan: number): { net: string; sg: string } {
  const net = b.add("openstack:networking/network:Network", `${STACK}-n${vlan}`, { name: `${STACK}-n${vlan}`, segments: [{ networkType: "vlan", physicalNetwork: "physnet-dc", segmentationId: vlan }] });
  const sg = b.add("openstack:networking/secGroup:SecGroup", `${STACK}-sg${vlan}`, { name: `${STACK}-sg${vlan}` });
  return { net, sg };
}

interface Case {
  name: string;
  code: string;
  build: (b: PlanBuilder) => void;
  /** Neutron's error type, or undefined when Neutron accepts it. */
  neutronType: string | undefined;
}

const cases: Case[] = [
  {
    name: "duplicate VLAN", code: "duplicate-vlan", neutronType: "VlanIdInUse",
    build: (b) => {
      base(b, 410);
      b.add("openstack:networking/network:Network", `${STACK}-n410-dup`, { name: `${STACK}-n410-dup`, segments: [{ networkType: "vlan", physicalNetwork: "physnet-dc", segmentationId: 410 }] });
    },
  },
  {
    name: "SLAAC on a non-/64", code: "slaac-prefix", neutronType: "InvalidInput",
    build: (b) => {
      const { net } = base(b, 411);
      b.add("openstack:networking/subnet:Subnet", `${STACK}-s411`, { networkId: net, ipVersion: 6, cidr: "2001:db8:411::/80", ipv6RaMode: "slaac", ipv6AddressMode: "slaac" });
    },
  },
  {
    name: "SLAAC RA with DHCPv6-stateful addressing", code: "ra-address-mode", neutronType: "InvalidInput",
    build: (b) => {
      const { net } = base(b, 412);
      b.add("openstack:networking/subnet:Subnet", `${STACK}-s412`, { networkId: net, ipVersion: 6, cidr: "2001:db8:412::/64", ipv6RaMode: "slaac", ipv6AddressMode: "dhcpv6-stateful" });
    },
  },
  {
    name: "IPv6 ethertype with an IPv4 prefix", code: "ethertype-prefix", neutronType: "SecurityGroupRuleParameterConflict",
    build: (b) => {
      const { sg } = base(b, 413);
      b.add("openstack:networking/secGroupRule:SecGroupRule", `${STACK}-r413`, { securityGroupId: sg, direction: "ingress", ethertype: "IPv6", protocol: "tcp", portRangeMin: 22, portRangeMax: 22, remoteIpPrefix: "10.0.0.0/8" });
    },
  },
  {
    name: "duplicate rule", code: "duplicate-rule", neutronType: "SecurityGroupRuleExists",
    build: (b) => {
      const { sg } = base(b, 414);
      for (const n of ["a", "b"]) b.add("openstack:networking/secGroupRule:SecGroupRule", `${STACK}-r414${n}`, { securityGroupId: sg, direction: "ingress", ethertype: "IPv4", protocol: "tcp", portRangeMin: 443, portRangeMax: 443, remoteIpPrefix: "0.0.0.0/0" });
    },
  },
  {
    name: "VLAN outside the site's plan", code: "vlan-outside-plan", neutronType: undefined,
    build: (b) => {
      base(b, 3900);
    },
  },
];

describe.each(cases)("$name", (c) => {
  const b = new PlanBuilder(STACK);
  c.build(b);
  const plan = b.plan();

  it(`is caught by pre-flight (${c.code}) and nothing else is`, () => {
    expect(preflight(plan, SITE_VLANS).map((p) => p.code)).toEqual([c.code]);
  });

  it(c.neutronType ? `is rejected by the real Neutron with ${c.neutronType}` : "is accepted by the real Neutron (admins may use any VLAN): our check is the only guard", async () => {
    const report = await replayPlan(plan, { client, concurrency: 1 });
    reports.push(report);
    if (c.neutronType) {
      expect(report.failed.map((f) => f.neutronType)).toEqual([c.neutronType]);
    } else {
      expect(report.failed).toEqual([]);
    }
  });
});

it("a well-formed plan passes pre-flight", () => {
  const b = new PlanBuilder(STACK);
  const { net, sg } = base(b, 420);
  b.add("openstack:networking/subnet:Subnet", `${STACK}-s420`, { networkId: net, ipVersion: 6, cidr: "2001:db8:420::/64", ipv6RaMode: "slaac", ipv6AddressMode: "slaac" });
  b.add("openstack:networking/secGroupRule:SecGroupRule", `${STACK}-r420`, { securityGroupId: sg, direction: "ingress", ethertype: "IPv6", protocol: "tcp", remoteIpPrefix: "2001:db8::/32" });
  expect(preflight(b.plan(), SITE_VLANS)).toEqual([]);
});

it("typed errors carry Neutron's type and message", async () => {
  const neutron = new Neutron(client);
  const err = await neutron.create("networks", { name: `${STACK}-bad`, "provider:network_type": "vlan", "provider:physical_network": "physnet-nowhere", "provider:segmentation_id": 5 }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(NeutronError);
  expect((err as NeutronError).status).toBe(400);
  expect((err as NeutronError).detail).toMatch(/physnet-nowhere/);
});
