import type { SecurityRuleSpec } from "../../compilers/openstack/securityGroups";
import type { AsBuiltInput } from "../input";
import { compareText, type Table } from "../table";
import { list, portRange } from "../labels";

/**
 * The remote side of a rule as an auditor reads it: a prefix, or the name of the group it trusts.
 * @param rule the rule
 * @param groupNames group key → Neutron name
 */
export function remoteOf(rule: Pick<SecurityRuleSpec, "remoteIpPrefix" | "remoteGroupKey">, groupNames: ReadonlyMap<string, string>): string {
  if (rule.remoteGroupKey) return `nhóm / group ${groupNames.get(rule.remoteGroupKey) ?? rule.remoteGroupKey}`;
  return rule.remoteIpPrefix ?? "";
}

/**
 * Every security-group rule of the site with the flows that need it: the allow-list as deployed.
 * @param input the site's as-built input
 */
export function securityRulesTable(input: AsBuiltInput): Table {
  const groupNames = new Map(input.compiled.securityGroups.map((g) => [g.key, g.name]));
  const rows = [...input.compiled.securityGroups]
    .sort((a, b) => compareText(a.name, b.name))
    .flatMap((g) =>
      [...g.rules]
        .sort(
          (a, b) =>
            compareText(a.direction, b.direction) ||
            compareText(a.ethertype, b.ethertype) ||
            compareText(a.protocol ?? "", b.protocol ?? "") ||
            (a.portRangeMin ?? 0) - (b.portRangeMin ?? 0) ||
            compareText(remoteOf(a, groupNames), remoteOf(b, groupNames)) ||
            compareText(a.key, b.key),
        )
        .map((r) => [
          g.name,
          g.zone,
          r.direction,
          r.ethertype,
          r.protocol ?? "any",
          portRange(r.portRangeMin, r.portRangeMax),
          remoteOf(r, groupNames),
          list(r.flows),
          r.key,
        ]),
    );
  return {
    id: "security-rules",
    titleVi: "Quy tắc an ninh",
    titleEn: "Security rules",
    sheet: "Quy tắc - Security rules",
    columns: [
      { vi: "Nhóm bảo mật", en: "Security group" },
      { vi: "Vùng", en: "Zone" },
      { vi: "Chiều", en: "Direction" },
      { vi: "Họ địa chỉ", en: "Ethertype" },
      { vi: "Giao thức", en: "Protocol" },
      { vi: "Cổng", en: "Ports" },
      { vi: "Phía xa", en: "Remote" },
      { vi: "Luồng", en: "Flows" },
      { vi: "Khóa", en: "Rule key" },
    ],
    rows,
  };
}
