import type { ZoneKind } from "../inventory/model";
import { LEVEL3_ZONE_KINDS } from "../inventory/model";

/** A zone kind's name as the level-3 dossier writes it, with the English alongside. */
export interface ZoneKindName {
  /** Vietnamese name, as in Circular 12/2022 Annex III for the level-3 zones. */
  vi: string;
  /** English name. */
  en: string;
}

/**
 * Names of the zone kinds. The first seven are the zones Circular 12/2022 Annex III lists for level 3
 * (wireless only where there is wireless); the rest are the zones the provincial architectures add.
 */
export const ZONE_KIND_NAMES: Readonly<Record<ZoneKind, ZoneKindName>> = {
  internal: { vi: "Vùng mạng nội bộ", en: "Internal (users) zone" },
  edge: { vi: "Vùng mạng biên", en: "Edge zone" },
  dmz: { vi: "Vùng DMZ", en: "DMZ" },
  "internal-server": { vi: "Vùng máy chủ nội bộ", en: "Internal server zone" },
  wireless: { vi: "Vùng mạng không dây", en: "Wireless zone" },
  "db-server": { vi: "Vùng máy chủ cơ sở dữ liệu", en: "Database server zone" },
  management: { vi: "Vùng quản trị", en: "Management zone" },
  storage: { vi: "Vùng mạng lưu trữ", en: "Storage network zone" },
  backup: { vi: "Vùng sao lưu", en: "Backup zone" },
  soc: { vi: "Vùng giám sát an toàn thông tin (SOC)", en: "Security operations (SOC) zone" },
  tslcd: { vi: "Vùng kết nối mạng truyền số liệu chuyên dùng", en: "Dedicated government network (TSLCD) zone" },
  "out-of-band": { vi: "Vùng quản trị ngoài băng", en: "Out-of-band management zone" },
};

/**
 * Whether a zone kind is one Annex III requires or allows at level 3 (the six required ones and wireless).
 * @param kind the zone kind
 */
export function isLevel3ZoneKind(kind: ZoneKind): boolean {
  return kind === "wireless" || LEVEL3_ZONE_KINDS.includes(kind);
}
