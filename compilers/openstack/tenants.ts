import { agencyMap, currentOwner, type Inventory } from "../../inventory/model";
import type { NetworkSpec } from "./networks";
import type { PlacementSpec } from "./placements";
import { resourceName } from "../naming";

/** Quotas sized from what a project runs, with headroom, so a tenant cannot starve the cloud. */
export interface QuotaSpec {
  instances: number;
  cores: number;
  ramMiB: number;
  volumes: number;
  gigabytes: number;
  ports: number;
  securityGroups: number;
  securityGroupRules: number;
  floatingIps: number;
}

/** A Keystone project: one per agency that owns systems at the site, one per system under it. */
export interface ProjectSpec {
  /** Stable key: `agency-<code>` or `system-<id>`. */
  key: string;
  /** Keystone name `<site>-<key>`. */
  name: string;
  description: string;
  /** Parent project key (systems sit under their owner agency). */
  parentKey?: string;
  /** Agency code that owns it. */
  agency: string;
  /** System id for system projects. */
  system?: string;
  quota?: QuotaSpec;
  tags: string[];
}

/** Sharing one network with one project (never `*`). */
export interface NetworkShareSpec {
  /** Stable key `<network key>-to-<project key>`. */
  key: string;
  networkKey: string;
  projectKey: string;
}

/** The identity layer of a site. */
export interface TenancySpec {
  projects: ProjectSpec[];
  shares: NetworkShareSpec[];
}

/** Rough vCPU and RAM per flavor name (`<family>.<size>`), for quota sizing; unknown flavors count as medium. */
const FLAVOR_SIZE: Record<string, { cores: number; ramMiB: number }> = {
  small: { cores: 2, ramMiB: 4096 },
  medium: { cores: 4, ramMiB: 8192 },
  large: { cores: 8, ramMiB: 16384 },
  xlarge: { cores: 16, ramMiB: 32768 },
  "2xlarge": { cores: 32, ramMiB: 65536 },
};

/** Rough vCPU and RAM of a flavor (`<family>.<size>`); unknown sizes count as medium. Exported for quota sizing. */
export function flavorSize(flavor: string): { cores: number; ramMiB: number } {
  const size = flavor.split(".").pop() ?? "";
  return FLAVOR_SIZE[size] ?? FLAVOR_SIZE.medium;
}

/** Quota for a set of instances: double what is declared, so a rolling replacement fits. Exported for testing. */
export function quotaFor(instances: PlacementSpec["instances"]): QuotaSpec {
  const n = instances.length;
  const cores = instances.reduce((s, i) => s + flavorSize(i.flavor).cores, 0);
  const ram = instances.reduce((s, i) => s + flavorSize(i.flavor).ramMiB, 0);
  const gib = instances.reduce((s, i) => s + i.volumeGiB, 0);
  return {
    instances: Math.max(2, 2 * n),
    cores: Math.max(4, 2 * cores),
    ramMiB: Math.max(8192, 2 * ram),
    volumes: Math.max(2, 2 * instances.filter((i) => i.volumeGiB > 0).length),
    gigabytes: Math.max(100, 2 * gib),
    ports: Math.max(10, 4 * n),
    securityGroups: 10,
    securityGroupRules: 200,
    // Published services are reached by destination NAT on the edge firewall, never by floating IPs.
    floatingIps: 0,
  };
}

/**
 * Compiles projects per owning agency and system, and shares each VLAN network by RBAC with exactly
 * the system projects that have instances on it. Exported for testing.
 */
export function compileTenancy(inventory: Inventory, site: string, networks: readonly NetworkSpec[], placements: PlacementSpec): TenancySpec {
  const projects = new Map<string, ProjectSpec>();
  const shares = new Map<string, NetworkShareSpec>();
  const agencies = agencyMap(inventory.agencies);
  for (const system of inventory.systems) {
    if (!system.sites.includes(site)) continue;
    // A system named under a former unit belongs to the unit it became (the loader rejects a split lineage).
    const owner = currentOwner(agencies, system.owner) ?? system.owner;
    const agency = agencies.get(owner);
    const agencyKey = `agency-${owner.toLowerCase()}`;
    if (!projects.has(agencyKey)) {
      projects.set(agencyKey, {
        key: agencyKey,
        name: resourceName(site, agencyKey),
        description: agency?.name ?? owner,
        agency: owner,
        tags: [`site:${site}`, `agency:${owner}`],
      });
    }
    const key = `system-${system.id}`;
    const mine = placements.instances.filter((i) => i.system === system.id);
    projects.set(key, {
      key,
      name: resourceName(site, key),
      description: system.name,
      parentKey: agencyKey,
      agency: owner,
      system: system.id,
      quota: quotaFor(mine),
      tags: [`site:${site}`, `agency:${owner}`, `system:${system.id}`, `level:${system.securityLevel}`],
    });
    for (const inst of mine) {
      const net = networks.find((n) => n.key === inst.networkKey);
      if (!net) continue;
      const shareKey = `${net.key}-to-${key}`;
      shares.set(shareKey, { key: shareKey, networkKey: net.key, projectKey: key });
    }
  }
  return {
    projects: [...projects.values()].sort((a, b) => a.key.localeCompare(b.key)),
    shares: [...shares.values()].sort((a, b) => a.key.localeCompare(b.key)),
  };
}
