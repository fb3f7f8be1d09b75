/**
 * The proof's "full matrix" case: a site of N zones (default 50) with 20,000 security-group rules and 5,000
 * NetworkPolicy rules (plus zone firewall rule bases and FWaaS-free routing), every endpoint pair in both
 * families; and the brute-force packet oracle on the same input, within a time budget (extrapolated from
 * the host pairs it finished when it does not finish). Both get the same warm-up (a one-zone case) and run
 * interleaved: proof, half the oracle's budget, proof again, the rest of the budget; the proof's figure
 * is the slower of its two runs. Runs in its own process:
 * `node --import tsx scripts/bench/reachabilityMatrix.ts <zones> <oracle budget ms>`; prints one JSON line.
 */
import { proveSite } from "../../reachability/proof";
import type { IntentRule, SiteIntent } from "../../reachability/intent/resolver";
import { singleSet } from "../../reachability/portSet";
import { oracle, type Fam, type NpSpec, type Packet, type RuleBaseSpec, type Scenario, type SgRule, type SHost, type Zone } from "../../tests/reachability/oracle";
import { scenarioPlan, scenarioTopology, type VlanSpec } from "../../tests/reachability/scenarioPlan";
import { dataplaneModel } from "../../reachability/dataplane";

/** A small deterministic generator (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SERVICE_PORTS = Array.from({ length: 40 }, (_, i) => [22, 53, 80, 123, 161, 389, 443, 514, 636, 993][i % 10] + Math.floor(i / 10) * 1000);

/**
 * The scenario: per zone two VLANs, eight VM tiers of two ports each (one security group per tier), two
 * pod tiers on one cluster, a bare-metal host; devices enforcing five zones each; rules spread to the
 * requested totals.
 * @param zones number of zones
 * @param sgRules security-group rules in all
 * @param npRules NetworkPolicy rules in all
 */
export function matrixScenario(zones: number, sgRules: number, npRules: number): { scenario: Scenario; vlans: Record<string, VlanSpec>; intent: SiteIntent } {
  const r = rng(zones * 7919 + sgRules);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const zoneList: Zone[] = [{ id: "edge", kind: "edge", enforcer: "fw-edge", virtualFirewall: false }, ...Array.from({ length: zones }, (_, i) => ({ id: `z${i}`, kind: "internal-server", enforcer: `fw-${Math.floor(i / 5)}`, virtualFirewall: false }))];
  const vlans: Record<string, VlanSpec> = {};
  const hosts: SHost[] = [];
  const groups: string[] = [];
  for (let i = 0; i < zones; i++) {
    for (const v of [1, 2]) vlans[`z${i}v${v}`] = { zone: `z${i}`, v4: `10.${i}.${v}.0/24`, v6: `2001:db8:${i.toString(16)}:${v}::/64`, routed: false };
    for (let t = 0; t < 8; t++) {
      const g = `g-z${i}-t${t}`;
      groups.push(g);
      for (const k of [0, 1]) {
        const v = (t % 2) + 1;
        const last = 10 + t * 2 + k;
        hosts.push({ id: `z${i}-t${t}-${k}`, v4: `10.${i}.${v}.${last}`, v6: `2001:db8:${i.toString(16)}:${v}::${last.toString(16)}`, zone: `z${i}`, vlan: `z${i}/z${i}v${v}`, subnet: { ipv4: `z${i}v${v}-v4`, ipv6: `z${i}v${v}-v6` }, groups: [g] });
      }
    }
    for (const p of [0, 1]) {
      hosts.push({ id: `z${i}-pod${p}`, v4: `10.${i}.2.${200 + p}`, v6: `2001:db8:${i.toString(16)}:2::${(200 + p).toString(16)}`, zone: `z${i}`, vlan: `z${i}/z${i}v2`, subnet: { ipv4: `z${i}v2-v4`, ipv6: `z${i}v2-v6` }, pod: { namespace: `ns-z${i}`, labels: { tier: `p${p}` }, ports: [{ name: "http", port: 8080, protocol: "TCP" }] } });
    }
    hosts.push({ id: `z${i}-bm`, v4: `10.${i}.1.250`, v6: `2001:db8:${i.toString(16)}:1::fa`, zone: `z${i}`, vlan: `z${i}/z${i}v1`, subnet: { ipv4: `z${i}v1-v4`, ipv6: `z${i}v1-v6` } });
  }
  hosts.push({ id: "inet1", v4: "198.51.100.10", v6: "2001:db8:ffff::10", external: "internet" }, { id: "inet2", v4: "8.8.8.8", v6: "2600::8", external: "internet" });
  const prefixOf = (f: Fam, zone: number, vlan?: number): string => (f === "ipv4" ? (vlan ? `10.${zone}.${vlan}.0/24` : `10.${zone}.0.0/16`) : vlan ? `2001:db8:${zone.toString(16)}:${vlan}::/64` : `2001:db8:${zone.toString(16)}::/48`);
  const sg: SgRule[] = [];
  for (let k = 0; k < sgRules; k++) {
    const family: Fam = r() < 0.5 ? "ipv4" : "ipv6";
    const port = pick(SERVICE_PORTS);
    const kind = r();
    sg.push({
      group: groups[k % groups.length],
      direction: r() < 0.5 ? "ingress" : "egress",
      family,
      protocol: r() < 0.8 ? "tcp" : "udp",
      min: port,
      max: port + (r() < 0.1 ? 10 : 0),
      ...(kind < 0.4 ? { remoteGroup: pick(groups) } : kind < 0.8 ? { prefix: prefixOf(family, Math.floor(r() * zones), 1 + Math.floor(r() * 2)) } : { prefix: prefixOf(family, Math.floor(r() * zones)) }),
    });
  }
  const networkPolicies: NpSpec[] = [];
  const perPolicy = 10;
  for (let k = 0; k < npRules / perPolicy; k++) {
    const zone = k % zones;
    const rules = Array.from({ length: perPolicy }, () => {
      const family: Fam = r() < 0.5 ? "ipv4" : "ipv6";
      const peer = r() < 0.5 ? { namespace: { labels: { "kubernetes.io/metadata.name": `ns-z${Math.floor(r() * zones)}` } }, pod: { labels: { tier: pick(["p0", "p1"]) } } } : { ipBlock: { cidr: prefixOf(family, Math.floor(r() * zones), 1 + Math.floor(r() * 2)), except: [] } };
      return { peers: [peer], ports: [r() < 0.2 ? { port: "http" } : { port: pick(SERVICE_PORTS) }] };
    });
    const ingress = k % 2 === 0;
    networkPolicies.push({
      namespace: `ns-z${zone}`,
      name: `np${k}`,
      podSelector: { labels: { tier: pick(["p0", "p1"]) } },
      policyTypes: [ingress ? "Ingress" : "Egress"],
      ingress: ingress ? rules.map((x) => ({ from: x.peers, ports: x.ports })) : [],
      egress: ingress ? [] : rules.map((x) => ({ to: x.peers, ports: x.ports })),
    });
  }
  const devices = [...new Set(zoneList.map((z) => z.enforcer))];
  const ruleBases: RuleBaseSpec[] = devices.map((device) => {
    const objects: Record<string, string[]> = {};
    for (let i = 0; i < zones; i++) objects[`zone:z${i}`] = [prefixOf("ipv4", i), prefixOf("ipv6", i)];
    objects["internet"] = ["198.51.100.0/24", "8.0.0.0/8", "2001:db8:ffff::/48", "2600::/16"];
    const services = Object.fromEntries(SERVICE_PORTS.map((p) => [`tcp-${p}`, { protocol: "tcp" as const, min: p, max: p }]));
    const rules = Array.from({ length: 200 }, () => ({
      action: "accept" as const,
      families: ["ipv4", "ipv6"] as Fam[],
      sources: [r() < 0.1 ? "internet" : `zone:z${Math.floor(r() * zones)}`],
      destinations: [`zone:z${Math.floor(r() * zones)}`],
      services: [`tcp-${pick(SERVICE_PORTS)}`],
    }));
    return { device, objects, services, rules: [...rules, { action: "deny", families: ["ipv4", "ipv6"], sources: [], destinations: [], services: [] }] };
  });
  const tiersOfHosts = hosts.filter((h) => !h.external).map((h) => h.id);
  const rules: IntentRule[] = [];
  for (let k = 0; k < 2000; k++) {
    const family: Fam = r() < 0.5 ? "ipv4" : "ipv6";
    rules.push({ flow: `f${k}`, family, ports: singleSet("tcp", pick(SERVICE_PORTS)), from: { kind: "tier", system: pick(tiersOfHosts), tier: "h" }, to: { kind: "tier", system: pick(tiersOfHosts), tier: "h" } });
  }
  const scenario: Scenario = { zones: zoneList, hosts, sg, routed: [], ruleBases, namespaces: Object.fromEntries(Array.from({ length: zones }, (_, i) => [`ns-z${i}`, {}])), networkPolicies, admin: [] };
  return { scenario, vlans, intent: { rules, expired: [], locations: new Map() } };
}

/** Every port boundary the rules use, per protocol: one packet per elementary interval, the brute force's packets. */
function elementaryPackets(s: Scenario, family: Fam): Packet[] {
  const cuts: Record<"tcp" | "udp" | "sctp", Set<number>> = { tcp: new Set([1]), udp: new Set([1]), sctp: new Set([1]) };
  const add = (proto: string | undefined, lo?: number, hi?: number): void => {
    const p = (proto ?? "tcp").toLowerCase();
    if (p !== "tcp" && p !== "udp" && p !== "sctp") return;
    if (lo !== undefined) cuts[p].add(lo);
    if (hi !== undefined && hi < 65535) cuts[p].add(hi + 1);
  };
  for (const r of s.sg) add(r.protocol, r.min, r.max ?? r.min);
  for (const p of s.networkPolicies) for (const r of [...p.ingress, ...p.egress]) for (const x of r.ports ?? []) if (typeof x.port === "number") add(x.protocol, x.port, x.endPort ?? x.port);
  for (const h of s.hosts) for (const c of h.pod?.ports ?? []) add(c.protocol, c.port, c.port);
  for (const rb of s.ruleBases) for (const sv of Object.values(rb.services)) add(sv.protocol, sv.min, sv.max);
  const out: Packet[] = [{ family, proto: "icmp", port: 0 }];
  for (const proto of ["tcp", "udp", "sctp"] as const) for (const port of [...cuts[proto]].sort((a, b) => a - b)) out.push({ family, proto, port });
  return out;
}

/** Host pairs (source, destination, family) in a spread order (every source, then the next destination), so a partial run samples them all. */
function* pairOrder(hosts: number): Generator<[number, number, Fam]> {
  for (let step = 1; step < hosts; step++) for (const family of ["ipv4", "ipv6"] as const) for (let i = 0; i < hosts; i++) yield [i, (i + step) % hosts, family];
}

const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** The proof of a scenario, plan reading included: what a user of the proof waits for. */
function proveScenario(m: ReturnType<typeof matrixScenario>): ReturnType<typeof proveSite> {
  const { endpoints, plan } = scenarioPlan(m.scenario, m.vlans);
  for (const e of endpoints) {
    e.system = e.id;
    e.tier = "h";
  }
  return proveSite({ site: "t", asOf: "2026-10-15", zones: m.scenario.zones.map((z) => z.id), endpoints, intent: m.intent, dp: dataplaneModel(plan), topo: scenarioTopology(m.scenario.zones, m.vlans), catalog: [] });
}

/** The brute-force oracle over the next host pairs of `order` until `budgetMs` of CPU is spent or none is left: pairs and packets judged. */
function runOracle(s: Scenario, order: Generator<[number, number, Fam]>, budgetMs: number): { pairs: number; packets: number } {
  const packetsOf = { ipv4: elementaryPackets(s, "ipv4"), ipv6: elementaryPackets(s, "ipv6") };
  const c0 = cpu();
  let pairs = 0;
  let packets = 0;
  // `next()` by hand: leaving a for-of loop would close the generator, and the next round resumes it.
  for (let n = order.next(); !n.done; n = order.next()) {
    const [i, j, family] = n.value;
    for (const p of packetsOf[family]) {
      oracle(s, s.hosts[i], s.hosts[j], p);
      packets++;
    }
    pairs++;
    if (cpu() - c0 > budgetMs) break;
  }
  return { pairs, packets };
}

/** Scales a case to `zones` zones (20,000 security-group and 5,000 NetworkPolicy rules at 50). */
const scaled = (zones: number): ReturnType<typeof matrixScenario> => matrixScenario(zones, Math.round((20000 * zones) / 50), Math.round((5000 * zones) / 50));

if (require.main === module) {
  const zones = Number(process.argv[2] ?? 50);
  const budgetMs = Number(process.argv[3] ?? 60000);
  // The same warm-up for both, on a one-zone case: the proof once, the oracle for two seconds of CPU.
  const warm = scaled(1);
  proveScenario(warm);
  runOracle(warm.scenario, pairOrder(warm.scenario.hosts.length), 2000);
  const m = scaled(zones);
  const { scenario } = m;
  const totalPairs = scenario.hosts.length * (scenario.hosts.length - 1) * 2;
  const order = pairOrder(scenario.hosts.length);
  const proofCpu: number[] = [];
  let proof: ReturnType<typeof proveSite> | undefined;
  let proofRssKiB = 0;
  let oracleCpu = 0;
  let pairs = 0;
  let packets = 0;
  for (let round = 0; round < 2; round++) {
    const c0 = cpu();
    proof = proveScenario(m);
    proofCpu.push(cpu() - c0);
    if (round === 0) proofRssKiB = process.resourceUsage().maxRSS;
    const c1 = cpu();
    const o = runOracle(scenario, order, budgetMs / 2);
    oracleCpu += cpu() - c1;
    pairs += o.pairs;
    packets += o.packets;
  }
  if (!proof) throw new Error("no proof ran");
  const proofMs = Math.max(...proofCpu);
  const finished = pairs === totalPairs;
  const oracleEstimate = finished ? oracleCpu : (oracleCpu / pairs) * totalPairs;
  process.stdout.write(
    JSON.stringify({
      zones,
      sgRules: scenario.sg.length,
      npRules: scenario.networkPolicies.reduce((n, p) => n + p.ingress.length + p.egress.length, 0),
      ruleBaseRules: scenario.ruleBases.reduce((n, rb) => n + rb.rules.length, 0),
      hosts: scenario.hosts.length,
      pairs: proof.counts.ipv4.pairs + proof.counts.ipv6.pairs,
      classes: proof.counts.ipv4.classes + proof.counts.ipv6.classes,
      proofCpuMs: Math.round(proofMs),
      proofRuns: proofCpu.map(Math.round),
      maxRssKiB: proofRssKiB,
      oracleCpuMs: Math.round(oracleCpu),
      oraclePackets: packets,
      oracleFinished: finished,
      oraclePairsDone: pairs,
      oraclePairsTotal: totalPairs,
      oracleEstimateMs: Math.round(oracleEstimate),
      ratio: Math.round(oracleEstimate / proofMs),
    }) + "\n",
  );
}
