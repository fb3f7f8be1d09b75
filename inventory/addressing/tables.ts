import type { SitePlan } from "./types";

/** One row of a site's human address table. */
export interface AddressTableRow {
  /** Site id. */
  site: string;
  /** Zone id, or `-` for site-wide blocks (links, loopbacks, clusters). */
  zone: string;
  /** VLAN as `id name`, or what the row is (link, loopback, cluster range). */
  vlan: string;
  /** What it is for. */
  purpose: string;
  /** IPv4 prefix. */
  ipv4Prefix: string;
  /** IPv4 gateway, empty where there is none. */
  ipv4Gateway: string;
  /** IPv6 prefix (canonical). */
  ipv6Prefix: string;
  /** IPv6 gateway, empty where there is none. */
  ipv6Gateway: string;
}

/** Column headings, Vietnamese first with English alongside (auditors read both). */
export const TABLE_HEADINGS: readonly string[] = [
  "Site",
  "Vùng / Zone",
  "VLAN",
  "Mục đích / Purpose",
  "IPv4 prefix",
  "IPv4 gateway",
  "IPv6 prefix",
  "IPv6 gateway",
];

/**
 * The rows of a site's table: VLAN subnets by zone and VLAN id, then links, loopbacks and cluster ranges.
 * @param site the site's plan
 */
export function addressTableRows(site: SitePlan): AddressTableRow[] {
  const rows: AddressTableRow[] = site.subnets.map((s) => ({
    site: s.site,
    zone: s.zone,
    vlan: `${s.vlanId} ${s.vlanName}`,
    purpose: s.purpose,
    ipv4Prefix: s.ipv4.prefix,
    ipv4Gateway: s.ipv4.gateway,
    ipv6Prefix: s.ipv6.prefix,
    ipv6Gateway: s.ipv6.gateway,
  }));
  const siteWide = (vlan: string, purpose: string, ipv4: string, ipv6: string): AddressTableRow => ({
    site: site.site,
    zone: "-",
    vlan,
    purpose,
    ipv4Prefix: ipv4,
    ipv4Gateway: "",
    ipv6Prefix: ipv6,
    ipv6Gateway: "",
  });
  for (const l of site.links) rows.push(siteWide(`link ${l.id}`, "point-to-point uplink", l.ipv4, l.ipv6));
  for (const l of site.loopbacks) rows.push(siteWide(`loopback ${l.device}`, "device loopback", l.ipv4, l.ipv6));
  for (const c of site.clusters) {
    rows.push(siteWide(`cluster ${c.cluster} pods`, "Kubernetes pod range", c.pods.ipv4, c.pods.ipv6));
    rows.push(siteWide(`cluster ${c.cluster} services`, "Kubernetes service range", c.services.ipv4, c.services.ipv6));
  }
  return rows;
}

function cells(r: AddressTableRow): string[] {
  return [r.site, r.zone, r.vlan, r.purpose, r.ipv4Prefix, r.ipv4Gateway, r.ipv6Prefix, r.ipv6Gateway];
}

/**
 * A site's address table as Markdown (pipes and line breaks in free text escaped so a row stays a row).
 * @param site the site's plan
 */
export function renderAddressTableMarkdown(site: SitePlan): string {
  const esc = (t: string): string => t.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
  const lines = [
    `# Address plan — site ${site.site}`,
    "",
    `IPv4 aggregates: ${site.ipv4Aggregates.join(", ")}; IPv6 aggregates: ${site.ipv6Aggregates.join(", ")}.`,
    "",
    `| ${TABLE_HEADINGS.join(" | ")} |`,
    `|${TABLE_HEADINGS.map(() => "---").join("|")}|`,
    ...addressTableRows(site).map((r) => `| ${cells(r).map(esc).join(" | ")} |`),
  ];
  if (site.tslcd.length > 0) {
    lines.push("", "TSLCD prefixes (fixed by the carrier, never allocated):", "");
    for (const t of site.tslcd) {
      const facts = t.level === undefined ? "" : `level ${t.level}, ${t.holds ?? "?"}${t.block ? ", the province's block" : ""} — `;
      lines.push(`- ${t.prefix} — ${facts}${esc(t.purpose)} (${esc(t.carrier)}, ${esc(t.reference)})`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/**
 * A site's address table as CSV (RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or line break),
 * with a UTF-8 byte-order mark like every other CSV we write: without it Excel garbles the Vietnamese headings and purposes.
 * @param site the site's plan
 */
export function renderAddressTableCsv(site: SitePlan): string {
  const field = (t: string): string => (/[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t);
  const lines = [TABLE_HEADINGS.map(field).join(","), ...addressTableRows(site).map((r) => cells(r).map(field).join(","))];
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
