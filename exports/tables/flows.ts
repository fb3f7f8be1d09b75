import type { Endpoint, Service } from "../../inventory/model";
import type { AsBuiltInput } from "../input";
import { backupFlowsAsDeclared, provinceBackupFlows } from "../../compilers/backup/jobFlows";
import { compareText, type Table } from "../table";
import { list, portRange } from "../labels";

/**
 * One end of a flow as written in the inventory: "zone dmz", "system portal/web", "external internet".
 * @param endpoint the endpoint
 */
export function endpointText(endpoint: Endpoint): string {
  if (endpoint.zone) return `zone ${endpoint.zone}`;
  if (endpoint.system) return `system ${endpoint.system}${endpoint.tier ? `/${endpoint.tier}` : ""}`;
  return `external ${endpoint.external ?? ""}`;
}

/**
 * A named service with what it opens: "https (tcp/443)"; an unknown name is shown as is.
 * @param name the service name
 * @param services the inventory's services by name
 */
export function serviceText(name: string, services: ReadonlyMap<string, Service>): string {
  const s = services.get(name);
  if (!s) return name;
  const ports = portRange(s.port ?? s.portMin, s.port ?? s.portMax);
  return `${name} (${s.protocol}${ports ? `/${ports}` : ""})`;
}

/**
 * The flow's state on the report date: expired flows must be renewed or removed.
 * @param expires the flow's expiry date, YYYY-MM-DD
 * @param asOf the report date, YYYY-MM-DD
 */
export function flowStatus(expires: string | undefined, asOf: string): string {
  if (!expires) return "Không thời hạn / No expiry";
  return expires < asOf ? "Đã hết hạn / Expired" : "Còn hiệu lực / Valid";
}

/**
 * Every allowed flow of the province (the intent), with how many rules it compiles to at this site
 * (0: the flow does not reach this site).
 * @param input the site's as-built input
 */
export function flowsTable(input: AsBuiltInput): Table {
  const services = new Map(input.inventory.services.map((s) => [s.name, s]));
  const rulesAtSite = new Map<string, number>();
  for (const g of input.compiled.securityGroups) for (const r of g.rules) for (const f of r.flows) rulesAtSite.set(f, (rulesAtSite.get(f) ?? 0) + 1);
  // The backup job plan's flows at this site are listed with the declared ones (their source is the cluster's zone).
  const rows = [...input.inventory.flows, ...backupFlowsAsDeclared(provinceBackupFlows(input.inventory).flows, input.site.id)]
    .sort((a, b) => compareText(a.name, b.name))
    .map((f) => [
      f.name,
      endpointText(f.from),
      endpointText(f.to),
      list([...f.services].sort(compareText).map((s) => serviceText(s, services))),
      f.justification,
      f.owner ?? "",
      f.expires ?? "",
      flowStatus(f.expires, input.asOf),
      rulesAtSite.get(f.name) ?? 0,
    ]);
  return {
    id: "flows",
    titleVi: "Luồng được phép",
    titleEn: "Allowed flows",
    sheet: "Luồng - Flows",
    columns: [
      { vi: "Tên luồng", en: "Flow" },
      { vi: "Từ", en: "From" },
      { vi: "Đến", en: "To" },
      { vi: "Dịch vụ", en: "Services" },
      { vi: "Lý do", en: "Justification" },
      { vi: "Chủ sở hữu", en: "Owner" },
      { vi: "Hết hạn", en: "Expires" },
      { vi: "Trạng thái", en: "Status" },
      { vi: "Số quy tắc tại điểm", en: "Security rules at site", type: "integer" },
    ],
    rows,
  };
}
