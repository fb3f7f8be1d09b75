import type { AsBuiltInput } from "../input";
import { compareText, type Table } from "../table";
import { yesNo } from "../labels";

/**
 * Every VLAN of the site with its dual-stack subnet exactly as the address plan has it (canonical IPv6).
 * @param input the site's as-built input
 */
export function vlansTable(input: AsBuiltInput): Table {
  const dhcp = new Map(input.inventory.zones.filter((z) => z.site === input.site.id).flatMap((z) => z.vlans.map((v) => [`${z.id}/${v.name}`, v.dhcp] as const)));
  const rows = [...input.plan.subnets]
    .sort((a, b) => a.vlanId - b.vlanId || compareText(a.physnet, b.physnet))
    .map((s) => [
      s.vlanId,
      s.vlanName,
      s.zone,
      s.purpose,
      s.physnet,
      s.ipv4.prefix,
      s.ipv4.gateway,
      `${s.ipv4.pool.start} – ${s.ipv4.pool.end}`,
      yesNo(dhcp.get(`${s.zone}/${s.vlanName}`) ?? true),
      s.ipv6.prefix,
      s.ipv6.gateway,
      s.ipv6Mode,
    ]);
  return {
    id: "vlans",
    titleVi: "VLAN và địa chỉ",
    titleEn: "VLANs and prefixes",
    sheet: "VLAN - VLANs",
    columns: [
      { vi: "VLAN", en: "VLAN ID", type: "integer" },
      { vi: "Tên", en: "Name" },
      { vi: "Vùng", en: "Zone" },
      { vi: "Mục đích", en: "Purpose" },
      { vi: "Mạng vật lý", en: "Physnet" },
      { vi: "Dải IPv4", en: "IPv4 prefix" },
      { vi: "Cổng IPv4", en: "IPv4 gateway" },
      { vi: "Vùng cấp phát IPv4", en: "IPv4 pool" },
      { vi: "DHCP IPv4", en: "IPv4 DHCP" },
      { vi: "Dải IPv6", en: "IPv6 prefix" },
      { vi: "Cổng IPv6", en: "IPv6 gateway" },
      { vi: "Chế độ IPv6", en: "IPv6 mode" },
    ],
    rows,
  };
}
