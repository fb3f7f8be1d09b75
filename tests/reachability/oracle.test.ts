/**
 * Property: on small random plans exercising every layer at once — security groups (prefixes, remote
 * groups, SCTP), FWaaS on a virtual-firewall zone's router, zone firewall rule bases on three devices
 * (some absent), NetworkPolicies (defaults, named ports, SCTP, endPort, ipBlock.except),
 * AdminNetworkPolicies and a BaselineAdminNetworkPolicy — in both families, the proof's engine
 * (behaviour classes, bit sets, candidate search, rule indexes) and the probe API agree with a
 * brute-force oracle on every concrete packet between every pair of hosts.
 */
import fc from "fast-check";
import { dataplaneModel } from "../../reachability/dataplane";
import { FamilyEngine } from "../../reachability/engine";
import { evaluateHostPair } from "../../reachability/evaluate";
import type { Host } from "../../reachability/endpointTypes";
import { fullSet, hasPort, intersect, isEmpty, singleSet, subtract, emptySet, type PortSet } from "../../reachability/portSet";
import { oracle, type AdminSpec, type Fam, type FwRule, type NpSpec, type Packet, type RbRule, type RuleBaseSpec, type Scenario, type SgRule, type SHost, type Selector } from "./oracle";
import { scenarioPlan, scenarioTopology, type VlanSpec } from "./scenarioPlan";

const ZONES = [
  { id: "e", kind: "edge", enforcer: "fwE", virtualFirewall: false },
  { id: "a", kind: "internal-server", enforcer: "fwC", virtualFirewall: false },
  { id: "b", kind: "db-server", enforcer: "fwB", virtualFirewall: false },
  { id: "v", kind: "internal-server", enforcer: "fwC", virtualFirewall: true },
];
const VLANS: Record<string, VlanSpec> = {
  a1: { zone: "a", v4: "10.1.1.0/24", v6: "2001:db8:1:1::/64", routed: false },
  a2: { zone: "a", v4: "10.1.2.0/24", v6: "2001:db8:1:2::/64", routed: false },
  b1: { zone: "b", v4: "10.1.3.0/24", v6: "2001:db8:1:3::/64", routed: false },
  v1: { zone: "v", v4: "10.1.4.0/24", v6: "2001:db8:1:4::/64", routed: true },
  v2: { zone: "v", v4: "10.1.5.0/24", v6: "2001:db8:1:5::/64", routed: true },
};
const h = (id: string, vlan: string, last: number, extra: Partial<SHost> = {}): SHost => ({
  id,
  v4: VLANS[vlan].v4.replace(/0\/24$/, String(last)),
  v6: VLANS[vlan].v6.replace(/\/64$/, last.toString(16)),
  zone: VLANS[vlan].zone,
  vlan: `${VLANS[vlan].zone}/${vlan}`,
  subnet: { ipv4: `${vlan}-v4`, ipv6: `${vlan}-v6` },
  ...extra,
});
const HOSTS: SHost[] = [
  h("vmA1", "a1", 10, { groups: ["g1"] }),
  h("vmA1b", "a1", 20, { groups: ["g1"] }),
  h("bmA1", "a1", 30),
  h("vmA2", "a2", 10, { groups: ["g2"] }),
  h("podX", "a2", 50, { pod: { namespace: "n1", labels: { app: "x" }, ports: [{ name: "web", port: 3, protocol: "TCP" }, { name: "sig", port: 5, protocol: "SCTP" }] } }),
  h("podY", "a2", 51, { pod: { namespace: "n2", labels: { app: "y", tier: "t" }, ports: [{ name: "web", port: 4, protocol: "TCP" }] } }),
  h("vmB1", "b1", 10, { groups: ["g3"] }),
  h("bmB1", "b1", 20),
  h("vmV1", "v1", 10, { groups: ["g2", "g3"] }),
  h("bmV2", "v2", 10),
  { id: "inet1", v4: "198.51.100.10", v6: "2001:db8:ffff::10", external: "internet" },
  { id: "inet2", v4: "8.8.8.8", v6: "2600::8", external: "internet" },
];
const PREFIXES: Record<Fam, string[]> = {
  ipv4: ["10.1.1.0/24", "10.1.2.0/24", "10.1.3.0/24", "10.1.4.0/24", "10.1.5.0/24", "10.1.0.0/16", "0.0.0.0/0", "198.51.100.0/24", "10.1.1.16/28", "10.1.2.48/30"],
  ipv6: ["2001:db8:1:1::/64", "2001:db8:1:2::/64", "2001:db8:1:3::/64", "2001:db8:1:4::/64", "2001:db8:1:5::/64", "2001:db8:1::/48", "::/0", "2001:db8:ffff::/48", "2001:db8:1:1::10/124", "2001:db8:1:2::50/127"],
};
const PORT_MAX = 6;

const famArb = fc.constantFrom<Fam>("ipv4", "ipv6");
const rangeArb = fc.tuple(fc.integer({ min: 1, max: PORT_MAX }), fc.integer({ min: 0, max: 2 })).map(([a, w]) => [a, Math.min(PORT_MAX, a + w)] as [number, number]);

const sgArb: fc.Arbitrary<SgRule> = fc
  .record({
    group: fc.constantFrom("g1", "g2", "g3"),
    direction: fc.constantFrom<"ingress" | "egress">("ingress", "egress"),
    family: famArb,
    protocol: fc.constantFrom<SgRule["protocol"]>(undefined, "tcp", "udp", "sctp", "icmp"),
    range: fc.option(rangeArb),
    remote: fc.constantFrom("none", "prefix", "group"),
    prefixIndex: fc.nat(9),
    remoteGroup: fc.constantFrom("g1", "g2", "g3"),
  })
  .map((r) => ({
    group: r.group,
    direction: r.direction,
    family: r.family,
    protocol: r.protocol,
    ...(r.protocol && r.protocol !== "icmp" && r.range ? { min: r.range[0], max: r.range[1] } : {}),
    ...(r.remote === "prefix" ? { prefix: PREFIXES[r.family][r.prefixIndex] } : r.remote === "group" ? { remoteGroup: r.remoteGroup } : {}),
  }));

const fwArb: fc.Arbitrary<FwRule> = fc
  .record({ family: famArb, protocol: fc.constantFrom<FwRule["protocol"]>("tcp", "udp", "icmp", "any"), ports: fc.option(rangeArb), src: fc.option(fc.nat(9)), dst: fc.option(fc.nat(9)), action: fc.constantFrom<"allow" | "deny">("allow", "allow", "deny") })
  .map((r) => ({
    family: r.family,
    protocol: r.protocol,
    ports: (r.protocol === "tcp" || r.protocol === "udp") && r.ports ? r.ports : undefined,
    source: r.src === null ? undefined : PREFIXES[r.family][r.src],
    destination: r.dst === null ? undefined : PREFIXES[r.family][r.dst],
    action: r.action,
  }));

const OBJECT_NAMES = ["o0", "o1", "o2", "o3"];
const SERVICE_NAMES = ["s-tcp", "s-udp", "s-icmp", "s-any", "s-tcp2"];
const rbArb = (device: string): fc.Arbitrary<RuleBaseSpec> =>
  fc
    .record({
      objects: fc.tuple(...OBJECT_NAMES.map(() => fc.tuple(fc.subarray(PREFIXES.ipv4, { maxLength: 2 }), fc.subarray(PREFIXES.ipv6, { maxLength: 2 })))),
      tcp: rangeArb,
      tcp2: rangeArb,
      rules: fc.array(
        fc.record({
          action: fc.constantFrom<"accept" | "deny">("accept", "accept", "deny"),
          families: fc.constantFrom<Fam[]>(["ipv4"], ["ipv6"], ["ipv4", "ipv6"], ["ipv4", "ipv6"]),
          sources: fc.subarray(OBJECT_NAMES, { maxLength: 2 }),
          destinations: fc.subarray(OBJECT_NAMES, { maxLength: 2 }),
          services: fc.subarray(SERVICE_NAMES, { maxLength: 2 }),
        }),
        { maxLength: 6 },
      ),
    })
    .map((r) => ({
      device,
      objects: Object.fromEntries(OBJECT_NAMES.map((n, i) => [n, [...r.objects[i][0], ...r.objects[i][1]]])),
      services: { "s-tcp": { protocol: "tcp" as const, min: r.tcp[0], max: r.tcp[1] }, "s-udp": { protocol: "udp" as const }, "s-icmp": { protocol: "icmp" as const }, "s-any": { protocol: "any" as const }, "s-tcp2": { protocol: "tcp" as const, min: r.tcp2[0], max: r.tcp2[1] } },
      rules: r.rules as RbRule[],
    }));

const selArb: fc.Arbitrary<Selector> = fc.oneof(fc.constant({}), fc.constant({ labels: { app: "x" } }), fc.constant({ labels: { app: "y" } }), fc.constant({ exists: "tier" }), fc.constant({ labels: { team: "a" } }));
const npPortArb = fc.oneof(
  fc.record({ protocol: fc.constantFrom<"TCP" | "UDP" | "SCTP" | undefined>(undefined, "TCP", "UDP", "SCTP"), port: fc.integer({ min: 1, max: PORT_MAX }) }),
  fc.record({ protocol: fc.constantFrom<"TCP" | "SCTP">("TCP", "SCTP"), port: fc.integer({ min: 1, max: 3 }), endPort: fc.integer({ min: 3, max: PORT_MAX }) }),
  fc.record({ protocol: fc.constantFrom<"TCP" | "SCTP">("TCP", "SCTP"), port: fc.constantFrom("web", "sig", "nope") }),
  fc.record({ protocol: fc.constantFrom<"UDP">("UDP") }),
);
const npPeerArb = fc.oneof(
  fc.record({ ipBlock: fc.record({ cidr: fc.constantFrom("10.1.0.0/16", "0.0.0.0/0", "2001:db8:1::/48", "::/0"), except: fc.subarray(["10.1.3.0/24", "2001:db8:1:3::/64", "10.1.5.0/24"]) }) }),
  fc.record({ namespace: selArb }),
  fc.record({ pod: selArb }),
  fc.record({ namespace: selArb, pod: selArb }),
);
const npRuleArb = fc.record({ peers: fc.option(fc.array(npPeerArb, { maxLength: 2 })), ports: fc.option(fc.array(npPortArb, { maxLength: 2 })) });
const npArb: fc.Arbitrary<NpSpec> = fc
  .record({
    namespace: fc.constantFrom("n1", "n2"),
    podSelector: selArb,
    policyTypes: fc.constantFrom<NpSpec["policyTypes"]>(undefined, ["Ingress"], ["Egress"], ["Ingress", "Egress"]),
    ingress: fc.array(npRuleArb, { maxLength: 2 }),
    egress: fc.array(npRuleArb, { maxLength: 2 }),
  })
  .map((r) => ({
    namespace: r.namespace,
    name: "p",
    podSelector: r.podSelector,
    policyTypes: r.policyTypes,
    ingress: r.ingress.map((x) => ({ from: x.peers ?? undefined, ports: x.ports ?? undefined })),
    egress: r.egress.map((x) => ({ to: x.peers ?? undefined, ports: x.ports ?? undefined })),
  }));
const adminPeerArb = fc.oneof(
  fc.record({ namespaces: selArb }),
  fc.record({ pods: fc.record({ namespace: selArb, pod: selArb }) }),
  fc.record({ networks: fc.subarray(["10.1.0.0/16", "198.51.100.0/24", "2001:db8:1::/48", "::/0"], { minLength: 1 }) }),
);
const adminPortArb = fc.oneof(
  fc.record({ number: fc.record({ protocol: fc.constantFrom<"TCP" | "UDP" | "SCTP">("TCP", "UDP", "SCTP"), port: fc.integer({ min: 1, max: PORT_MAX }) }) }),
  fc.record({ range: fc.record({ protocol: fc.constantFrom<"TCP">("TCP"), start: fc.integer({ min: 1, max: 3 }), end: fc.integer({ min: 3, max: PORT_MAX }) }) }),
  fc.record({ named: fc.constantFrom("web", "sig") }),
);
const adminRuleArb = (baseline: boolean) =>
  fc.record({ action: baseline ? fc.constantFrom<"Allow" | "Deny">("Allow", "Deny") : fc.constantFrom<"Allow" | "Deny" | "Pass">("Allow", "Deny", "Pass"), peers: fc.array(adminPeerArb, { minLength: 1, maxLength: 2 }), ports: fc.option(fc.array(adminPortArb, { minLength: 1, maxLength: 2 })) }).map((r) => ({ ...r, ports: r.ports ?? undefined }));
const adminArb = (baseline: boolean, name: string): fc.Arbitrary<AdminSpec> =>
  fc
    .record({
      priority: fc.integer({ min: 0, max: 3 }),
      subject: fc.oneof(fc.record({ namespaces: selArb }), fc.record({ pods: fc.record({ namespace: selArb, pod: selArb }) })),
      ingress: fc.array(adminRuleArb(baseline), { maxLength: 2 }),
      egress: fc.array(adminRuleArb(baseline), { maxLength: 2 }),
    })
    .map((r) => ({ name, baseline, ...r }));

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    sg: fc.array(sgArb, { maxLength: 14 }),
    fwaas: fc.option(fc.record({ ingress: fc.array(fwArb, { maxLength: 4 }), egress: fc.array(fwArb, { maxLength: 4 }) })),
    ruleBases: fc.tuple(fc.option(rbArb("fwE"), { freq: 2 }), fc.option(rbArb("fwC"), { freq: 2 }), fc.option(rbArb("fwB"), { freq: 2 })),
    team: fc.boolean(),
    networkPolicies: fc.array(npArb, { maxLength: 3 }),
    anps: fc.array(fc.nat(), { maxLength: 2 }).chain((xs) => fc.tuple(...xs.map((_, i) => adminArb(false, `anp-${i}`)))),
    banp: fc.option(adminArb(true, "default")),
  })
  .map((r) => ({
    zones: ZONES,
    hosts: HOSTS,
    sg: r.sg,
    fwaas: r.fwaas ?? undefined,
    routed: ["v1-v4", "v1-v6", "v2-v4", "v2-v6"],
    ruleBases: r.ruleBases.filter((x): x is RuleBaseSpec => x !== null),
    namespaces: { n1: r.team ? { team: "a" } : ({} as Record<string, string>), n2: {} },
    networkPolicies: r.networkPolicies.map((p, i) => ({ ...p, name: `p${i}` })),
    admin: [...r.anps, ...(r.banp ? [r.banp] : [])],
  }));

const topo = scenarioTopology(ZONES, VLANS);
const HIGH = 40000;

function packets(family: Fam): Packet[] {
  const out: Packet[] = [{ family, proto: "icmp", port: 0 }];
  for (const proto of ["tcp", "udp", "sctp"] as const) for (let port = 1; port <= PORT_MAX + 1; port++) out.push({ family, proto, port });
  for (const proto of ["tcp", "udp", "sctp"] as const) out.push({ family, proto, port: HIGH });
  return out;
}

/** Above the ports rules use, a set must be all or nothing, and agree with a high probe port. */
function uniformAbove(set: PortSet): boolean {
  for (const proto of ["tcp", "udp", "sctp"] as const) {
    const above = intersect(set, singleSet(proto, PORT_MAX + 1, 65535));
    if (!isEmpty(above) && !isEmpty(subtract(singleSet(proto, PORT_MAX + 1, 65535), above))) return false;
  }
  return true;
}

describe("the proof against a brute-force packet oracle", () => {
  it("agrees on every packet between every pair of hosts, in both families, across all layers", () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const { endpoints, plan } = scenarioPlan(s, VLANS);
        const dp = dataplaneModel(plan);
        expect(dp.ruleBases.problems).toEqual([]);
        // Disagreements are collected and compared once: an expect per packet would cost more than the proof.
        const wrong: string[] = [];
        for (const family of ["ipv4", "ipv6"] as const) {
          const engine = new FamilyEngine(dp, topo, endpoints, family);
          const visited = new Map<number, "candidate" | "unenforced">();
          engine.forEachPair((a, b, kind) => visited.set(a * engine.size + b, kind));
          for (const x of s.hosts) {
            for (const y of s.hosts) {
              if (x === y) continue;
              const hx = endpoints.find((e) => e.id === x.id)?.hosts[0] as Host;
              const hy = endpoints.find((e) => e.id === y.id)?.hosts[0] as Host;
              const ca = hx.cls?.[family] as number;
              const cb = hy.cls?.[family] as number;
              const kind = visited.get(ca * engine.size + cb);
              const engineSet = kind === "unenforced" ? fullSet() : kind === "candidate" ? engine.evaluate(ca, cb).allowed : emptySet();
              const direct = evaluateHostPair({ dp, topo, oracle: dp.direct }, hx, hy, family);
              if (!uniformAbove(engineSet)) wrong.push(`${x.id} -> ${y.id} ${family}: not uniform above port ${PORT_MAX}`);
              let enforced = false;
              for (const p of packets(family)) {
                const o = oracle(s, x, y, p);
                enforced ||= o.enforced;
                const label = `${x.id} -> ${y.id} ${p.family} ${p.proto}/${p.port}: oracle ${o.allowed ? "allows" : "denies"}`;
                if (hasPort(engineSet, p.proto, p.port) !== o.allowed) wrong.push(`${label}, the engine does not`);
                if (hasPort(direct.allowed, p.proto, p.port) !== o.allowed) wrong.push(`${label}, the direct evaluation does not`);
                // Layer by layer too, wherever the engine evaluated the pair: a layer can be wrong where another hides it.
                const layers = (v: typeof direct): string => v.points.map((pt) => `${pt.layer}:${hasPort(pt.allowed, p.proto, p.port)}`).join(" ");
                const want = o.layers.map((l) => `${l.layer}:${l.allowed}`).join(" ");
                if (kind === "candidate" && layers(engine.evaluate(ca, cb)) !== want) wrong.push(`${label}; layers: oracle ${want}, engine ${layers(engine.evaluate(ca, cb))}`);
                if (layers(direct) !== want) wrong.push(`${label}; layers: oracle ${want}, direct ${layers(direct)}`);
              }
              if ((kind === "unenforced") !== !enforced || direct.enforced !== enforced) wrong.push(`${x.id} -> ${y.id} ${family}: enforced ${enforced}, engine ${kind ?? "empty"}, direct ${direct.enforced}`);
            }
          }
        }
        expect(wrong.slice(0, 10)).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});

