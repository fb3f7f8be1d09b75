import { compileVolumeTypes } from "../compilers/openstack/storage";
import { encryptionFromExtraSpecs, weakEncryption } from "../compilers/openstack/volumeEncryption";
import type { Policy } from "@pulumi/policy";
import type { Inventory } from "../inventory/model";
import { datasetsOf } from "../compilers/backup/datasets";
import { judgeRestoreTests } from "./backup/restoreTests";
import { judgeImmutableCopies } from "./backup/immutability";
import { backupContext, RULE_CONTROL, verifyDataset, type BackupFinding } from "./backup/verifyBackups";
import { Finding, ifAny, judged, resourcePolicy, siteInScope, stackPolicy, ZONE_TYPES, type EvalContext } from "./lib/definePolicy";
import { siteSan } from "./san/siteSan";
import { ruleRemote, rulePorts } from "./lib/planIndex";
import { openedPorts } from "./lib/ports";
import { isAnywhere } from "./lib/prefixes";
import { T, dig, tagsOf } from "./lib/resourceView";
import { cronMaxGapHours } from "./backup/cronSchedule";
import { judgeBackupJobPaths } from "./backup/jobPaths";
import { judgeTargetStoragePolicies } from "./backup/targetStoragePolicy";
import { shippedBaseline } from "../inventory/zoning/baseline";
import { formatHours } from "./backup/verifyBackups";

/** Data security policies (DATA-*). */

/** Data classes of the site model (HostedSystem.dataClass). */
export const DATA_CLASSES = ["public", "internal", "confidential", "personal", "sensitive-personal"];

export const data01 = resourcePolicy("DATA-01", [T.volume, T.container, T.pvc], (r) => {
  const dc = tagsOf(r).get("data-class");
  if (!dc) return [{ text: "no data-class (metadata or label)" }];
  return DATA_CLASSES.includes(dc) ? [] : [{ text: `data-class "${dc}" is not one of ${DATA_CLASSES.join(", ")}` }];
});

/**
 * Volume types that are encrypted: those `encryptedVolumeTypes` names (types made outside this program),
 * plus every type the storage compiler gives a LUKS encryption spec strong enough for data at rest.
 */
function encryptedTypes(ctx: EvalContext): Set<string> {
  const cached = encryptedTypesCache.get(ctx);
  if (cached) return cached;
  const out = new Set<string>(ctx.params.strings("encryptedVolumeTypes"));
  const inv = ctx.inventory;
  for (const site of inv?.sites ?? []) {
    if (ctx.site && site.id !== ctx.site) continue;
    for (const t of compileVolumeTypes(inv as NonNullable<typeof inv>, site.id)) if (t.encryption && !weakEncryption(t.encryption)) out.add(t.key);
  }
  encryptedTypesCache.set(ctx, out);
  return out;
}

/** One answer per evaluation context (resource policies ask once per volume). */
const encryptedTypesCache = new WeakMap<EvalContext, Set<string>>();

export const data02 = resourcePolicy("DATA-02", [T.volume, T.pvc, T.volumeType], (r, ctx) => {
  if (r.type === T.volumeType) {
    // A type that says it is encrypted must carry the spec the client turns into Cinder's encryption type.
    const enc = encryptionFromExtraSpecs(r.props.extraSpecs as Record<string, unknown> | undefined);
    if ("unencrypted" in enc) return [];
    if ("missing" in enc) return [{ text: `volume type is marked encrypted but its encryption spec lacks ${enc.missing.join(", ")}` }];
    const weak = weakEncryption(enc.spec);
    return weak ? [{ text: `volume type's encryption spec is too weak for data at rest: ${weak}` }] : [];
  }
  const dc = tagsOf(r).get("data-class");
  if (dc === "public") return [];
  if (r.type === T.pvc) {
    const classes = ctx.params.strings("encryptedStorageClasses");
    const sc = dig(r.props, ["spec", "storageClassName"]);
    return classes.length === 0 || (typeof sc === "string" && classes.includes(sc)) ? [] : [{ text: `storage class ${String(sc ?? "(default)")} is not encrypted (${classes.join(", ")})` }];
  }
  const types = encryptedTypes(ctx);
  const vt = r.props.volumeType;
  return typeof vt === "string" && types.has(vt) ? [] : [{ text: `volume type ${String(vt ?? "(default)")} is not an encrypted type (${[...types].sort().join(", ") || "none declared"}) for ${dc ?? "unclassified"} data` }];
});

/** Zones a database port may never be opened from. */
const UNTRUSTED_SOURCES = new Set(["dmz", "edge", "internal", "wireless"]);

/** Whether a security-group rule's protocol covers TCP: tcp (by name or number 6), or no protocol (Neutron: any). */
export function opensTcp(protocol: unknown): boolean {
  return protocol === undefined || protocol === null || protocol === "" || protocol === "any" || String(protocol).toLowerCase() === "tcp" || String(protocol) === "6";
}

export const data05 = stackPolicy("DATA-05", false, [T.secGroupRule, ...ZONE_TYPES], (plan, ctx) => {
  const dbPorts = ctx.params.numbers("dbPorts");
  const findings: Finding[] = [];
  let examined = 0;
  for (const r of plan.ofType(T.secGroupRule)) {
    if (r.props.direction !== "ingress") continue;
    // Database ports are TCP ports: a UDP (or ICMP) rule over the same numbers opens none of them.
    if (!opensTcp(r.props.protocol)) continue;
    const opened = openedPorts(rulePorts(r.props), dbPorts);
    if (opened.length === 0 || rulePorts(r.props).min === undefined) continue;
    examined++;
    const kind = plan.zoneKind(r);
    const zone = plan.zone(r);
    if (kind !== "db-server") findings.push({ text: `database port(s) ${opened.map((p) => `tcp/${p}`).join(", ")} opened in ${zone === undefined ? "a zone-less group" : zone === kind ? `the ${kind} zone` : `zone ${zone} (${kind ?? "unknown kind"})`}`, urn: r.urn });
    const remote = ruleRemote(r.props);
    if (remote.kind === "none" || (remote.kind === "prefix" && isAnywhere(remote.prefix))) findings.push({ text: `database port(s) ${opened.map((p) => `tcp/${p}`).join(", ")} open from anywhere`, urn: r.urn });
    if (remote.kind === "group") {
      const src = plan.ruleGroups(r).remote;
      const srcKind = src ? plan.zoneKind(src) : undefined;
      if (src && srcKind && UNTRUSTED_SOURCES.has(srcKind)) findings.push({ text: `database port(s) open from zone ${plan.zone(src)} (${srcKind})`, urn: r.urn });
    }
  }
  return judged(examined, findings, "rules opening database ports");
});

export const data06 = stackPolicy("DATA-06", true, [T.veleroSchedule], (plan, ctx) => {
  const inv = ctx.inventory!;
  const findings: Finding[] = [];
  if (!inv.devices.some((d) => d.role === "backup-appliance")) findings.push({ text: "no central backup appliance is declared", subject: "devices/backup-appliance", at: "devices" });
  const ids = new Set(inv.backupPolicies.map((b) => b.id));
  for (const [i, s] of inv.systems.entries())
    if (!ids.has(s.backupPolicy)) findings.push({ text: `system ${s.id} names backup policy ${s.backupPolicy}, which is not declared`, subject: `system/${s.id}`, at: `systems.${i}.backupPolicy` });
  for (const sch of plan.ofType(T.veleroSchedule)) if (dig(sch.props, ["spec", "paused"]) === true) findings.push({ text: "Velero Schedule is paused", urn: sch.urn });
  // Automatic means the jobs reach what they back up: every CronJob-driven job has a declared path the baseline allows.
  findings.push(...judgeBackupJobPaths(inv, (site) => siteInScope(ctx, site), shippedBaseline(), ctx.asOf).findings);
  return findings;
});

/**
 * Parses a Go duration such as `720h0m0s` or `168h` into hours.
 * @param ttl duration text.
 */
export function durationHours(ttl: string): number {
  let h = 0;
  for (const m of ttl.matchAll(/(\d+(?:\.\d+)?)(h|m|s)/g)) h += Number(m[1]) / (m[2] === "h" ? 1 : m[2] === "m" ? 60 : 3600);
  return h;
}

/**
 * The backup rules of one control over every dataset in scope (`policies/backup/verifyBackups.ts`), or why
 * there is nothing to judge. One evaluation per context: four controls read the same results.
 * @param ctx evaluation context (inventory present)
 * @param control the control whose rules are wanted
 */
function datasetFindings(ctx: EvalContext, control: string): { examined: number; findings: Finding[] } {
  let all = datasetCache.get(ctx);
  if (!all) {
    const inv = ctx.inventory!;
    const bctx = backupContext(inv, { minRetentionDays: ctx.params.number("minBackupRetentionDays") });
    const datasets = datasetsOf(inv).filter((d) => siteInScope(ctx, d.site));
    all = { examined: datasets.length, findings: datasets.flatMap((d) => verifyDataset(bctx, d)) };
    datasetCache.set(ctx, all);
  }
  return { examined: all.examined, findings: all.findings.filter((f) => RULE_CONTROL[f.rule] === control).map((f) => ({ text: f.text, subject: `dataset/${f.dataset}`, at: f.at })) };
}

const datasetCache = new WeakMap<EvalContext, { examined: number; findings: BackupFinding[] }>();

export const data07 = stackPolicy("DATA-07", true, [T.veleroSchedule], (plan, ctx) => {
  const inv = ctx.inventory!;
  const maxH = ctx.params.number("maxBackupIntervalHours");
  const minDays = ctx.params.number("minBackupRetentionDays");
  const findings: Finding[] = [];
  for (const [i, b] of inv.backupPolicies.entries()) {
    const h = cronMaxGapHours(b.schedule);
    if (h > maxH) findings.push({ text: `backup policy ${b.id} runs every ${formatHours(h)} at worst; at most ${maxH} h allowed (maxBackupIntervalHours)`, subject: `backup/${b.id}`, at: `backupPolicies.${i}.schedule` });
  }
  // Per dataset: the recovery point the schedule implies against the system's RPO, retention against the required period.
  const perDataset = datasetFindings(ctx, "DATA-07");
  findings.push(...perDataset.findings);
  for (const s of plan.ofType(T.veleroSchedule)) {
    const cron = dig(s.props, ["spec", "schedule"]);
    const ttl = dig(s.props, ["spec", "template", "ttl"]);
    if (typeof cron === "string" && cronMaxGapHours(cron) > maxH) findings.push({ text: `Velero schedule "${cron}" runs less often than every ${maxH} h`, urn: s.urn });
    const ttlH = typeof ttl === "string" ? durationHours(ttl) : 720; // Velero's default TTL is 30 days.
    if (ttlH < minDays * 24) findings.push({ text: `Velero backups kept ${ttlH} h; ${minDays * 24} h required`, urn: s.urn });
  }
  return judged(inv.backupPolicies.length + perDataset.examined + plan.ofType(T.veleroSchedule).length, findings, "backup policies, datasets or schedules");
});

export const data08 = stackPolicy("DATA-08", true, [T.container], (plan, ctx) => {
  const inv = ctx.inventory!;
  const findings: Finding[] = [];
  for (const [i, b] of inv.backupPolicies.entries()) {
    const zones = inv.zones.filter((z) => z.id === b.targetZone);
    if (zones.length === 0 || zones.some((z) => z.kind !== "backup")) findings.push({ text: `backup policy ${b.id} targets zone ${b.targetZone}, which is not a backup zone; fix: target the backup zone`, subject: `backup/${b.id}`, at: `backupPolicies.${i}.targetZone` });
  }
  // Per dataset: 3-2-1 derived from where the copies are, and no copy in the zone it protects.
  const perDataset = datasetFindings(ctx, "DATA-08");
  // The backup containers on the backup zone's own object-storage policy, not production's ring.
  const containers = judgeTargetStoragePolicies(inv, plan.ofType(T.container), (site) => siteInScope(ctx, site));
  return judged(perDataset.examined + containers.examined, [...findings, ...perDataset.findings, ...containers.findings], "datasets");
});

export const data09 = stackPolicy("DATA-09", true, [], (_plan, ctx) => {
  const perDataset = datasetFindings(ctx, "DATA-09");
  return judged(perDataset.examined, perDataset.findings, "datasets");
});

// Restore tests on each policy's own interval, from the evidence register's dated entries per policy.
export const data10 = stackPolicy("DATA-10", true, [], (_plan, ctx) => {
  const inv = ctx.inventory!;
  const used = new Set(inv.systems.filter((s) => s.sites.some((site) => siteInScope(ctx, site))).map((s) => s.backupPolicy));
  const findings = judgeRestoreTests(inv, used, ctx.evidence, ctx.asOf).map((f) => ({ text: f.text, subject: `backup/${f.policy}`, at: f.at }));
  return judged(used.size, findings, "backup policies in use");
});

// Immutable copies only where the device or object store can lock them (object lock, WORM, retention lock).
export const data12 = stackPolicy("DATA-12", true, [], (_plan, ctx) => {
  const inv = ctx.inventory!;
  const used = new Set(inv.systems.filter((s) => s.sites.some((site) => siteInScope(ctx, site))).map((s) => s.backupPolicy));
  const findings = judgeImmutableCopies(inv, used).map((f) => ({ text: f.text, subject: `backup/${f.policy}/${f.copy}`, at: f.at }));
  const copies = inv.backupPolicies.filter((b) => used.has(b.id)).reduce((n, b) => n + b.copies.filter((c) => c.immutable).length, 0);
  return ifAny(copies, findings, "immutable backup copies");
});

export const data11 = resourcePolicy("DATA-11", [T.container], (r) => {
  const read = r.props.containerRead;
  return typeof read === "string" && /\.r:\*/.test(read) ? [{ text: `container is publicly readable (containerRead: ${read})` }] : [];
});

/** Viet Nam's bounding box (mainland and islands), coarse on purpose: the model has no country field. */
const VN_BOX = { latMin: 8.0, latMax: 23.5, lonMin: 102.0, lonMax: 117.5 };

export const data13 = stackPolicy("DATA-13", true, [], (_plan, ctx) => {
  const inv = ctx.inventory!;
  return inv.sites
    .map((s, i) => ({ s, i }))
    .filter(({ s }) => s.location.latitude < VN_BOX.latMin || s.location.latitude > VN_BOX.latMax || s.location.longitude < VN_BOX.lonMin || s.location.longitude > VN_BOX.lonMax)
    .map(({ s, i }) => ({ text: `site ${s.id} (${s.location.latitude}, ${s.location.longitude}) lies outside Viet Nam`, subject: `site/${s.id}`, at: `sites.${i}.location` }));
});

/** Field path of a LUN (`<system>/<lun>`) in the inventory, for file and line. */
function lunPath(inv: Inventory, lun: string | undefined): string | undefined {
  if (!lun) return undefined;
  const [system, name] = lun.split("/");
  const si = inv.systems.findIndex((s) => s.id === system);
  const li = si < 0 ? -1 : inv.systems[si].luns.findIndex((l) => l.name === name);
  return li < 0 ? undefined : `systems.${si}.luns.${li}.hosts`;
}

export const data14 = stackPolicy("DATA-14", true, [T.volume], (plan, ctx) => {
  const inv = ctx.inventory!;
  const findings: Finding[] = [];
  const dedicated = new Set<string>();
  for (const [i, s] of inv.systems.entries()) {
    const needs = s.securityLevel >= 3;
    if (needs && s.dedicatedStorage === false) findings.push({ text: `level-${s.securityLevel} system ${s.id} has no dedicated storage`, subject: `system/${s.id}`, at: `systems.${i}.dedicatedStorage` });
    if (needs && s.dedicatedStorage !== false) dedicated.add(s.id);
  }
  const users = new Map<string, Set<string>>();
  for (const v of plan.ofType(T.volume)) {
    const sys = tagsOf(v).get("system");
    const vt = v.props.volumeType;
    if (!sys || typeof vt !== "string" || !dedicated.has(sys)) continue;
    const set = users.get(vt) ?? new Set<string>();
    set.add(sys);
    users.set(vt, set);
  }
  for (const v of plan.ofType(T.volume)) {
    const vt = v.props.volumeType;
    const sys = tagsOf(v).get("system");
    const set = typeof vt === "string" ? users.get(vt) : undefined;
    if (set && set.size > 1 && sys && dedicated.has(sys)) findings.push({ text: `volume type ${String(vt)} is shared by systems ${[...set].sort().join(", ")}`, urn: v.urn });
  }
  // The SAN partition: per-system zoning and LUN masking as generated, judged by the independent checker.
  for (const site of inv.sites) {
    if (!siteInScope(ctx, site.id)) continue;
    for (const f of siteSan(inv, site.id).verification.findings) {
      if (f.kind === "missing" || f.kind === "fabric-loss") continue; // redundancy: DC-05
      findings.push({ text: f.text, subject: f.host ? `device/${f.host}` : `fabric/${f.fabric}`, at: lunPath(inv, f.lun) ?? "sanFabrics" });
    }
  }
  return judged(inv.systems.length, findings, "systems");
});


/** Every data policy. */
export const dataPolicies: Policy[] = [data01, data02, data05, data06, data07, data08, data09, data10, data11, data12, data13, data14];
