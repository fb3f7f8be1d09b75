/**
 * The backup appliance's job plan for one stack's site, vendor-neutral: backup/jobs.json (with what it was
 * made from), backup/jobs.csv (Excel-ready, BOM) and backup/jobs.md (provenance under its title). One row per
 * copy of each dataset at the site; the run manifest lists the files with their hashes.
 */
import type { Inventory } from "../inventory/model";
import { backupJobPlan, type BackupJob } from "../compilers/backup/jobPlan";
import { backupJobHost } from "../compilers/kubernetes/backupCronJobs";
import { renderCsv } from "../exports/csv";
import { renderMarkdownTable } from "../exports/markdown";
import { backupJobsTable } from "../exports/tables/backupJobs";
import { provenanceBilingual, type Provenance } from "./runManifest";
import { markdownWithProvenance } from "./provenanceHeader";

/**
 * The jobs of the datasets at a site, in plan order.
 * @param inventory the validated inventory
 * @param site the site
 */
export function siteBackupJobs(inventory: Inventory, site: string): BackupJob[] {
  return backupJobPlan(inventory, backupJobHost(inventory)).filter((j) => j.site === site);
}

/**
 * The three files, as [name, text].
 * @param inventory the validated inventory
 * @param site the stack's site
 * @param provenance what the stack's outputs were made from
 */
export function backupJobOutputs(inventory: Inventory, site: string, provenance: Provenance): Array<[string, string]> {
  const jobs = siteBackupJobs(inventory, site);
  const table = backupJobsTable(jobs);
  const count = (f: (j: BackupJob) => boolean) => jobs.filter(f).length;
  const datasets = new Set(jobs.map((j) => j.dataset)).size;
  const md = [
    `# Công việc sao lưu / Backup jobs — ${site}`,
    "",
    `${datasets} tập dữ liệu / datasets, ${jobs.length} công việc / jobs: ${count((j) => j.role === "backup")} lần sao lưu / backup runs (${count((j) => j.role === "backup" && j.driver.startsWith("cronjob "))} CronJob, ${count((j) => j.role === "backup" && j.method === "velero")} Velero, ${count((j) => j.role === "backup" && j.driver === "appliance")} thiết bị sao lưu / appliance), ${count((j) => j.role === "copy")} bản sao do thiết bị tạo / copies made by the appliance.`,
    "",
    renderMarkdownTable(table),
  ].join("\n");
  return [
    ["backup/jobs.json", `${JSON.stringify({ site, madeFrom: provenance, jobs }, null, 2)}\n`],
    ["backup/jobs.csv", renderCsv(table)],
    ["backup/jobs.md", markdownWithProvenance(md, provenanceBilingual(provenance))],
  ];
}
