/**
 * A brute-force oracle for the proof: one concrete packet at a time, every layer written again from its
 * definition (security groups, FWaaS, zone firewall rule bases on the contract's path, Kubernetes
 * NetworkPolicy / AdminNetworkPolicy / BaselineAdminNetworkPolicy), over a scenario described as plain
 * data. It shares no code with the engine: not the plan readers, not the matchers, not port sets.
 */

export type Fam = "ipv4" | "ipv6";
export type Proto = "tcp" | "udp" | "sctp" | "icmp";

/** A packet. */
export interface Packet {
  family: Fam;
  proto: Proto;
  /** 0 for icmp. */
  port: number;
}

/** A host of a scenario. */
export interface SHost {
  id: string;
  v4: string;
  v6: string;
  zone?: string;
  vlan?: string;
  external?: "internet" | "tslcd" | "interconnect";
  /** Neutron subnet name per family (for FWaaS). */
  subnet?: { ipv4: string; ipv6: string };
  /** Security groups (a port). */
  groups?: string[];
  /** A pod. */
  pod?: { namespace: string; labels: Record<string, string>; ports: Array<{ name: string; port: number; protocol: "TCP" | "UDP" | "SCTP" }> };
}

export interface SgRule {
  group: string;
  direction: "ingress" | "egress";
  family: Fam;
  protocol?: "tcp" | "udp" | "sctp" | "icmp";
  min?: number;
  max?: number;
  prefix?: string;
  remoteGroup?: string;
}

export interface FwRule {
  family: Fam;
  protocol: "tcp" | "udp" | "icmp" | "any";
  ports?: [number, number];
  source?: string;
  destination?: string;
  action: "allow" | "deny";
}

export interface RbRule {
  action: "accept" | "deny";
  families: Fam[];
  sources: string[];
  destinations: string[];
  services: string[];
}

export interface RuleBaseSpec {
  device: string;
  objects: Record<string, string[]>;
  services: Record<string, { protocol: "tcp" | "udp" | "icmp" | "any"; min?: number; max?: number }>;
  rules: RbRule[];
}

export interface Selector {
  labels?: Record<string, string>;
  exists?: string;
}

export interface NpPeer {
  ipBlock?: { cidr: string; except: string[] };
  namespace?: Selector;
  pod?: Selector;
}

export interface NpPort {
  protocol?: "TCP" | "UDP" | "SCTP";
  port?: number | string;
  endPort?: number;
}

export interface NpSpec {
  namespace: string;
  name: string;
  podSelector: Selector;
  policyTypes?: Array<"Ingress" | "Egress">;
  ingress: Array<{ from?: NpPeer[]; ports?: NpPort[] }>;
  egress: Array<{ to?: NpPeer[]; ports?: NpPort[] }>;
}

export interface AdminPeerSpec {
  namespaces?: Selector;
  pods?: { namespace: Selector; pod: Selector };
  networks?: string[];
}

export interface AdminPortSpec {
  number?: { protocol: "TCP" | "UDP" | "SCTP"; port: number };
  range?: { protocol: "TCP" | "UDP" | "SCTP"; start: number; end: number };
  named?: string;
}

export interface AdminSpec {
  name: string;
  baseline: boolean;
  priority: number;
  subject: { namespaces?: Selector; pods?: { namespace: Selector; pod: Selector } };
  ingress: Array<{ action: "Allow" | "Deny" | "Pass"; peers: AdminPeerSpec[]; ports?: AdminPortSpec[] }>;
  egress: Array<{ action: "Allow" | "Deny" | "Pass"; peers: AdminPeerSpec[]; ports?: AdminPortSpec[] }>;
}

export interface Zone {
  id: string;
  kind: string;
  enforcer: string;
  virtualFirewall: boolean;
}

/** A whole scenario. */
export interface Scenario {
  zones: Zone[];
  hosts: SHost[];
  sg: SgRule[];
  /** The FWaaS group on the virtual-firewall zone's router ports (every routed subnet). */
  fwaas?: { ingress: FwRule[]; egress: FwRule[] };
  /** Subnets on that router. */
  routed: string[];
  ruleBases: RuleBaseSpec[];
  namespaces: Record<string, Record<string, string>>;
  networkPolicies: NpSpec[];
  admin: AdminSpec[];
}

function addr(text: string): { fam: Fam; v: bigint } {
  if (text.includes(":")) {
    const [head, tail] = text.split("::");
    const h = head ? head.split(":") : [];
    const t = tail !== undefined ? (tail ? tail.split(":") : []) : [];
    const parts = tail !== undefined ? [...h, ...Array(8 - h.length - t.length).fill("0"), ...t] : h;
    return { fam: "ipv6", v: parts.reduce((acc, p) => (acc << 16n) | BigInt(parseInt(p || "0", 16)), 0n) };
  }
  return { fam: "ipv4", v: text.split(".").reduce((acc, p) => (acc << 8n) | BigInt(Number(p)), 0n) };
}

/** True when the address lies in the prefix (never across families). */
export function inPrefix(address: string, prefix: string): boolean {
  const [p, len] = prefix.split("/");
  const a = addr(address);
  const n = addr(p);
  if (a.fam !== n.fam) return false;
  const bits = a.fam === "ipv4" ? 32 : 128;
  const shift = BigInt(bits - Number(len));
  return a.v >> shift === n.v >> shift;
}

function addressOf(h: SHost, f: Fam): string {
  return f === "ipv4" ? h.v4 : h.v6;
}

function selects(sel: Selector, labels: Record<string, string>): boolean {
  for (const [k, v] of Object.entries(sel.labels ?? {})) if (labels[k] !== v) return false;
  if (sel.exists !== undefined && !(sel.exists in labels)) return false;
  return true;
}

function nsLabels(s: Scenario, ns: string): Record<string, string> {
  return { ...(s.namespaces[ns] ?? {}), "kubernetes.io/metadata.name": ns };
}

function sgAllows(s: Scenario, host: SHost, direction: "ingress" | "egress", peer: SHost, p: Packet): boolean {
  return s.sg.some((r) => {
    if (!host.groups?.includes(r.group) || r.direction !== direction || r.family !== p.family) return false;
    if (r.protocol !== undefined && r.protocol !== p.proto) return false;
    if (r.protocol !== undefined && r.protocol !== "icmp" && r.min !== undefined && (p.port < r.min || p.port > (r.max ?? r.min))) return false;
    if (r.remoteGroup !== undefined) return peer.groups?.includes(r.remoteGroup) ?? false;
    if (r.prefix !== undefined) return inPrefix(addressOf(peer, p.family), r.prefix);
    return true;
  });
}

function npPortMatches(ports: NpPort[] | undefined, p: Packet, destination: SHost | undefined): boolean {
  if (!ports || ports.length === 0) return true;
  return ports.some((x) => {
    const proto = (x.protocol ?? "TCP").toLowerCase();
    if (proto !== p.proto) return false;
    if (x.port === undefined) return true;
    if (typeof x.port === "number") return p.port >= x.port && p.port <= (x.endPort ?? x.port);
    return destination?.pod?.ports.some((c) => c.name === x.port && c.protocol.toLowerCase() === p.proto && c.port === p.port) ?? false;
  });
}

function npPeerMatches(s: Scenario, peer: NpPeer, policyNs: string, remote: SHost, f: Fam): boolean {
  if (peer.ipBlock) {
    if (remote.pod) return false;
    const a = addressOf(remote, f);
    return inPrefix(a, peer.ipBlock.cidr) && !peer.ipBlock.except.some((x) => inPrefix(a, x));
  }
  if (!remote.pod) return false;
  if (peer.namespace) {
    if (!selects(peer.namespace, nsLabels(s, remote.pod.namespace))) return false;
  } else if (remote.pod.namespace !== policyNs) return false;
  return peer.pod ? selects(peer.pod, remote.pod.labels) : true;
}

function adminPortMatches(ports: AdminPortSpec[] | undefined, p: Packet, destination: SHost | undefined): boolean {
  if (!ports) return true;
  return ports.some((x) => {
    if (x.number) return x.number.protocol.toLowerCase() === p.proto && x.number.port === p.port;
    if (x.range) return x.range.protocol.toLowerCase() === p.proto && p.port >= x.range.start && p.port <= x.range.end;
    if (x.named !== undefined) return destination?.pod?.ports.some((c) => c.name === x.named && c.protocol.toLowerCase() === p.proto && c.port === p.port) ?? false;
    return false;
  });
}

function adminPeerMatches(s: Scenario, peer: AdminPeerSpec, remote: SHost, f: Fam): boolean {
  if (peer.namespaces) return remote.pod !== undefined && selects(peer.namespaces, nsLabels(s, remote.pod.namespace));
  if (peer.pods) return remote.pod !== undefined && selects(peer.pods.namespace, nsLabels(s, remote.pod.namespace)) && selects(peer.pods.pod, remote.pod.labels);
  if (peer.networks) return !remote.pod && peer.networks.some((n) => inPrefix(addressOf(remote, f), n));
  return false;
}

function subjectHolds(s: Scenario, a: AdminSpec, pod: NonNullable<SHost["pod"]>): boolean {
  if (a.subject.namespaces) return selects(a.subject.namespaces, nsLabels(s, pod.namespace));
  if (a.subject.pods) return selects(a.subject.pods.namespace, nsLabels(s, pod.namespace)) && selects(a.subject.pods.pod, pod.labels);
  return false;
}

function podAllows(s: Scenario, host: SHost, direction: "ingress" | "egress", peer: SHost, p: Packet): boolean {
  const pod = host.pod as NonNullable<SHost["pod"]>;
  const destination = direction === "ingress" ? host : peer.pod ? peer : undefined;
  const anps = s.admin.filter((a) => !a.baseline && subjectHolds(s, a, pod)).sort((x, y) => x.priority - y.priority || x.name.localeCompare(y.name));
  for (const a of anps) {
    for (const r of direction === "ingress" ? a.ingress : a.egress) {
      if (!r.peers.some((x) => adminPeerMatches(s, x, peer, p.family)) || !adminPortMatches(r.ports, p, destination)) continue;
      if (r.action === "Allow") return true;
      if (r.action === "Deny") return false;
      // Pass: straight to the NetworkPolicies.
      return networkPolicies(s, pod, host, direction, peer, p, destination);
    }
  }
  return networkPolicies(s, pod, host, direction, peer, p, destination);
}

function networkPolicies(s: Scenario, pod: NonNullable<SHost["pod"]>, host: SHost, direction: "ingress" | "egress", peer: SHost, p: Packet, destination: SHost | undefined): boolean {
  const type = direction === "ingress" ? "Ingress" : "Egress";
  const isolating = s.networkPolicies.filter((np) => {
    const types = np.policyTypes && np.policyTypes.length > 0 ? np.policyTypes : np.egress.length > 0 ? ["Ingress", "Egress"] : ["Ingress"];
    return np.namespace === pod.namespace && types.includes(type) && selects(np.podSelector, pod.labels);
  });
  if (isolating.length > 0) {
    return isolating.some((np) =>
      (direction === "ingress" ? np.ingress.map((r) => ({ peers: r.from, ports: r.ports })) : np.egress.map((r) => ({ peers: r.to, ports: r.ports }))).some(
        (r) => (!r.peers || r.peers.length === 0 || r.peers.some((x) => npPeerMatches(s, x, np.namespace, peer, p.family))) && npPortMatches(r.ports, p, destination),
      ),
    );
  }
  for (const b of s.admin.filter((a) => a.baseline && subjectHolds(s, a, pod))) {
    for (const r of direction === "ingress" ? b.ingress : b.egress) {
      if (!r.peers.some((x) => adminPeerMatches(s, x, peer, p.family)) || !adminPortMatches(r.ports, p, destination)) continue;
      return r.action === "Allow";
    }
  }
  void host;
  return true;
}

function fwaasPolicy(rules: FwRule[], src: SHost, dst: SHost, p: Packet): boolean {
  for (const r of rules) {
    if (r.family !== p.family) continue;
    if (r.protocol !== "any" && r.protocol !== p.proto) continue;
    if ((r.protocol === "tcp" || r.protocol === "udp") && r.ports && (p.port < r.ports[0] || p.port > r.ports[1])) continue;
    if (r.source && !inPrefix(addressOf(src, p.family), r.source)) continue;
    if (r.destination && !inPrefix(addressOf(dst, p.family), r.destination)) continue;
    return r.action === "allow";
  }
  return false;
}

function ruleBaseAllows(rb: RuleBaseSpec, src: SHost, dst: SHost, p: Packet): boolean {
  const inObjects = (h: SHost, names: string[]): boolean => names.length === 0 || names.some((n) => (rb.objects[n] ?? []).some((x) => inPrefix(addressOf(h, p.family), x)));
  for (const r of rb.rules) {
    if (!r.families.includes(p.family) || !inObjects(src, r.sources) || !inObjects(dst, r.destinations)) continue;
    const svcOk =
      r.services.length === 0 ||
      r.services.some((n) => {
        const sv = rb.services[n];
        if (!sv) return false;
        if (sv.protocol === "any") return true;
        if (sv.protocol !== p.proto) return false;
        if (sv.protocol === "icmp" || sv.min === undefined) return true;
        return p.port >= sv.min && p.port <= (sv.max ?? sv.min);
      });
    if (svcOk) return r.action === "accept";
  }
  return false;
}

function devices(s: Scenario, a: SHost, b: SHost): string[] {
  const zone = (id?: string): Zone | undefined => s.zones.find((z) => z.id === id);
  const entry = (e: string): string | undefined => (e === "internet" ? s.zones.find((z) => z.kind === "edge") : (s.zones.find((z) => z.kind === "tslcd") ?? s.zones.find((z) => z.kind === "edge")))?.enforcer;
  if (a.external && b.external) return [];
  if (a.vlan !== undefined && a.vlan === b.vlan) return [];
  if (a.zone !== undefined && a.zone === b.zone) return zone(a.zone)?.virtualFirewall ? [] : [zone(a.zone)?.enforcer as string];
  const x = a.external ? entry(a.external) : zone(a.zone)?.enforcer;
  const y = b.external ? entry(b.external) : zone(b.zone)?.enforcer;
  return [...new Set([x, y].filter((d): d is string => d !== undefined))];
}

/** What the oracle says of one packet: allowed, whether anything enforced on its path, and each layer's verdict in path order. */
export function oracle(s: Scenario, a: SHost, b: SHost, p: Packet): { allowed: boolean; enforced: boolean; layers: Array<{ layer: string; allowed: boolean }> } {
  const layers: Array<{ layer: string; allowed: boolean }> = [];
  if (a.groups) layers.push({ layer: "security-group", allowed: sgAllows(s, a, "egress", b, p) });
  else if (a.pod) layers.push({ layer: "network-policy", allowed: podAllows(s, a, "egress", b, p) });
  const inCluster = a.pod !== undefined && b.pod !== undefined;
  if (!inCluster) {
    const sa = a.subnet?.[p.family];
    const sb = b.subnet?.[p.family];
    if (sa === undefined || sa !== sb) {
      const onRouter = (x?: string): boolean => x !== undefined && s.routed.includes(x);
      if (onRouter(sa) && s.fwaas) layers.push({ layer: "fwaas", allowed: fwaasPolicy(s.fwaas.ingress, a, b, p) });
      if (onRouter(sb) && s.fwaas) layers.push({ layer: "fwaas", allowed: fwaasPolicy(s.fwaas.egress, a, b, p) });
    }
    for (const d of devices(s, a, b)) {
      const rb = s.ruleBases.find((x) => x.device === d);
      if (rb) layers.push({ layer: "zone-firewall", allowed: ruleBaseAllows(rb, a, b, p) });
    }
  }
  if (b.groups) layers.push({ layer: "security-group", allowed: sgAllows(s, b, "ingress", a, p) });
  else if (b.pod) layers.push({ layer: "network-policy", allowed: podAllows(s, b, "ingress", a, p) });
  return { allowed: layers.every((l) => l.allowed), enforced: layers.length > 0, layers };
}
