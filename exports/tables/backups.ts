import { compileBackupTargets } from "../../compilers/backupTargets";
import { deriveThreeTwoOne, everyCopyEncrypted, hasImmutableCopy, siteRoleMap } from "../../inventory/model";
import type { AsBuiltInput } from "../input";
import { compareText, type Table } from "../table";
import { list, yesNo } from "../labels";

/**
 * The backup policies with what 3-2-1 and level 3 ask, derived from where each copy is (copies, media, the
 * copies off-site for this site's data, every copy encrypted, an immutable copy), the systems at the site
 * that use each, and the container that receives its copies here.
 * @param input the site's as-built input
 */
export function backupsTable(input: AsBuiltInput): Table {
  const targets = new Map(compileBackupTargets(input.inventory, input.site.id).map((t) => [t.policy, t.container]));
  const systems = input.inventory.systems.filter((s) => s.sites.includes(input.site.id));
  const roles = siteRoleMap(input.inventory.sites);
  const rows = [...input.inventory.backupPolicies]
    .sort((a, b) => compareText(a.id, b.id))
    .map((p) => {
      const derived = deriveThreeTwoOne(p, input.site.id, roles);
      return [
      p.id,
      p.schedule,
      p.retentionDays,
      derived.copies,
      list(derived.media),
      list(derived.offsite.map((id) => `${id} (${p.copies.find((c) => c.id === id)?.site ?? ""})`)),
      yesNo(everyCopyEncrypted(p)),
      yesNo(hasImmutableCopy(p)),
      p.targetZone,
      p.restoreTestDays ?? "",
      targets.get(p.id) ?? "",
      list(systems.filter((s) => s.backupPolicy === p.id).map((s) => s.id).sort(compareText)),
    ];
    });
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
      { vi: "Bản sao ngoài điểm", en: "Off-site copies" },
      { vi: "Mọi bản sao mã hóa", en: "Every copy encrypted" },
      { vi: "Có bản sao không thể sửa xóa", en: "Has an immutable copy" },
      { vi: "Vùng đích", en: "Target zone" },
      { vi: "Chu kỳ thử khôi phục (ngày)", en: "Restore test every (days)", type: "integer" },
      { vi: "Kho chứa tại điểm", en: "Target container at site" },
      { vi: "Hệ thống tại điểm", en: "Systems at site" },
    ],
    rows,
  };
}
