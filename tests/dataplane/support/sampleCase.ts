/**
 * The dataplane case of the hand-written sample site (tests/firewall/support/sampleSite.ts): its three
 * enforcers with their rendered rule bases, a host per tier and one Internet host, probes for every
 * allowed flow (every host pair, service and family) and a deterministic sample of denied ones; the
 * expected verdict comes from the oracle along the contract's path (every enforcer crossed must accept).
 */
import { renderNftables } from "../../../compilers/firewall/render/nftables";
import type { RuleBase, ServiceObject } from "../../../compilers/firewall/ruleBaseTypes";
import { oracleVerdict, type Packet } from "../../firewall/support/oracle";
import { pathOf, PUBLIC_WEB, SAMPLE_DEVICES, SAMPLE_FLOWS, SAMPLE_SERVICES, SAMPLE_TIERS, SAMPLE_ZONES, sampleRuleBase, zoneOfEndpoint } from "../../firewall/support/sampleSite";
import type { DataplaneCase, HostSpec, ProbeSpec } from "./caseTypes";

const OUTSIDE_VLAN = 200;
const INTERNET_HOST: HostSpec = { name: "internet", zone: "internet", vlan: OUTSIDE_VLAN, ipv4: "198.51.100.10/24", ipv6: "2001:db9:0:1::10/64", gateway4: "198.51.100.1", gateway6: "2001:db9:0:1::1" };

function hosts(): HostSpec[] {
  const out: HostSpec[] = SAMPLE_TIERS.map((t) => {
    const vlan = SAMPLE_ZONES.flatMap((z) => z.vlans).find((x) => x.id === t.vlan)!;
    return { name: t.name, zone: t.zone, vlan: t.vlan, ipv4: t.ipv4.replace("/32", "/24"), ipv6: t.ipv6.replace("/128", "/64"), gateway4: vlan.gateway4, gateway6: vlan.gateway6 };
  });
  return [...out, INTERNET_HOST];
}

const addr = (h: HostSpec, f: "ipv4" | "ipv6"): string => h[f].split("/")[0];

/** The verdict along the path: every enforcer crossed must accept (none: same VLAN, layer 2). */
export function pathVerdict(bases: Map<string, RuleBase>, from: HostSpec, to: HostSpec, p: Packet): "allow" | "deny" {
  if (from.vlan === to.vlan) return "allow";
  return pathOf(from.zone, to.zone).every((d) => oracleVerdict(bases.get(d)!, p).action === "accept") ? "allow" : "deny";
}

function probeFor(bases: Map<string, RuleBase>, from: HostSpec, to: HostSpec, family: "ipv4" | "ipv6", s: ServiceObject, why: string): ProbeSpec {
  const protocol = s.protocol === "any" ? "tcp" : s.protocol;
  const port = protocol === "icmp" ? undefined : s.portMin;
  const packet: Packet = { family, src: addr(from, family), dst: addr(to, family), protocol, port };
  // Published IPv4 services are dialled on their public address; the firewall sees the private one after NAT.
  const published = from.name === "internet" && to.name === "portal/web" && family === "ipv4" && (port === 80 || port === 443);
  return { from: from.name, to: to.name, target: published ? PUBLIC_WEB : packet.dst, family, protocol, port, expected: pathVerdict(bases, from, to, packet), why };
}

/** Deterministic pseudo-random numbers (the sample of denied probes is the same on every run). */
export function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** The sample site's case. */
export function sampleCase(deniedSample = 120): DataplaneCase {
  const bases = new Map(SAMPLE_DEVICES.map((d) => [d, sampleRuleBase(d)]));
  const hs = hosts();
  const byName = new Map(hs.map((h) => [h.name, h]));
  const svc = new Map(SAMPLE_SERVICES.map((s) => [s.name, s]));
  const members = (endpoint: string): HostSpec[] => (endpoint.startsWith("zone:") ? hs.filter((h) => h.zone === endpoint.slice(5)) : [byName.get(endpoint)!]);
  const probes: ProbeSpec[] = [];
  const seen = new Set<string>();
  const add = (p: ProbeSpec): void => {
    const k = `${p.from}|${p.to}|${p.family}|${p.protocol}|${p.port ?? ""}`;
    if (seen.has(k)) return;
    seen.add(k);
    probes.push(p);
  };
  for (const f of SAMPLE_FLOWS) {
    for (const a of members(f.from)) {
      for (const b of members(f.to)) {
        if (a === b) continue;
        for (const family of f.families ?? (["ipv4", "ipv6"] as const)) for (const s of f.services) add(probeFor(bases, a, b, family, svc.get(s)!, f.name));
      }
    }
  }
  const rnd = lcg(9);
  let tries = 0;
  const before = probes.length;
  while (probes.length - before < deniedSample && tries++ < deniedSample * 50) {
    const a = hs[Math.floor(rnd() * hs.length)];
    const b = hs[Math.floor(rnd() * hs.length)];
    if (a === b) continue;
    const s = SAMPLE_SERVICES[Math.floor(rnd() * SAMPLE_SERVICES.length)];
    const family = rnd() < 0.5 ? "ipv4" : "ipv6";
    const p = probeFor(bases, a, b, family, s, "denied sample");
    if (p.expected === "deny") add(p);
  }
  const enforcers = SAMPLE_DEVICES.map((d) => {
    const zones = SAMPLE_ZONES.filter((z) => z.enforcer === d);
    const vlans = zones.flatMap((z) => z.vlans.map((v) => ({ vlan: v.id, ipv4: `${v.gateway4}/24`, ipv6: `${v.gateway6}/64` })));
    if (d === "fw-edge") vlans.push({ vlan: OUTSIDE_VLAN, ipv4: "198.51.100.1/24", ipv6: "2001:db9:0:1::1/64" });
    return { device: d, nft: renderNftables(bases.get(d)!), vlans, outside: d === "fw-edge" };
  });
  const transitV4: Record<string, string> = {};
  const transitV6: Record<string, string> = {};
  SAMPLE_DEVICES.forEach((d, i) => {
    transitV4[d] = `10.255.255.${i + 1}/24`;
    transitV6[d] = `2001:db8:ffff::${i + 1}/64`;
  });
  void zoneOfEndpoint;
  return { label: "sample site (hand-written rule bases, oracle verdicts)", enforcers, transit: { vlan: 4090, ipv4: transitV4, ipv6: transitV6 }, hosts: hs, probes };
}
