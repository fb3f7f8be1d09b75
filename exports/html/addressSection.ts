import type { AsBuiltInput } from "../input";
import { compareText, type Table } from "../table";
import { vlansTable } from "../tables/vlans";
import { tslcdTable } from "../tables/tslcd";
import { uplinksTable } from "../tables/uplinks";
import { publicAddressesTable } from "../tables/publicAddresses";
import { ZONE_KIND_NAMES } from "../zoneNames";
import { headingHtml, tableHtml } from "./tableHtml";
import { esc } from "./escape";

/** Keeps some columns of a table (by index) and the rows that pass a test. */
function slice(table: Table, columns: readonly number[], keep: (row: Table["rows"][number]) => boolean): Pick<Table, "columns" | "rows"> {
  return { columns: columns.map((i) => table.columns[i]), rows: table.rows.filter(keep).map((r) => columns.map((i) => r[i])) };
}

/**
 * The address plan section: per zone its blocks and its VLANs (both families, gateways), then the
 * Kubernetes ranges, the public prefixes and published services, the TSLCD prefixes and the uplinks' links.
 * @param input the site's as-built input
 */
export function addressSection(input: AsBuiltInput): string {
  const vlans = vlansTable(input);
  const zones = input.inventory.zones.filter((z) => z.site === input.site.id).sort((a, b) => compareText(a.id, b.id));
  const parts = [`<section class="addressing" id="addressing">`, headingHtml(2, "2. Quy hoạch địa chỉ IP", "IP address plan")];
  parts.push(
    `<p class="note">IPv4 và IPv6 theo kế hoạch địa chỉ (addressplan.lock.yaml); dải TSLCD do nhà mạng cấp, không phân bổ. <span class="en">IPv4 and IPv6 as the address plan pins them (addressplan.lock.yaml); TSLCD prefixes are the carrier's, never allocated.</span></p>`,
  );
  for (const z of zones) {
    const block = input.plan.zones.find((b) => b.zone === z.id);
    const kind = ZONE_KIND_NAMES[z.kind];
    parts.push(
      `<h3 id="zone-${esc(z.id)}" data-zone="${esc(z.id)}">${esc(z.id)} — ${esc(z.name)} <span class="en">/ ${esc(kind.vi)} / ${esc(kind.en)}</span></h3>`,
      `<p>Khối / Blocks: IPv4 <code>${esc(block?.ipv4 ?? "")}</code> · IPv6 <code>${esc(block?.ipv6 ?? "")}</code></p>`,
      // VLAN, name, purpose, physnet, IPv4 prefix, gateway, IPv6 prefix, gateway, mode.
      tableHtml(slice(vlans, [0, 1, 3, 4, 5, 6, 9, 10, 11], (r) => r[2] === z.id)),
    );
  }
  const clusters = input.plan.clusters.filter((c) => c.site === input.site.id).sort((a, b) => compareText(a.cluster, b.cluster));
  if (clusters.length > 0) {
    parts.push(
      headingHtml(3, "Dải Kubernetes", "Kubernetes ranges"),
      tableHtml({
        columns: [
          { vi: "Cụm", en: "Cluster" },
          { vi: "Pod IPv4", en: "Pod IPv4" },
          { vi: "Pod IPv6", en: "Pod IPv6" },
          { vi: "Service IPv4", en: "Service IPv4" },
          { vi: "Service IPv6", en: "Service IPv6" },
        ],
        rows: clusters.map((c) => [c.cluster, c.pods.ipv4, c.pods.ipv6, c.services.ipv4, c.services.ipv6]),
      }),
    );
  }
  const pub = publicAddressesTable(input);
  const tslcd = tslcdTable(input);
  const uplinks = uplinksTable(input);
  parts.push(
    headingHtml(3, pub.titleVi, pub.titleEn, "public-addresses"),
    tableHtml(pub),
    headingHtml(3, tslcd.titleVi, tslcd.titleEn, "tslcd"),
    tableHtml(tslcd),
    headingHtml(3, `${uplinks.titleVi} và dải liên kết`, `${uplinks.titleEn} and link prefixes`, "uplinks"),
    tableHtml(uplinks),
    "</section>",
  );
  return parts.join("\n");
}
