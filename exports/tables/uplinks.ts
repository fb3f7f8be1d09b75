import type { AsBuiltInput } from "../input";
import { compareText, type Table } from "../table";

/** Bilingual names of uplink kinds. */
const UPLINK_KINDS: Readonly<Record<string, string>> = {
  internet: "Internet",
  tslcd: "Mạng TSLCD / TSLCD",
  "dr-link": "Kênh sang điểm dự phòng / DR link",
};

/**
 * The links out of the site: carrier, entrance and route (diversity is what an auditor checks), and link prefixes.
 * @param input the site's as-built input
 */
export function uplinksTable(input: AsBuiltInput): Table {
  const entrances = new Map(input.site.carrierEntrances.map((e) => [e.id, e]));
  const links = new Map(input.plan.links.map((l) => [l.id, l]));
  const rows = input.inventory.uplinks
    .filter((u) => u.site === input.site.id)
    .sort((a, b) => compareText(a.kind, b.kind) || compareText(a.id, b.id))
    .map((u) => {
      const entrance = entrances.get(u.entrance);
      return [
        u.id,
        UPLINK_KINDS[u.kind] ?? u.kind,
        u.provider,
        entrance ? `${u.entrance} (${entrance.carrier})` : u.entrance,
        u.route,
        u.bandwidthMbps,
        u.device,
        links.get(u.id)?.ipv4 ?? "",
        links.get(u.id)?.ipv6 ?? "",
      ];
    });
  return {
    id: "uplinks",
    titleVi: "Đường truyền",
    titleEn: "Uplinks",
    sheet: "Đường truyền - Uplinks",
    columns: [
      { vi: "Mã", en: "Id" },
      { vi: "Loại", en: "Kind" },
      { vi: "Nhà cung cấp", en: "Provider" },
      { vi: "Điểm vào cáp", en: "Carrier entrance" },
      { vi: "Tuyến cáp", en: "Route" },
      { vi: "Băng thông (Mbit/s)", en: "Bandwidth (Mbit/s)", type: "integer" },
      { vi: "Thiết bị kết cuối", en: "Device" },
      { vi: "Dải liên kết IPv4", en: "Link IPv4 prefix" },
      { vi: "Dải liên kết IPv6", en: "Link IPv6 prefix" },
    ],
    rows,
  };
}
