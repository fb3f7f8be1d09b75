/**
 * Generated provinces shaped for the backup jobs' tests: VM application tiers with volumes (their Cinder backups
 * are driven by CronJobs) and the cloud API declared (the generator declares neither).
 */
import type { Inventory } from "../../inventory/model";

/** A generated province whose VM application tiers have volumes (backed up by Cinder, driven by CronJobs). */
export function withAppVolumes(inv: Inventory): Inventory {
  return { ...inv, systems: inv.systems.map((s) => ({ ...s, tiers: s.tiers.map((t) => (t.name === "app" && t.form === "vm" ? { ...t, volumeGiB: 50, storageTier: "ssd" as const } : t)) })) };
}

/**
 * A generated province with its cloud API declared: a bare-metal `cloud-api` tier of a system `cloud` at every
 * site, on the zone's first VLAN (the generator puts no tier in the management or out-of-band zones), and the
 * identity and block-storage services.
 * @param inv a generated province with the zone at every site
 * @param zone the zone holding the cloud API (default the management zone)
 */
export function withCloudApi(inv: Inventory, zone = "mgmt"): Inventory {
  const tier = { name: "api", role: "cloud-api" as const, zone, vlan: `${zone}-1`, form: "bare-metal" as const, instances: 3, publish: [], volumeGiB: 0 };
  const cloud = { ...inv.systems[0], id: "cloud", name: "Điều khiển đám mây", kind: undefined, sites: inv.sites.map((s) => s.id), tiers: [tier], luns: [] };
  return {
    ...inv,
    systems: [...inv.systems, cloud],
    services: [...inv.services, { name: "keystone", protocol: "tcp", port: 5000 }, { name: "cinder", protocol: "tcp", port: 8776 }],
  };
}
