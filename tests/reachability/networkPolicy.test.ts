/**
 * Kubernetes network policy semantics, each on a minimal set of objects: policyTypes defaulted as the API
 * server does, named ports resolved against the destination pod in both directions, SCTP, endPort,
 * ipBlock.except (and ipBlocks never selecting pods of their cluster), AdminNetworkPolicies by priority
 * with Allow/Deny/Pass, and the BaselineAdminNetworkPolicy only where no NetworkPolicy isolates.
 */
import { kubeOnlyDataplane } from "../../reachability/dataplane";
import { addKubeObject, emptyKubeModel } from "../../reachability/kubeModel";
import { networkPolicyVerdict } from "../../reachability/networkPolicyEval";
import { formatSet, intersect } from "../../reachability/portSet";
import type { Host } from "../../reachability/endpointTypes";

const C = "c1";

function pod(id: string, namespace: string, labels: Record<string, string>, ports: Array<{ name?: string; containerPort: number; protocol?: string }> = []): Host {
  return { id, address: {}, subnetId: {}, location: { cluster: C }, pod: { cluster: C, namespace, labels, containerPorts: ports.map((p) => ({ protocol: "TCP", ...p })) } };
}

function outside(address: string): Host {
  return { id: address, address: { ipv4: address }, subnetId: {}, location: { external: "internet" } };
}

function np(namespace: string, name: string, spec: Record<string, unknown>): Record<string, unknown> {
  return { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { namespace, name }, spec };
}

function ns(name: string, labels: Record<string, string> = {}): Record<string, unknown> {
  return { apiVersion: "v1", kind: "Namespace", metadata: { name, labels } };
}

/** What a packet from `a` to `b` gets through both pods' policies. */
function allowed(objects: Array<Record<string, unknown>>, a: Host, b: Host): string {
  const model = emptyKubeModel();
  objects.forEach((o, i) => addKubeObject(model, o, C, `#${i}`));
  const dp = kubeOnlyDataplane(model);
  const out = a.pod ? networkPolicyVerdict(dp, dp.direct, a, "egress", b, "ipv4").allowed : undefined;
  const inn = b.pod ? networkPolicyVerdict(dp, dp.direct, b, "ingress", a, "ipv4").allowed : undefined;
  const both = out && inn ? intersect(out, inn) : (out ?? inn);
  if (!both) throw new Error("one end must be a pod");
  return formatSet(both);
}

const web = pod("web", "n1", { app: "web" }, [{ name: "http", containerPort: 8080 }, { name: "metrics", containerPort: 9100 }]);
const api = pod("api", "n2", { app: "api" }, [{ name: "http", containerPort: 9090 }, { name: "sig", containerPort: 9003, protocol: "SCTP" }]);
const ALL = "tcp/all, udp/all, sctp/all, icmp";

describe("NetworkPolicy", () => {
  it("defaults policyTypes as the API server does: Ingress always, Egress only with egress rules", () => {
    const ingressOnly = np("n1", "p", { podSelector: {}, ingress: [] });
    expect(allowed([ingressOnly], api, web)).toBe("(none)");
    expect(allowed([ingressOnly], web, api)).toBe(ALL);
    // An empty egress list is no egress rule: still ingress only.
    expect(allowed([np("n1", "p", { podSelector: {}, egress: [] })], web, api)).toBe(ALL);
    // An egress rule makes it isolate egress too.
    expect(allowed([np("n1", "p", { podSelector: {}, egress: [{ ports: [{ port: 53, protocol: "UDP" }] }] })], web, api)).toBe("udp/53");
    // Explicit types are kept as written.
    expect(allowed([np("n1", "p", { podSelector: {}, policyTypes: ["Egress"] })], api, web)).toBe(ALL);
    expect(allowed([np("n1", "p", { podSelector: {}, policyTypes: ["Egress"] })], web, api)).toBe("(none)");
  });

  it("resolves named ports against the destination pod, in both directions, and never for addresses", () => {
    const inRule = np("n2", "in", { podSelector: {}, ingress: [{ ports: [{ port: "http" }] }] });
    expect(allowed([inRule], web, api)).toBe("tcp/9090");
    const outRule = np("n1", "out", { podSelector: {}, policyTypes: ["Egress"], egress: [{ ports: [{ port: "http" }] }] });
    expect(allowed([outRule], web, api)).toBe("tcp/9090");
    expect(allowed([outRule], web, outside("192.0.2.1"))).toBe("(none)");
    // A name the destination pod does not give, or under another protocol, opens nothing.
    expect(allowed([np("n2", "in", { podSelector: {}, ingress: [{ ports: [{ port: "metrics" }, { port: "http", protocol: "UDP" }] }] })], web, api)).toBe("(none)");
  });

  it("matches SCTP and port ranges", () => {
    const p = np("n2", "in", { podSelector: {}, ingress: [{ ports: [{ protocol: "SCTP", port: 9003 }, { protocol: "TCP", port: 8000, endPort: 8010 }, { port: "sig", protocol: "SCTP" }] }] });
    expect(allowed([p], web, api)).toBe("tcp/8000-8010, sctp/9003");
  });

  it("honours ipBlock.except, and ipBlocks never select pods of their own cluster", () => {
    const p = np("n2", "in", { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: "10.0.0.0/8", except: ["10.1.0.0/16"] } }, { ipBlock: { cidr: "0.0.0.0/0" } }], ports: [{ port: 443 }] }] });
    expect(allowed([p], outside("10.2.3.4"), api)).toBe("tcp/443");
    const only = np("n2", "in", { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: "10.0.0.0/8", except: ["10.1.0.0/16"] } }], ports: [{ port: 443 }] }] });
    expect(allowed([only], outside("10.1.3.4"), api)).toBe("(none)");
    expect(allowed([only], outside("10.2.3.4"), api)).toBe("tcp/443");
    expect(allowed([p], web, api)).toBe("(none)");
  });

  it("selects peers by namespace and pod labels; a bare podSelector means the policy's namespace", () => {
    const objs = [ns("n1", { team: "a" }), ns("n2"), np("n2", "in", { podSelector: { matchLabels: { app: "api" } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: "a" } }, podSelector: { matchExpressions: [{ key: "app", operator: "In", values: ["web"] }] } }], ports: [{ port: 1 }] }, { from: [{ podSelector: {} }], ports: [{ port: 2 }] }] })];
    expect(allowed(objs, web, api)).toBe("tcp/1");
    expect(allowed(objs, pod("x", "n2", { app: "x" }), api)).toBe("tcp/2");
  });
});

describe("AdminNetworkPolicy and BaselineAdminNetworkPolicy", () => {
  const anp = (name: string, priority: number, rules: Array<Record<string, unknown>>): Record<string, unknown> => ({
    apiVersion: "policy.networking.k8s.io/v1alpha1",
    kind: "AdminNetworkPolicy",
    metadata: { name },
    spec: { priority, subject: { namespaces: { matchLabels: { "kubernetes.io/metadata.name": "n2" } } }, ingress: rules },
  });
  const banp = (rules: Array<Record<string, unknown>>): Record<string, unknown> => ({
    apiVersion: "policy.networking.k8s.io/v1alpha1",
    kind: "BaselineAdminNetworkPolicy",
    metadata: { name: "default" },
    spec: { subject: { namespaces: {} }, ingress: rules },
  });
  const fromN1 = [{ namespaces: { matchLabels: { "kubernetes.io/metadata.name": "n1" } } }];
  const denyAllNp = np("n2", "deny", { podSelector: {}, ingress: [] });

  it("applies admin policies by priority, the first matching rule deciding", () => {
    const objs = [
      anp("b-allow", 20, [{ name: "allow-all", action: "Allow", from: fromN1 }]),
      anp("a-deny", 10, [{ name: "deny-80", action: "Deny", from: fromN1, ports: [{ portNumber: { protocol: "TCP", port: 80 } }] }]),
      denyAllNp,
    ];
    expect(allowed(objs, web, api)).toBe("tcp/1-79, tcp/81-65535, udp/all, sctp/all, icmp");
  });

  it("lets Allow override NetworkPolicies, and Pass hand the decision to them", () => {
    const allow = anp("a", 5, [{ name: "a", action: "Allow", from: fromN1, ports: [{ portRange: { protocol: "TCP", start: 8000, end: 8080 } }, { namedPort: "sig" }] }]);
    expect(allowed([allow, denyAllNp], web, api)).toBe("tcp/8000-8080, sctp/9003");
    const pass = anp("p", 1, [{ name: "p", action: "Pass", from: fromN1, ports: [{ portNumber: { protocol: "TCP", port: 8000 } }] }]);
    // Pass skips the later Allow for tcp/8000: the NetworkPolicy (deny all) decides it.
    expect(allowed([pass, allow, denyAllNp], web, api)).toBe("tcp/8001-8080, sctp/9003");
  });

  it("consults the baseline only where no NetworkPolicy isolates the pod", () => {
    const baseline = banp([{ name: "deny-n1", action: "Deny", from: fromN1, ports: [{ portNumber: { protocol: "TCP", port: 22 } }] }]);
    expect(allowed([baseline], web, api)).toBe("tcp/1-21, tcp/23-65535, udp/all, sctp/all, icmp");
    const someNp = np("n2", "allow22", { podSelector: {}, ingress: [{ ports: [{ port: 22 }] }] });
    expect(allowed([baseline, someNp], web, api)).toBe("tcp/22");
    const pass = anp("p", 1, [{ name: "p", action: "Pass", from: fromN1, ports: [{ portNumber: { protocol: "TCP", port: 22 } }] }]);
    expect(allowed([pass, baseline], web, api)).toBe("tcp/1-21, tcp/23-65535, udp/all, sctp/all, icmp");
  });
});
