import { formatPrefix, parsePrefix } from "../../inventory/addressing/prefix";
import type { AsBuiltInput } from "../input";
import type { Table } from "../table";

/**
 * A prefix in the plan's canonical form (the plan rewrites what the inventory wrote), or as written when it does not parse.
 * @param text the prefix as written
 */
function canonical(text: string): string {
  const parsed = parsePrefix(text);
  return parsed.ok ? formatPrefix(parsed.prefix) : text;
}

/**
 * The TSLCD prefixes the carrier's plan assigns to the site: recorded as given, never allocated.
 * Rows keep the plan's order (by address, IPv4 first).
 * @param input the site's as-built input
 */
export function tslcdTable(input: AsBuiltInput): Table {
  const assigned = new Map(input.site.tslcd.map((t) => [canonical(t.prefix), t.assigned]));
  const rows = input.plan.tslcd.map((t) => [t.prefix, t.purpose, t.carrier, t.reference, assigned.get(t.prefix) ?? ""]);
  return {
    id: "tslcd",
    titleVi: "Dải địa chỉ mạng TSLCD",
    titleEn: "TSLCD prefixes",
    sheet: "TSLCD - TSLCD prefixes",
    columns: [
      { vi: "Dải địa chỉ", en: "Prefix" },
      { vi: "Mục đích", en: "Purpose" },
      { vi: "Đơn vị cấp", en: "Carrier" },
      { vi: "Văn bản cấp", en: "Reference" },
      { vi: "Ngày cấp", en: "Assigned" },
    ],
    rows,
  };
}
