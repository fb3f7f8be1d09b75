/**
 * A synthetic but valid province inventory of any size, for benchmarks and property tests.
 *
 * Usage:
 *   const inv = syntheticProvince({ agencies: 1000, vlans: 5000, devices: 2000 });
 *   const files = syntheticProvinceFiles({ agencies: 1000 }); // [{ file: "sites.yaml", text }, ...]
 *
 * Pure and deterministic: the same sizes give the same inventory, byte for byte. Every size has a
 * floor so the result stays valid (see `SyntheticSizes`); the result always passes `loadSources`.
 */
import { stringify } from "yaml";
import type { Agency, Device, HostedSystem, Inventory, Site, Zone, ZoneKind } from "../model";

/** How big the province is. Every field is optional; floors keep the inventory valid. */
export interface SyntheticSizes {
  /** Sites: the first is primary, the rest DR. Default 2, min 1, max 9. */
  sites?: number;
  /** Agencies (one province office, ~10% departments, ~10% former districts, the rest commune-level units). Default 30, min 3. */
  agencies?: number;
  /** VLANs over all sites, spread over the zones. Default 48, min 4 per site, max 3,900 per physnet (more physnets are added). */
  vlans?: number;
  /** Devices over all sites (firewall, database-firewall and WAF pairs, SAN switch pair, array controller pair, router, then hypervisors). Default 40, min 11 per site. */
  devices?: number;
  /** Hosted systems (three tiers each; every third runs its app tier on Kubernetes). Default 10, min 1. */
  systems?: number;
}

/** Zone kinds in the order zones are created; the first four are the ones systems use. */
const ZONE_KINDS: readonly { id: string; kind: ZoneKind }[] = [
  { id: "dmz", kind: "dmz" },
  { id: "app", kind: "internal-server" },
  { id: "db", kind: "db-server" },
  { id: "backup", kind: "backup" },
  { id: "mgmt", kind: "management" },
  { id: "internal", kind: "internal" },
  { id: "edge", kind: "edge" },
  { id: "storage", kind: "storage" },
  { id: "soc", kind: "soc" },
  { id: "tslcd", kind: "tslcd" },
  { id: "oob", kind: "out-of-band" },
];
const VLAN_FIRST = 100;
const VLAN_LAST = 3999;
const DEVICES_PER_RACK = 20;
/** Devices every site has before its hypervisors (see `sitePlant`). */
const FIXED_DEVICES = 11;
const IMAGE = "ubuntu-24.04-hardened";

/** The sizes after defaults and floors. */
export type ResolvedSizes = Required<SyntheticSizes>;

/**
 * Applies defaults and floors.
 * @param sizes requested sizes
 */
export function resolveSizes(sizes: SyntheticSizes = {}): ResolvedSizes {
  const sites = clamp(sizes.sites ?? 2, 1, 9);
  return {
    sites,
    agencies: Math.max(3, sizes.agencies ?? 30),
    vlans: Math.max(4 * sites, sizes.vlans ?? 48),
    devices: Math.max(FIXED_DEVICES * sites, sizes.devices ?? 40),
    systems: Math.max(1, sizes.systems ?? 10),
  };
}

/**
 * Builds a valid synthetic province.
 * @param sizes how big (see `SyntheticSizes`)
 */
export function syntheticProvince(sizes: SyntheticSizes = {}): Inventory {
  const n = resolveSizes(sizes);
  const siteIds = Array.from({ length: n.sites }, (_, i) => `dc${i + 1}`);
  const vlansPerSite = share(n.vlans, n.sites);
  const devicesPerSite = share(n.devices, n.sites);
  const sites = siteIds.map((id, i) => site(id, i, Math.ceil(vlansPerSite[i] / (VLAN_LAST - VLAN_FIRST + 1))));
  const zonesPerSite = clamp(Math.min(...vlansPerSite), 4, ZONE_KINDS.length);
  const zones = siteIds.flatMap((id, i) => siteZones(id, zonesPerSite, vlansPerSite[i]));
  const plant = siteIds.map((id, i) => sitePlant(id, devicesPerSite[i]));
  const agencies = agencyList(n.agencies);
  const pools = siteIds.map((id) => `${id}-ssd`);
  return {
    // The sites' aggregates (10.16.0.0/14 onwards, 2001:db8:100::/48 onwards) lie in this space; a merger places moved sites in the rest.
    province: { code: "syn", name: "Tỉnh Tổng Hợp", nameEn: "Synthetic Province", operator: "Sở Khoa học và Công nghệ", addressSpace: { ipv4: ["10.0.0.0/10"], ipv6: ["2001:db8::/32"] } },
    security: {
      logRetentionDays: 365,
      ntpServers: ["10.0.0.123"],
      managementRanges: [],
      adminPorts: [22, 3389, 5985, 5986, 6443],
      approvedImages: [IMAGE],
      encryptedVolumeTypes: pools,
      adminMfa: true,
      ipsProfile: "hatang-level3",
      dnsServers: [],
    },
    sites,
    zones,
    agencies,
    systems: Array.from({ length: n.systems }, (_, i) => system(i, siteIds, agencies.filter((a) => a.ceased === undefined))),
    services: [
      { name: "https", protocol: "tcp", port: 443 },
      { name: "app", protocol: "tcp", port: 8443 },
      { name: "postgres", protocol: "tcp", port: 5432 },
      { name: "k8s-api", protocol: "tcp", port: 6443 },
    ],
    flows: [
      ...Array.from({ length: n.systems }, (_, i) => systemFlows(i)).flat(),
      // The clusters' API (in the app zone) is administered from the management zone, where there is one.
      ...(zonesPerSite > ZONE_KINDS.findIndex((z) => z.kind === "management")
        ? [{ name: "mgmt-k8s-api", from: { zone: "mgmt" }, to: { zone: "app" }, services: ["k8s-api"], justification: "the clusters' API is administered from the jump hosts" }]
        : []),
    ],
    racks: plant.flatMap((p) => p.racks),
    devices: plant.flatMap((p) => p.devices),
    uplinks: siteIds.flatMap((id) =>
      ["a", "b"].map((side, k) => ({
        id: `${id}-inet-${side}`,
        site: id,
        kind: "internet" as const,
        provider: k === 0 ? "VNPT" : "Viettel",
        entrance: side,
        route: `route ${side}`,
        bandwidthMbps: 1000,
        device: `${id}-rtr-01`,
      })),
    ),
    sanFabrics: siteIds.flatMap((id) =>
      (["A", "B"] as const).map((side) => ({ id: `${id}-fab-${side.toLowerCase()}`, site: id, side, protocol: "fc" as const, switches: [`${id}-san-${side.toLowerCase()}`] })),
    ),
    storageReplication: [],
    storageArrays: siteIds.map((id) => ({
      id: `${id}-array`,
      site: id,
      devices: [`${id}-array-01`, `${id}-array-02`],
      pools: [
        {
          id: `${id}-ssd`,
          tier: "ssd" as const,
          capacityTiB: 200,
          backend: `${id}-ssd-backend`,
          multiattach: false,
          encrypted: true,
          encryption: { provider: "luks" as const, cipher: "aes-xts-plain64" as const, keySize: 512 as const, controlLocation: "front-end" as const },
          purpose: "general" as const,
        },
      ],
    })),
    clusters: siteIds.map((id) => ({
      id: `${id}-k8s`,
      site: id,
      zone: "app",
      version: "1.32",
      external: false,
      distribution: "rke2" as const,
      cni: { plugin: "calico" as const },
      apiEndpoint: {},
      automationHosts: [],
      nodePorts: false,
      image: IMAGE,
      etcdBackupPolicy: "daily",
      controlPlane: { count: 3 as const, flavor: "m1.large" },
      nodePools: [{ name: "workers", count: 3, flavor: "m1.large", maxPerHost: 1, labels: {}, taints: [] }],
      podIpv4Length: 16,
      serviceIpv4Length: 20,
    })),
    backupPolicies: [
      {
        id: "daily",
        schedule: "0 1 * * *",
        retentionDays: 90,
        // A disk copy on the primary's array, and an object copy in every site's backup zone: 3-2-1 holds for
        // data at any site when there are two or more; a one-site province honestly keeps no off-site copy.
        copies: [
          { id: "disk", site: siteIds[0], device: `${siteIds[0]}-array-01`, media: "disk" as const, immutable: false, encrypted: true },
          ...siteIds.map((id) => ({ id: `object-${id}`, site: id, zone: "backup", media: "object" as const, immutable: true, encrypted: true })),
        ],
        targetZone: "backup",
        restoreTestDays: 90,
      },
    ],
    tslcdEndpoints: [],
  };
}

/** The file each top-level key goes to when a synthetic province is written as YAML. */
export const SYNTHETIC_FILES: Readonly<Record<string, readonly (keyof Inventory)[]>> = {
  "province.yaml": ["province", "security"],
  "sites.yaml": ["sites"],
  "zones.yaml": ["zones"],
  "tenants.yaml": ["agencies"],
  "systems.yaml": ["systems", "clusters", "backupPolicies"],
  "flows.yaml": ["services", "flows"],
  "plant.yaml": ["racks", "devices", "uplinks", "sanFabrics", "storageArrays", "storageReplication"],
};

/**
 * Writes an inventory as province files (`SYNTHETIC_FILES`), each starting with the schema comment.
 * @param inv any inventory
 * @param schemaPath the `$schema` reference written at the top of each file
 */
export function inventoryToYamlFiles(inv: Inventory, schemaPath = "../../schema/hatang.schema.json"): { file: string; text: string }[] {
  return Object.entries(SYNTHETIC_FILES).map(([file, keys]) => {
    const part = Object.fromEntries(keys.map((k) => [k, inv[k]]));
    return { file, text: `# yaml-language-server: $schema=${schemaPath}\n${stringify(part, { lineWidth: 0 })}` };
  });
}

/**
 * A synthetic province as YAML files.
 * @param sizes how big (see `SyntheticSizes`)
 */
export function syntheticProvinceFiles(sizes: SyntheticSizes = {}): { file: string; text: string }[] {
  return inventoryToYamlFiles(syntheticProvince(sizes));
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, Math.floor(x)));
}

/** Splits `total` into `parts` near-equal whole shares (earlier parts get the remainder). */
function share(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0));
}

function site(id: string, index: number, physnets: number): Site {
  return {
    id,
    name: `Data center ${index + 1}`,
    role: index === 0 ? "primary" : "dr",
    location: { address: `${index + 1} Synthetic street`, city: "Synthetic", latitude: 20 + index / 10, longitude: 105 + index / 10 },
    facility: { tierTarget: 3, standard: "TIA-942-B", powerPaths: ["A", "B"], upsRedundancy: "N+1", coolingRedundancy: "N+1" },
    carrierEntrances: [
      { id: "a", carrier: "VNPT", route: "route a" },
      { id: "b", carrier: "Viettel", route: "route b" },
    ],
    aggregates: { ipv4: [`10.${16 + index * 4}.0.0/14`], ipv6: [`2001:db8:${(index + 1) * 100}::/48`] },
    // RFC 2544's benchmarking range stands in for the province's registered public IPv4 space: a /19 per site.
    publicPrefixes: { ipv4: [`198.${18 + Math.floor(index / 8)}.${(index % 8) * 32}.0/19`], ipv6: [`2001:db8:${(index + 1) * 100}::/48`] },
    tslcd: [],
    physnets: Array.from({ length: Math.max(1, physnets) }, (_, k) => ({ name: `physnet${k + 1}`, vlanMin: VLAN_FIRST, vlanMax: VLAN_LAST, mtu: 9000 })),
  };
}

function siteZones(siteId: string, zoneCount: number, vlanCount: number): Zone[] {
  const perZone = share(vlanCount, zoneCount);
  const span = VLAN_LAST - VLAN_FIRST + 1;
  let serial = 0;
  return ZONE_KINDS.slice(0, zoneCount).map(({ id, kind }, zi) => ({
    id,
    site: siteId,
    kind,
    name: `${id} zone`,
    // The database zone sits behind its own firewall pair; published web goes through the WAF pair.
    enforcedBy: kind === "db-server" ? `${siteId}-fw-db` : `${siteId}-fw-core`,
    cloud: true,
    virtualFirewall: false,
    inline: kind === "dmz" ? [`${siteId}-waf`] : [],
    // The backup zone's object store locks objects: the immutable copies kept there (backupPolicies) hold.
    ...(kind === "backup" ? { objectLock: true } : {}),
    vlans: Array.from({ length: perZone[zi] }, (_, k) => {
      const n = serial++;
      return {
        id: VLAN_FIRST + (n % span),
        name: `${id}-${k + 1}`,
        purpose: `${id} segment ${k + 1}`,
        hosts: 50,
        physnet: `physnet${Math.floor(n / span) + 1}`,
        ipv6Mode: "slaac" as const,
        dhcp: true,
      };
    }),
  }));
}

function sitePlant(siteId: string, deviceCount: number): { racks: Inventory["racks"]; devices: Device[] } {
  const rackCount = Math.max(2, Math.ceil(deviceCount / DEVICES_PER_RACK));
  const racks = Array.from({ length: rackCount }, (_, r) => ({ id: `${siteId}-r${String(r + 1).padStart(2, "0")}`, site: siteId, row: `R${Math.floor(r / 10) + 1}`, feeds: ["A" as const, "B" as const], units: 42 }));
  const fixed: Omit<Device, "site" | "rack" | "model" | "powerSupplies" | "sanFabrics" | "sanPorts">[] = [
    { name: `${siteId}-fw-core-01`, role: "core-firewall", haGroup: `${siteId}-fw-core` },
    { name: `${siteId}-fw-core-02`, role: "core-firewall", haGroup: `${siteId}-fw-core` },
    { name: `${siteId}-fw-db-01`, role: "db-firewall", haGroup: `${siteId}-fw-db` },
    { name: `${siteId}-fw-db-02`, role: "db-firewall", haGroup: `${siteId}-fw-db` },
    { name: `${siteId}-waf-01`, role: "waf", haGroup: `${siteId}-waf` },
    { name: `${siteId}-waf-02`, role: "waf", haGroup: `${siteId}-waf` },
    { name: `${siteId}-san-a`, role: "san-switch" },
    { name: `${siteId}-san-b`, role: "san-switch" },
    { name: `${siteId}-array-01`, role: "storage-array", haGroup: `${siteId}-array` },
    { name: `${siteId}-array-02`, role: "storage-array", haGroup: `${siteId}-array` },
    { name: `${siteId}-rtr-01`, role: "router" },
  ];
  const hosts = Array.from({ length: deviceCount - fixed.length }, (_, k) => ({ name: `${siteId}-hv-${String(k + 1).padStart(4, "0")}`, role: "hypervisor" as const }));
  // Alternate racks so every HA pair is split across two racks.
  const devices = [...fixed, ...hosts].map((d, k) => ({
    ...d,
    site: siteId,
    rack: racks[k % rackCount].id,
    model: d.role === "hypervisor" ? "Dell R760" : "Vendor appliance",
    powerSupplies: { A: 1, B: 1 },
    sanFabrics: d.role === "hypervisor" || d.role === "storage-array" ? [`${siteId}-fab-a`, `${siteId}-fab-b`] : [],
    sanPorts: [],
    // One availability zone per rack, so the clusters' control planes are spread over racks (K8S-13).
    ...(d.role === "hypervisor" ? { availabilityZone: `${racks[k % rackCount].id}-az` } : {}),
  }));
  return { racks, devices };
}

/**
 * Two tiers as since 2025-07-01: the province's office, departments, and commune-level units directly
 * under it; former districts kept as history (ceased 2025-07-01), each become the communes on its territory.
 */
function agencyList(count: number): Agency[] {
  const departments = Math.max(1, Math.floor(count / 10));
  const districts = Math.max(1, Math.floor(count / 10));
  const communes = Math.max(1, count - 1 - departments - districts);
  const pad = (k: number, w: number): string => String(k + 1).padStart(w, "0");
  const communeCode = (k: number): string => `XA-${pad(k, 5)}`;
  const kinds = ["commune", "commune", "ward"] as const;
  return [
    { code: "UBND-TINH", name: "Văn phòng UBND tỉnh", kind: "province-office", successors: [] },
    ...Array.from({ length: departments }, (_, k) => ({ code: `SO-${pad(k, 3)}`, name: `Sở ${k + 1}`, kind: "department" as const, parent: "UBND-TINH", successors: [] })),
    ...Array.from({ length: communes }, (_, k) => ({
      code: communeCode(k),
      name: `UBND xã ${k + 1}`,
      kind: kinds[k % kinds.length],
      adminCode: String(10000 + k).slice(-5),
      parent: "UBND-TINH",
      successors: [],
    })),
    ...Array.from({ length: districts }, (_, k) => ({
      code: `HUYEN-${pad(k, 3)}`,
      name: `UBND huyện ${k + 1}`,
      kind: "district" as const,
      adminCode: String(100 + (k % 900)).padStart(3, "0"),
      ceased: "2025-07-01",
      successors: Array.from({ length: communes }, (_, c) => c)
        .filter((c) => c % districts === k)
        .map(communeCode),
    })),
  ];
}

/** A system owned by one of the units in force (`owners[0]`, the province's office, is skipped). */
function system(i: number, siteIds: readonly string[], owners: readonly Agency[]): HostedSystem {
  const onKubernetes = i % 3 === 2;
  // A Kubernetes tier names one cluster, so such systems run at the primary site only.
  const sites = onKubernetes ? [siteIds[0]] : [...siteIds];
  return {
    id: `sys-${i + 1}`,
    name: `Hệ thống ${i + 1}`,
    owner: owners[1 + (i % (owners.length - 1))].code,
    securityLevel: 3,
    exposure: ["internet", "internal"],
    dataClass: "internal",
    backupPolicy: "daily",
    // Nightly backups (a day of data at worst), a working day to restore.
    recoveryPointHours: 24,
    recoveryTimeHours: 8,
    ha: true,
    sites,
    consumers: [],
    tiers: [
      { name: "web", zone: "dmz", form: "vm", instances: 2, image: IMAGE, flavor: "m1.medium", publish: [{ protocol: "tcp", port: 443 }], volumeGiB: 0 },
      onKubernetes
        ? { name: "app", zone: "app", form: "container", instances: 2, cluster: `${siteIds[0]}-k8s`, publish: [], volumeGiB: 0 }
        : { name: "app", zone: "app", form: "vm", instances: 2, image: IMAGE, flavor: "m1.large", publish: [], volumeGiB: 0 },
      // VMs, so many systems' databases can share the zone's VLANs (each is named by its own hosts' addresses;
      // bare-metal tiers would need a VLAN each).
      { name: "db", zone: "db", form: "vm", instances: 2, image: IMAGE, flavor: "m1.large", publish: [], volumeGiB: 500, storageTier: "ssd" },
    ],
    luns: [],
  };
}

function systemFlows(i: number): Inventory["flows"] {
  const id = `sys-${i + 1}`;
  return [
    { name: `${id}-internet-web`, from: { external: "internet" }, to: { system: id, tier: "web" }, services: ["https"], justification: "citizens use the service" },
    { name: `${id}-web-app`, from: { system: id, tier: "web" }, to: { system: id, tier: "app" }, services: ["app"], justification: "web tier calls the application" },
    { name: `${id}-app-db`, from: { system: id, tier: "app" }, to: { system: id, tier: "db" }, services: ["postgres"], justification: "application stores its data" },
  ];
}
