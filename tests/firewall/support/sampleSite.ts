/**
 * A hand-written site for the firewall tests and the dataplane suite, until the compiler lands: seven
 * zones behind three enforcers (edge: DMZ, Wi-Fi and the Internet; core: internal servers, management,
 * internal users; db: databases), two tiers in each zone, flows between them, and the rule base of each
 * enforcer written the way the contract describes (sections per zone pair in a fixed order, accept rules
 * carrying the IPS profile and logging, a deny-and-log closing each section and the whole base, NAT of the
 * published web tier). Nothing here comes from the compiler: it is the fixture the renderers are checked on.
 */
import { formatAddress } from "../../../inventory/addressing/address";
import type { AddressObject, FirewallRule, RuleBase, RuleFamily, ServiceObject } from "../../../compilers/firewall/ruleBaseTypes";

/** A zone of the sample site. */
export interface SampleZone {
  id: string;
  kind: string;
  enforcer: string;
  vlans: Array<{ id: number; ipv4: string; ipv6: string; gateway4: string; gateway6: string }>;
}

/** A tier: a named set of hosts on one VLAN of a zone. */
export interface SampleTier {
  name: string;
  zone: string;
  vlan: number;
  ipv4: string;
  ipv6: string;
}

const v = (id: number, n: number): SampleZone["vlans"][number] => ({ id, ipv4: `10.${n}.0.0/24`, ipv6: `2001:db8:${n.toString(16)}::/64`, gateway4: `10.${n}.0.1`, gateway6: `2001:db8:${n.toString(16)}::1` });

/** Zones: VLAN ids follow the example province's numbering. */
export const SAMPLE_ZONES: SampleZone[] = [
  { id: "dmz", kind: "dmz", enforcer: "fw-edge", vlans: [v(300, 30), v(301, 31)] },
  { id: "wireless", kind: "wireless", enforcer: "fw-edge", vlans: [v(1200, 120), v(1201, 121)] },
  { id: "internal-server", kind: "internal-server", enforcer: "fw-core", vlans: [v(400, 40), v(403, 43)] },
  { id: "management", kind: "management", enforcer: "fw-core", vlans: [v(600, 60), v(602, 62)] },
  { id: "internal", kind: "internal", enforcer: "fw-core", vlans: [v(110, 11), v(111, 12)] },
  { id: "db-server", kind: "db-server", enforcer: "fw-db", vlans: [v(500, 50), v(501, 51)] },
];

const host = (vlanNet: number, h: number): { ipv4: string; ipv6: string } => ({ ipv4: `10.${vlanNet}.0.${h}/32`, ipv6: `2001:db8:${vlanNet.toString(16)}::${h.toString(16)}/128` });

/** Two tiers per zone (one host address each). */
export const SAMPLE_TIERS: SampleTier[] = [
  { name: "portal/web", zone: "dmz", vlan: 300, ...host(30, 10) },
  { name: "mail/relay", zone: "dmz", vlan: 301, ...host(31, 20) },
  { name: "staff/clients", zone: "wireless", vlan: 1200, ...host(120, 30) },
  { name: "guest/clients", zone: "wireless", vlan: 1201, ...host(121, 40) },
  { name: "portal/app", zone: "internal-server", vlan: 400, ...host(40, 10) },
  { name: "idm/ldap", zone: "internal-server", vlan: 403, ...host(43, 10) },
  { name: "ops/jump", zone: "management", vlan: 602, ...host(62, 10) },
  { name: "ops/monitor", zone: "management", vlan: 602, ...host(62, 20) },
  { name: "infra/dns-ntp", zone: "management", vlan: 600, ...host(60, 53) },
  { name: "users/ops", zone: "internal", vlan: 110, ...host(11, 50) },
  { name: "users/ioc", zone: "internal", vlan: 111, ...host(12, 60) },
  { name: "portal/db", zone: "db-server", vlan: 500, ...host(50, 10) },
  { name: "dwh/db", zone: "db-server", vlan: 501, ...host(51, 20) },
];

/** The province's space (the Internet is its complement). */
export const SAMPLE_PROVINCE = { ipv4: ["10.0.0.0/8"], ipv6: ["2001:db8::/32"] };
/**
 * Prefixes of a family outside `inside`: split the space in halves until a half is clear of it.
 * @param inside the province's prefixes
 * @param bits 32 or 128
 */
function complement(inside: Array<[bigint, number]>, bits: number): Array<[bigint, number]> {
  const out: Array<[bigint, number]> = [];
  const walk = (net: bigint, len: number): void => {
    const end = net + (1n << BigInt(bits - len)) - 1n;
    const hits = inside.filter(([n, l]) => n <= end && n + (1n << BigInt(bits - l)) - 1n >= net);
    if (hits.length === 0) return void out.push([net, len]);
    if (hits.some(([n, l]) => l <= len && n <= net)) return;
    walk(net, len + 1);
    walk(net + (1n << BigInt(bits - len - 1)), len + 1);
  };
  walk(0n, 0);
  return out;
}
const v4text = ([n, l]: [bigint, number]): string => `${formatAddress("ipv4", n)}/${l}`;
const v6text = ([n, l]: [bigint, number]): string => `${formatAddress("ipv6", n)}/${l}`;

/** The Internet as prefixes: the complement of the province's space (10.0.0.0/8, 2001:db8::/32). */
export const INTERNET_OBJECT: AddressObject = {
  name: "internet",
  kind: "internet",
  description: "Internet (everything outside the province)",
  ipv4: complement([[10n << 24n, 8]], 32).map(v4text),
  ipv6: complement([[0x20010db8n << 96n, 32]], 128).map(v6text),
};
/** A public address of the published web tier (IPv4 destination NAT). */
export const PUBLIC_WEB = "203.0.113.10";

/** A flow of the sample: from/to are tier names, zone ids (`zone:<id>`) or `internet`. */
export interface SampleFlow {
  name: string;
  from: string;
  to: string;
  services: string[];
  families?: RuleFamily[];
}

export const SAMPLE_SERVICES: ServiceObject[] = [
  { name: "dns", protocol: "udp", portMin: 53, portMax: 53 },
  { name: "http", protocol: "tcp", portMin: 80, portMax: 80 },
  { name: "https", protocol: "tcp", portMin: 443, portMax: 443 },
  { name: "icmp", protocol: "icmp" },
  { name: "ldaps", protocol: "tcp", portMin: 636, portMax: 636 },
  { name: "ntp", protocol: "udp", portMin: 123, portMax: 123 },
  { name: "app-https", protocol: "tcp", portMin: 8443, portMax: 8443 },
  { name: "postgres", protocol: "tcp", portMin: 5432, portMax: 5432 },
  { name: "smtp", protocol: "tcp", portMin: 25, portMax: 25 },
  { name: "snmp", protocol: "udp", portMin: 161, portMax: 161 },
  { name: "ssh", protocol: "tcp", portMin: 22, portMax: 22 },
  { name: "syslog", protocol: "udp", portMin: 514, portMax: 514 },
].sort((a, b) => (a.name < b.name ? -1 : 1)) as ServiceObject[];

export const SAMPLE_FLOWS: SampleFlow[] = [
  { name: "internet-to-portal-web", from: "internet", to: "portal/web", services: ["http", "https"] },
  { name: "portal-web-to-app", from: "portal/web", to: "portal/app", services: ["app-https"] },
  { name: "portal-app-to-db", from: "portal/app", to: "portal/db", services: ["postgres"] },
  { name: "portal-app-to-ldap", from: "portal/app", to: "idm/ldap", services: ["ldaps"] },
  { name: "mail-relay-out", from: "mail/relay", to: "internet", services: ["smtp"] },
  { name: "staff-wifi-out", from: "staff/clients", to: "internet", services: ["https", "dns"] },
  { name: "guest-wifi-web", from: "guest/clients", to: "internet", services: ["https"], families: ["ipv4"] },
  { name: "staff-wifi-to-portal", from: "staff/clients", to: "portal/web", services: ["https"] },
  { name: "users-to-portal", from: "zone:internal", to: "portal/web", services: ["https"] },
  { name: "users-to-ldap", from: "users/ops", to: "idm/ldap", services: ["ldaps"] },
  { name: "jump-ssh-dmz", from: "ops/jump", to: "zone:dmz", services: ["ssh"] },
  { name: "jump-ssh-servers", from: "ops/jump", to: "zone:internal-server", services: ["ssh"] },
  { name: "jump-ssh-db", from: "ops/jump", to: "zone:db-server", services: ["ssh"] },
  { name: "monitor-dmz", from: "ops/monitor", to: "zone:dmz", services: ["icmp", "snmp"] },
  { name: "monitor-servers", from: "ops/monitor", to: "zone:internal-server", services: ["icmp", "snmp"] },
  { name: "monitor-db", from: "ops/monitor", to: "zone:db-server", services: ["icmp", "snmp"] },
  { name: "servers-time", from: "zone:internal-server", to: "infra/dns-ntp", services: ["ntp", "dns"] },
  { name: "db-time", from: "zone:db-server", to: "infra/dns-ntp", services: ["ntp"] },
  { name: "dmz-time", from: "zone:dmz", to: "infra/dns-ntp", services: ["ntp"] },
  { name: "dwh-from-app", from: "portal/app", to: "dwh/db", services: ["postgres"], families: ["ipv6"] },
  { name: "app-intra-zone", from: "idm/ldap", to: "portal/app", services: ["app-https"] },
];

/** The zone of an endpoint name (`internet` for the Internet). */
export function zoneOfEndpoint(name: string): string {
  if (name === "internet") return "internet";
  if (name.startsWith("zone:")) return name.slice(5);
  const t = SAMPLE_TIERS.find((x) => x.name === name);
  if (!t) throw new Error(`unknown endpoint ${name}`);
  return t.zone;
}

/** The enforcer of a zone, or of an external network (the edge's). */
export function enforcerOf(zone: string): string {
  if (zone === "internet") return "fw-edge";
  return SAMPLE_ZONES.find((z) => z.id === zone)!.enforcer;
}

/** The devices a flow crosses: source zone's enforcer, then the destination's (once if the same); none inside one VLAN. */
export function pathOf(fromZone: string, toZone: string): string[] {
  const a = enforcerOf(fromZone);
  const b = enforcerOf(toZone);
  return a === b ? [a] : [a, b];
}

function addressObjects(): AddressObject[] {
  const objs: AddressObject[] = [INTERNET_OBJECT];
  for (const z of SAMPLE_ZONES) objs.push({ name: `zone:${z.id}`, kind: "zone", description: `zone ${z.id}`, ipv4: z.vlans.map((x) => x.ipv4), ipv6: z.vlans.map((x) => x.ipv6) });
  for (const t of SAMPLE_TIERS) objs.push({ name: `tier:${t.name}`, kind: "tier", description: `tier ${t.name}`, ipv4: [t.ipv4], ipv6: [t.ipv6] });
  return objs.sort((a, b) => (a.name < b.name ? -1 : 1));
}

const objectName = (endpoint: string): string => (endpoint === "internet" ? "internet" : endpoint.startsWith("zone:") ? endpoint : `tier:${endpoint}`);
const ORDER = ["internet", ...SAMPLE_ZONES.map((z) => z.id)];

/** The rule base of one enforcer of the sample. */
export function sampleRuleBase(device: string): RuleBase {
  const sections = new Map<string, { from: string; to: string; rules: FirewallRule[] }>();
  for (const f of SAMPLE_FLOWS) {
    const from = zoneOfEndpoint(f.from);
    const to = zoneOfEndpoint(f.to);
    if (!pathOf(from, to).includes(device)) continue;
    const key = `${from}>${to}`;
    const s = sections.get(key) ?? { from, to, rules: [] };
    s.rules.push({
      id: `${from}>${to}:${f.name}`,
      section: { from, to },
      action: "accept",
      families: f.families ?? ["ipv4", "ipv6"],
      sources: [objectName(f.from)],
      destinations: [objectName(f.to)],
      services: [...f.services].sort(),
      ips: "ips-default",
      log: true,
      flows: [{ flow: f.name, file: "tests/firewall/support/sampleSite.ts" }],
      comment: `${f.name}: ${f.from} → ${f.to}`,
    });
    sections.set(key, s);
  }
  const rules: FirewallRule[] = [];
  const ordered = [...sections.values()].sort((a, b) => ORDER.indexOf(a.from) - ORDER.indexOf(b.from) || ORDER.indexOf(a.to) - ORDER.indexOf(b.to));
  for (const s of ordered) {
    rules.push(...s.rules);
    rules.push({
      id: `${s.from}>${s.to}:deny`,
      section: { from: s.from, to: s.to },
      action: "deny",
      families: ["ipv4", "ipv6"],
      sources: [s.from === "internet" ? "internet" : `zone:${s.from}`],
      destinations: [s.to === "internet" ? "internet" : `zone:${s.to}`],
      services: [],
      log: true,
      flows: [],
      comment: `close ${s.from} → ${s.to}: deny and log`,
    });
  }
  rules.push({ id: "any>any:deny", section: { from: "any", to: "any" }, action: "deny", families: ["ipv4", "ipv6"], sources: [], destinations: [], services: [], log: true, flows: [], comment: "close the rule base: deny and log" });
  const zones = SAMPLE_ZONES.filter((z) => z.enforcer === device).map((z) => z.id).sort();
  const web = SAMPLE_TIERS.find((t) => t.name === "portal/web")!;
  return {
    schema: "hatang.rulebase/v1",
    site: "s1",
    device,
    members: [`${device}-01`, `${device}-02`],
    platform: "nftables",
    zones,
    externals: device === "fw-edge" ? ["internet"] : [],
    ipsProfile: "ips-default",
    logTarget: "10.62.0.99:514",
    addresses: addressObjects(),
    services: SAMPLE_SERVICES,
    rules,
    nat:
      device === "fw-edge"
        ? ["http", "https"].map((s) => {
            const port = s === "http" ? 80 : 443;
            return { id: `portal/web:tcp:${port}`, publicAddress: PUBLIC_WEB, protocol: "tcp" as const, port, translatedTo: [web.ipv4.replace("/32", "")], system: "portal", tier: "web", waf: true };
          })
        : [],
  };
}

/** The enforcers of the sample. */
export const SAMPLE_DEVICES = ["fw-core", "fw-db", "fw-edge"];
