import type { Inventory } from "../../inventory/model";
import type { SanPlan } from "../../compilers/san/sanPlan";
import { compileSanPlan } from "../../compilers/san/sanPlan";
import type { AsBuiltInput } from "../input";
import { list, yesNo } from "../labels";
import { compareText, type Table } from "../table";

/**
 * The SAN of a site as auditors read it: fabrics (switches, zone set, hosts on each), zones, arrays and
 * pools (capacity, purpose, owner, encryption, replication), LUN masking per system. The same builders
 * write the `npm run san` CSVs, from the same generated plan.
 */

/** Bilingual names of pool purposes. */
const PURPOSES: Readonly<Record<string, string>> = {
  general: "Dùng chung / General",
  "log-store": "Lưu nhật ký SOC / SOC log store",
  backup: "Sao lưu / Backup",
};

/**
 * Fabrics: side, protocol, CLI and VSAN, switches, zone set, zones and the hosts zoned on each.
 * @param inventory the validated inventory
 * @param plan the site's SAN plan
 */
export function sanFabricsTable(inventory: Inventory, plan: SanPlan): Table {
  const rows = inventory.sanFabrics
    .filter((f) => f.site === plan.site)
    .sort((a, b) => compareText(a.id, b.id))
    .map((f) => {
      const z = plan.fabrics.find((x) => x.fabric === f.id);
      const hosts = [...new Set((z?.zones ?? []).map((x) => x.host))].sort(compareText);
      return [f.id, f.side, f.protocol, f.cli ?? "", f.vsan ?? "", list([...f.switches].sort(compareText)), z?.zoneSet ?? "", z?.zones.length ?? 0, hosts.length, list(hosts)];
    });
  return {
    id: "san-fabrics",
    titleVi: "Fabric SAN",
    titleEn: "SAN fabrics",
    sheet: "Fabric SAN - SAN fabrics",
    columns: [
      { vi: "Mạng SAN (fabric)", en: "Fabric" },
      { vi: "Nhánh", en: "Side" },
      { vi: "Giao thức", en: "Protocol" },
      { vi: "Dòng lệnh cấu hình", en: "CLI" },
      { vi: "SAN ảo (VSAN)", en: "VSAN", type: "integer" },
      { vi: "Bộ chuyển mạch", en: "Switches" },
      { vi: "Tập vùng", en: "Zone set" },
      { vi: "Số vùng", en: "Zones", type: "integer" },
      { vi: "Số máy chủ", en: "Hosts", type: "integer" },
      { vi: "Máy chủ trên fabric", en: "Hosts on the fabric" },
    ],
    rows,
  };
}

/**
 * Zones: one row per single-initiator zone, with its host, system, array and members.
 * @param plan the site's SAN plan
 */
export function sanZonesTable(plan: SanPlan): Table {
  const rows = plan.fabrics.flatMap((f) => f.zones.map((z) => [f.fabric, f.zoneSet, z.name, z.host, z.system ?? "Cinder", z.array, z.initiator, list(z.targets)]));
  return {
    id: "san-zones",
    titleVi: "Vùng SAN (zoning)",
    titleEn: "SAN zones",
    sheet: "Vùng SAN - SAN zones",
    columns: [
      { vi: "Mạng SAN (fabric)", en: "Fabric" },
      { vi: "Tập vùng", en: "Zone set" },
      { vi: "Vùng", en: "Zone" },
      { vi: "Máy chủ", en: "Host" },
      { vi: "Hệ thống", en: "System" },
      { vi: "Mảng lưu trữ", en: "Array" },
      { vi: "WWPN khởi tạo", en: "Initiator WWPN" },
      { vi: "WWPN đích", en: "Target WWPNs" },
    ],
    rows,
  };
}

/**
 * Arrays and pools: controllers, tier, purpose, owner, capacity, encryption and replication.
 * @param inventory the validated inventory
 * @param site site id
 */
export function storagePoolsTable(inventory: Inventory, site: string): Table {
  const rows = inventory.storageArrays
    .filter((a) => a.site === site)
    .sort((a, b) => compareText(a.id, b.id))
    .flatMap((a) =>
      [...a.pools]
        .sort((x, y) => compareText(x.id, y.id))
        .map((p) => {
          const replicas = inventory.storageReplication
            .filter((r) => r.source === a.id && (r.pools === undefined || r.pools.includes(p.id)))
            .map((r) => `${r.target} (${r.mode === "synchronous" ? "sync" : `async ${r.intervalMinutes} min`})`)
            .sort(compareText);
          return [
            a.id,
            list([...a.devices].sort(compareText)),
            p.id,
            p.tier,
            PURPOSES[p.purpose] ?? p.purpose,
            p.reservedFor ?? "",
            p.capacityTiB,
            p.backend,
            yesNo(p.encrypted),
            p.encrypted ? `${p.encryption.provider} ${p.encryption.cipher} ${p.encryption.keySize}-bit ${p.encryption.controlLocation}` : "",
            list(replicas),
          ];
        }),
    );
  return {
    id: "storage-pools",
    titleVi: "Mảng và pool lưu trữ",
    titleEn: "Storage arrays and pools",
    sheet: "Pool lưu trữ - Storage pools",
    columns: [
      { vi: "Mảng lưu trữ", en: "Array" },
      { vi: "Bộ điều khiển", en: "Controllers" },
      { vi: "Vùng lưu trữ (pool)", en: "Pool" },
      { vi: "Lớp phương tiện", en: "Media tier" },
      { vi: "Mục đích", en: "Purpose" },
      { vi: "Dành riêng cho hệ thống", en: "Reserved for system" },
      { vi: "Dung lượng (TiB)", en: "Capacity (TiB)", type: "decimal" },
      { vi: "Backend Cinder", en: "Cinder backend" },
      { vi: "Mã hóa", en: "Encrypted" },
      { vi: "Đặc tả mã hóa", en: "Encryption spec" },
      { vi: "Nhân bản tới", en: "Replicated to" },
    ],
    rows,
  };
}

/**
 * LUN masking: each LUN with its host group, host LUN id and the hosts (and WWPNs) it is masked to.
 * @param plan the site's SAN plan
 */
export function lunMaskingTable(plan: SanPlan): Table {
  const groups = new Map(plan.hostGroups.map((g) => [`${g.array}|${g.name}`, g]));
  const rows = plan.luns.map((l) => {
    const g = groups.get(`${l.array}|${l.hostGroup}`);
    const wwpns = (g?.hosts ?? []).filter((h) => l.hosts.includes(h.device)).flatMap((h) => h.wwpns);
    return [l.array, l.hostGroup, l.system, l.lun, l.pool, l.sizeGiB, l.hostLunId, list(l.hosts), list(wwpns)];
  });
  return {
    id: "lun-masking",
    titleVi: "Phân vùng LUN theo hệ thống",
    titleEn: "LUN masking per system",
    sheet: "LUN - LUN masking",
    columns: [
      { vi: "Mảng lưu trữ", en: "Array" },
      { vi: "Nhóm máy chủ", en: "Host group" },
      { vi: "Hệ thống", en: "System" },
      { vi: "Đơn vị lưu trữ logic (LUN)", en: "LUN" },
      { vi: "Vùng lưu trữ (pool)", en: "Pool" },
      { vi: "Dung lượng (GiB)", en: "Size (GiB)", type: "integer" },
      { vi: "Mã LUN phía máy chủ", en: "Host LUN id", type: "integer" },
      { vi: "Máy chủ", en: "Hosts" },
      { vi: "WWPN được phép", en: "Allowed WWPNs" },
    ],
    rows,
  };
}

/**
 * Every SAN table of a site, for the as-built workbook.
 * @param input the site's as-built input
 */
export function sanTables(input: AsBuiltInput): Table[] {
  const plan = compileSanPlan(input.inventory, input.site.id);
  return [sanFabricsTable(input.inventory, plan), sanZonesTable(plan), storagePoolsTable(input.inventory, input.site.id), lunMaskingTable(plan)];
}
