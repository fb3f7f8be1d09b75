import type { DeviceRole } from "../inventory/model";

/** A device role as the dossier writes it, Vietnamese first, and whether it counts as a main network or security device. */
export interface DeviceRoleName {
  /** Vietnamese name. */
  vi: string;
  /** English name. */
  en: string;
  /**
   * A main network or security device in the sense of the level-3 dossier (Decree 331/2026 Art. 22.3d;
   * Circular 12/2022 Art. 3.2 lists the core switch, core firewall, WAF, central storage and DB firewall as
   * the minimum): everything that carries, filters or watches traffic, and central storage.
   */
  networkOrSecurity: boolean;
}

/** Names of every device role. */
export const DEVICE_ROLE_NAMES: Readonly<Record<DeviceRole, DeviceRoleName>> = {
  "core-switch": { vi: "Thiết bị chuyển mạch trung tâm", en: "Core switch", networkOrSecurity: true },
  "access-switch": { vi: "Thiết bị chuyển mạch truy cập", en: "Access switch", networkOrSecurity: true },
  "core-firewall": { vi: "Tường lửa trung tâm", en: "Core firewall", networkOrSecurity: true },
  "edge-firewall": { vi: "Tường lửa biên", en: "Edge firewall", networkOrSecurity: true },
  waf: { vi: "Tường lửa ứng dụng web (WAF)", en: "Web application firewall", networkOrSecurity: true },
  "db-firewall": { vi: "Tường lửa cơ sở dữ liệu", en: "Database firewall", networkOrSecurity: true },
  ips: { vi: "Thiết bị phòng chống xâm nhập (IPS)", en: "Intrusion prevention system", networkOrSecurity: true },
  "anti-ddos": { vi: "Thiết bị chống tấn công từ chối dịch vụ (anti-DDoS)", en: "Anti-DDoS appliance", networkOrSecurity: true },
  router: { vi: "Bộ định tuyến", en: "Router", networkOrSecurity: true },
  "load-balancer": { vi: "Thiết bị cân bằng tải", en: "Load balancer", networkOrSecurity: true },
  "san-switch": { vi: "Thiết bị chuyển mạch SAN", en: "SAN switch", networkOrSecurity: true },
  "storage-array": { vi: "Hệ thống lưu trữ tập trung", en: "Central storage array", networkOrSecurity: true },
  server: { vi: "Máy chủ vật lý", en: "Physical server", networkOrSecurity: false },
  hypervisor: { vi: "Máy chủ ảo hóa", en: "Hypervisor host", networkOrSecurity: false },
  "backup-appliance": { vi: "Thiết bị sao lưu", en: "Backup appliance", networkOrSecurity: false },
  "tape-library": { vi: "Thư viện băng từ", en: "Tape library", networkOrSecurity: false },
  "network-tap": { vi: "Thiết bị trích xuất lưu lượng (TAP)", en: "Network tap", networkOrSecurity: true },
  nac: { vi: "Hệ thống kiểm soát truy cập mạng (NAC)", en: "Network access control", networkOrSecurity: true },
  siem: { vi: "Hệ thống quản lý sự kiện an toàn thông tin (SIEM)", en: "SIEM", networkOrSecurity: true },
  "ntp-server": { vi: "Máy chủ thời gian (NTP)", en: "Time server (NTP)", networkOrSecurity: false },
  "jump-host": { vi: "Máy chủ trung gian quản trị", en: "Administration jump host", networkOrSecurity: true },
  "console-server": { vi: "Máy chủ console ngoài băng", en: "Out-of-band console server", networkOrSecurity: false },
};

/**
 * A role as one bilingual phrase: "Tường lửa trung tâm / Core firewall".
 * @param role the device role
 */
export function roleLabel(role: DeviceRole): string {
  const n = DEVICE_ROLE_NAMES[role];
  return `${n.vi} / ${n.en}`;
}
