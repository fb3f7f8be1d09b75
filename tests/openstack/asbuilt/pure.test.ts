/** Pure parts of replay and drift: mapping, ordering, reconciliation. */
import fc from "fast-check";
import { expectedModel } from "../../../asbuilt/expected";
import { apiCallFor } from "../../../asbuilt/mapping";
import { dependencyLevels } from "../../../asbuilt/order";
import { reconcile } from "../../../asbuilt/reconcile";
import { classifyPlan } from "../../../asbuilt/replay";
import { buildAsBuilt, withoutExternals } from "../../../asbuilt/readback";
import { driftMarkdown } from "../../../asbuilt/drift";
import { PlanBuilder } from "../support/cloud";
import { examplePlan } from "../support/examplePlan";

describe("mapping to API fields", () => {
  it("maps a subnet's inputs to the fields the provider sends", () => {
    expect(apiCallFor("openstack:networking/subnet:Subnet", true, {
      networkId: "N", name: "s", ipVersion: 6, cidr: "2001:db8::/64", ipv6RaMode: "slaac", ipv6AddressMode: "slaac",
      allocationPools: [{ start: "a", end: "b" }], hostRoutes: [{ destinationCidr: "0.0.0.0/0", nextHop: "1.1.1.1" }], noGateway: true,
    })).toEqual({
      kind: "neutron", collection: "subnets", tags: undefined,
      body: { network_id: "N", name: "s", cidr: "2001:db8::/64", ip_version: 6, gateway_ip: null, enable_dhcp: true, allocation_pools: [{ start: "a", end: "b" }], host_routes: [{ destination: "0.0.0.0/0", nexthop: "1.1.1.1" }], ipv6_address_mode: "slaac", ipv6_ra_mode: "slaac" },
    });
  });
  it("maps network segments and rules", () => {
    const net = apiCallFor("openstack:networking/network:Network", true, { name: "n", external: true, segments: [{ networkType: "vlan", physicalNetwork: "physnet-dc", segmentationId: 101 }] });
    expect(net).toMatchObject({ body: { "router:external": true, segments: [{ "provider:network_type": "vlan", "provider:physical_network": "physnet-dc", "provider:segmentation_id": 101 }] } });
    const rule = apiCallFor("openstack:networking/secGroupRule:SecGroupRule", true, { securityGroupId: "S", direction: "ingress", ethertype: "IPv4", protocol: "tcp", portRangeMin: 1, portRangeMax: 2, remoteIpPrefix: "10.0.0.0/8" });
    expect(rule).toEqual({ kind: "neutron", collection: "security_group_rules", body: { security_group_id: "S", direction: "ingress", ethertype: "IPv4", protocol: "tcp", port_range_min: 1, port_range_max: 2, remote_ip_prefix: "10.0.0.0/8" } });
  });
  it("gives a reason for every resource it does not replay", () => {
    const { notReplayed } = classifyPlan(examplePlan("t", 100, "ext"));
    expect(notReplayed.map((n) => n.reason)).toEqual([
      "component resource (no API object of its own)", "component resource (no API object of its own)",
      "Nova (compute) is not run by the local cloud", "Cinder (block storage) is not run by the local cloud", "Octavia (load balancer) is not run by the local cloud",
    ]);
    expect(apiCallFor("kubernetes:core/v1:Namespace", true, {})).toEqual({ kind: "skip", reason: "kubernetes resource: not an OpenStack service" });
  });
});

describe("dependency order", () => {
  it("puts every resource after what it refers to", () => {
    const plan = examplePlan("t", 100, "ext");
    const { replayable } = classifyPlan(plan);
    const levels = dependencyLevels(plan, replayable);
    const levelOf = new Map(levels.flatMap((l, i) => l.map((r) => [r.urn, i] as const)));
    expect(levelOf.size).toBe(replayable.length);
    const byId = new Map(replayable.map((r) => [`id-of:${r.type}::${r.name}`, r.urn]));
    for (const r of replayable) {
      for (const v of JSON.stringify(r.inputs).match(/id-of:[^"]+/g) ?? []) {
        const dep = byId.get(v);
        if (dep) expect(levelOf.get(dep)!).toBeLessThan(levelOf.get(r.urn)!);
      }
    }
  });
  it("names the resources of a cycle", () => {
    const b = new PlanBuilder("c");
    b.add("openstack:networking/port:Port", "a", { networkId: "id-of:openstack:networking/port:Port::b" });
    b.add("openstack:networking/port:Port", "b", { networkId: "id-of:openstack:networking/port:Port::a" });
    const plan = b.plan();
    expect(() => dependencyLevels(plan, plan.resources)).toThrow(/dependency cycle through .*::a/);
  });
});

describe("reconcile", () => {
  const model = expectedModel(examplePlan("t", 100, "ext"));
  it("finds no drift between a model and itself, and one missing per removed object", () => {
    expect(reconcile(model, model).drifts).toEqual([]);
    fc.assert(fc.property(fc.subarray(model.objects.map((_, i) => i)), (removed) => {
      const live = { ...model, objects: model.objects.filter((_, i) => !removed.includes(i)) };
      const drifts = reconcile(model, live).drifts;
      expect(drifts.map((d) => d.status)).toEqual(removed.map(() => "missing"));
      expect(drifts.map((d) => d.key).sort()).toEqual(removed.map((i) => model.objects[i]!.key).sort());
    }));
  });
  it("reports changed fields and extras, and renders them", () => {
    const live = { ...model, objects: model.objects.map((o) => (o.kind === "network" ? { ...o, fields: { ...o.fields, mtu: 1500 } } : o)).concat([{ kind: "port", key: "port/stray", fields: {}, id: "p9" }]) };
    const r = reconcile(model, live);
    expect(r.drifts.filter((d) => d.status === "changed")).toHaveLength(3);
    expect(r.drifts.filter((d) => d.status === "extra")).toEqual([{ status: "extra", kind: "port", key: "port/stray", id: "p9" }]);
    expect(driftMarkdown(r)).toMatch(/\| network `network\/t-dmz-100` \| mtu \| `9000` \| `1500` \|/);
  });
});

describe("read-back of what the plan refers to outside itself", () => {
  it("leaves out the external network, its subnet and its RBAC policy even when tagged with the stack; a router's uplink refers to it as external", () => {
    const live = {
      projects: [], securityGroups: [], ports: [], interfaces: [], floatingIps: [],
      networks: [{ id: "ext-1", name: "hatang-transit-s" }, { id: "n-1", name: "s-net" }],
      subnets: [{ id: "es-1", name: "hatang-transit-s-v4", network_id: "ext-1" }],
      routers: [{ id: "r-1", name: "s-router", external_gateway_info: { network_id: "ext-1", enable_snat: false } }],
      rbacPolicies: [{ id: "p-1", object_id: "ext-1", target_tenant: "*", action: "access_as_external" }],
    };
    const model = buildAsBuilt(live, { stack: "s", externals: { "uuid-from-config": "ext-1" } });
    expect(model.objects.map((o) => o.key).sort()).toEqual(["network/s-net", "router/s-router"]);
    expect(JSON.stringify(model.objects.find((o) => o.kind === "router")?.fields)).toContain("external/uuid-from-config");
    expect(withoutExternals(live, {})).toEqual(live);
  });
});
