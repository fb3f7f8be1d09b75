import type { AsBuiltInput } from "../input";
import { compareText } from "../table";
import { backupsTable } from "../tables/backups";
import { capacityTable } from "../tables/capacity";
import { sanFabricsTable, storagePoolsTable } from "../tables/san";
import { compileSanPlan } from "../../compilers/san/sanPlan";
import { roleLabel } from "../deviceRoles";
import { headingHtml, tableHtml } from "./tableHtml";

/**
 * The SAN and backup section: fabrics, arrays and pools, capacity per media tier with what is encrypted,
 * the backup policies (copies, media, off-site, encryption, immutability, target) and the backup devices.
 * @param input the site's as-built input
 */
export function storageSection(input: AsBuiltInput): string {
  const backupDevices = input.inventory.devices
    .filter((d) => d.site === input.site.id && (d.role === "backup-appliance" || d.role === "tape-library"))
    .sort((a, b) => compareText(a.name, b.name));
  const san = compileSanPlan(input.inventory, input.site.id);
  const tables = [sanFabricsTable(input.inventory, san), storagePoolsTable(input.inventory, input.site.id), capacityTable(input), backupsTable(input)];
  const parts = [`<section class="storage" id="storage">`, headingHtml(2, "4. SAN, lưu trữ và sao lưu", "SAN, storage and backup")];
  for (const t of tables) parts.push(headingHtml(3, t.titleVi, t.titleEn, t.id), tableHtml(t));
  parts.push(
    headingHtml(3, "Thiết bị sao lưu", "Backup devices"),
    tableHtml({
      columns: [
        { vi: "Thiết bị", en: "Device" },
        { vi: "Vai trò", en: "Role" },
        { vi: "Mẫu", en: "Model" },
        { vi: "Tủ rack", en: "Rack" },
      ],
      rows: backupDevices.map((d) => [d.name, roleLabel(d.role), d.model, d.rack]),
    }),
    "</section>",
  );
  return parts.join("\n");
}
