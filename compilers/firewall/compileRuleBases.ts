/**
 * The firewall rule base of every enforcing device at a site, compiled from the same resolved flow
 * intent as the security groups and NetworkPolicies. Semantics and path: `ruleBaseTypes.ts`.
 *
 * Layout of one rule base: one section per ordered pair of parties (zones, and the outside networks that
 * enter at this device) whose traffic crosses the device — a section holds the accept rules of the flows
 * between the two and ends with a deny-and-log of the pair; the whole base ends with one more. Sections
 * never overlap (zone blocks, TSLCD prefixes and the Internet are disjoint), so first-match over the flat
 * list is exactly "the section of the packet's pair decides".
 */
import type { Inventory } from "../../inventory/model";
import { HTTP_PORTS } from "../../inventory/loader/rules/boundaries";
import type { AddressPlan, SitePlan } from "../../inventory/addressing/types";
import { internetPrefixes } from "../../inventory/addressing/provinceSpace";
import type { ResolvedEndpoint, ResolvedRule } from "../flows/types";
import type { InstanceSpec } from "../openstack/placements";
import { enforcerMap, enforcersOnPath, partyName, type EnforcerMap, type Party } from "./enforcers";
import type { AddressObject, FirewallPlatform, FirewallRule, FlowSource, NatRule, RuleBase, RuleFamily, ServiceObject } from "./ruleBaseTypes";


/** What the compiler needs. */
export interface RuleBaseInput {
  inventory: Inventory;
  /** The site's address plan. */
  sitePlan: SitePlan;
  /** The whole province's plan (the Internet is what lies outside it). */
  province: AddressPlan;
  /** The site's resolved rules (flows in force, both families). */
  rules: readonly ResolvedRule[];
  /** The site's VM instances (destination NAT targets of published tiers). */
  instances: readonly InstanceSpec[];
}

/** The party a rule endpoint stands for: its zone, or the outside network it names. */
export function partyOf(ep: ResolvedEndpoint): Party | undefined {
  if (ep.kind === "internet") return { external: "internet" };
  if (ep.kind === "tier") return { zone: ep.zone };
  if (ep.kind === "remote") return { external: "interconnect" };
  if (ep.label.startsWith("zone:")) return { zone: ep.label.slice(5) };
  if (ep.zone !== undefined) return { zone: ep.zone };
  // National platforms are reached over the TSLCD: they enter where it does, as a subset of its prefixes.
  // Narrowed TSLCD ends (`tslcd:II`, `tslcd:I/ministries`, `tslcd:agencies=…`) are the same network.
  if (ep.label === "tslcd" || ep.label.startsWith("tslcd:") || ep.label === "national-platforms") return { external: "tslcd" };
  return undefined;
}

/** The address object an endpoint is written as. */
export function objectName(ep: ResolvedEndpoint): string {
  if (ep.kind === "internet") return "internet";
  if (ep.kind === "tier") return `tier:${ep.label}`;
  return ep.label;
}

/** The object standing for a whole party (a section's closing deny names it). */
function partyObject(p: Party): string {
  return "zone" in p ? `zone:${p.zone}` : p.external;
}

/** A service object's name from its content: `tcp-443`, `udp-8400-8403`, `icmp`, `any`. */
export function serviceName(rule: Pick<ResolvedRule, "protocol" | "portMin" | "portMax">): string {
  if (rule.protocol === "icmp" || rule.protocol === "any") return rule.protocol;
  return rule.portMin === rule.portMax ? `${rule.protocol}-${rule.portMin}` : `${rule.protocol}-${rule.portMin}-${rule.portMax}`;
}

function familyOfPrefix(p: string): RuleFamily {
  return p.includes(":") ? "ipv6" : "ipv4";
}

function sortedUnique(xs: Iterable<string>): string[] {
  return [...new Set(xs)].sort();
}

/** Members of an enforcer (an HA group or a single device) and its platform. */
function enforcerDevices(inventory: Inventory, site: string, enforcer: string): { members: string[]; platform: FirewallPlatform } {
  const members = inventory.devices.filter((d) => d.site === site && (d.haGroup === enforcer || d.name === enforcer)).sort((a, b) => a.name.localeCompare(b.name));
  const platform = members.find((d) => d.firewallPlatform !== undefined)?.firewallPlatform ?? "appliance";
  return { members: members.map((d) => d.name), platform };
}

/**
 * Every party of a site: its zones, then the outside networks entering there (the interconnect only where a
 * flow crosses it, so a site without one keeps its rule bases as they were).
 */
function partiesOf(map: EnforcerMap, interconnect: boolean): Party[] {
  const zones: Party[] = [...map.zoneEnforcer.keys()].sort().map((zone) => ({ zone }));
  const networks = (["internet", "tslcd"] as const).filter((n) => map.externalEntry[n] !== undefined);
  // The other sites are a party wherever a flow crosses to them, even at a site with no zone for them to enter
  // by (no TSLCD or edge zone): the zones' own enforcers then hold the sections.
  return [...zones, ...networks.map((external): Party => ({ external })), ...(interconnect ? [{ external: "interconnect" } as const] : [])];
}

/**
 * The province's other sites as one address object: every zone block of theirs (their tiers' VLANs inside),
 * what reaches this site over the interconnect.
 * @param province the province's plan
 * @param site this site
 */
export function otherSitesObject(province: AddressPlan, site: string): AddressObject {
  const others = province.sites.filter((p) => p.site !== site);
  return {
    name: "interconnect",
    kind: "sites",
    description: `The province's other sites over the interconnect / các điểm khác của tỉnh qua kết nối liên trung tâm: ${others.map((p) => p.site).sort().join(", ")}`,
    ipv4: sortedUnique(others.flatMap((p) => p.zones.map((z) => z.ipv4))),
    ipv6: sortedUnique(others.flatMap((p) => p.zones.map((z) => z.ipv6))),
  };
}

/** The rules and objects being assembled for one device. */
/** One accept rule being gathered: a source and destination object in a section, and what it allows. */
interface Accept {
  section: { from: string; to: string };
  src: string;
  dst: string;
  services: Set<string>;
  families: Set<RuleFamily>;
  flows: Set<string>;
}

interface Draft {
  objects: Map<string, AddressObject>;
  services: Map<string, ServiceObject>;
  accepts: Map<string, Accept>;
}

/**
 * Compiles the rule base of every enforcer of a site (sorted by device). Pure and deterministic: the order
 * of the inventory's lists never shows. Exported for testing.
 * @param input inventory, plans, resolved rules, instances
 */
export function compileRuleBases(input: RuleBaseInput): RuleBase[] {
  const { inventory, sitePlan } = input;
  const site = sitePlan.site;
  const map = enforcerMap(inventory, site);
  const internet = internetPrefixes(input.province);
  const drafts = new Map<string, Draft>();
  const draft = (device: string): Draft => {
    let d = drafts.get(device);
    if (!d) drafts.set(device, (d = { objects: new Map(), services: new Map(), accepts: new Map() }));
    return d;
  };
  const devices = sortedUnique([...map.zoneEnforcer.values(), ...Object.values(map.externalEntry).filter((x): x is string => x !== undefined)]);
  // Every device knows every zone and outside network it may name (closing denies name them all).
  const baseObjects: AddressObject[] = [
    ...sitePlan.zones.map((z): AddressObject => ({ name: `zone:${z.zone}`, kind: "zone", description: `zone ${z.zone}`, ipv4: [z.ipv4], ipv6: [z.ipv6] })),
    { name: "internet", kind: "internet", description: "Internet: everything outside the province's own space / mọi địa chỉ ngoài không gian của tỉnh", ipv4: internet.ipv4, ipv6: internet.ipv6 },
    {
      name: "tslcd",
      kind: "tslcd",
      description: "TSLCD: the carrier's prefixes for the site / mạng truyền số liệu chuyên dùng",
      ipv4: sitePlan.tslcd.map((t) => t.prefix).filter((p) => familyOfPrefix(p) === "ipv4"),
      ipv6: sitePlan.tslcd.map((t) => t.prefix).filter((p) => familyOfPrefix(p) === "ipv6"),
    },
  ];
  const interconnect = input.rules.some((r) => r.from.kind === "remote" || r.to.kind === "remote");
  if (interconnect) baseObjects.push(otherSitesObject(input.province, site));
  for (const dev of devices) for (const o of baseObjects) draft(dev).objects.set(o.name, o);
  const baseNames = new Set(baseObjects.map((o) => o.name));

  const addObject = (d: Draft, ep: ResolvedEndpoint): string => {
    const name = objectName(ep);
    const existing = d.objects.get(name);
    const o: AddressObject = existing ?? { name, kind: ep.kind === "tier" ? "tier" : ep.kind === "remote" ? "remote" : ep.label === "national-platforms" ? "national" : ep.kind === "internet" ? "internet" : ep.label.startsWith("zone:") ? "zone" : ep.zone !== undefined ? "host" : "tslcd", description: ep.label, ipv4: [], ipv6: [] };
    // Base objects (zones, Internet, the whole TSLCD) are complete; any other collects its prefixes over
    // every rule naming it, in both families (a rule is resolved per family).
    if (!baseNames.has(name)) {
      for (const p of ep.prefixes) {
        const list = familyOfPrefix(p) === "ipv4" ? o.ipv4 : o.ipv6;
        if (!list.includes(p)) list.push(p);
      }
    }
    d.objects.set(name, o);
    return name;
  };

  for (const rule of input.rules) {
    const from = partyOf(rule.from);
    const to = partyOf(rule.to);
    if (!from || !to) continue;
    for (const device of enforcersOnPath(map, from, to)) {
      const d = draft(device);
      const src = addObject(d, rule.from);
      const dst = addObject(d, rule.to);
      const svc = serviceName(rule);
      d.services.set(svc, { name: svc, protocol: rule.protocol, ...(rule.portMin !== undefined ? { portMin: rule.portMin, portMax: rule.portMax } : {}) });
      const section = { from: partyName(from), to: partyName(to) };
      const key = `${section.from}>${section.to}:${src}>${dst}`;
      let a = d.accepts.get(key);
      if (!a) d.accepts.set(key, (a = { section, src, dst, services: new Set(), families: new Set(), flows: new Set() }));
      a.services.add(svc);
      a.families.add(rule.family);
      a.flows.add(rule.flow);
    }
  }

  const ips = inventory.security.ipsProfile;
  const logTarget = inventory.security.siemCollector;
  const parties = partiesOf(map, interconnect);
  const out: RuleBase[] = [];
  for (const device of devices) {
    const d = draft(device);
    const rules: FirewallRule[] = [];
    // Accepts grouped by section once: scanning them all per zone pair grows with zones² × accepts.
    const bySection = new Map<string, Array<[string, Accept]>>();
    for (const entry of d.accepts.entries()) {
      const k = `${entry[1].section.from}>${entry[1].section.to}`;
      const list = bySection.get(k);
      if (list) list.push(entry);
      else bySection.set(k, [entry]);
    }
    for (const p of parties) {
      for (const q of parties) {
        if (!enforcersOnPath(map, p, q).includes(device)) continue;
        const section = { from: partyName(p), to: partyName(q) };
        const accepts = (bySection.get(`${section.from}>${section.to}`) ?? []).sort(([x], [y]) => x.localeCompare(y));
        for (const [key, a] of accepts) {
          const flows = [...a.flows].sort();
          rules.push({
            id: key,
            section,
            action: "accept",
            families: (["ipv4", "ipv6"] as const).filter((f) => a.families.has(f)),
            sources: [a.src],
            destinations: [a.dst],
            services: [...a.services].sort(),
            ips,
            log: true,
            flows: flows.map((flow): FlowSource => ({ flow })),
            comment: `${section.from} → ${section.to}: ${flows.join(", ")}`,
          });
        }
        rules.push({
          id: `deny:${section.from}>${section.to}`,
          section,
          action: "deny",
          families: ["ipv4", "ipv6"],
          sources: [partyObject(p)],
          destinations: [partyObject(q)],
          services: [],
          log: true,
          flows: [],
          comment: `${section.from} → ${section.to}: everything not allowed above is denied and logged`,
        });
      }
    }
    rules.push({ id: "deny:all", section: { from: "any", to: "any" }, action: "deny", families: ["ipv4", "ipv6"], sources: [], destinations: [], services: [], log: true, flows: [], comment: "whatever no section holds is denied and logged" });
    const { members, platform } = enforcerDevices(inventory, site, device);
    out.push({
      schema: "hatang.rulebase/v1",
      site,
      device,
      members,
      platform,
      zones: [...map.zoneEnforcer.entries()].filter(([, e]) => e === device).map(([z]) => z).sort(),
      externals: (["internet", "tslcd", "national-platforms", ...(interconnect ? (["interconnect"] as const) : [])] as const).filter((n) => map.externalEntry[n] === device),
      ipsProfile: ips,
      ...(logTarget !== undefined ? { logTarget } : {}),
      addresses: [...d.objects.values()].map((o) => ({ ...o, ipv4: [...o.ipv4].sort(), ipv6: [...o.ipv6].sort() })).sort((a, b) => a.name.localeCompare(b.name)),
      services: [...d.services.values()].sort((a, b) => a.name.localeCompare(b.name)),
      rules,
      nat: map.externalEntry.internet === device ? natRules(input) : [],
    });
  }
  return out;
}

/**
 * Destination NAT of every published tier of the site: its public IPv4 address, each published port, to
 * its instances' addresses. Exported for testing.
 * @param input the compiler's input
 */
export function natRules(input: RuleBaseInput): NatRule[] {
  const out: NatRule[] = [];
  for (const pub of input.sitePlan.published ?? []) {
    const system = input.inventory.systems.find((s) => s.id === pub.system);
    const tier = system?.tiers.find((t) => t.name === pub.tier);
    if (!tier) continue;
    const targets = input.instances.filter((i) => i.system === pub.system && i.tier === pub.tier).map((i) => i.ipv4).sort();
    for (const p of tier.publish) {
      out.push({
        id: `dnat:${pub.system}/${pub.tier}/${p.protocol}-${p.port}`,
        publicAddress: pub.ipv4,
        protocol: p.protocol,
        port: p.port,
        translatedTo: targets,
        system: pub.system,
        tier: pub.tier,
        waf: p.protocol === "tcp" && HTTP_PORTS.includes(p.port),
      });
    }
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * The rule base with each rule's flows pointing at the file and line that declares them. Positions stay
 * out of the plan (re-ordering a file must not change a resource) and are added where people read the
 * rule base: the rendered files. Pure.
 * @param rb a compiled rule base
 * @param sources where each flow is written, by flow name
 */
export function withFlowSources(rb: RuleBase, sources: Readonly<Record<string, { file: string; line: number }>>): RuleBase {
  return { ...rb, rules: rb.rules.map((r) => ({ ...r, flows: r.flows.map((f) => (sources[f.flow] ? { flow: f.flow, file: sources[f.flow].file, line: sources[f.flow].line } : f)) })) };
}
