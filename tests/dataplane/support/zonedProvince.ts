/**
 * A small province for the compiled dataplane case: one site whose seven zones (edge, DMZ, Wi-Fi behind
 * the edge firewall; internal servers, management, internal users behind the core firewall; databases
 * behind the database firewall) each hold two tiers on their own VLANs, flows that keep to the level-3
 * zone baseline (TCP, UDP and ICMP services, zone and tier endpoints, the Internet both ways, two published
 * services), and the plant the boundary checks ask for. A second site (the synthetic one's zones and plant) hosts
 * one system that flows cross the interconnect to and from (`portal-archive`, `archive-dns`). Built on the synthetic province (its plant, agencies,
 * storage and security settings) so it stays a valid inventory as the model grows; written out as YAML and
 * loaded through `loadProvince` (loader, zone baseline, boundary devices, address allocation) like any province.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { HostedSystem, type Device, type Flow, type Inventory, type Service, type Tier, type Zone } from "../../../inventory/model";
import { inventoryToYamlFiles, syntheticProvince } from "../../../inventory/synthetic/syntheticProvince";
import { loadProvince, type Province } from "../../../inventory/province/loadProvince";
import { formatProblem } from "../../../inventory/loader/formatProblems";

/** The evaluation date the case is compiled on (fixed: no flow here expires). */
export const ZONED_AS_OF = "2026-12-05";

const SITE = "dc1";
/** The province's other site: it hosts `archive`, reached over the interconnect. */
export const ZONED_OTHER_SITE = "dc2";
const FW = { edge: `${SITE}-fw-edge`, core: `${SITE}-fw-core`, db: `${SITE}-fw-db` };

function zone(id: string, kind: Zone["kind"], enforcedBy: string, vlans: Array<[number, string, Zone["vlans"][number]["ipv6Mode"]]>, inline: string[] = []): Zone {
  return {
    id,
    site: SITE,
    kind,
    name: `${id} zone`,
    enforcedBy,
    inline,
    cloud: true,
    virtualFirewall: false,
    vlans: vlans.map(([vid, name, ipv6Mode]) => ({ id: vid, name, purpose: `${name} segment`, hosts: 30, physnet: "physnet1", ipv6Mode, dhcp: true })),
  };
}

const ZONES: Zone[] = [
  zone("edge", "edge", FW.edge, [[200, "edge-outside", "dhcpv6-stateful"]]),
  zone("dmz", "dmz", FW.edge, [[300, "dmz-web", "dhcpv6-stateful"], [301, "dmz-mail", "dhcpv6-stateful"]], [`${SITE}-waf`]),
  zone("wifi", "wireless", FW.edge, [[1200, "wifi-staff", "slaac"], [1201, "wifi-guest", "slaac"]]),
  zone("servers", "internal-server", FW.core, [[400, "srv-app", "dhcpv6-stateful"], [401, "srv-data", "slaac"]]),
  zone("mgmt", "management", FW.core, [[600, "mgmt-admin", "dhcpv6-stateful"], [601, "mgmt-infra", "dhcpv6-stateful"]]),
  zone("users", "internal", FW.core, [[110, "users-staff", "slaac"], [111, "users-leaders", "slaac"]]),
  zone("db", "db-server", FW.db, [[500, "db-main", "dhcpv6-stateful"], [501, "db-dwh", "dhcpv6-stateful"]]),
];

type TierSpec = [name: string, zone: string, vlan: string, form: "vm" | "bare-metal", instances: number, role?: Tier["role"], publish?: Tier["publish"]];

/** A system, through the schema so the model's defaults fill what this file does not say. */
function system(id: string, owner: string, image: string, tiers: TierSpec[]): HostedSystem {
  return HostedSystem.parse({
    id,
    name: `Hệ thống ${id}`,
    owner,
    securityLevel: 3,
    exposure: ["internal"],
    dataClass: "internal",
    backupPolicy: "daily",
    ha: false,
    sites: [SITE],
    consumers: [],
    tiers: tiers.map(([name, z, vlan, form, instances, role, publish]) => ({
      name,
      ...(role ? { role } : {}),
      zone: z,
      vlan,
      form,
      instances,
      ...(form === "vm" ? { image, flavor: "m1.medium" } : {}),
      publish: publish ?? [],
      volumeGiB: 0,
    })),
  });
}

const SERVICES: Service[] = [
  { name: "https", protocol: "tcp", port: 443 },
  { name: "app", protocol: "tcp", port: 8443 },
  { name: "postgres", protocol: "tcp", port: 5432 },
  { name: "smtp", protocol: "tcp", port: 25 },
  { name: "ssh", protocol: "tcp", port: 22 },
  { name: "dns", protocol: "udp", port: 53 },
  { name: "ntp", protocol: "udp", port: 123 },
  { name: "snmp", protocol: "udp", port: 161 },
  { name: "ping", protocol: "icmp" },
];

type Ep = Flow["from"];
const tier = (system: string, t?: string): Ep => (t ? { system, tier: t } : { system });
const zoneEp = (z: string): Ep => ({ zone: z });
const internet: Ep = { external: "internet" };

const FLOWS: Array<[string, Ep, Ep, string[]]> = [
  ["internet-portal", internet, tier("portal", "web"), ["https"]],
  ["internet-mail", internet, tier("mail", "relay"), ["smtp"]],
  ["mail-out", tier("mail", "relay"), internet, ["smtp"]],
  ["portal-web-app", tier("portal", "web"), tier("portal", "app"), ["app"]],
  ["portal-app-db", tier("portal", "app"), tier("portal", "db"), ["postgres"]],
  ["mail-relay-store", tier("mail", "relay"), tier("mail", "store"), ["smtp"]],
  ["dwh-etl-db", tier("dwh", "etl"), tier("dwh", "db"), ["postgres"]],
  ["dwh-etl-portal-db", tier("dwh", "etl"), tier("portal", "db"), ["postgres"]],
  ["admin-servers", tier("ops", "jump"), zoneEp("servers"), ["ssh", "ping"]],
  ["admin-db", tier("ops", "jump"), zoneEp("db"), ["ssh", "ping"]],
  ["admin-dmz", tier("ops", "jump"), zoneEp("dmz"), ["ssh", "ping"]],
  ["monitor-users", zoneEp("mgmt"), zoneEp("users"), ["snmp", "ping"]],
  ["staff-to-jump", tier("desk"), tier("ops", "jump"), ["ssh"]],
  ["servers-dns-ntp", zoneEp("servers"), tier("ops", "dns"), ["dns", "ntp"]],
  ["dmz-dns", zoneEp("dmz"), tier("ops", "dns"), ["dns"]],
  ["users-dns", zoneEp("users"), tier("ops", "dns"), ["dns"]],
  ["users-apps", zoneEp("users"), tier("portal", "app"), ["app"]],
  ["users-internet", zoneEp("users"), internet, ["https"]],
  ["wifi-internet", zoneEp("wifi"), internet, ["https", "dns"]],
  ["wifi-portal", tier("wlan", "staff"), tier("portal", "web"), ["https"]],
  // Over the interconnect: to a system at the other site, and from it.
  ["portal-archive", tier("portal", "app"), tier("archive", "db"), ["postgres"]],
  ["archive-dns", tier("archive", "db"), tier("ops", "dns"), ["dns"]],
];

/** The province as an inventory (not yet loaded). */
export function zonedInventory(): Inventory {
  const base = syntheticProvince({ sites: 2, agencies: 3, vlans: 8, devices: 22, systems: 1 });
  const owner = base.agencies.find((a) => a.kind === "department")!.code;
  const image = base.security.approvedImages[0];
  const template = base.devices.find((d) => d.haGroup === FW.core)!;
  const edge: Device[] = ["01", "02"].map((n, k) => ({ ...template, name: `${FW.edge}-${n}`, role: "edge-firewall", haGroup: FW.edge, rack: base.racks[k % base.racks.length].id }));
  const devices = [...base.devices, ...edge].map((d) => (d.haGroup && Object.values(FW).includes(d.haGroup) ? { ...d, firewallPlatform: "nftables" as const } : d));
  return {
    ...base,
    zones: [...ZONES, ...base.zones.filter((z) => z.site !== SITE)],
    devices,
    clusters: [],
    // This site has no backup zone: its backups (target and zone copies) go to management.
    backupPolicies: base.backupPolicies.map((b) => ({ ...b, targetZone: "mgmt", copies: b.copies.map((c) => (c.zone === undefined || c.site !== SITE ? c : { ...c, zone: "mgmt" })) })),
    systems: [
      system("portal", owner, image, [["web", "dmz", "dmz-web", "vm", 2, "web", [{ protocol: "tcp", port: 443 }]], ["app", "servers", "srv-app", "vm", 2, "application"], ["db", "db", "db-main", "bare-metal", 1, "database"]]),
      system("mail", owner, image, [["relay", "dmz", "dmz-mail", "vm", 1, "mail", [{ protocol: "tcp", port: 25 }]], ["store", "servers", "srv-data", "vm", 1, "mail"]]),
      system("dwh", owner, image, [["etl", "servers", "srv-data", "vm", 1, "analytics"], ["db", "db", "db-dwh", "bare-metal", 1, "database"]]),
      system("ops", owner, image, [["jump", "mgmt", "mgmt-admin", "vm", 1, "jump-host"], ["dns", "mgmt", "mgmt-infra", "vm", 1, "infrastructure"]]),
      system("desk", owner, image, [["staff", "users", "users-staff", "bare-metal", 1], ["leaders", "users", "users-leaders", "bare-metal", 1]]),
      system("wlan", owner, image, [["staff", "wifi", "wifi-staff", "bare-metal", 1], ["guest", "wifi", "wifi-guest", "bare-metal", 1]]),
      { ...system("archive", owner, image, [["db", "db", "db-1", "vm", 1, "database"]]), sites: [ZONED_OTHER_SITE] },
    ],
    services: SERVICES,
    flows: FLOWS.map(([name, from, to, services]) => ({ name, from, to, services, justification: `dataplane case: ${name}` })),
  };
}

/**
 * The province loaded as any province is (YAML files in a temporary folder, removed before returning).
 * @throws with every problem when the inventory does not load
 */
export function loadZonedProvince(): Province {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zoned-province-"));
  try {
    for (const f of inventoryToYamlFiles(zonedInventory())) fs.writeFileSync(path.join(dir, f.file), f.text);
    const r = loadProvince(dir, { asOf: ZONED_AS_OF, waiverFile: path.join(dir, "no-waivers.yaml") });
    if (!r.ok) throw new Error(`the dataplane province does not load:\n${r.problems.map(formatProblem).join("\n")}`);
    return r.province;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
