import { compileBackupTargets } from "../../compilers/backupTargets";
import type { AsBuiltInput } from "../input";
import { compareText, type Table } from "../table";
import { list, yesNo } from "../labels";

/**
 * The backup policies with what 3-2-1 and level 3 ask (copies, media, off-site, encryption, immutability),
 * the systems at the site that use each, and the container that receives its copies here.
 * @param input the site's as-built input
 */
export function backupsTable(input: AsBuiltInput): Table {
  const targets = new Map(compileBackupTargets(input.inventory, input.site.id).map((t) => [t.policy, t.container]));
  const systems = input.inventory.systems.filter((s) => s.sites.includes(input.site.id));
  const rows = [...input.inventory.backupPolicies]
    .sort((a, b) => compareText(a.id, b.id))
    .map((p) => [
      p.id,
      p.schedule,
      p.retentionDays,
      p.copies,
      list([...p.media].sort(compareText)),
      yesNo(p.offsite),
      yesNo(p.encrypted),
      yesNo(p.immutable),
      p.targetZone,
      p.restoreTestDays ?? "",
      targets.get(p.id) ?? "",
      list(systems.filter((s) => s.backupPolicy === p.id).map((s) => s.id).sort(compareText)),
    ]);
  return {
    id: "backups",
    titleVi: "Sao lưu",
    titleEn: "Backups",
    sheet: "Sao lưu - Backups",
    columns: [
      { vi: "Chính sách", en: "Policy" },
      { vi: "Lịch (cron)", en: "Schedule (cron)" },
      { vi: "Thời gian lưu (ngày)", en: "Retention (days)", type: "integer" },
      { vi: "Số bản sao", en: "Copies", type: "integer" },
      { vi: "Phương tiện", en: "Media" },
      { vi: "Lưu ngoài điểm", en: "Off-site" },
      { vi: "Mã hóa", en: "Encrypted" },
      { vi: "Không thể sửa xóa", en: "Immutable" },
      { vi: "Vùng đích", en: "Target zone" },
      { vi: "Chu kỳ thử khôi phục (ngày)", en: "Restore test every (days)", type: "integer" },
      { vi: "Kho chứa tại điểm", en: "Target container at site" },
      { vi: "Hệ thống tại điểm", en: "Systems at site" },
    ],
    rows,
  };
}
