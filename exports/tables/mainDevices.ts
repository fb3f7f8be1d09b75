import type { Device } from "../../inventory/model";
import type { AsBuiltInput } from "../input";
import { compareText, type Table } from "../table";
import { list } from "../labels";
import { DEVICE_ROLE_NAMES } from "../deviceRoles";

/** Role order of the table: as `DEVICE_ROLE_NAMES` lists them (core switching first, then filtering, then watching). */
const ROLE_ORDER = Object.keys(DEVICE_ROLE_NAMES);

/**
 * Whether a zone's enforcer or in-line entry (a device name or an HA group) is this device.
 * @param name the name a zone gives
 * @param device the device
 */
function names(name: string, device: Device): boolean {
  return name === device.name || (device.haGroup !== undefined && name === device.haGroup);
}

/**
 * The site's main network and security devices with their purpose (Decree 331/2026 Art. 22.3d; Circular
 * 12/2022 Art. 3.2): every device whose role carries, filters or watches traffic, or is central storage; its
 * role in both languages, model, rack, HA group, management address, and what it does on the site's zoning
 * as the inventory says it: the zones whose boundary it enforces, the zones it sits in line for, the uplinks
 * that end on it.
 * @param input the site's as-built input
 */
export function mainDevicesTable(input: AsBuiltInput): Table {
  const zones = input.inventory.zones.filter((z) => z.site === input.site.id);
  const uplinks = input.inventory.uplinks.filter((u) => u.site === input.site.id);
  const rows = input.inventory.devices
    .filter((d) => d.site === input.site.id && DEVICE_ROLE_NAMES[d.role].networkOrSecurity)
    .sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || compareText(a.name, b.name))
    .map((d) => [
      d.name,
      DEVICE_ROLE_NAMES[d.role].vi,
      DEVICE_ROLE_NAMES[d.role].en,
      d.model,
      d.rack,
      d.haGroup ?? "",
      d.mgmtAddress ?? "",
      list(zones.filter((z) => names(z.enforcedBy, d)).map((z) => z.id).sort(compareText)),
      list(zones.filter((z) => z.inline.some((n) => names(n, d))).map((z) => z.id).sort(compareText)),
      list(uplinks.filter((u) => u.device === d.name).map((u) => `${u.id} (${u.kind}, ${u.provider})`).sort(compareText)),
    ]);
  return {
    id: "main-devices",
    titleVi: "Thiết bị mạng và bảo mật chính",
    titleEn: "Main network and security devices",
    sheet: "Thiết bị chính - Devices",
    columns: [
      { vi: "Thiết bị", en: "Device" },
      { vi: "Chức năng", en: "Purpose (Vietnamese)" },
      { vi: "Chức năng (tiếng Anh)", en: "Purpose" },
      { vi: "Mẫu", en: "Model" },
      { vi: "Tủ rack", en: "Rack" },
      { vi: "Nhóm HA", en: "HA group" },
      { vi: "Địa chỉ quản trị", en: "Management address" },
      { vi: "Thực thi ranh giới vùng", en: "Enforces zones" },
      { vi: "Nội tuyến cho vùng", en: "In line for zones" },
      { vi: "Kết cuối đường truyền", en: "Uplinks terminated" },
    ],
    rows,
  };
}
