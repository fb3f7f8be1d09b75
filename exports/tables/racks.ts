import type { AsBuiltInput } from "../input";
import { compareText, type Table } from "../table";
import { list } from "../labels";
import { isDualCorded } from "./devices";

/**
 * The racks of the site with their power feeds, budget and how many of their devices are dual-corded.
 * @param input the site's as-built input
 */
export function racksTable(input: AsBuiltInput): Table {
  const devices = input.inventory.devices.filter((d) => d.site === input.site.id);
  const rows = input.inventory.racks
    .filter((r) => r.site === input.site.id)
    .sort((a, b) => compareText(a.id, b.id))
    .map((r) => {
      const inRack = devices.filter((d) => d.rack === r.id);
      const dual = inRack.filter(isDualCorded).length;
      return [r.id, r.row, list([...r.feeds].sort(compareText)), r.units, r.powerKw ?? "", inRack.length, dual, inRack.length - dual];
    });
  return {
    id: "racks",
    titleVi: "Tủ rack và nguồn",
    titleEn: "Racks and power",
    sheet: "Tủ rack, nguồn - Racks, power",
    columns: [
      { vi: "Tủ rack", en: "Rack" },
      { vi: "Dãy, phòng máy", en: "Row" },
      { vi: "Nhánh nguồn", en: "Power feeds" },
      { vi: "Số U", en: "Units", type: "integer" },
      { vi: "Công suất thiết kế (kW)", en: "Power budget (kW)", type: "decimal" },
      { vi: "Số thiết bị", en: "Devices", type: "integer" },
      { vi: "Thiết bị hai nguồn", en: "Dual-corded devices", type: "integer" },
      { vi: "Thiết bị một nguồn", en: "Single-corded devices", type: "integer" },
    ],
    rows,
  };
}
