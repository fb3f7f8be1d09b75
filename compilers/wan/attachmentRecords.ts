/**
 * Every TSLCD attachment as a vendor-neutral record (the CPE's and the carrier's view of one circuit in one
 * VPN: who, where, level, circuit, route, bandwidth, CPE, PE–CE addresses, the LAN behind it) and the
 * per-level export the carrier and the auditors read (CSV with a BOM, bilingual headings). Pure.
 */
import { agencyMap, type Inventory, type TslcdLevel, type TslcdVpn } from "../../inventory/model";
import type { TslcdPlan } from "../../inventory/addressing/types";
import { compareText, tslcdLinkIdentity } from "../../inventory/addressing/identity";
import { endpointOwner, vpnMap } from "../../inventory/tslcd/attachments";
import type { Column, Table } from "../../exports/table";

/** One circuit in one VPN. */
export interface AttachmentRecord {
  level: TslcdLevel;
  vpn: string;
  vrf: string;
  carrier: string;
  /** `site` for a data centre's circuit, `endpoint` for an agency's. */
  kind: "site" | "endpoint";
  /** Site id or endpoint id. */
  attachedBy: string;
  /** The unit in force that owns the endpoint (empty for a site). */
  agency: string;
  circuit: string;
  /** Physical route id. */
  route: string;
  bandwidthMbps: number;
  backup: boolean;
  cpe: { device: string; model: string; role: string; platform: string; routing: string };
  link: { ipv4: string; ipv6: string; pe: { ipv4: string; ipv6: string }; ce: { ipv4: string; ipv6: string } } | undefined;
  /** The LAN behind an agency's CPE (empty for a site: its announced prefixes are in the edge routers' files). */
  lan: { ipv4: string; ipv6: string };
}

/** The VPN's part of a record. */
function vpnFields(v: TslcdVpn): Pick<AttachmentRecord, "level" | "vpn" | "vrf" | "carrier"> {
  return { level: v.level, vpn: v.id, vrf: v.vrf, carrier: v.carrier };
}

/**
 * Every attachment of the province, sorted by level, VPN, site or endpoint and circuit.
 * @param inv the inventory
 * @param plan the province's TSLCD plan
 */
export function attachmentRecords(inv: Inventory, plan: TslcdPlan | undefined): AttachmentRecord[] {
  const vpns = vpnMap(inv);
  const links = new Map((plan?.links ?? []).map((l) => [l.id, l]));
  const lans = new Map((plan?.lans ?? []).map((l) => [l.endpoint, l]));
  const agencies = agencyMap(inv.agencies);
  const devices = new Map(inv.devices.map((d) => [d.name, d]));
  const out: AttachmentRecord[] = [];
  const linkOf = (id: string): AttachmentRecord["link"] => {
    const l = links.get(id);
    return l && { ipv4: l.ipv4, ipv6: l.ipv6, pe: l.pe, ce: l.ce };
  };
  for (const u of inv.uplinks) {
    if (u.kind !== "tslcd") continue;
    const d = devices.get(u.device);
    for (const id of u.vpns ?? []) {
      const v = vpns.get(id);
      if (!v) continue;
      out.push({
        ...vpnFields(v),
        kind: "site",
        attachedBy: u.site,
        agency: "",
        circuit: u.circuit ?? u.id,
        route: u.physicalRoute ?? "",
        bandwidthMbps: u.bandwidthMbps,
        backup: u.backup === true,
        cpe: { device: u.device, model: d?.model ?? "", role: d?.role ?? "", platform: d?.routerPlatform ?? "vendor", routing: "bgp" },
        link: linkOf(tslcdLinkIdentity(`site:${u.site}`, u.id, id)),
        lan: { ipv4: "", ipv6: "" },
      });
    }
  }
  for (const e of inv.tslcdEndpoints) {
    const lan = lans.get(e.id);
    for (const a of e.attachments) {
      const v = vpns.get(a.vpn);
      if (!v) continue;
      out.push({
        ...vpnFields(v),
        kind: "endpoint",
        attachedBy: e.id,
        agency: endpointOwner(agencies, e) ?? e.agency,
        circuit: a.circuit,
        route: a.route,
        bandwidthMbps: a.bandwidthMbps,
        backup: a.backup,
        cpe: { device: "", model: a.cpe.model, role: a.cpe.role, platform: a.cpe.platform, routing: a.cpe.routing },
        link: linkOf(tslcdLinkIdentity(e.id, a.circuit)),
        lan: { ipv4: lan?.ipv4 ?? "", ipv6: lan?.ipv6 ?? "" },
      });
    }
  }
  return out.sort((a, b) => compareText(a.level, b.level) || compareText(a.vpn, b.vpn) || compareText(a.kind, b.kind) || compareText(a.attachedBy, b.attachedBy) || compareText(a.circuit, b.circuit));
}

const COLUMNS: Column[] = [
  { vi: "Cấp", en: "Level" },
  { vi: "VPN", en: "VPN" },
  { vi: "VRF", en: "VRF" },
  { vi: "Nhà mạng", en: "Carrier" },
  { vi: "Loại", en: "Kind" },
  { vi: "Điểm kết nối", en: "Attached by" },
  { vi: "Đơn vị", en: "Agency" },
  { vi: "Mã kênh", en: "Circuit id" },
  { vi: "Tuyến cáp", en: "Physical route" },
  { vi: "Băng thông (Mbit/s)", en: "Bandwidth (Mbit/s)", type: "integer" },
  { vi: "Dự phòng", en: "Backup" },
  { vi: "Thiết bị CE", en: "CE device" },
  { vi: "Model CE", en: "CE model" },
  { vi: "Vai trò CE", en: "CE role" },
  { vi: "Định tuyến", en: "Routing" },
  { vi: "Liên kết PE–CE IPv4", en: "PE–CE link IPv4" },
  { vi: "PE IPv4", en: "PE IPv4" },
  { vi: "CE IPv4", en: "CE IPv4" },
  { vi: "Liên kết PE–CE IPv6", en: "PE–CE link IPv6" },
  { vi: "PE IPv6", en: "PE IPv6" },
  { vi: "CE IPv6", en: "CE IPv6" },
  { vi: "LAN IPv4", en: "LAN IPv4" },
  { vi: "LAN IPv6", en: "LAN IPv6" },
];

/**
 * The attachments of one level as a bilingual table (`tslcd-level-I`, `tslcd-level-II`).
 * @param records every attachment
 * @param level the level
 */
export function attachmentTable(records: readonly AttachmentRecord[], level: TslcdLevel): Table {
  return {
    id: `tslcd-level-${level}`,
    titleVi: `Kết nối mạng TSLCD cấp ${level}`,
    titleEn: `TSLCD level-${level} attachments`,
    sheet: `TSLCD cap ${level}`,
    columns: COLUMNS,
    rows: records
      .filter((r) => r.level === level)
      .map((r) => [
        r.level,
        r.vpn,
        r.vrf,
        r.carrier,
        r.kind === "site" ? "trung tâm dữ liệu / data centre" : "đơn vị / agency",
        r.attachedBy,
        r.agency,
        r.circuit,
        r.route,
        r.bandwidthMbps,
        r.backup ? "có / yes" : "không / no",
        r.cpe.device,
        r.cpe.model,
        r.cpe.role,
        r.cpe.routing,
        r.link?.ipv4 ?? "",
        r.link?.pe.ipv4 ?? "",
        r.link?.ce.ipv4 ?? "",
        r.link?.ipv6 ?? "",
        r.link?.pe.ipv6 ?? "",
        r.link?.ce.ipv6 ?? "",
        r.lan.ipv4,
        r.lan.ipv6,
      ]),
  };
}
