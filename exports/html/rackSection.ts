import type { AsBuiltInput } from "../input";
import { compareText } from "../table";
import { rackElevationsSvg, rackViews } from "../diagram/rackElevation";
import { racksTable } from "../tables/racks";
import { headingHtml, tableHtml } from "./tableHtml";
import { esc } from "./escape";

/**
 * The racks section: one elevation drawing per row of racks, the racks' power table, and the HA groups with
 * the racks their members sit in (a group with two members in one rack is flagged).
 * @param input the site's as-built input
 */
export function rackSection(input: AsBuiltInput): string {
  const devices = input.inventory.devices.filter((d) => d.site === input.site.id);
  const views = rackViews(input.inventory.racks.filter((r) => r.site === input.site.id), devices);
  const groups = [...new Set(devices.map((d) => d.haGroup).filter((g): g is string => g !== undefined))].sort(compareText);
  const haRows = groups.map((g) => {
    const members = devices.filter((d) => d.haGroup === g).sort((a, b) => compareText(a.name, b.name));
    const racks = members.map((d) => d.rack);
    const spread = new Set(racks).size;
    return [g, members.map((d) => `${d.name} @ ${d.rack}`).join(", "), spread, spread > 1 ? `Trải trên ${spread} tủ / Across ${spread} racks` : "Cả nhóm trong một tủ / Whole group in one rack"];
  });
  const parts = [
    `<section class="racks" id="racks">`,
    headingHtml(2, "3. Sơ đồ tủ rack", "Rack elevations"),
    `<p class="note">Thanh đỏ bên trái là nhánh nguồn A, thanh xanh bên phải là nhánh nguồn B; số trên dây là số bộ nguồn của thiết bị trên nhánh đó. Khung xanh lá: nhóm HA trải trên nhiều tủ (bên cạnh là các tủ của thành viên khác); khung đỏ: cả nhóm nằm trong một tủ. Mô hình ghi tủ của thiết bị, không ghi vị trí U và chiều cao: thiết bị được liệt kê từ trên xuống theo tên, không phải sơ đồ lắp đặt. <span class="en">The red bar on the left is power path A, the blue bar on the right path B; the number on a cord is the device's power supplies on that path. Green frame: the HA group spans several racks (the other members' racks are named); red: the whole group is in one rack. The model records a device's rack, not its unit position or height: devices are listed top down by name; this is not a mounting plan.</span></p>`,
  ];
  for (const { row, svg } of rackElevationsSvg(views)) parts.push(`<h3>${esc(row)}</h3>`, `<div class="figure rack-figure">${svg}</div>`);
  parts.push(headingHtml(3, "Tủ rack và nguồn", "Racks and power"), tableHtml(racksTable(input)));
  parts.push(
    headingHtml(3, "Nhóm dự phòng nóng (HA)", "HA groups"),
    tableHtml({
      columns: [
        { vi: "Nhóm HA", en: "HA group" },
        { vi: "Thành viên @ tủ", en: "Members @ rack" },
        { vi: "Số tủ", en: "Racks", type: "integer" },
        { vi: "Bố trí", en: "Placement" },
      ],
      rows: haRows,
    }),
    "</section>",
  );
  return parts.join("\n");
}
