/**
 * The evaluator and the proof on small hand-made plans: one behaviour per plan, asserted on exact port sets.
 */
import { evaluateHostPair } from "../../reachability/actual";
import type { Endpoint, Host } from "../../reachability/endpointTypes";
import { markFirewalled } from "../../reachability/endpoints";
import { formatSet } from "../../reachability/portSet";
import { proveSite } from "../../reachability/proof";
import { dataplaneModel } from "../../reachability/siteProof";
import type { ResolvedRule } from "../../compilers/flows/types";
import { PlanBuilder } from "./planBuilder";

/** Two routed subnets per family, an app port and a db port, each in its own group. */
function base(): { b: PlanBuilder; app: ReturnType<PlanBuilder["group"]>; db: ReturnType<PlanBuilder["group"]>; sub: Record<string, ReturnType<PlanBuilder["subnet"]>> } {
  const b = new PlanBuilder();
  const sub = {
    app4: b.subnet("app-v4", "10.0.1.0/24"),
    db4: b.subnet("db-v4", "10.0.2.0/24"),
    app6: b.subnet("app-v6", "2001:db8:1::/64"),
    db6: b.subnet("db-v6", "2001:db8:2::/64"),
  };
  const app = b.group("g-app");
  const db = b.group("g-db");
  b.port("app-1", "s", "app", [{ subnet: sub.app4, address: "10.0.1.10" }, { subnet: sub.app6, address: "2001:db8:1::10" }], [app]);
  b.port("db-1", "s", "db", [{ subnet: sub.db4, address: "10.0.2.10" }, { subnet: sub.db6, address: "2001:db8:2::10" }], [db]);
  return { b, app, db, sub };
}

function portHost(b: PlanBuilder, name: string): Host {
  const r = b.resources.find((x) => x.name === name);
  if (!r) throw new Error(name);
  const ips = r.inputs["fixedIps"] as Array<{ subnetId: string; ipAddress?: string }>;
  const address: Host["address"] = {};
  const subnetId: Host["subnetId"] = {};
  for (const i of ips) {
    const fam = (i.ipAddress ?? "").includes(":") ? "ipv6" : "ipv4";
    address[fam] = i.ipAddress;
    subnetId[fam] = i.subnetId;
  }
  return { id: r.urn, address, subnetId, port: { urn: r.urn, name, groupIds: r.inputs["securityGroupIds"] as string[] } };
}

function tierEndpoint(b: PlanBuilder, port: string, tier: string): Endpoint {
  return { id: `tier:s/${tier}`, label: `s/${tier}`, kind: "tier", column: tier, system: "s", tier, form: "vm", hosts: [portHost(b, port)] };
}

function flow(name: string, family: "ipv4" | "ipv6", port: number, from: Endpoint, to: Endpoint, fromPrefix: string, toPrefix: string): ResolvedRule {
  const ep = (e: Endpoint, p: string) => ({ kind: "tier" as const, label: e.label, system: "s", tier: e.tier as string, zone: e.column, prefixes: [p] });
  return { flow: name, site: "t", family, protocol: "tcp", portMin: port, portMax: port, from: ep(from, fromPrefix), to: ep(to, toPrefix) };
}

describe("security groups on a hand-made plan", () => {
  it("allows exactly the port both the egress and the ingress rule open", () => {
    const { b, app, db } = base();
    b.rule("e1", app, { direction: "egress", protocol: "tcp", min: 5432, prefix: "10.0.2.0/24" });
    b.rule("i1", db, { direction: "ingress", protocol: "tcp", min: 5432, prefix: "10.0.1.0/24" });
    const v = evaluateHostPair(dataplaneModel(b.plan()), portHost(b, "app-1"), portHost(b, "db-1"), "ipv4");
    expect(formatSet(v.allowed)).toBe("tcp/5432");
    // The reverse direction has neither rule.
    expect(formatSet(evaluateHostPair(dataplaneModel(b.plan()), portHost(b, "db-1"), portHost(b, "app-1"), "ipv4").allowed)).toBe("(none)");
  });

  it("blocks when the source's egress rule is missing, and says so", () => {
    const { b, db } = base();
    b.rule("i1", db, { direction: "ingress", protocol: "tcp", min: 5432, prefix: "10.0.1.0/24" });
    const model = dataplaneModel(b.plan());
    const a = tierEndpoint(b, "app-1", "app");
    const d = tierEndpoint(b, "db-1", "db");
    const proof = proveSite({ site: "t", zones: ["app", "db"], endpoints: [a, d], rules: [flow("app-to-db", "ipv4", 5432, a, d, "10.0.1.0/24", "10.0.2.0/24")], model, catalog: [] });
    expect(proof.holds).toBe(false);
    expect(proof.discrepancies).toHaveLength(1);
    expect(proof.discrepancies[0]).toMatchObject({ kind: "missing", family: "ipv4", from: "tier:s/app", to: "tier:s/db", ports: "tcp/5432", flows: ["app-to-db"] });
    expect(proof.discrepancies[0].rules).toEqual([expect.stringContaining("egress of port app-1")]);
  });

  it("blocks when the destination's ingress rule is missing, and says so", () => {
    const { b, app } = base();
    b.rule("e1", app, { direction: "egress", protocol: "tcp", min: 5432, prefix: "10.0.2.0/24" });
    const model = dataplaneModel(b.plan());
    const a = tierEndpoint(b, "app-1", "app");
    const d = tierEndpoint(b, "db-1", "db");
    const proof = proveSite({ site: "t", zones: ["app", "db"], endpoints: [a, d], rules: [flow("app-to-db", "ipv4", 5432, a, d, "10.0.1.0/24", "10.0.2.0/24")], model, catalog: [] });
    expect(proof.discrepancies.map((x) => [x.kind, x.ports, x.rules[0].split(" [")[0]])).toEqual([["missing", "tcp/5432", "ingress of port db-1 (groups g-db)"]]);
  });

  it("matches a remote group by membership, not by address", () => {
    const { b, app, db, sub } = base();
    const other = b.group("g-other");
    b.port("other-1", "s", "other", [{ subnet: sub.app4, address: "10.0.1.11" }], [other]);
    b.rule("e1", app, { direction: "egress", protocol: "tcp", min: 8443, remoteGroup: db });
    b.rule("i1", db, { direction: "ingress", protocol: "tcp", min: 8443, remoteGroup: app });
    b.rule("e2", other, { direction: "egress", protocol: "tcp", min: 8443, prefix: "0.0.0.0/0" });
    const model = dataplaneModel(b.plan());
    expect(formatSet(evaluateHostPair(model, portHost(b, "app-1"), portHost(b, "db-1"), "ipv4").allowed)).toBe("tcp/8443");
    // Same subnet as app-1, but not in g-app: the ingress rule does not match it.
    expect(formatSet(evaluateHostPair(model, portHost(b, "other-1"), portHost(b, "db-1"), "ipv4").allowed)).toBe("(none)");
  });
});

describe("FWaaS on a hand-made plan", () => {
  it("denies what the security groups allow when no firewall rule allows it, first match wins", () => {
    const { b, app, db, sub } = base();
    b.rule("e1", app, { direction: "egress", protocol: "tcp", min: 5000, max: 6000, prefix: "10.0.2.0/24" });
    b.rule("i1", db, { direction: "ingress", protocol: "tcp", min: 5000, max: 6000, prefix: "10.0.1.0/24" });
    // Egress into the db subnet: deny 5433, then allow 5432-5433; ingress from the app subnet: allow any.
    b.firewall("fw-db", [sub.db4], [{ protocol: "any" }], [
      { action: "deny", protocol: "tcp", destinationPort: "5433" },
      { protocol: "tcp", destinationPort: "5432:5433", sourceIpAddress: "10.0.1.0/24" },
    ]);
    const model = dataplaneModel(b.plan());
    const v = evaluateHostPair(model, portHost(b, "app-1"), portHost(b, "db-1"), "ipv4");
    expect(formatSet(v.allowed)).toBe("tcp/5432");
    expect(v.points.map((p) => p.point)).toContain("FWaaS fw-db egress policy on the router port of db-v4");
    // The firewall guards only the IPv4 subnet: IPv6 is decided by the groups alone (which have no IPv6 rule).
    expect(formatSet(evaluateHostPair(model, portHost(b, "app-1"), portHost(b, "db-1"), "ipv6").allowed)).toBe("(none)");
  });

  it("marks hosts behind a firewall group as enforced by the cloud", () => {
    const { b, sub } = base();
    b.firewall("fw-db", [sub.db4], [], []);
    const model = dataplaneModel(b.plan());
    const bare: Endpoint = { id: "tier:s/bm", label: "s/bm", kind: "tier", column: "db", hosts: [{ id: "bm", address: { ipv4: "10.0.2.99", ipv6: "2001:db8:2::99" }, subnetId: { ipv4: PlanBuilder.id(sub.db4), ipv6: PlanBuilder.id(sub.db6) } }] };
    markFirewalled([bare], model);
    expect(bare.hosts[0].firewalled).toEqual({ ipv4: true });
  });
});

describe("NetworkPolicies on a hand-made plan", () => {
  function kubePlan(ingress: Record<string, unknown>): { b: PlanBuilder; pod: Host } {
    const { b } = base();
    b.kube("t-k8s", { apiVersion: "v1", kind: "Namespace", metadata: { name: "ns1" } });
    b.kube("t-k8s", { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: "default-deny", namespace: "ns1" }, spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] } });
    b.kube("t-k8s", { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: "allow", namespace: "ns1", labels: { "hatang.vn/flow": "f1" } }, spec: { podSelector: { matchLabels: { "hatang.vn/tier": "api" } }, policyTypes: ["Ingress"], ingress: [ingress] } });
    const pod: Host = { id: "pod", address: { ipv4: "10.0.9.5" }, subnetId: {}, pod: { cluster: "t-k8s", namespace: "ns1", labels: { "hatang.vn/tier": "api" } } };
    return { b, pod };
  }

  it("honours ipBlock except", () => {
    const { b, pod } = kubePlan({ from: [{ ipBlock: { cidr: "10.0.0.0/16", except: ["10.0.1.0/24"] } }], ports: [{ protocol: "TCP", port: 443 }] });
    const model = dataplaneModel(b.plan());
    const outside: Host = { id: "x", address: { ipv4: "10.0.3.7" }, subnetId: {} };
    const excepted: Host = { id: "y", address: { ipv4: "10.0.1.7" }, subnetId: {} };
    expect(formatSet(evaluateHostPair(model, outside, pod, "ipv4").allowed)).toBe("tcp/443");
    expect(formatSet(evaluateHostPair(model, excepted, pod, "ipv4").allowed)).toBe("(none)");
    // Default deny also closes the pod's egress.
    expect(formatSet(evaluateHostPair(model, pod, outside, "ipv4").allowed)).toBe("(none)");
  });

  it("honours endPort", () => {
    const { b, pod } = kubePlan({ from: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: [{ protocol: "TCP", port: 8000, endPort: 8080 }, { protocol: "UDP", port: 53 }] });
    const v = evaluateHostPair(dataplaneModel(b.plan()), { id: "x", address: { ipv4: "192.0.2.1" }, subnetId: {} }, pod, "ipv4");
    expect(formatSet(v.allowed)).toBe("tcp/8000-8080, udp/53");
  });

  it("matches pods by namespace and pod selectors, never by ipBlock inside the cluster", () => {
    const { b, pod } = kubePlan({ from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "ns1" } }, podSelector: { matchLabels: { "hatang.vn/tier": "web" } } }, { ipBlock: { cidr: "0.0.0.0/0" } }], ports: [{ protocol: "TCP", port: 8443 }] });
    b.kube("t-k8s", { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: "web-out", namespace: "ns1" }, spec: { podSelector: { matchLabels: { "hatang.vn/tier": "web" } }, policyTypes: ["Egress"], egress: [{ to: [{ podSelector: { matchLabels: { "hatang.vn/tier": "api" } } }] }] } });
    const model = dataplaneModel(b.plan());
    const web: Host = { id: "web", address: { ipv4: "10.0.9.6" }, subnetId: {}, pod: { cluster: "t-k8s", namespace: "ns1", labels: { "hatang.vn/tier": "web" } } };
    const other: Host = { id: "other", address: { ipv4: "10.0.9.7" }, subnetId: {}, pod: { cluster: "t-k8s", namespace: "ns1", labels: { "hatang.vn/tier": "batch" } } };
    expect(formatSet(evaluateHostPair(model, web, pod, "ipv4").allowed)).toBe("tcp/8443");
    // "batch" has no egress allowed (default deny); even if it had, the ipBlock would not match a pod of the cluster.
    expect(formatSet(evaluateHostPair(model, other, pod, "ipv4").allowed)).toBe("(none)");
  });
});

describe("zone selectors on a hand-made plan", () => {
  it("match tier pods of namespaces labelled with the zone, and no pod without a tier", () => {
    const b = new PlanBuilder();
    for (const [ns, zone] of [["a-app", "app"], ["b-app", "app"], ["c-dmz", "dmz"]]) b.kube("t-k8s", { apiVersion: "v1", kind: "Namespace", metadata: { name: ns, labels: { "hatang.vn/zone": zone } } });
    b.kube("t-k8s", { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: "default-deny", namespace: "c-dmz" }, spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] } });
    b.kube("t-k8s", {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: "in", namespace: "c-dmz", labels: { "hatang.vn/flow": "app-to-dmz" } },
      spec: { podSelector: { matchLabels: { "hatang.vn/tier": "web" } }, policyTypes: ["Ingress"], ingress: [{ from: [{ namespaceSelector: { matchLabels: { "hatang.vn/zone": "app" } }, podSelector: { matchExpressions: [{ key: "hatang.vn/tier", operator: "Exists" }] } }], ports: [{ protocol: "TCP", port: 443 }] }] },
    });
    const model = dataplaneModel(b.plan());
    const pod = (ns: string, labels: Record<string, string>): Host => ({ id: `${ns}/${JSON.stringify(labels)}`, address: { ipv4: "10.0.9.9" }, subnetId: {}, pod: { cluster: "t-k8s", namespace: ns, labels } });
    const web = pod("c-dmz", { "hatang.vn/tier": "web" });
    expect(formatSet(evaluateHostPair(model, pod("a-app", { "hatang.vn/tier": "api" }), web, "ipv4").allowed)).toBe("tcp/443");
    expect(formatSet(evaluateHostPair(model, pod("b-app", { "hatang.vn/tier": "gw" }), web, "ipv4").allowed)).toBe("tcp/443");
    expect(formatSet(evaluateHostPair(model, pod("b-app", { app: "shipper" }), web, "ipv4").allowed)).toBe("(none)");
  });
});

describe("the proof on a hand-made plan", () => {
  it("finds a missing IPv6 twin and an IPv6-only excess, each in its own family", () => {
    const { b, app, db } = base();
    b.rule("e4", app, { direction: "egress", protocol: "tcp", min: 5432, prefix: "10.0.2.0/24", flows: ["app-to-db"] });
    b.rule("i4", db, { direction: "ingress", protocol: "tcp", min: 5432, prefix: "10.0.1.0/24", flows: ["app-to-db"] });
    // The IPv6 twin opens ssh instead of postgres.
    b.rule("e6", app, { direction: "egress", ethertype: "IPv6", protocol: "tcp", min: 22, prefix: "2001:db8:2::/64", flows: ["typo"] });
    const i6 = b.rule("i6", db, { direction: "ingress", ethertype: "IPv6", protocol: "tcp", min: 22, prefix: "2001:db8:1::/64", flows: ["typo"] });
    const model = dataplaneModel(b.plan());
    const a = tierEndpoint(b, "app-1", "app");
    const d = tierEndpoint(b, "db-1", "db");
    const rules = [flow("app-to-db", "ipv4", 5432, a, d, "10.0.1.0/24", "10.0.2.0/24"), flow("app-to-db", "ipv6", 5432, a, d, "2001:db8:1::/64", "2001:db8:2::/64")];
    const proof = proveSite({ site: "t", zones: ["app", "db"], endpoints: [a, d], rules, model, catalog: [] });
    expect(proof.discrepancies.map((x) => [x.family, x.kind, x.ports, x.flows.join(",")])).toEqual([
      ["ipv6", "excess", "tcp/22", "typo"],
      ["ipv6", "missing", "tcp/5432", "app-to-db"],
    ]);
    expect(proof.discrepancies[0].rules).toContain(i6.urn);
    expect(proof.matrix.ipv4.cells["app"]["db"]).toEqual({ allowed: ["tcp/5432"], discrepancies: 0, unenforced: 0 });
    expect(proof.matrix.ipv6.cells["app"]["db"]).toEqual({ allowed: ["tcp/22"], discrepancies: 2, unenforced: 0 });
  });
});
