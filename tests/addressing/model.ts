/**
 * Test models: a compact description of sites, zones and VLANs turned into a real, schema-validated
 * Inventory (so defaults are applied exactly as the loader applies them).
 */
import { Inventory } from "../../inventory/model";

/** A VLAN in a test model. */
export interface VlanSpec {
  /** 802.1Q id. */
  id: number;
  /** Name. */
  name: string;
  /** Hosts declared. */
  hosts: number;
  /** Explicit prefixes. */
  prefix?: { ipv4?: string; ipv6?: string };
}

/** A zone in a test model. */
export interface ZoneSpec {
  /** Zone id. */
  id: string;
  /** Site id. */
  site: string;
  /** VLANs. */
  vlans: VlanSpec[];
  /** Explicit zone block. */
  prefix?: { ipv4?: string; ipv6?: string };
}

/** A site in a test model. */
export interface SiteSpec {
  /** Site id. */
  id: string;
  /** IPv4 aggregates. */
  ipv4: string[];
  /** IPv6 aggregates. */
  ipv6: string[];
  /** TSLCD prefixes (IPv4; each gets an IPv6 twin). */
  tslcd?: string[];
}

/** A whole test model. */
export interface ModelSpec {
  /** Sites. */
  sites: SiteSpec[];
  /** Zones. */
  zones: ZoneSpec[];
  /** Uplinks as [site, id]. */
  uplinks?: Array<[string, string]>;
  /** Routing devices as [site, name]. */
  routers?: Array<[string, string]>;
  /** Clusters as [site, id]. */
  clusters?: Array<[string, string]>;
}

/**
 * Builds a validated Inventory from a compact spec.
 * @param spec the model
 */
export function buildInventory(spec: ModelSpec): Inventory {
  const raw = {
    province: { code: "na", name: "Tỉnh Ninh An", nameEn: "Ninh An Province", operator: "Sở TTTT" },
    sites: spec.sites.map((s) => ({
      id: s.id,
      name: `Site ${s.id}`,
      role: "primary",
      location: { address: "1 Street", city: "Ninh An", latitude: 20, longitude: 105 },
      facility: { tierTarget: 3, standard: "TIA-942-B", powerPaths: ["A", "B"], upsRedundancy: "N+1", coolingRedundancy: "N+1" },
      aggregates: { ipv4: s.ipv4, ipv6: s.ipv6 },
      // Each TSLCD prefix gets an IPv6 twin outside the test aggregates: 2001:db8:ff<i>::/48.
      tslcd: (s.tslcd ?? []).map((prefix, i) => ({ prefix, ipv6: `2001:db8:ff${i.toString(16).padStart(2, "0")}::/48`, level: "II", holds: "province-agencies", purpose: "level-II VPN", carrier: "VNPT", reference: `VNPT-${i}` })),
      physnets: [{ name: "physnet1", vlanMin: 1, vlanMax: 4094 }],
    })),
    zones: spec.zones.map((z) => ({
      id: z.id,
      site: z.site,
      kind: "internal-server",
      name: `Zone ${z.id}`,
      enforcedBy: "fw-core",
      ...(z.prefix ? { prefix: z.prefix } : {}),
      vlans: z.vlans.map((v) => ({ id: v.id, name: v.name, purpose: `purpose of ${v.name}`, hosts: v.hosts, ...(v.prefix ? { prefix: v.prefix } : {}) })),
    })),
    uplinks: (spec.uplinks ?? []).map(([site, id]) => ({
      id,
      site,
      kind: "internet",
      provider: "VNPT",
      entrance: "north",
      route: "north duct",
      bandwidthMbps: 100,
      device: "rtr",
    })),
    devices: (spec.routers ?? []).map(([site, name]) => ({ name, site, rack: "r1", role: "router", model: "X", powerSupplies: { A: 1, B: 1 } })),
    clusters: (spec.clusters ?? []).map(([site, id]) => ({
      id,
      site,
      zone: "apps",
      version: "1.32",
      image: "ubuntu-24.04-cis",
      controlPlane: { count: 3, flavor: "m1.large" },
      nodePools: [{ name: "workers", count: 3, flavor: "m1.large" }],
    })),
  };
  return Inventory.parse(raw);
}
