import type { AsBuiltInput } from "../input";
import { compareText, type Table } from "../table";
import { list } from "../labels";

/**
 * The VMs the compiler places at the site, with the fixed addresses they get.
 * SLAAC subnets give no fixed IPv6 address (it derives from the port's MAC), which the cell says.
 * @param input the site's as-built input
 */
export function instancesTable(input: AsBuiltInput): Table {
  const rows = [...input.compiled.placements.instances]
    .sort((a, b) => compareText(a.name, b.name))
    .map((i) => [
      i.name,
      i.system,
      i.tier,
      i.zone,
      i.networkKey,
      i.ipv4,
      i.ipv6 ?? "SLAAC",
      i.image,
      i.flavor,
      list(i.securityGroupKeys),
      i.serverGroupKey ?? "",
      i.volumeGiB,
      i.volumeType ?? "",
      list(i.publish.map((p) => `${p.protocol}/${p.port}`)),
    ]);
  return {
    id: "instances",
    titleVi: "Máy chủ ảo",
    titleEn: "Instances",
    sheet: "Máy chủ ảo - Instances",
    columns: [
      { vi: "Tên", en: "Name" },
      { vi: "Hệ thống", en: "System" },
      { vi: "Lớp", en: "Tier" },
      { vi: "Vùng", en: "Zone" },
      { vi: "Mạng", en: "Network" },
      { vi: "Địa chỉ IPv4", en: "IPv4 address" },
      { vi: "Địa chỉ IPv6", en: "IPv6 address" },
      { vi: "Ảnh hệ điều hành", en: "Image" },
      { vi: "Cấu hình", en: "Flavor" },
      { vi: "Nhóm bảo mật", en: "Security groups" },
      { vi: "Nhóm máy chủ", en: "Server group" },
      { vi: "Ổ đĩa (GiB)", en: "Volume (GiB)", type: "integer" },
      { vi: "Loại ổ đĩa", en: "Volume type" },
      { vi: "Cổng công bố", en: "Published ports" },
    ],
    rows,
  };
}
