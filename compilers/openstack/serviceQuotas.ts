/**
 * Quotas of the deploying project beyond Neutron's core ones, sized from the compiled site: FWaaS
 * (firewall groups, policies, rules), Cinder (volumes, gigabytes, snapshots, backups, and the same per
 * volume type) and Nova (instances, cores, RAM, server groups). The deployer creates the site's
 * firewalls, volumes and servers in its own project, so a cloud's defaults (Neutron FWaaS: 10 groups,
 * 10 policies, 100 rules; Cinder: 10 volumes, 1000 GiB; Nova: 10 instances) would stop the first
 * `pulumi up` part-way. Swift has no per-project container quota (only a byte quota its reseller
 * admin sets on the account), so object storage needs none here. Pure.
 */
import type { FirewallSpec } from "./firewalls";
import type { PlacementSpec } from "./placements";
import { flavorSize } from "./tenants";
import type { ClusterNodesSpec } from "../kubernetes/clusterNodes";

/** FWaaS v2 quota (Neutron's `firewall_group`, `firewall_policy`, `firewall_rule`). */
export interface FirewallQuotaSpec {
  firewallGroup: number;
  firewallPolicy: number;
  firewallRule: number;
}

/** Cinder limits of one volume type (`volumes_<type>`, `gigabytes_<type>`, `snapshots_<type>`). */
export interface VolumeTypeQuotaSpec {
  volumes: number;
  gigabytes: number;
  snapshots: number;
}

/** Cinder quota. */
export interface VolumeQuotaSpec {
  volumes: number;
  gigabytes: number;
  snapshots: number;
  backups: number;
  backupGigabytes: number;
  /** Per volume type name. */
  perType: Record<string, VolumeTypeQuotaSpec>;
}

/** Nova quota. */
export interface ComputeQuotaSpec {
  instances: number;
  cores: number;
  ramMiB: number;
  serverGroups: number;
  serverGroupMembers: number;
}

/** The deployer's service quotas. */
export interface ServiceQuotaSpec {
  firewall: FirewallQuotaSpec;
  volume: VolumeQuotaSpec;
  compute: ComputeQuotaSpec;
}

/** Half as much again as planned, so growth and replacements (create before delete) fit. */
function withHeadroom(n: number): number {
  return Math.ceil(n * 1.5) + 10;
}

/**
 * The deployer's FWaaS, Cinder and Nova quotas for what the site's plan creates.
 * @param firewalls the zone firewalls (one group and two policies each; their rules)
 * @param placements the instances (servers, their volumes) and server groups
 * @param clusters the clusters' node servers and server groups (the deployer owns them too)
 */
export function compileServiceQuotas(firewalls: readonly FirewallSpec[], placements: PlacementSpec, clusters: ClusterNodesSpec = { clusters: [], problems: [] }): ServiceQuotaSpec {
  const rules = firewalls.reduce((n, f) => n + f.ingress.length + f.egress.length, 0);
  const withVolume = placements.instances.filter((i) => i.volumeGiB > 0);
  const gib = withVolume.reduce((n, i) => n + i.volumeGiB, 0);
  const perType: Record<string, VolumeTypeQuotaSpec> = {};
  for (const i of withVolume) {
    if (i.volumeType === undefined) continue;
    const t = (perType[i.volumeType] ??= { volumes: 0, gigabytes: 0, snapshots: 0 });
    t.volumes++;
    t.gigabytes += i.volumeGiB;
  }
  for (const t of Object.values(perType)) {
    // One snapshot per volume at a time (backup tools snapshot, copy, delete).
    Object.assign(t, { volumes: withHeadroom(t.volumes), gigabytes: withHeadroom(t.gigabytes), snapshots: withHeadroom(t.volumes) });
  }
  const nodes = clusters.clusters.flatMap((c) => c.nodes);
  const servers = [...placements.instances, ...nodes];
  const sized = servers.map((i) => flavorSize(i.flavor));
  const groupKeys = [...placements.serverGroups, ...clusters.clusters.flatMap((c) => c.serverGroups)].map((g) => g.key);
  const biggestGroup = Math.max(0, ...groupKeys.map((k) => servers.filter((i) => i.serverGroupKey === k).length));
  return {
    firewall: { firewallGroup: withHeadroom(firewalls.length), firewallPolicy: withHeadroom(2 * firewalls.length), firewallRule: withHeadroom(rules) },
    volume: {
      volumes: withHeadroom(withVolume.length),
      gigabytes: withHeadroom(gib),
      snapshots: withHeadroom(withVolume.length),
      backups: withHeadroom(withVolume.length),
      backupGigabytes: withHeadroom(gib),
      perType: Object.fromEntries(Object.entries(perType).sort(([a], [b]) => a.localeCompare(b))),
    },
    compute: {
      instances: withHeadroom(servers.length),
      cores: withHeadroom(sized.reduce((n, s) => n + s.cores, 0)),
      ramMiB: withHeadroom(sized.reduce((n, s) => n + s.ramMiB, 0)),
      serverGroups: withHeadroom(groupKeys.length),
      serverGroupMembers: withHeadroom(biggestGroup),
    },
  };
}
