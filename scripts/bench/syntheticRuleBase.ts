/**
 * A synthetic rule base for the firewall benchmark, built directly in the contract's shape until the
 * compiler lands: `zones` zones of 3 dual-stack VLANs and 8 single-address tiers each, `flows` flows
 * between tiers and zones (seeded, so every run benchmarks the same base), one device enforcing every
 * zone (the core firewall's worst case): a section per zone pair with flows, each closed by a
 * deny-and-log, the whole base closed by one.
 */
import type { AddressObject, FirewallRule, RuleBase, ServiceObject } from "../../compilers/firewall/ruleBaseTypes";

const SERVICES: ServiceObject[] = Array.from({ length: 24 }, (_, i): ServiceObject => (i === 0 ? { name: "icmp", protocol: "icmp" } : { name: `svc-${i}`, protocol: i % 4 === 0 ? "udp" : "tcp", portMin: 1000 + i * 7, portMax: 1000 + i * 7 + (i % 3) })).sort((a, b) => (a.name < b.name ? -1 : 1));

function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/**
 * The synthetic rule base.
 * @param zones zone count (≤ 250)
 * @param flows flow count
 */
export function syntheticRuleBase(zones: number, flows: number): RuleBase {
  const rnd = lcg(zones * 100_003 + flows);
  const addresses: AddressObject[] = [
    { name: "internet", kind: "internet", description: "Internet", ipv4: ["0.0.0.0/5", "8.0.0.0/7", "11.0.0.0/8", "12.0.0.0/6", "16.0.0.0/4", "32.0.0.0/3", "64.0.0.0/2", "128.0.0.0/1"], ipv6: ["2001:db9::/32", "2400::/6"] },
  ];
  const tiers: Array<{ name: string; zone: number }> = [];
  for (let z = 0; z < zones; z++) {
    const zh = z.toString(16);
    addresses.push({ name: `zone:z${z}`, kind: "zone", description: `zone ${z}`, ipv4: [0, 1, 2].map((v) => `10.${z}.${v}.0/24`), ipv6: [0, 1, 2].map((v) => `2001:db8:${zh}:${v}::/64`) });
    for (let t = 0; t < 8; t++) {
      const name = `tier:s${z}-${t}/app`;
      addresses.push({ name, kind: "tier", description: name, ipv4: [`10.${z}.${t % 3}.${10 + t}/32`], ipv6: [`2001:db8:${zh}:${t % 3}::${(10 + t).toString(16)}/128`] });
      tiers.push({ name, zone: z });
    }
  }
  addresses.sort((a, b) => (a.name < b.name ? -1 : 1));
  const sections = new Map<string, { from: string; to: string; rules: FirewallRule[] }>();
  for (let f = 0; f < flows; f++) {
    const a = tiers[Math.floor(rnd() * tiers.length)];
    const b = tiers[Math.floor(rnd() * tiers.length)];
    const internet = rnd() < 0.05;
    const from = internet ? "internet" : `z${a.zone}`;
    const to = `z${b.zone}`;
    const src = internet ? "internet" : rnd() < 0.1 ? `zone:z${a.zone}` : a.name;
    const dst = rnd() < 0.1 ? `zone:z${b.zone}` : b.name;
    const services = [...new Set([SERVICES[Math.floor(rnd() * SERVICES.length)].name, SERVICES[Math.floor(rnd() * SERVICES.length)].name])].sort();
    const key = `${from}>${to}`;
    const s = sections.get(key) ?? { from, to, rules: [] };
    s.rules.push({ id: `${key}:flow-${f}`, section: { from, to }, action: "accept", families: ["ipv4", "ipv6"], sources: [src], destinations: [dst], services, ips: "ips-default", log: true, flows: [{ flow: `flow-${f}` }], comment: `flow ${f}` });
    sections.set(key, s);
  }
  const rules: FirewallRule[] = [];
  for (const s of [...sections.values()].sort((x, y) => (x.from + ">" + x.to < y.from + ">" + y.to ? -1 : 1))) {
    rules.push(...s.rules, {
      id: `${s.from}>${s.to}:deny`,
      section: { from: s.from, to: s.to },
      action: "deny",
      families: ["ipv4", "ipv6"],
      sources: [s.from === "internet" ? "internet" : `zone:${s.from}`],
      destinations: [`zone:${s.to}`],
      services: [],
      log: true,
      flows: [],
      comment: "close the section",
    });
  }
  rules.push({ id: "any>any:deny", section: { from: "any", to: "any" }, action: "deny", families: ["ipv4", "ipv6"], sources: [], destinations: [], services: [], log: true, flows: [], comment: "close the base" });
  return { schema: "hatang.rulebase/v1", site: "bench", device: "fw-bench", members: ["fw-bench-01", "fw-bench-02"], platform: "nftables", zones: Array.from({ length: zones }, (_, z) => `z${z}`).sort(), externals: ["internet"], ipsProfile: "ips-default", addresses, services: SERVICES, rules, nat: [] };
}
