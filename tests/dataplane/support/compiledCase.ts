/**
 * The dataplane case of a COMPILED site: `compileSite(...).ruleBases` rendered by the nftables renderer,
 * one firewall namespace per enforcer, gateway of its zones' VLANs (the address plan's gateways and VLAN
 * tags); one host per instance of each VM tier (at the instance's planned addresses) and per bare-metal
 * tier (an address of the tier's pool), an Internet host behind the enforcer the Internet enters at, and one
 * host per tier of a system at another site only, on a VLAN of its own behind the enforcer the interconnect
 * enters at (the TSLCD zone's, else the edge's), at an address of the tier's pool there.
 * Probes: every declared flow (each service, both families, a bounded sample of its host pairs) and a
 * deterministic sample of denied packets. The expected verdict comes from the contract's first-match
 * evaluator over the rule base JSON (tests/firewall/support/oracle.ts, independent of the renderer) along
 * the contract's path, which this file derives from the inventory itself (not from the compiler).
 */
import { compileSite } from "../../../compilers/site";
import { tierSubnets } from "../../../compilers/flows/resolve";
import type { RuleBase } from "../../../compilers/firewall/ruleBaseTypes";
import { renderNftables } from "../../../compilers/firewall/render/nftables";
import { formatAddress, parseAddress } from "../../../inventory/addressing/address";
import type { SitePlan, SubnetPlan } from "../../../inventory/addressing/types";
import type { Flow, Inventory } from "../../../inventory/model";
import type { Province } from "../../../inventory/province/loadProvince";
import { oracleVerdict, type Packet } from "../../firewall/support/oracle";
import type { DataplaneCase, EnforcerSpec, HostSpec, ProbeFamily, ProbeSpec } from "./caseTypes";
import { lcg } from "./sampleCase";

/** A host of the case with what the expected verdicts need. */
export interface CaseHost extends HostSpec {
  /** `system/tier` (or `internet`). */
  tier: string;
  /** The enforcer whose VLAN it sits on (the Internet's entry for the Internet host). */
  enforcer: string;
  /** A stranger on the VLAN of `tier`, at an address none of its hosts holds. */
  impostor?: boolean;
}

/** The case, with its hosts' tiers, its rule bases and which probes come from declared flows. */
export interface CompiledCase extends DataplaneCase {
  hosts: CaseHost[];
  ruleBases: RuleBase[];
}

/** How much to probe. */
export interface CompiledCaseOptions {
  /** Host pairs per flow, service and family (chosen deterministically). Default 3. */
  pairsPerFlow?: number;
  /** Denied probes to sample. Default 160. */
  deniedSample?: number;
  /** Instances placed per VM tier that is not published (published tiers get all: NAT may pick any). Default 2. */
  instancesPerTier?: number;
}

/** Zone kinds the Internet may reach (published services, the edge's remote-access VPN): the others are internal. */
export const OUTWARD_KINDS: ReadonlySet<string> = new Set(["dmz", "edge"]);

/** Addresses outside any province the suite builds (documentation ranges). */
const INTERNET = { ipv4: "198.51.100.10/24", gw4: "198.51.100.1", ipv6: "2001:db9:0:1::10/64", gw6: "2001:db9:0:1::1" };

const len = (prefix: string): string => prefix.split("/")[1];
const bare = (cidr: string): string => cidr.split("/")[0];

/** Unused VLAN ids, highest first: the outside network, the transit between enforcers, then the other sites' VLANs. */
function spareVlans(used: Set<number>): number[] {
  return Array.from({ length: 4094 }, (_, i) => 4094 - i).filter((v) => !used.has(v));
}

/** Where the province's other sites enter a site, per the contract: the enforcer of its TSLCD zone, else of its edge zone. */
function interconnectEntry(inventory: Inventory, site: string): string | undefined {
  const zones = inventory.zones.filter((z) => z.site === site).sort((a, b) => a.id.localeCompare(b.id));
  return (zones.find((z) => z.kind === "tslcd") ?? zones.find((z) => z.kind === "edge"))?.enforcedBy;
}

/** The zone name of hosts at the province's other sites. */
export const OTHER_SITES = "(other sites)";

/**
 * One host per tier (VM or bare metal) of each system hosted only at other sites, at the first free address of
 * the tier's pool there, each on a spare VLAN behind the enforcer the interconnect enters at.
 */
function remoteHostsOf(inventory: Inventory, province: Province, site: string, entry: string, vlans: number[]): CaseHost[] {
  const out: CaseHost[] = [];
  for (const system of inventory.systems.filter((s) => !s.sites.includes(site))) {
    for (const other of [...system.sites].sort()) {
      const plan = province.addressPlan.sites.find((p) => p.site === other);
      if (!plan) continue;
      for (const t of system.tiers.filter((x) => x.form !== "container")) {
        const subnet = tierSubnets({ inventory, plan }, system, t.name)[0];
        if (!subnet) continue;
        const taken = new Set<string>();
        out.push({
          name: `${system.id}/${t.name}@${other}`,
          tier: `${system.id}/${t.name}`,
          zone: OTHER_SITES,
          enforcer: entry,
          vlan: vlans.shift()!,
          ipv4: `${poolAddress(subnet, "ipv4", taken)}/${len(subnet.ipv4.prefix)}`,
          ipv6: `${poolAddress(subnet, "ipv6", taken)}/${len(subnet.ipv6.prefix)}`,
          gateway4: subnet.ipv4.gateway,
          gateway6: subnet.ipv6.gateway,
        });
      }
    }
  }
  return out;
}

/** True for a host outside the site (the Internet, another site): two of them never meet here. */
const outside = (h: CaseHost): boolean => h.tier === "internet" || h.zone === OTHER_SITES;

/** The `n`-th address of a pool not in `taken` (pool start first). */
function poolAddress(subnet: SubnetPlan, family: ProbeFamily, taken: Set<string>): string {
  const start = parseAddress(subnet[family].pool.start)!.value;
  for (let k = 0n; k < 4096n; k++) {
    const a = formatAddress(family, start + k);
    if (!taken.has(a)) {
      taken.add(a);
      return a;
    }
  }
  throw new Error(`no free ${family} address in ${subnet[family].prefix}`);
}

function hostsOf(inventory: Inventory, province: Province, site: string, instances: ReturnType<typeof compileSite>["placements"]["instances"], published: Set<string>, perTier: number): CaseHost[] {
  const plan = province.addressPlan.sites.find((s) => s.site === site)!;
  const zones = new Map(inventory.zones.filter((z) => z.site === site).map((z) => [z.id, z]));
  const taken = new Set(instances.flatMap((i) => [i.ipv4, ...(i.ipv6 ? [i.ipv6] : [])]));
  const out: CaseHost[] = [];
  for (const system of inventory.systems) {
    if (!system.sites.includes(site)) continue;
    for (const t of system.tiers) {
      if (t.form === "container") continue; // pods: the NetworkPolicy layer, not the firewall's
      const subnet = tierSubnets({ inventory, plan }, system, t.name)[0];
      const zone = zones.get(t.zone);
      if (!subnet || !zone) continue;
      const name = `${system.id}/${t.name}`;
      const place = (n: number, ipv4: string, ipv6: string): void => {
        out.push({
          name: `${name}#${n}`,
          tier: name,
          zone: zone.id,
          enforcer: zone.enforcedBy,
          vlan: subnet.vlanId,
          ipv4: `${ipv4}/${len(subnet.ipv4.prefix)}`,
          ipv6: `${ipv6}/${len(subnet.ipv6.prefix)}`,
          gateway4: subnet.ipv4.gateway,
          gateway6: subnet.ipv6.gateway,
        });
      };
      if (t.form === "vm") {
        const mine = instances.filter((i) => i.system === system.id && i.tier === t.name).sort((a, b) => a.key.localeCompare(b.key));
        // A SLAAC subnet's address comes from the MAC, unknown before the port exists: any pool address of the subnet stands for it.
        mine.slice(0, published.has(name) ? mine.length : perTier).forEach((i, n) => place(n + 1, i.ipv4, i.ipv6 ?? poolAddress(subnet, "ipv6", taken)));
      } else {
        place(1, poolAddress(subnet, "ipv4", taken), poolAddress(subnet, "ipv6", taken));
      }
    }
  }
  return out;
}

/**
 * A host on the VLAN of the first VM tier that is the source of a flow to a tier, at an address of the
 * subnet's pool that no instance holds: what a stranger on that segment may reach.
 */
function impostorOf(inventory: Inventory, plan: SitePlan, hosts: readonly CaseHost[], instances: ReturnType<typeof compileSite>["placements"]["instances"]): CaseHost | undefined {
  const vmTiers = new Set(instances.map((i) => `${i.system}/${i.tier}`));
  const source = inventory.flows
    .filter((f) => f.from.system !== undefined && f.from.tier !== undefined && f.to.system !== undefined)
    .map((f) => hosts.find((h) => h.tier === `${f.from.system}/${f.from.tier}` && vmTiers.has(h.tier)))
    .find((h) => h !== undefined);
  const subnet = source && plan.subnets.find((s) => s.vlanId === source.vlan && s.zone === source.zone);
  if (!source || !subnet) return undefined;
  const taken = new Set([...instances.flatMap((i) => [i.ipv4, ...(i.ipv6 ? [i.ipv6] : [])]), ...hosts.flatMap((h) => [bare(h.ipv4), bare(h.ipv6)])]);
  return { ...source, name: `${source.tier}#impostor`, impostor: true, ipv4: `${poolAddress(subnet, "ipv4", taken)}/${len(subnet.ipv4.prefix)}`, ipv6: `${poolAddress(subnet, "ipv6", taken)}/${len(subnet.ipv6.prefix)}` };
}

/**
 * The enforcers a packet between two hosts crosses, per the contract (ruleBaseTypes.ts), from the
 * inventory: none on one VLAN; else the source's enforcer, then the destination's, each once.
 */
export function pathBetween(a: CaseHost, b: CaseHost): string[] {
  if (a.vlan === b.vlan) return [];
  return [...new Set([a.enforcer, b.enforcer])];
}

/**
 * The expected verdict: every rule base on the path accepts the packet (first match; none: deny).
 * @param bases rule bases by device
 */
export function expectedVerdict(bases: ReadonlyMap<string, RuleBase>, a: CaseHost, b: CaseHost, p: Packet): "allow" | "deny" {
  return pathBetween(a, b).every((d) => {
    const rb = bases.get(d);
    if (!rb) throw new Error(`no rule base for enforcer ${d}`);
    return oracleVerdict(rb, p).action === "accept";
  })
    ? "allow"
    : "deny";
}

/** The hosts a flow endpoint stands for here. */
function endpointHosts(ep: Flow["from"], hosts: readonly CaseHost[]): CaseHost[] {
  if (ep.external !== undefined) return ep.external === "internet" ? hosts.filter((h) => h.tier === "internet") : [];
  if (ep.zone !== undefined) return hosts.filter((h) => h.zone === ep.zone && h.tier !== "internet");
  if (ep.system !== undefined) return hosts.filter((h) => !h.impostor && h.tier.startsWith(`${ep.system}/`) && (ep.tier === undefined || h.tier === `${ep.system}/${ep.tier}`));
  return [];
}

/**
 * Builds the case of one site of a loaded province.
 * @param province a province loaded by `loadProvince`
 * @param site the site id
 * @param options how much to probe
 */
export function compiledCase(province: Province, site: string, options: CompiledCaseOptions = {}): CompiledCase {
  const { inventory } = province;
  const plan = province.addressPlan.sites.find((s) => s.site === site);
  if (!plan) throw new Error(`no site ${site} in the address plan`);
  const compiled = compileSite(inventory, plan, { province: province.addressPlan, asOf: province.asOf });
  const bases = new Map(compiled.ruleBases.map((rb) => [rb.device, rb]));
  const entry = compiled.ruleBases.find((rb) => rb.externals.includes("internet"));
  if (!entry) throw new Error(`site ${site} has no enforcer the Internet enters at`);
  const nat = entry.nat;
  const published = new Set(nat.map((n) => `${n.system}/${n.tier}`));
  const [outsideVlan, transitVlan, ...otherVlans] = spareVlans(new Set(inventory.zones.flatMap((z) => z.vlans.map((v) => v.id))));
  const internetHost: CaseHost = { name: "internet", tier: "internet", zone: "internet", enforcer: entry.device, vlan: outsideVlan, ipv4: INTERNET.ipv4, ipv6: INTERNET.ipv6, gateway4: INTERNET.gw4, gateway6: INTERNET.gw6 };
  const placed = hostsOf(inventory, province, site, compiled.placements.instances, published, options.instancesPerTier ?? 2);
  const impostor = impostorOf(inventory, plan, placed, compiled.placements.instances);
  const entryOfSites = interconnectEntry(inventory, site);
  const remote = entryOfSites === undefined ? [] : remoteHostsOf(inventory, province, site, entryOfSites, otherVlans);
  const hosts = [...placed, ...remote, ...(impostor ? [impostor] : []), internetHost];

  const enforcers: EnforcerSpec[] = compiled.ruleBases.map((rb) => {
    const vlans = plan.subnets
      .filter((s) => rb.zones.includes(s.zone))
      .map((s) => ({ vlan: s.vlanId, ipv4: `${s.ipv4.gateway}/${len(s.ipv4.prefix)}`, ipv6: `${s.ipv6.gateway}/${len(s.ipv6.prefix)}` }));
    if (rb === entry) vlans.push({ vlan: outsideVlan, ipv4: `${INTERNET.gw4}/24`, ipv6: `${INTERNET.gw6}/64` });
    // The other sites' VLANs, as the interconnect delivers them: the enforcer it enters at routes them.
    for (const h of remote.filter((x) => x.enforcer === rb.device)) vlans.push({ vlan: h.vlan, ipv4: `${h.gateway4}/${len(h.ipv4)}`, ipv6: `${h.gateway6}/${len(h.ipv6)}` });
    return { device: rb.device, nft: renderNftables(rb), vlans, outside: rb === entry };
  });
  const transit = { vlan: transitVlan, ipv4: {} as Record<string, string>, ipv6: {} as Record<string, string> };
  compiled.ruleBases.forEach((rb, i) => {
    transit.ipv4[rb.device] = `100.64.255.${i + 1}/24`;
    transit.ipv6[rb.device] = `fd00:64:ffff::${i + 1}/64`;
  });

  const probes: ProbeSpec[] = [];
  const seen = new Set<string>();
  const probe = (a: CaseHost, b: CaseHost, family: ProbeFamily, protocol: "tcp" | "udp" | "icmp", port: number | undefined, why: string): ProbeSpec => {
    const packet: Packet = { family, src: bare(a[family]), dst: bare(b[family]), protocol, port };
    // Published IPv4 services are dialled from the Internet on their public address; the rule base sees the private one.
    const dnat = a === internetHost && family === "ipv4" && protocol !== "icmp" ? nat.find((n) => n.protocol === protocol && n.port === port && n.translatedTo.includes(packet.dst)) : undefined;
    return { from: a.name, to: b.name, target: dnat ? dnat.publicAddress : packet.dst, family, protocol, port, expected: expectedVerdict(bases, a, b, packet), why };
  };
  const add = (p: ProbeSpec): boolean => {
    const k = `${p.from}|${p.to}|${p.family}|${p.protocol}|${p.port ?? ""}`;
    if (seen.has(k)) return false;
    seen.add(k);
    probes.push(p);
    return true;
  };
  const rnd = lcg(11);
  const services = new Map(inventory.services.map((s) => [s.name, s]));
  const pairsPerFlow = options.pairsPerFlow ?? 3;
  for (const f of inventory.flows) {
    const pairs = endpointHosts(f.from, hosts).flatMap((a) => endpointHosts(f.to, hosts).filter((b) => b !== a && !(outside(a) && outside(b))).map((b) => [a, b] as const));
    for (const name of f.services) {
      const s = services.get(name)!;
      const protocol = s.protocol === "any" ? "tcp" : s.protocol;
      const port = protocol === "icmp" ? undefined : (s.port ?? s.portMin);
      for (const family of ["ipv4", "ipv6"] as const) {
        const pool = [...pairs];
        for (let k = 0; k < pairsPerFlow && pool.length > 0; k++) {
          const [a, b] = pool.splice(Math.floor(rnd() * pool.length), 1)[0];
          add(probe(a, b, family, protocol, port, `flow ${f.name}`));
        }
      }
    }
  }
  // The impostor sends what its tier may: the rule bases name tiers by their hosts' addresses, so the verdict tells them apart.
  if (impostor) {
    for (const f of inventory.flows) {
      if (!endpointHosts(f.from, hosts).some((h) => h.tier === impostor.tier)) continue;
      for (const b of endpointHosts(f.to, hosts).slice(0, 1)) {
        for (const name of f.services) {
          const s = services.get(name)!;
          const protocol = s.protocol === "any" ? "tcp" : s.protocol;
          for (const family of ["ipv4", "ipv6"] as const) add(probe(impostor, b, family, protocol, protocol === "icmp" ? undefined : (s.port ?? s.portMin), `impostor of ${f.name}`));
        }
      }
    }
  }
  // From the Internet: each published port of each instance of a published tier, over IPv4 (the public
  // address where the rule base translates it) and IPv6 (routed to the instance); then, per family, each
  // internal zone's first host on a port a declared flow opens to it, which the Internet must not reach.
  for (const system of inventory.systems) {
    for (const t of system.tiers) {
      for (const b of placed.filter((h) => h.tier === `${system.id}/${t.name}`)) {
        for (const pub of t.publish) for (const family of ["ipv4", "ipv6"] as const) add(probe(internetHost, b, family, pub.protocol, pub.port, `published ${b.tier} ${pub.protocol}/${pub.port}`));
      }
    }
  }
  const kinds = new Map(inventory.zones.map((z) => [z.id, z.kind]));
  for (const z of inventory.zones.filter((x) => x.site === site && !OUTWARD_KINDS.has(x.kind))) {
    const b = placed.filter((h) => h.zone === z.id).sort((x, y) => x.name.localeCompare(y.name))[0];
    const opened = b && inventory.flows.find((f) => endpointHosts(f.to, hosts).includes(b) && f.from.external === undefined);
    const s = opened && services.get(opened.services[0]);
    if (!b || !s) continue;
    const protocol = s.protocol === "any" ? "tcp" : s.protocol;
    for (const family of ["ipv4", "ipv6"] as const) add(probe(internetHost, b, family, protocol, protocol === "icmp" ? undefined : (s.port ?? s.portMin), `internet → ${kinds.get(z.id)} zone ${z.id}`));
  }
  // The other sites towards the first host of every zone here, and back, on a port no service names: the
  // interconnect carries only what a flow declares.
  for (const r of remote) {
    for (const z of inventory.zones.filter((x) => x.site === site)) {
      const b = placed.filter((h) => h.zone === z.id).sort((x, y) => x.name.localeCompare(y.name))[0];
      if (!b) continue;
      for (const family of ["ipv4", "ipv6"] as const) {
        add(probe(r, b, family, "tcp", 3389, `${r.name} → zone ${z.id}`));
        add(probe(b, r, family, "tcp", 3389, `zone ${z.id} → ${r.name}`));
      }
    }
  }
  // Denied sample: random pairs, the inventory's services and ports no service names.
  const menu: Array<["tcp" | "udp" | "icmp", number | undefined]> = [
    ...inventory.services.map((s): ["tcp" | "udp" | "icmp", number | undefined] => (s.protocol === "icmp" ? ["icmp", undefined] : [s.protocol === "any" ? "tcp" : s.protocol, s.port ?? s.portMin])),
    ["tcp", 3389],
    ["udp", 514],
    ["icmp", undefined],
  ];
  const want = options.deniedSample ?? 160;
  let denied = 0;
  for (let tries = 0; denied < want && tries < want * 50; tries++) {
    const a = hosts[Math.floor(rnd() * hosts.length)];
    const b = hosts[Math.floor(rnd() * hosts.length)];
    if (a === b || (outside(a) && outside(b))) continue;
    const [protocol, port] = menu[Math.floor(rnd() * menu.length)];
    const p = probe(a, b, denied % 2 === 0 ? "ipv4" : "ipv6", protocol, port, "denied sample");
    if (p.expected === "deny" && add(p)) denied++;
  }
  return { label: `${inventory.province.code}/${site}: compiled rule bases (${compiled.ruleBases.map((r) => r.device).join(", ")}), oracle verdicts`, enforcers, transit, hosts, probes, ruleBases: compiled.ruleBases };
}
