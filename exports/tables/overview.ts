import type { AsBuiltInput } from "../input";
import type { Cell, Table } from "../table";
import { list } from "../labels";
import { basisLabel, citationLines, type RunManifest } from "../provenance";
import { SITE_ROLE_LABELS } from "../../inventory/model/siteRoles";

/**
 * The first sheet: who and where, the facility design target, and how many rows every other sheet has
 * (counted from those tables, so the overview can never disagree with them).
 * @param input the site's as-built input
 * @param tables the other tables of the report
 * @param manifest what the report was made from (cited in two rows when given)
 */
export function overviewTable(input: AsBuiltInput, tables: readonly Table[], manifest?: RunManifest): Table {
  const { inventory, site } = input;
  const f = site.facility;
  const item = (vi: string, en: string, value: Cell): Cell[] => [`${vi} / ${en}`, value];
  const rows: Cell[][] = [
    item("Tỉnh", "Province", `${inventory.province.name} (${inventory.province.nameEn})`),
    item("Đơn vị vận hành", "Operator", inventory.province.operator),
    item("Mã điểm", "Site", site.id),
    item("Tên điểm", "Site name", site.name),
    item("Vai trò", "Role", SITE_ROLE_LABELS[site.role]),
    ...(site.retireBy !== undefined ? [item("Hạn ngừng sử dụng", "Retire by", site.retireBy)] : []),
    item("Địa chỉ", "Address", `${site.location.address}, ${site.location.city}`),
    item("Đơn vị cho thuê hạ tầng", "Hosted by", site.location.hostedBy ?? ""),
    // The inventory shows a design consistent with a tier; only an assessor can certify one.
    item("Mục tiêu thiết kế (không phải chứng nhận)", "Facility tier target (design, not a certification)", `${f.tierTarget} (${f.standard})`),
    item("Nhánh nguồn", "Power paths", list([...f.powerPaths].sort())),
    item("Dự phòng UPS", "UPS redundancy", f.upsRedundancy),
    item("Dự phòng làm mát", "Cooling redundancy", f.coolingRedundancy),
    item("Thời gian chạy máy phát (giờ)", "Generator autonomy (hours)", f.generatorAutonomyHours ?? ""),
    item(
      "Điểm vào cáp của nhà mạng",
      "Carrier entrances",
      [...site.carrierEntrances]
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
        .map((e) => `${e.id} (${e.carrier}): ${e.route}`)
        .join("; "),
    ),
    item("Khối địa chỉ IPv4", "IPv4 aggregates", list(input.plan.ipv4Aggregates)),
    item("Khối địa chỉ IPv6", "IPv6 aggregates", list(input.plan.ipv6Aggregates)),
    item("Ngày lập", "As of", input.asOf),
    ...(manifest
      ? [
          item("Cơ sở dữ liệu", "Basis", basisLabel(manifest.basis)),
          item("Lập từ", "Made from", citationLines(manifest).vi),
          item("Lập từ (tiếng Anh)", "Made from (English)", citationLines(manifest).en),
        ]
      : []),
    ...tables.map((t) => item(`Số dòng: ${t.titleVi}`, `Rows: ${t.titleEn}`, t.rows.length)),
  ];
  return {
    id: "overview",
    titleVi: "Tổng quan",
    titleEn: "Overview",
    sheet: "Tổng quan - Overview",
    columns: [
      { vi: "Mục", en: "Item" },
      { vi: "Giá trị", en: "Value" },
    ],
    rows,
  };
}
