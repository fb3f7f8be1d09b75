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
 */
export function compileServiceQuotas(firewalls: readonly FirewallSpec[], placements: PlacementSpec): ServiceQuotaSpec {
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
  const sized = placements.instances.map((i) => flavorSize(i.flavor));
  const biggestGroup = Math.max(0, ...placements.serverGroups.map((g) => placements.instances.filter((i) => i.serverGroupKey === g.key).length));
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
      instances: withHeadroom(placements.instances.length),
      cores: withHeadroom(sized.reduce((n, s) => n + s.cores, 0)),
      ramMiB: withHeadroom(sized.reduce((n, s) => n + s.ramMiB, 0)),
      serverGroups: withHeadroom(placements.serverGroups.length),
      serverGroupMembers: withHeadroom(biggestGroup),
    },
  };
}
