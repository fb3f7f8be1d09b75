/**
 * Probe-level answers: one concrete packet (source, destination, protocol, port, family) through every
 * layer of the plan, with the rule that decided at each enforcement point. The dataplane test compares
 * the real kernel's verdicts with these, probe by probe; `npm run explain` prints them.
 */
import { parseIp, type Family } from "./addresses";
import type { Endpoint, Host, Location } from "./endpointTypes";
import { evaluateHostPair, type PairVerdict } from "./evaluate";
import type { FlowLocation, SiteIntent } from "./intent/resolver";
import { hasPort, type Proto } from "./portSet";
import { PrefixTrie } from "./prefixTrie";
import { subnetTrie } from "./endpoints";
import type { SiteModel } from "./siteProof";
import { internetRanges } from "./intent/externals";
import type { EnforcementLayer } from "./verdictTypes";

/** A packet to probe. */
export interface ProbeRequest {
  /** Source: an address, or an endpoint id (`tier:<system>/<tier>`, `zone:<zone>`, `internet`, `tslcd:<prefix>`). */
  from: string;
  /** Destination: same forms; a published public IPv4 address is translated as the edge does (destination NAT). */
  to: string;
  /** Protocol (`icmp` is echo request, v4 or v6). */
  protocol: Proto;
  /** Port (tcp, udp, sctp). */
  port?: number;
  /** Family (default: the addresses'; ipv4 for endpoint ids). */
  family?: Family;
}

/** What one enforcement point decided for the packet. */
export interface LayerDecision {
  /** The layer. */
  layer: EnforcementLayer;
  /** The enforcement point. */
  point: string;
  /** Its verdict. */
  verdict: "allow" | "deny";
  /** The rule that decided (absent: no rule matched, the point's default decided). */
  rule?: string;
  /** Where that rule is declared (URN, rule base rule). */
  ref?: string;
  /** Why, in words, when no rule decided. */
  because?: string;
  /** Flows recorded on the deciding rule, with where they are written. */
  flows: FlowLocation[];
}

/** The answer for one packet. */
export interface ProbeResult {
  /** Whether every layer lets it through. */
  allowed: boolean;
  /** Its family. */
  family: Family;
  /** The source host used. */
  from: { id: string; address?: string; endpoint?: string };
  /** The destination host used. */
  to: { id: string; address?: string; endpoint?: string };
  /** Destination NAT applied (public address → private one). */
  translated?: { from: string; to: string };
  /** Every enforcement point on the path, in order. */
  layers: LayerDecision[];
  /** Enforcing devices on the path without a rule base in the plan (they decided nothing). */
  missingRuleBases: string[];
  /** True when nothing at all enforces on the path. */
  unenforced: boolean;
}

/** A site prepared for probes. */
export interface ProbeModel {
  /** The site. */
  site: SiteModel;
  /** The intent (for flow locations), when known. */
  intent?: SiteIntent;
  /** Hosts by address. */
  byAddress: Map<string, { host: Host; endpoint: Endpoint }>;
  /** Site VLAN subnets and zone blocks, by prefix. */
  places: PrefixTrie<Location>;
  /** Neutron subnets by prefix. */
  subnets: PrefixTrie<string>;
}

/**
 * Prepares a site for probes.
 * @param site the site model
 * @param intent the site's intent (flow locations in answers)
 */
export function probeModel(site: SiteModel, intent?: SiteIntent): ProbeModel {
  const byAddress = new Map<string, { host: Host; endpoint: Endpoint }>();
  for (const e of site.endpoints) {
    for (const h of e.hosts) {
      for (const f of ["ipv4", "ipv6"] as const) {
        const a = h.address[f];
        // A port's own address wins over a sample that happens to share it.
        if (a !== undefined && (!byAddress.has(a) || h.port)) byAddress.set(a, { host: h, endpoint: e });
      }
    }
  }
  const places = new PrefixTrie<Location>();
  for (const z of site.sitePlan.zones) {
    places.insert(z.ipv4, { zone: z.zone, vlan: `${z.zone}/(outside VLANs)` });
    places.insert(z.ipv6, { zone: z.zone, vlan: `${z.zone}/(outside VLANs)` });
  }
  for (const s of site.sitePlan.subnets) for (const f of ["ipv4", "ipv6"] as const) places.insert(s[f].prefix, { zone: s.zone, vlan: `${s.zone}/${s.vlanName}` });
  for (const t of site.sitePlan.tslcd) places.insert(t.prefix, { external: "tslcd" });
  // The province's other sites are reached over the interconnect.
  for (const p of site.addressPlan.sites) if (p.site !== site.site) for (const z of p.zones) for (const f of ["ipv4", "ipv6"] as const) places.insert(z[f], { external: "interconnect" });
  return { site, intent, byAddress, places, subnets: subnetTrie(site.dp) };
}

/**
 * The host standing for an address or an endpoint id.
 * @param m the probe model
 * @param what address or endpoint id
 * @param family the family wanted
 */
export function hostFor(m: ProbeModel, what: string, family: Family): { host: Host; endpoint?: Endpoint } {
  const ip = parseIp(what);
  if (!ip) {
    const e = m.site.endpoints.find((x) => x.id === what);
    if (!e) throw new Error(`"${what}" is neither an address nor an endpoint of site ${m.site.site} (endpoints look like tier:<system>/<tier>, zone:<zone>, internet, tslcd:<prefix>)`);
    const h = e.hosts.find((x) => x.address[family] !== undefined);
    if (!h) throw new Error(`${what} has no ${family} address at site ${m.site.site}`);
    return { host: h, endpoint: e };
  }
  if (ip.family !== family) throw new Error(`${what} is not an ${family} address`);
  const known = m.byAddress.get(what);
  if (known) return known;
  const place = m.places.longest(ip);
  let location: Location | undefined = place;
  if (!location) {
    const outside = internetRanges(m.site.addressPlan, family).some((r) => r.lo <= ip.value && ip.value <= r.hi);
    if (!outside) throw new Error(`${what} belongs to the province but to no zone, VLAN or TSLCD prefix of site ${m.site.site}`);
    location = { external: "internet" };
  }
  const subnet = m.subnets.longest(ip);
  return { host: { id: what, address: { [family]: what }, subnetId: subnet !== undefined ? { [family]: subnet } : {}, location } };
}

function familyOfRequest(req: ProbeRequest): Family {
  if (req.family) return req.family;
  const ip = parseIp(req.from) ?? parseIp(req.to);
  return ip?.family ?? "ipv4";
}

/**
 * Destination NAT as the enforcing devices apply it: a public IPv4 address of a published service maps to
 * the private address of its first instance.
 * @param m the probe model
 * @param address the destination address
 * @param protocol the protocol
 * @param port the port
 */
export function translateDestination(m: ProbeModel, address: string, protocol: Proto, port: number | undefined): string | undefined {
  for (const rb of m.site.dp.ruleBases.byDevice.values()) {
    const nat = rb.ruleBase.nat;
    const hit = nat.find((n) => n.publicAddress === address && n.protocol === protocol && n.port === port);
    if (hit && hit.translatedTo.length > 0) return hit.translatedTo[0];
  }
  return undefined;
}

/**
 * Decides one point for one packet.
 * @param p the point's verdict for the host pair
 * @param protocol the protocol
 * @param port the port
 * @param locate where a flow is written
 */
export function decidePoint(p: PairVerdict["points"][number], protocol: Proto, port: number, locate: (flow: string) => FlowLocation): LayerDecision {
  const allowed = hasPort(p.allowed, protocol, port);
  const c = p.contributions.find((x) => hasPort(x.ports, protocol, port));
  if (c) return { layer: p.layer, point: p.point, verdict: allowed ? "allow" : "deny", rule: c.label, ref: c.ref, flows: c.flows.map(locate) };
  const because = p.otherwise === "allow" ? "no rule applies and nothing isolates this direction: allowed" : "no rule matches: denied by default";
  return { layer: p.layer, point: p.point, verdict: allowed ? "allow" : "deny", because, flows: [] };
}

/**
 * One packet through the plan.
 * @param m the probe model
 * @param req the packet
 */
export function probe(m: ProbeModel, req: ProbeRequest): ProbeResult {
  const family = familyOfRequest(req);
  const port = req.protocol === "icmp" ? 0 : req.port;
  if (port === undefined) throw new Error(`${req.protocol} needs a port`);
  const src = hostFor(m, req.from, family);
  const translatedTo = parseIp(req.to) ? translateDestination(m, req.to, req.protocol, port) : undefined;
  const dst = hostFor(m, translatedTo ?? req.to, family);
  const v = evaluateHostPair({ dp: m.site.dp, topo: m.site.topo, oracle: m.site.dp.direct }, src.host, dst.host, family);
  const locate = (flow: string): FlowLocation => m.intent?.locations.get(flow) ?? { flow };
  const layers = v.points.map((p) => decidePoint(p, req.protocol, port, locate));
  return {
    allowed: hasPort(v.allowed, req.protocol, port),
    family,
    from: { id: src.host.id, address: src.host.address[family], endpoint: src.endpoint?.id },
    to: { id: dst.host.id, address: dst.host.address[family], endpoint: dst.endpoint?.id },
    translated: translatedTo ? { from: req.to, to: translatedTo } : undefined,
    layers,
    missingRuleBases: v.missingRuleBases,
    unenforced: !v.enforced,
  };
}

