import type { BackupJob } from "../../compilers/backup/jobPlan";
import type { Table } from "../table";
import { yesNo } from "../labels";

/**
 * The backup appliance's job plan for one site: one row per copy of each dataset at the site (the backup run
 * and the copies made from it), with schedule, retention, target and what drives it.
 * @param jobs the jobs of the site's datasets, in plan order
 */
export function backupJobsTable(jobs: readonly BackupJob[]): Table {
  return {
    id: "backup-jobs",
    titleVi: "Công việc sao lưu",
    titleEn: "Backup jobs",
    sheet: "Công việc SL - Backup jobs",
    columns: [
      { vi: "Công việc", en: "Job" },
      { vi: "Hệ thống", en: "System" },
      { vi: "Lớp", en: "Tier" },
      { vi: "Loại dữ liệu", en: "Dataset kind" },
      { vi: "Cách sao lưu", en: "Method" },
      { vi: "Công cụ", en: "Tool" },
      { vi: "Vai trò", en: "Role" },
      { vi: "Sao từ bản", en: "Copied from" },
      { vi: "Chính sách", en: "Policy" },
      { vi: "Lịch (cron)", en: "Schedule (cron)" },
      { vi: "Thời gian lưu (ngày)", en: "Retention (days)", type: "integer" },
      { vi: "Bản sao", en: "Copy" },
      { vi: "Điểm đích", en: "Target site" },
      { vi: "Thiết bị đích", en: "Target device" },
      { vi: "Vùng đích", en: "Target zone" },
      { vi: "Phương tiện", en: "Media" },
      { vi: "Không thể sửa xóa", en: "Immutable" },
      { vi: "Mã hóa", en: "Encrypted" },
      { vi: "Do ai chạy", en: "Driven by" },
    ],
    rows: jobs.map((j) => [
      j.id, j.system, j.tier, j.kind, j.method, j.tool ?? "", j.role, j.source ?? "", j.policy, j.schedule, j.retentionDays,
      j.copy, j.targetSite, j.targetDevice ?? "", j.targetZone ?? "", j.media, yesNo(j.immutable), yesNo(j.encrypted), j.driver,
    ]),
  };
}
