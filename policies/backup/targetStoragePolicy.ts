/**
 * Whether the object-storage containers that receive backups sit on the backup zone's own disks (DATA-08,
 * infrastructure separate from production): a container of a backup policy at a site (its `backup-policy` and
 * `site` metadata) is created in the storage policy its target zone's object store declares there (`objectStoragePolicy`);
 * without one declared it lands in the default policy, production's ring. A policy whose target zone is not at the
 * site is not judged here (the zone check of DATA-08 reports a target that is not a backup zone). Pure.
 */
import type { Inventory } from "../../inventory/model";
import type { ResourceView } from "../lib/resourceView";

/** One finding: on the container (URN), or on the zone that declares no storage policy (inventory path). */
export interface TargetStorageFinding {
  text: string;
  urn?: string;
  subject?: string;
  at?: string;
}

/**
 * The backup containers' storage policies against their target zones'.
 * @param inv the inventory
 * @param containers the plan's object-storage containers
 * @param inScope whether a site is judged in this run
 */
export function judgeTargetStoragePolicies(inv: Inventory, containers: readonly ResourceView[], inScope: (site: string) => boolean): { examined: number; findings: TargetStorageFinding[] } {
  const findings: TargetStorageFinding[] = [];
  const zonesReported = new Set<string>();
  let examined = 0;
  for (const c of containers) {
    const metadata = c.props.metadata as Record<string, unknown> | undefined;
    const policyId = metadata?.["backup-policy"];
    const policy = inv.backupPolicies.find((b) => b.id === policyId);
    const site = metadata?.site;
    if (!policy || typeof site !== "string" || !inScope(site)) continue;
    const zi = inv.zones.findIndex((z) => z.site === site && z.id === policy.targetZone);
    if (zi < 0) continue;
    examined++;
    const zone = inv.zones[zi];
    const actual = typeof c.props.storagePolicy === "string" ? c.props.storagePolicy : undefined;
    if (zone.objectStoragePolicy === undefined) {
      if (!zonesReported.has(`${site}/${zone.id}`))
        findings.push({ text: `backup zone ${zone.id} at ${site} declares no object storage policy, so backup policy ${policy.id}'s container lands in the default policy (production's ring); fix: set objectStoragePolicy on the zone`, subject: `zone/${site}/${zone.id}`, at: `zones.${zi}` });
      zonesReported.add(`${site}/${zone.id}`);
    } else if (actual !== zone.objectStoragePolicy) {
      findings.push({ text: `backup container of policy ${policy.id} is in storage policy ${actual ?? "(default)"}, not the backup zone ${zone.id}'s ${zone.objectStoragePolicy}`, urn: c.urn });
    }
  }
  return { examined, findings };
}
