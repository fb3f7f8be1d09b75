import type { RunManifest } from "../provenance";
import { headingHtml, tableHtml } from "./tableHtml";
import { esc } from "./escape";

/**
 * The appendix saying exactly what the page was made from: every inventory file with its SHA-256, the plan's
 * hash, the tool's commit and the evaluation date (the header cites the short form).
 * @param m the run manifest
 */
export function provenanceSection(m: RunManifest): string {
  const rows = [
    ["Công cụ / Tool", `${m.tool.name} ${m.tool.version} @ ${m.tool.commit ?? "?"}${m.tool.dirty ? " (có thay đổi chưa ghi / uncommitted changes)" : ""}`],
    ["Lệnh / Command", m.command],
    ["Ngày đánh giá / As of", m.asOf],
    ["Cơ sở / Basis", m.basis],
    ["Hồ sơ / Inventory", `${m.inventory.path} @ ${m.inventory.commit ?? "?"}${m.inventory.dirty ? " (có thay đổi chưa ghi / uncommitted changes)" : ""}`],
    ["Digest hồ sơ / Inventory digest", m.inventory.digest],
    ["Kế hoạch / Plan", m.plan ? `${m.plan.path} sha256 ${m.plan.sha256}` : "chưa có tệp kế hoạch (biên dịch từ hồ sơ) / no plan file (compiled from the inventory)"],
  ];
  return [
    `<section class="provenance-appendix" id="provenance">`,
    headingHtml(2, "Phụ lục: nguồn dữ liệu", "Appendix: what this page was made from"),
    `<table><tbody>${rows.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join("")}</tbody></table>`,
    headingHtml(3, "Tệp hồ sơ", "Inventory files"),
    tableHtml({ columns: [{ vi: "Tệp", en: "File" }, { vi: "SHA-256", en: "SHA-256" }], rows: m.inventory.files.map((f) => [f.path, f.sha256]) }),
    "</section>",
  ].join("\n");
}
