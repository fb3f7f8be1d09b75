/**
 * Turns an oracle scenario (plain data) into the plan the program would register and the endpoints the
 * proof evaluates, so the proof and the brute-force oracle judge the same thing. Used by the oracle
 * property test and by the proof benchmark.
 */
import type { Plan } from "../../offline/planTypes";
import type { Endpoint, Host } from "../../reachability/endpointTypes";
import type { SiteTopology } from "../../reachability/topology";
import type { AdminSpec, FwRule, NpSpec, Scenario, Selector, Zone } from "./oracle";
import { PlanBuilder } from "./planBuilder";
import { obj, ruleBase, svc, topology } from "./handSite";

/** A VLAN of a scenario. */
export interface VlanSpec {
  /** Zone id. */
  zone: string;
  /** IPv4 prefix. */
  v4: string;
  /** IPv6 prefix. */
  v6: string;
  /** On the virtual-firewall zone's router. */
  routed: boolean;
}

/**
 * The topology of a scenario's zones and VLANs.
 * @param zones the zones
 * @param vlans the VLANs
 */
export function scenarioTopology(zones: Zone[], vlans: Record<string, VlanSpec>): SiteTopology {
  return topology(
    zones.map((z) => ({ id: z.id, kind: z.kind, enforcedBy: z.enforcer, virtualFirewall: z.virtualFirewall })),
    Object.fromEntries(Object.entries(vlans).flatMap(([n, v]) => [[v.v4, `${v.zone}/${n}`], [v.v6, `${v.zone}/${n}`]])),
  );
}

/** A selector as Kubernetes writes it. */
export const toSelector = (s: Selector): Record<string, unknown> => ({ ...(s.labels ? { matchLabels: s.labels } : {}), ...(s.exists ? { matchExpressions: [{ key: s.exists, operator: "Exists" }] } : {}) });

/**
 * The plan and endpoints of a scenario, as the program and the proof would see them.
 * @param s the scenario
 * @param vlans its VLANs (subnets per family; `routed` ones sit on the virtual-firewall zone's router)
 */
export function scenarioPlan(s: Scenario, vlans: Record<string, VlanSpec>): { endpoints: Endpoint[]; plan: Plan } {
  const b = new PlanBuilder("t");
  const subnets = new Map<string, ReturnType<PlanBuilder["subnet"]>>();
  for (const [name, v] of Object.entries(vlans)) for (const f of ["v4", "v6"] as const) subnets.set(`${name}-${f}`, b.subnet(`${name}-${f}`, v[f], v.routed ? "id-of:rv" : false));
  const names = new Set<string>([...s.sg.flatMap((r) => (r.remoteGroup ? [r.group, r.remoteGroup] : [r.group])), ...s.hosts.flatMap((x) => x.groups ?? [])]);
  const groups = new Map([...names].sort().map((g) => [g, b.group(g)]));
  s.sg.forEach((r, i) =>
    b.rule(`sg${i}`, groups.get(r.group) as ReturnType<PlanBuilder["group"]>, { direction: r.direction, ethertype: r.family === "ipv4" ? "IPv4" : "IPv6", protocol: r.protocol, min: r.min, max: r.max, prefix: r.prefix, remoteGroup: r.remoteGroup ? groups.get(r.remoteGroup) : undefined }),
  );
  if (s.fwaas) {
    const inputs = (r: FwRule): Record<string, unknown> => ({ action: r.action, ipVersion: r.family === "ipv4" ? 4 : 6, protocol: r.protocol, destinationPort: r.ports ? `${r.ports[0]}:${r.ports[1]}` : undefined, sourceIpAddress: r.source, destinationIpAddress: r.destination });
    b.firewall("fw-v", s.routed.map((n) => subnets.get(n) as ReturnType<PlanBuilder["subnet"]>), s.fwaas.ingress.map(inputs), s.fwaas.egress.map(inputs));
  }
  for (const rb of s.ruleBases) {
    b.ruleBase(
      ruleBase(rb.device, {
        addresses: Object.entries(rb.objects).map(([n, ps]) => obj(n, ps.filter((p) => !p.includes(":")), ps.filter((p) => p.includes(":")))),
        services: Object.entries(rb.services).map(([n, x]) => svc(n, x.protocol, x.min, x.max)),
        rules: rb.rules.map((r, i) => ({ id: `r${i}`, section: { from: "x", to: "y" }, action: r.action, families: r.families, sources: r.sources, destinations: r.destinations, services: r.services, log: false, flows: [], comment: "" })),
      }),
    );
  }
  for (const [n, labels] of Object.entries(s.namespaces)) b.kube("t-k", { apiVersion: "v1", kind: "Namespace", metadata: { name: n, labels } });
  for (const p of s.networkPolicies) {
    const peer = (x: NonNullable<NpSpec["ingress"][number]["from"]>[number]): Record<string, unknown> =>
      x.ipBlock ? { ipBlock: x.ipBlock } : { ...(x.namespace ? { namespaceSelector: toSelector(x.namespace) } : {}), ...(x.pod ? { podSelector: toSelector(x.pod) } : {}) };
    const rules = (list: Array<{ from?: NonNullable<NpSpec["ingress"][number]["from"]>; to?: NonNullable<NpSpec["ingress"][number]["from"]>; ports?: NpSpec["ingress"][number]["ports"] }>, key: "from" | "to") =>
      list.map((r) => ({ ...(r[key] ? { [key]: (r[key] ?? []).map(peer) } : {}), ...(r.ports ? { ports: r.ports } : {}) }));
    b.kube("t-k", {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: p.name, namespace: p.namespace },
      spec: { podSelector: toSelector(p.podSelector), ...(p.policyTypes ? { policyTypes: p.policyTypes } : {}), ingress: rules(p.ingress, "from"), egress: rules(p.egress, "to") },
    });
  }
  for (const a of s.admin) {
    const peer = (x: AdminSpec["ingress"][number]["peers"][number]): Record<string, unknown> =>
      x.namespaces ? { namespaces: toSelector(x.namespaces) } : x.pods ? { pods: { namespaceSelector: toSelector(x.pods.namespace), podSelector: toSelector(x.pods.pod) } } : { networks: x.networks };
    const port = (x: NonNullable<AdminSpec["ingress"][number]["ports"]>[number]): Record<string, unknown> =>
      x.number ? { portNumber: x.number } : x.range ? { portRange: x.range } : { namedPort: x.named };
    const rules = (list: AdminSpec["ingress"], key: "from" | "to") => list.map((r, i) => ({ name: `r${i}`, action: r.action, [key]: r.peers.map(peer), ...(r.ports ? { ports: r.ports.map(port) } : {}) }));
    const subject = a.subject.namespaces ? { namespaces: toSelector(a.subject.namespaces) } : { pods: { namespaceSelector: toSelector(a.subject.pods?.namespace ?? {}), podSelector: toSelector(a.subject.pods?.pod ?? {}) } };
    b.kube("t-k", {
      apiVersion: "policy.networking.k8s.io/v1alpha1",
      kind: a.baseline ? "BaselineAdminNetworkPolicy" : "AdminNetworkPolicy",
      metadata: { name: a.name },
      spec: { ...(a.baseline ? {} : { priority: a.priority }), subject, ingress: rules(a.ingress, "from"), egress: rules(a.egress, "to") },
    } as never);
  }
  const endpoints: Endpoint[] = s.hosts.map((x) => {
    const host: Host = {
      id: x.id,
      address: { ipv4: x.v4, ipv6: x.v6 },
      subnetId: x.subnet ? { ipv4: PlanBuilder.id(subnets.get(x.subnet.ipv4) as ReturnType<PlanBuilder["subnet"]>), ipv6: PlanBuilder.id(subnets.get(x.subnet.ipv6) as ReturnType<PlanBuilder["subnet"]>) } : {},
      location: x.external ? { external: x.external } : { zone: x.zone, vlan: x.vlan, ...(x.pod ? { cluster: "t-k" } : {}) },
      port: x.groups ? { urn: `port-${x.id}`, name: x.id, groupIds: x.groups.map((g) => PlanBuilder.id(groups.get(g) as ReturnType<PlanBuilder["group"]>)) } : undefined,
      pod: x.pod ? { cluster: "t-k", namespace: x.pod.namespace, labels: x.pod.labels, containerPorts: x.pod.ports.map((p) => ({ name: p.name, containerPort: p.port, protocol: p.protocol })) } : undefined,
    };
    return { id: x.id, label: x.id, kind: x.external ? "internet" : "tier", column: x.zone ?? "(Internet)", zone: x.zone, hosts: [host] };
  });
  return { endpoints, plan: b.plan() };
}

