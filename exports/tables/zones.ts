import type { AsBuiltInput } from "../input";
import { compareText, type Table } from "../table";
import { ZONE_KIND_NAMES, isLevel3ZoneKind } from "../zoneNames";
import { list, yesNo } from "../labels";

/**
 * The zones of the site: kind, the level-3 name in Vietnamese, who enforces the boundary, and the zone blocks.
 * An enforcer that names an HA group is expanded to its members, because the dossier names devices.
 * @param input the site's as-built input
 */
export function zonesTable(input: AsBuiltInput): Table {
  const devices = input.inventory.devices.filter((d) => d.site === input.site.id);
  const rows = input.inventory.zones
    .filter((z) => z.site === input.site.id)
    .sort((a, b) => compareText(a.id, b.id))
    .map((z) => {
      const block = input.plan.zones.find((b) => b.zone === z.id);
      const members = devices.filter((d) => d.haGroup === z.enforcedBy).map((d) => d.name).sort(compareText);
      const isDevice = devices.some((d) => d.name === z.enforcedBy);
      const enforcerKind = isDevice ? "Thiết bị / Device" : members.length > 0 ? "Nhóm HA / HA group" : "";
      const kindName = ZONE_KIND_NAMES[z.kind];
      return [
        z.id,
        z.kind,
        kindName.vi,
        kindName.en,
        yesNo(isLevel3ZoneKind(z.kind)),
        z.name,
        z.enforcedBy,
        enforcerKind,
        list(members),
        block?.ipv4 ?? "",
        block?.ipv6 ?? "",
        z.vlans.length,
      ];
    });
  return {
    id: "zones",
    titleVi: "Vùng mạng",
    titleEn: "Zones",
    sheet: "Vùng - Zones",
    columns: [
      { vi: "Vùng", en: "Zone" },
      { vi: "Loại", en: "Kind" },
      { vi: "Tên vùng cấp độ 3", en: "Level-3 zone (Vietnamese)" },
      { vi: "Tên tiếng Anh", en: "Level-3 zone (English)" },
      { vi: "Vùng theo Phụ lục III TT 12/2022", en: "Annex III zone" },
      { vi: "Tên", en: "Name" },
      { vi: "Thiết bị thực thi", en: "Enforced by" },
      { vi: "Loại thực thi", en: "Enforcer kind" },
      { vi: "Thành viên nhóm HA", en: "HA group members" },
      { vi: "Khối IPv4", en: "IPv4 block" },
      { vi: "Khối IPv6", en: "IPv6 block" },
      { vi: "Số VLAN", en: "VLANs", type: "integer" },
    ],
    rows,
  };
}
