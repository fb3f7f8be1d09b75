import { ZoneKind, agencyMap, currentOwner, type Tier } from "../../inventory/model";
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
 * Tiers in a reading order that does not depend on the file: by the kind of their zone, outside in
 * (edge, DMZ, servers, databases, as the model lists zone kinds), then by name.
 * @param tiers the system's tiers
 * @param zoneKinds zone id → kind at the site
 */
export function orderTiers(tiers: readonly Tier[], zoneKinds: ReadonlyMap<string, ZoneKind>): Tier[] {
  const rank = (t: Tier): number => {
    const kind = zoneKinds.get(t.zone);
    return kind ? ZoneKind.options.indexOf(kind) : ZoneKind.options.length;
  };
  return [...tiers].sort((a, b) => rank(a) - rank(b) || compareText(a.name, b.name));
}

/**
 * The systems hosted at the site: owner, security level, exposure, data, tiers, backup and HA.
 * @param input the site's as-built input
 */
export function systemsTable(input: AsBuiltInput): Table {
  const zoneKinds = new Map(input.inventory.zones.filter((z) => z.site === input.site.id).map((z) => [z.id, z.kind]));
  const agencies = agencyMap(input.inventory.agencies);
  // The owner as it is today: a former unit named in the inventory is shown as the unit it became.
  const owner = (code: string): string => currentOwner(agencies, code) ?? code;
  const rows = input.inventory.systems
    .filter((s) => s.sites.includes(input.site.id))
    .sort((a, b) => compareText(a.id, b.id))
    .map((s) => [
      s.id,
      s.name,
      s.nameEn ?? "",
      owner(s.owner),
      agencies.get(owner(s.owner))?.name ?? "",
      s.securityLevel,
      list([...s.exposure].sort(compareText)),
      s.dataClass,
      orderTiers(s.tiers, zoneKinds).map(tierSummary).join("; "),
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
