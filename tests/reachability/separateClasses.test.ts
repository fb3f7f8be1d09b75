/**
 * What the proof lists apart instead of failing (ICMP to or from pods, which NetworkPolicy cannot express), on
 * hand-made endpoints and plans where each outcome is known.
 */
import type { ResolvedEndpoint, ResolvedRule } from "../../compilers/flows/types";
import type { Endpoint, Host } from "../../reachability/endpointTypes";
import { evaluateEndpointPair } from "../../reachability/actual";
import { inexpressibleInNetworkPolicy } from "../../reachability/inexpressible";
import { formatSet, singleSet, union } from "../../reachability/portSet";
import { proveSite } from "../../reachability/proof";
import { dataplaneModel } from "../../reachability/siteProof";
import { PlanBuilder } from "./planBuilder";
import { FIXTURE_INTERNET } from "../fixtures/internet";

function vmTier(b: PlanBuilder, tier: string, subnet: string, address: string, group: ReturnType<PlanBuilder["group"]>): Endpoint {
  const s = b.subnet(`${tier}-v4`, subnet);
  const port = b.port(`${tier}-1`, "s", tier, [{ subnet: s, address }], [group]);
  const host: Host = { id: port.urn, address: { ipv4: address }, subnetId: { ipv4: PlanBuilder.id(s) }, port: { urn: port.urn, name: `${tier}-1`, groupIds: [PlanBuilder.id(group)] } };
  return { id: `tier:s/${tier}`, label: `s/${tier}`, kind: "tier", column: tier, system: "s", tier, form: "vm", hosts: [host] };
}

const asRuleEnd = (e: Endpoint, prefix: string): ResolvedEndpoint => ({ kind: "tier", label: e.label, system: "s", tier: e.tier as string, zone: e.column, prefixes: [prefix] });
const tcp = (flow: string, port: number, from: ResolvedEndpoint, to: ResolvedEndpoint): ResolvedRule => ({ flow, site: "t", family: "ipv4", protocol: "tcp", portMin: port, portMax: port, from, to });

/** Three VM tiers: app (10.0.1.10), db (10.0.2.10), web (10.0.3.10), each in its own group. */
function threeTiers(): { b: PlanBuilder; groups: Record<"app" | "db" | "web", ReturnType<PlanBuilder["group"]>>; app: Endpoint; db: Endpoint; web: Endpoint } {
  const b = new PlanBuilder();
  const groups = { app: b.group("g-app"), db: b.group("g-db"), web: b.group("g-web") };
  return { b, groups, app: vmTier(b, "app", "10.0.1.0/24", "10.0.1.10", groups.app), db: vmTier(b, "db", "10.0.2.0/24", "10.0.2.10", groups.db), web: vmTier(b, "web", "10.0.3.0/24", "10.0.3.10", groups.web) };
}

describe("nothing composes through the Internet", () => {
  it("reports as excess what two Internet flows would open between province hosts (the Internet excludes the province)", () => {
    const { b, groups, app, db } = threeTiers();
    // app may go out to the Internet on 443 and db is published to it: a plan written with 0.0.0.0/0 opens app → db.
    b.rule("app-out", groups.app, { direction: "egress", protocol: "tcp", min: 443, prefix: "0.0.0.0/0", flows: ["app-out"] });
    b.rule("db-pub", groups.db, { direction: "ingress", protocol: "tcp", min: 443, prefix: "0.0.0.0/0", flows: ["db-pub"] });
    const rules = [tcp("app-out", 443, asRuleEnd(app, "10.0.1.0/24"), FIXTURE_INTERNET), tcp("db-pub", 443, FIXTURE_INTERNET, asRuleEnd(db, "10.0.2.0/24"))];
    const proof = proveSite({ site: "t", zones: ["app", "db"], endpoints: [app, db], rules, model: dataplaneModel(b.plan()), catalog: [] });
    expect(proof.holds).toBe(false);
    expect(proof.discrepancies.map((x) => [x.kind, x.from, x.to, x.ports, x.flows.join(",")])).toEqual([["excess", "tier:s/app", "tier:s/db", "tcp/443", "app-out,db-pub"]]);
  });
});

describe("ICMP that NetworkPolicy cannot express", () => {
  /** A VM tier (app) and a pod tier (api) in a default-deny namespace that admits tcp/443 from app's subnet. */
  function vmAndPod(sgIcmp: boolean): { proof: ReturnType<typeof proveSite>; app: Endpoint; pod: Endpoint; b: PlanBuilder } {
    const b = new PlanBuilder();
    const g = b.group("g-app");
    const app = vmTier(b, "app", "10.0.1.0/24", "10.0.1.10", g);
    b.rule("app-e443", g, { direction: "egress", protocol: "tcp", min: 443, prefix: "10.0.9.0/24", flows: ["app-to-api"] });
    if (sgIcmp) b.rule("app-eicmp", g, { direction: "egress", protocol: "icmp", prefix: "10.0.9.0/24", flows: ["app-to-api"] });
    b.kube("t-k8s", { apiVersion: "v1", kind: "Namespace", metadata: { name: "ns1" } });
    b.kube("t-k8s", { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: "default-deny", namespace: "ns1" }, spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] } });
    b.kube("t-k8s", {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: "allow", namespace: "ns1", labels: { "hatang.vn/flow": "app-to-api" } },
      spec: { podSelector: { matchLabels: { "hatang.vn/tier": "api" } }, policyTypes: ["Ingress"], ingress: [{ from: [{ ipBlock: { cidr: "10.0.1.0/24" } }], ports: [{ protocol: "TCP", port: 443 }] }] },
    });
    const podHost: Host = { id: "pod", address: { ipv4: "10.0.9.5" }, subnetId: {}, pod: { cluster: "t-k8s", namespace: "ns1", labels: { "hatang.vn/tier": "api" } } };
    const pod: Endpoint = { id: "tier:s/api", label: "s/api", kind: "tier", column: "k8s", system: "s", tier: "api", form: "container", hosts: [podHost] };
    const from = asRuleEnd(app, "10.0.1.0/24");
    const to = asRuleEnd(pod, "10.0.9.0/24");
    const rules: ResolvedRule[] = [tcp("app-to-api", 443, from, to), { flow: "app-to-api", site: "t", family: "ipv4", protocol: "icmp", from, to }];
    return { proof: proveSite({ site: "t", zones: ["app", "k8s"], endpoints: [app, pod], rules, model: dataplaneModel(b.plan()), catalog: [] }), app, pod, b };
  }

  it("lists the ICMP only NetworkPolicies block apart, and the proof holds", () => {
    const { proof } = vmAndPod(true);
    expect(proof.discrepancies).toEqual([]);
    expect(proof.holds).toBe(true);
    expect(proof.inexpressible).toEqual([{ family: "ipv4", from: "tier:s/app", to: "tier:s/api", ports: "icmp", flows: ["app-to-api"] }]);
  });

  it("keeps it a discrepancy when a security group blocks the ICMP too", () => {
    const { proof } = vmAndPod(false);
    expect(proof.inexpressible).toEqual([]);
    expect(proof.discrepancies.map((d) => [d.kind, d.ports, d.flows.join(",")])).toEqual([["missing", "icmp", "app-to-api"]]);
    expect(proof.discrepancies[0].rules.some((r) => r.startsWith("egress of port app-1"))).toBe(true);
  });

  it("never takes TCP or UDP for inexpressible", () => {
    const { b, app, pod } = vmAndPod(true);
    const v = evaluateEndpointPair(dataplaneModel(b.plan()), app, pod, "ipv4");
    expect(formatSet(inexpressibleInNetworkPolicy(v, union(singleSet("tcp", 8443), singleSet("icmp"))))).toBe("icmp");
    expect(formatSet(inexpressibleInNetworkPolicy(v, singleSet("udp", 53)))).toBe("(none)");
  });
});
