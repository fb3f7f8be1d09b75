import { tierPool, type HostedSystem, type Inventory } from "../../inventory/model";
import { cronMaxGapHours } from "../backup/cronSchedule";
import { formatHours } from "../backup/verifyBackups";

/** What a system's DR posture achieves, and what it falls short of. */
export interface DrJudgement {
  system: string;
  /** The posture, or undefined when none is declared. */
  posture?: string;
  /** Recovery site. */
  site?: string;
  /** Sites whose loss it recovers from. */
  protects: string[];
  /** Recovery point the posture gives, hours (undefined: none can be derived). */
  achievedRpoHours?: number;
  /** Recovery time it gives, hours. */
  achievedRtoHours?: number;
  /** Findings: text with the fix, and the inventory path. */
  findings: { text: string; at: string }[];
}

/**
 * The recovery point a posture gives for a system recovering at `site`, or why none can be derived.
 * @param inv the inventory
 * @param s the system
 * @param protects the sites it recovers from
 */
function achievedRpo(inv: Inventory, s: HostedSystem, protects: readonly string[]): { hours: number } | { missing: string } {
  const dr = s.disasterRecovery!;
  if (dr.posture === "restore-from-backup") {
    const policy = inv.backupPolicies.find((b) => b.id === s.backupPolicy);
    if (!policy) return { missing: `backup policy ${s.backupPolicy} is not declared` };
    if (!policy.copies.some((c) => c.site === dr.site)) return { missing: `backup policy ${policy.id} keeps no copy at ${dr.site} to restore from` };
    return { hours: cronMaxGapHours(policy.schedule) };
  }
  if (dr.posture === "database-replication") {
    if (!s.tiers.some((t) => t.role === "database")) return { missing: `${s.id} has no database tier to replicate` };
    if (!s.sites.includes(dr.site)) return { missing: `${s.id} does not run at ${dr.site}, where its standby database would be` };
    if (dr.replicationLagMinutes === undefined) return { missing: "replicationLagMinutes is not declared" };
    return { hours: dr.replicationLagMinutes / 60 };
  }
  // Storage replication: pairs from an array at each protected site to one at the recovery site, covering the system's pools there.
  const arraySite = new Map(inv.storageArrays.map((a) => [a.id, a.site]));
  const poolArray = new Map(inv.storageArrays.flatMap((a) => a.pools.map((p) => [p.id, a.id] as const)));
  let worst = 0;
  for (const site of protects) {
    const pools = new Set<string>([
      ...s.tiers.filter((t) => t.volumeGiB > 0).map((t) => tierPool(inv.storageArrays, site, s.id, t)?.id).filter((p): p is string => p !== undefined),
      ...s.luns.map((l) => l.pool).filter((p) => arraySite.get(poolArray.get(p) ?? "") === site),
    ]);
    if (pools.size === 0) return { missing: `${s.id} keeps no volumes or LUNs at ${site} to replicate` };
    for (const p of [...pools].sort()) {
      const pairs = inv.storageReplication.filter((r) => r.source === poolArray.get(p) && arraySite.get(r.target) === dr.site && (r.pools === undefined || r.pools.includes(p)));
      if (pairs.length === 0) return { missing: `pool ${p} at ${site} is not replicated to ${dr.site}` };
      worst = Math.max(worst, Math.min(...pairs.map((r) => (r.mode === "synchronous" ? 0 : (r.intervalMinutes ?? Number.POSITIVE_INFINITY) / 60))));
    }
  }
  return { hours: worst };
}

/**
 * A level-3 system's DR posture against its objectives: declared; recovering at another site of the province
 * that is not retiring; the recovery point the posture gives (replication interval or lag, or the backup
 * schedule's worst gap with a copy kept at the recovery site) within the RPO; the rehearsed recovery time
 * within the RTO. Systems below level 3 are judged only when they declare a posture.
 * @param inv the inventory
 * @param systemIndex index of the system in `inv.systems`
 */
export function judgeDrPosture(inv: Inventory, systemIndex: number): DrJudgement {
  const s = inv.systems[systemIndex];
  const at = `systems.${systemIndex}`;
  const dr = s.disasterRecovery;
  const out: DrJudgement = { system: s.id, protects: [], findings: [] };
  if (!dr) {
    if (s.securityLevel >= 3) out.findings.push({ text: `level-${s.securityLevel} system ${s.id} has no disaster-recovery posture; fix: declare disasterRecovery (storage-replication, database-replication or restore-from-backup) at the DR site`, at });
    return out;
  }
  out.posture = dr.posture;
  out.site = dr.site;
  out.achievedRtoHours = dr.recoveryHours;
  const role = inv.sites.find((x) => x.id === dr.site)?.role;
  out.protects = s.sites.filter((x) => x !== dr.site);
  if (role === undefined || role === "retiring") {
    out.findings.push({ text: `${s.id} recovers at ${dr.site}, ${role === undefined ? "which is not a site of the province" : "a retiring site"}; fix: recover at the DR site`, at: `${at}.disasterRecovery.site` });
    return out;
  }
  if (out.protects.length === 0) {
    out.findings.push({ text: `${s.id} runs only at ${dr.site}, the site it would recover at: losing it loses the system; fix: recover at another site`, at: `${at}.disasterRecovery.site` });
    return out;
  }
  const rpo = achievedRpo(inv, s, out.protects);
  if ("missing" in rpo) out.findings.push({ text: `${s.id}'s ${dr.posture} posture gives no recovery point: ${rpo.missing}; fix: declare what it needs or choose another posture`, at: `${at}.disasterRecovery.posture` });
  else {
    out.achievedRpoHours = rpo.hours;
    if (s.recoveryPointHours === undefined) out.findings.push({ text: `${s.id} declares no recovery point objective to hold its DR posture to; fix: set recoveryPointHours`, at });
    else if (rpo.hours > s.recoveryPointHours)
      out.findings.push({ text: `${s.id}'s ${dr.posture} at ${dr.site} loses up to ${formatHours(rpo.hours)} of data; its recovery point objective is ${formatHours(s.recoveryPointHours)}; fix: replicate more often or choose a posture that meets it`, at: `${at}.disasterRecovery` });
  }
  if (s.recoveryTimeHours === undefined) out.findings.push({ text: `${s.id} declares no recovery time objective to hold its DR posture to; fix: set recoveryTimeHours`, at });
  else if (dr.recoveryHours > s.recoveryTimeHours)
    out.findings.push({ text: `${s.id} takes ${formatHours(dr.recoveryHours)} to recover at ${dr.site}; its recovery time objective is ${formatHours(s.recoveryTimeHours)}; fix: prepare a faster posture (standby replica) or agree a longer objective`, at: `${at}.disasterRecovery.recoveryHours` });
  return out;
}
