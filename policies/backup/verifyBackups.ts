import { deriveThreeTwoOne, siteRoleMap, type Inventory, type SiteRole } from "../../inventory/model";
import { cronMaxGapHours } from "./cronSchedule";
import type { Dataset } from "../../compilers/backup/datasets";

/** The rules a dataset's backups are verified against (each feeds one data control). */
export type BackupRule = "3-2-1" | "separation" | "recovery-point" | "retention" | "encryption";

/** Control each rule feeds. */
export const RULE_CONTROL: Readonly<Record<BackupRule, string>> = {
  "3-2-1": "DATA-08",
  separation: "DATA-08",
  "recovery-point": "DATA-07",
  retention: "DATA-07",
  encryption: "DATA-09",
};

/** One rule a dataset breaks: what, why, how to fix, and the inventory field to point at. */
export interface BackupFinding {
  rule: BackupRule;
  dataset: string;
  text: string;
  /** Dotted inventory path (file:line). */
  at: string;
}

/** What the rules take besides the inventory. */
export interface BackupRuleParams {
  /** Shortest retention any backup keeps, days (`minBackupRetentionDays`). */
  minRetentionDays: number;
}

/** Data classes whose backups must be encrypted (every class but public). */
export const ENCRYPTED_CLASSES: ReadonlySet<string> = new Set(["internal", "confidential", "personal", "sensitive-personal"]);

/** Lookups the rules share, built once per inventory. */
export interface BackupContext {
  inv: Inventory;
  roles: Map<string, SiteRole>;
  policyIndex: Map<string, number>;
  params: BackupRuleParams;
}

/**
 * The shared lookups.
 * @param inv the inventory
 * @param params rule parameters
 */
export function backupContext(inv: Inventory, params: BackupRuleParams): BackupContext {
  return { inv, roles: siteRoleMap(inv.sites), policyIndex: new Map(inv.backupPolicies.map((b, i) => [b.id, i])), params };
}

/**
 * Every rule a dataset's backups break: 3-2-1 from where the copies are; no copy in the zone it protects
 * at its site, and the jobs' target zone not that zone; the schedule's worst recovery point within the
 * system's RPO (a level-3 system must declare one); retention covering the required period (minBackupRetentionDays) and at least
 * one interval between runs; every copy encrypted when the data class needs it.
 * @param ctx shared lookups
 * @param d the dataset
 */
export function verifyDataset(ctx: BackupContext, d: Dataset): BackupFinding[] {
  const bi = ctx.policyIndex.get(d.policy);
  if (bi === undefined) return []; // a load error; DATA-06 names it
  const b = ctx.inv.backupPolicies[bi];
  const system = ctx.inv.systems[d.systemIndex];
  const out: BackupFinding[] = [];
  const add = (rule: BackupRule, text: string, at: string) => out.push({ rule, dataset: d.id, text, at });
  const p = `backupPolicies.${bi}`;

  const t = deriveThreeTwoOne(b, d.site, ctx.roles);
  if (!t.holds) add("3-2-1", `${d.kind} ${d.id}: backup policy ${b.id} does not keep 3-2-1 for data at ${d.site} (${t.missing.join("; ")}); fix: add copies on another medium and one at another site of the province`, `${p}.copies`);

  b.copies.forEach((c, ci) => {
    if (c.zone === d.zone && c.site === d.site) add("separation", `${d.kind} ${d.id}: copy ${c.id} of backup policy ${b.id} is in zone ${d.zone} at ${d.site}, the zone it protects; fix: keep it in the backup zone or on a backup device`, `${p}.copies.${ci}.zone`);
  });
  // The backup infrastructure's own state (catalogue, proxies) lives in the backup zone by design; its copies are judged above.
  const protectsBackupZone = ctx.inv.zones.some((z) => z.site === d.site && z.id === d.zone && z.kind === "backup");
  if (b.targetZone === d.zone && !protectsBackupZone) add("separation", `${d.kind} ${d.id}: backup policy ${b.id} writes into zone ${d.zone}, the zone it protects; fix: target the backup zone`, `${p}.targetZone`);

  const gap = cronMaxGapHours(b.schedule);
  if (system.recoveryPointHours === undefined) {
    if (system.securityLevel >= 3) add("recovery-point", `${d.kind} ${d.id}: level-${system.securityLevel} system ${system.id} declares no recovery point objective; fix: set recoveryPointHours`, `systems.${d.systemIndex}`);
  } else if (gap > system.recoveryPointHours)
    add("recovery-point", `${d.kind} ${d.id}: backup policy ${b.id} ("${b.schedule}") runs every ${formatHours(gap)} at worst, more data than the ${formatHours(system.recoveryPointHours)} recovery point objective of ${system.id} allows; fix: run it more often or protect the data another way (replication)`, `${p}.schedule`);

  const need = ctx.params.minRetentionDays;
  if (b.retentionDays < need) add("retention", `${d.kind} ${d.id}: backup policy ${b.id} keeps ${b.retentionDays} days; ${need} are required (minBackupRetentionDays); fix: raise retentionDays`, `${p}.retentionDays`);
  else if (b.retentionDays * 24 < gap) add("retention", `${d.kind} ${d.id}: backup policy ${b.id} keeps ${b.retentionDays} days, less than the ${formatHours(gap)} between its runs (there are times with no backup at all); fix: keep backups longer than the interval`, `${p}.retentionDays`);

  if (ENCRYPTED_CLASSES.has(d.dataClass)) {
    const plain = b.copies.filter((c) => !c.encrypted).map((c) => c.id);
    if (plain.length > 0) add("encryption", `${d.kind} ${d.id}: ${d.dataClass} data in unencrypted cop${plain.length === 1 ? "y" : "ies"} ${plain.join(", ")} of backup policy ${b.id}; fix: encrypt every copy`, `${p}.copies`);
  }
  return out;
}

/**
 * Hours as a reader says them (days when whole).
 * @param h hours
 */
export function formatHours(h: number): string {
  if (!Number.isFinite(h)) return "never (it runs less than twice in 28 years)";
  return h >= 48 && h % 24 === 0 ? `${h / 24} days` : `${Number(h.toFixed(2))} h`;
}
