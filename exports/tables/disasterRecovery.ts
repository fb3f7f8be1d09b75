import type { AsBuiltInput } from "../input";
import { compareText, type Table } from "../table";

/**
 * The disaster-recovery table of a site: every system that runs here or recovers here, with its recovery
 * point and time objectives and its declared posture (how, where, the rehearsed recovery time, the standby's
 * lag). Facts as declared; whether they meet the objectives is DC-08's verdict in the compliance matrix.
 * @param input the site's as-built input
 */
export function disasterRecoveryTable(input: AsBuiltInput): Table {
  const site = input.site.id;
  const rows = input.inventory.systems
    .filter((s) => s.sites.includes(site) || s.disasterRecovery?.site === site)
    .sort((a, b) => compareText(a.id, b.id))
    .map((s) => {
      const dr = s.disasterRecovery;
      return [
        s.id,
        s.securityLevel,
        s.sites.includes(site) ? "Chạy tại đây / Runs here" : "Khôi phục tại đây / Recovers here",
        s.recoveryPointHours ?? "",
        s.recoveryTimeHours ?? "",
        dr?.posture ?? "",
        dr?.site ?? "",
        dr?.recoveryHours ?? "",
        dr?.replicationLagMinutes ?? "",
        s.backupPolicy,
      ];
    });
  return {
    id: "disaster-recovery",
    titleVi: "Khôi phục sau thảm họa",
    titleEn: "Disaster recovery",
    sheet: "Khôi phục - DR",
    columns: [
      { vi: "Hệ thống", en: "System" },
      { vi: "Cấp độ", en: "Level", type: "integer" },
      { vi: "Tại điểm này", en: "At this site" },
      { vi: "RPO (giờ)", en: "RPO (hours)", type: "decimal" },
      { vi: "RTO (giờ)", en: "RTO (hours)", type: "decimal" },
      { vi: "Phương án", en: "Posture" },
      { vi: "Điểm khôi phục", en: "Recovery site" },
      { vi: "Thời gian khôi phục đã diễn tập (giờ)", en: "Rehearsed recovery (hours)", type: "decimal" },
      { vi: "Độ trễ bản sao dự phòng (phút)", en: "Standby lag (minutes)", type: "decimal" },
      { vi: "Chính sách sao lưu", en: "Backup policy" },
    ],
    rows,
  };
}
