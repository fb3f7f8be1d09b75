/**
 * The rule base as one CSV for auditors (UTF-8 with BOM, bilingual headings): a row per rule in
 * evaluation order with its objects expanded to prefixes, then a row per destination NAT.
 */
import { renderCsv } from "../../../exports/csv";
import type { Column } from "../../../exports/table";
import type { AddressObject, RuleBase, ServiceObject } from "../ruleBaseTypes";
import { assertRuleBase } from "./checkRuleBase";

const COLUMNS: Column[] = [
  { vi: "STT", en: "Seq", type: "integer" },
  { vi: "Loại", en: "Kind" },
  { vi: "Mã quy tắc", en: "Rule id" },
  { vi: "Từ vùng", en: "From zone" },
  { vi: "Đến vùng", en: "To zone" },
  { vi: "Hành động", en: "Action" },
  { vi: "Họ địa chỉ", en: "Families" },
  { vi: "Nguồn", en: "Sources" },
  { vi: "Địa chỉ nguồn", en: "Source prefixes" },
  { vi: "Đích", en: "Destinations" },
  { vi: "Địa chỉ đích", en: "Destination prefixes" },
  { vi: "Dịch vụ", en: "Services" },
  { vi: "Hồ sơ IPS", en: "IPS profile" },
  { vi: "Ghi nhật ký", en: "Log" },
  { vi: "Luồng (tệp:dòng)", en: "Flows (file:line)" },
  { vi: "Ghi chú", en: "Comment" },
];

function prefixes(objs: Map<string, AddressObject>, names: string[], families: string[]): string {
  if (names.length === 0) return "bất kỳ / any";
  return names
    .flatMap((n) => {
      const o = objs.get(n);
      return o ? [...(families.includes("ipv4") ? o.ipv4 : []), ...(families.includes("ipv6") ? o.ipv6 : [])] : [];
    })
    .join(" ");
}

function serviceText(s: ServiceObject | undefined, name: string): string {
  if (!s) return name;
  if (s.protocol === "any" || s.protocol === "icmp" || s.portMin === undefined) return `${name} (${s.protocol})`;
  return `${name} (${s.protocol}/${s.portMin}${s.portMax !== undefined && s.portMax !== s.portMin ? `-${s.portMax}` : ""})`;
}

/**
 * Renders the CSV.
 * @param rb the rule base
 */
export function renderRuleBaseCsv(rb: RuleBase): string {
  assertRuleBase(rb);
  const objs = new Map(rb.addresses.map((a) => [a.name, a]));
  const svcs = new Map(rb.services.map((s) => [s.name, s]));
  const rows = rb.rules.map((r, i) => [
    i + 1,
    "quy tắc / rule",
    r.id,
    r.section.from,
    r.section.to,
    r.action === "accept" ? "cho phép / accept" : "chặn / deny",
    r.families.join(" "),
    r.sources.join(" ") || "bất kỳ / any",
    prefixes(objs, r.sources, r.families),
    r.destinations.join(" ") || "bất kỳ / any",
    prefixes(objs, r.destinations, r.families),
    r.services.length === 0 ? "bất kỳ / any" : r.services.map((n) => serviceText(svcs.get(n), n)).join(" "),
    r.action === "accept" ? (r.ips ?? "") : "",
    r.log ? "có / yes" : "không / no",
    r.flows.map((f) => (f.file ? `${f.flow} (${f.file}${f.line ? `:${f.line}` : ""})` : f.flow)).join("; "),
    r.comment,
  ]);
  const nat = rb.nat.map((n, i) => [
    rb.rules.length + i + 1,
    "NAT đích / destination NAT",
    n.id,
    "",
    "",
    `dnat → ${n.translatedTo.join(" ")}`,
    "ipv4",
    "bất kỳ / any",
    "",
    `${n.system}/${n.tier}`,
    n.publicAddress,
    `${n.protocol}/${n.port}`,
    "",
    "",
    "",
    n.waf ? "qua WAF / behind the WAF" : "",
  ]);
  return renderCsv({ id: "firewall", titleVi: "Tập luật tường lửa", titleEn: "Firewall rule base", sheet: "firewall", columns: COLUMNS, rows: [...rows, ...nat] });
}
