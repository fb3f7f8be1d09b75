import type { Tier } from "../../inventory/model";
import { dedicatedStorage } from "../../compilers/openstack/placements";
import type { AsBuiltInput } from "../input";
import { compareText, type Table } from "../table";
import { list, yesNo } from "../labels";

/**
 * A tier as one readable item: "web: dmz/dmz-web, vm ×2".
 * @param tier the tier
 */
export function tierSummary(tier: Tier): string {
  return `${tier.name}: ${tier.zone}${tier.vlan ? `/${tier.vlan}` : ""}, ${tier.form} ×${tier.instances}`;
}

/**
 * The systems hosted at the site: owner, security level, exposure, data, tiers, backup and HA.
 * @param input the site's as-built input
 */
export function systemsTable(input: AsBuiltInput): Table {
  const agencies = new Map(input.inventory.agencies.map((a) => [a.code, a]));
  const rows = input.inventory.systems
    .filter((s) => s.sites.includes(input.site.id))
    .sort((a, b) => compareText(a.id, b.id))
    .map((s) => [
      s.id,
      s.name,
      s.nameEn ?? "",
      s.owner,
      agencies.get(s.owner)?.name ?? "",
      s.securityLevel,
      list([...s.exposure].sort(compareText)),
      s.dataClass,
      // Tiers keep the file's order: web → app → db reads as the request path.
      s.tiers.map(tierSummary).join("; "),
      s.backupPolicy,
      yesNo(s.ha),
      yesNo(dedicatedStorage(s)),
      list([...s.sites].sort(compareText)),
    ]);
  return {
    id: "systems",
    titleVi: "Hệ thống thông tin",
    titleEn: "Systems",
    sheet: "Hệ thống - Systems",
    columns: [
      { vi: "Mã hệ thống", en: "System" },
      { vi: "Tên", en: "Name" },
      { vi: "Tên tiếng Anh", en: "English name" },
      { vi: "Mã cơ quan chủ quản", en: "Owner code" },
      { vi: "Cơ quan chủ quản", en: "Owner agency" },
      { vi: "Cấp độ", en: "Security level", type: "integer" },
      { vi: "Phạm vi truy cập", en: "Exposure" },
      { vi: "Phân loại dữ liệu", en: "Data class" },
      { vi: "Các lớp (vùng, hình thức, số máy)", en: "Tiers (zone, form, instances)" },
      { vi: "Chính sách sao lưu", en: "Backup policy" },
      { vi: "Dự phòng cao", en: "HA" },
      { vi: "Lưu trữ riêng", en: "Dedicated storage" },
      { vi: "Các điểm", en: "Sites" },
    ],
    rows,
  };
}
