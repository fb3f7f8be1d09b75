/**
 * fast-check generators: random well-formed rule bases over a small address universe (so objects nest
 * and overlap often), and packets aimed at the objects' edges. Shared by the renderer, analysis and
 * kernel tests.
 */
import fc from "fast-check";
import { formatAddress, parseAddress } from "../../../inventory/addressing/address";
import { lastAddress, parsePrefix } from "../../../inventory/addressing/prefix";
import type { AddressObject, FirewallRule, RuleBase, RuleFamily, ServiceObject } from "../../../compilers/firewall/ruleBaseTypes";
import type { Packet } from "./oracle";

const BASE4 = parseAddress("10.0.0.0")!.value;
const BASE6 = parseAddress("2001:db8::")!.value;

/** The services every random base has (overlapping ranges on purpose). */
export const RANDOM_SERVICES: ServiceObject[] = [
  { name: "any", protocol: "any" },
  { name: "dns", protocol: "udp", portMin: 53, portMax: 53 },
  { name: "https", protocol: "tcp", portMin: 443, portMax: 443 },
  { name: "icmp", protocol: "icmp" },
  { name: "ssh", protocol: "tcp", portMin: 22, portMax: 22 },
  { name: "tcp-all", protocol: "tcp" },
  { name: "tcp-20-25", protocol: "tcp", portMin: 20, portMax: 25 },
  { name: "udp-50-60", protocol: "udp", portMin: 50, portMax: 60 },
];

const prefix4 = fc.tuple(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 17, max: 32 })).map(([bits, len]) => {
  const net = (BASE4 + BigInt(bits)) & (((1n << 32n) - 1n) ^ ((1n << BigInt(32 - len)) - 1n));
  return `${formatAddress("ipv4", net)}/${len}`;
});
const prefix6 = fc.tuple(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 113, max: 128 })).map(([bits, len]) => {
  const net = (BASE6 + BigInt(bits)) & (((1n << 128n) - 1n) ^ ((1n << BigInt(128 - len)) - 1n));
  return `${formatAddress("ipv6", net)}/${len}`;
});

/** Canonical, sorted, non-overlapping: drop prefixes inside another. */
function clean(ps: string[], family: "ipv4" | "ipv6"): string[] {
  const parsed = [...new Set(ps)].map((t) => ({ t, p: (parsePrefix(t, family) as { ok: true; prefix: { network: bigint; length: number; family: "ipv4" | "ipv6" } }).prefix }));
  const kept = parsed.filter((a) => !parsed.some((b) => b !== a && b.p.length <= a.p.length && b.p.network <= a.p.network && lastAddress(a.p) <= lastAddress(b.p) && !(b.p.length === a.p.length && b.t === a.t)));
  return kept.sort((a, b) => (a.p.network < b.p.network ? -1 : 1)).map((x) => x.t);
}

const object = (i: number): fc.Arbitrary<AddressObject> =>
  fc.record({ v4: fc.array(prefix4, { maxLength: 3 }), v6: fc.array(prefix6, { maxLength: 3 }) }).map(({ v4, v6 }) => ({
    name: `obj:${i}/x`,
    kind: "tier" as const,
    description: `object ${i}`,
    ipv4: clean(v4, "ipv4"),
    ipv6: clean(v6, "ipv6"),
  }));

const families: fc.Arbitrary<RuleFamily[]> = fc.constantFrom<RuleFamily[]>(["ipv4"], ["ipv6"], ["ipv4", "ipv6"]);

/** A random well-formed rule base (sections consecutive, names unique). */
export const arbitraryRuleBase: fc.Arbitrary<RuleBase> = fc.integer({ min: 1, max: 7 }).chain((nObj) =>
  fc
    .record({
      objects: fc.tuple(...Array.from({ length: nObj }, (_, i) => object(i))),
      sections: fc.array(
        fc.array(
          fc.record({
            action: fc.constantFrom<"accept" | "deny">("accept", "accept", "deny"),
            families,
            sources: fc.subarray(Array.from({ length: nObj }, (_, i) => `obj:${i}/x`), { maxLength: Math.min(2, nObj) }),
            destinations: fc.subarray(Array.from({ length: nObj }, (_, i) => `obj:${i}/x`), { maxLength: Math.min(2, nObj) }),
            services: fc.subarray(RANDOM_SERVICES.map((s) => s.name), { maxLength: 2 }),
            log: fc.boolean(),
          }),
          { minLength: 1, maxLength: 5 },
        ),
        { minLength: 1, maxLength: 6 },
      ),
    })
    .map(({ objects, sections }) => {
      const rules: FirewallRule[] = [];
      sections.forEach((sec, k) =>
        sec.forEach((r, j) =>
          rules.push({
            id: `s${k}:r${j}`,
            section: { from: `z${k}`, to: `z${k + 1}` },
            action: r.action,
            families: r.families,
            sources: r.sources,
            destinations: r.destinations,
            services: r.services,
            ips: r.action === "accept" ? "ips-default" : undefined,
            log: r.log,
            flows: r.action === "accept" ? [{ flow: `f${k}-${j}` }] : [],
            comment: `random rule ${k}/${j}`,
          }),
        ),
      );
      const rb: RuleBase = {
        schema: "hatang.rulebase/v1",
        site: "s",
        device: "fw-rand",
        members: ["fw-rand-01"],
        platform: "nftables",
        zones: [],
        externals: [],
        ipsProfile: "ips-default",
        addresses: objects,
        services: RANDOM_SERVICES,
        rules,
        nat: [],
      };
      return rb;
    }),
);

/** Interesting addresses of a base: each prefix's first and last address, their neighbours, and a few others. */
export function edgeAddresses(rb: RuleBase, family: "ipv4" | "ipv6"): string[] {
  const base = family === "ipv4" ? BASE4 : BASE6;
  const vals = new Set<bigint>([base, base + 0x8000n, base + 0xffffn, base + 0x10000n]);
  for (const o of rb.addresses) {
    for (const t of o[family]) {
      const p = parsePrefix(t, family);
      if (!p.ok) continue;
      const lo = p.prefix.network;
      const hi = lastAddress(p.prefix);
      for (const v of [lo, hi, lo - 1n, hi + 1n, (lo + hi) / 2n]) if (v >= 0n) vals.add(v);
    }
  }
  return [...vals].sort((a, b) => (a < b ? -1 : 1)).map((v) => formatAddress(family, v));
}

/** Packets over the edges of a base, every protocol kind, a few ports each. */
export function packetsFor(rb: RuleBase, limit = 400): Packet[] {
  const out: Packet[] = [];
  const ports = [20, 22, 23, 26, 53, 55, 61, 443, 8080];
  let k = 0;
  for (const family of ["ipv4", "ipv6"] as const) {
    const addrs = edgeAddresses(rb, family);
    for (const s of addrs) {
      for (const d of addrs) {
        k++;
        const proto = (["tcp", "udp", "icmp", "other"] as const)[k % 4];
        out.push({ family, src: s, dst: d, protocol: proto, port: proto === "tcp" || proto === "udp" ? ports[k % ports.length] : undefined });
      }
    }
  }
  // A deterministic thinning keeps big cases fast while still touching every address.
  if (out.length <= limit) return out;
  const step = out.length / limit;
  return Array.from({ length: limit }, (_, i) => out[Math.floor(i * step)]);
}
