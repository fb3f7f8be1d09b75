import type { Device } from "../../inventory/model";
import type { AsBuiltInput } from "../input";
import { compareText, type Table } from "../table";
import { list } from "../labels";

/**
 * Whether a device draws power from both paths A and B (what Tier III concurrent maintainability needs).
 * @param device the device
 */
export function isDualCorded(device: Pick<Device, "powerSupplies">): boolean {
  return (device.powerSupplies.A ?? 0) > 0 && (device.powerSupplies.B ?? 0) > 0;
}

/**
 * Every device of the site: what it is, where it is mounted, how it is powered, how it is reached.
 * @param input the site's as-built input
 */
export function devicesTable(input: AsBuiltInput): Table {
  const loopbacks = new Map(input.plan.loopbacks.map((l) => [l.device, l]));
  const rows = input.inventory.devices
    .filter((d) => d.site === input.site.id)
    .sort((a, b) => compareText(a.name, b.name))
    .map((d) => [
      d.name,
      d.role,
      d.model,
      d.serial ?? "",
      d.rack,
      d.haGroup ?? "",
      d.powerSupplies.A ?? 0,
      d.powerSupplies.B ?? 0,
      d.mgmtAddress ?? "",
      loopbacks.get(d.name)?.ipv4 ?? "",
      loopbacks.get(d.name)?.ipv6 ?? "",
      list([...d.sanFabrics].sort(compareText)),
    ]);
  return {
    id: "devices",
    titleVi: "Thiết bị",
    titleEn: "Devices",
    sheet: "Thiết bị - Devices",
    columns: [
      { vi: "Tên", en: "Name" },
      { vi: "Vai trò", en: "Role" },
      { vi: "Mẫu thiết bị", en: "Model" },
      { vi: "Số serial", en: "Serial" },
      { vi: "Tủ rack", en: "Rack" },
      { vi: "Nhóm HA", en: "HA group" },
      { vi: "Nguồn nhánh A", en: "Power supplies A", type: "integer" },
      { vi: "Nguồn nhánh B", en: "Power supplies B", type: "integer" },
      { vi: "Địa chỉ quản trị", en: "Management address" },
      { vi: "Địa chỉ loopback IPv4", en: "Loopback IPv4" },
      { vi: "Địa chỉ loopback IPv6", en: "Loopback IPv6" },
      { vi: "Mạng SAN", en: "SAN fabrics" },
    ],
    rows,
  };
}
