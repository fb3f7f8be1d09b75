/**
 * `asbuilt.html`: one self-contained page for auditors and the DC team — the zone diagram, the address plan,
 * rack elevations, the SAN and backup summary and the compliance summary, Vietnamese first with English
 * beside it, titled design or as-built by its provenance and citing what it was made from. Nothing is
 * fetched: styles and drawings are inline, fonts are the reader's own, and there is no script.
 */
import type { AsBuiltInput } from "../input";
import { citationLines, titleWithBasis, basisLabel, type RunManifest } from "../provenance";
import type { PolicyReportRead } from "../policyReportFile";
import { PAGE_STYLE } from "./pageStyle";
import { esc } from "./escape";
import { zoneSection } from "./zoneSection";
import { addressSection } from "./addressSection";
import { rackSection } from "./rackSection";
import { storageSection } from "./storageSection";
import { complianceSection } from "./complianceSection";
import { provenanceSection } from "./provenanceSection";

/** The sections, for the contents list. */
const CONTENTS: readonly [string, string, string][] = [
  ["zones", "Sơ đồ vùng mạng", "Zone diagram"],
  ["addressing", "Quy hoạch địa chỉ IP", "IP address plan"],
  ["racks", "Sơ đồ tủ rack", "Rack elevations"],
  ["storage", "SAN, lưu trữ và sao lưu", "SAN, storage and backup"],
  ["compliance", "Tóm tắt tuân thủ cấp độ 3", "Level-3 compliance summary"],
  ["provenance", "Phụ lục: nguồn dữ liệu", "Appendix: what this page was made from"],
];

/**
 * The page's title: "Hồ sơ hạ tầng trung tâm dữ liệu (thiết kế) / Data center infrastructure record (design) — na-dc1".
 * @param manifest what the page was made from
 * @param site the site id
 */
export function asBuiltHtmlTitle(manifest: Pick<RunManifest, "basis">, site: string): string {
  return `${titleWithBasis("Hồ sơ hạ tầng trung tâm dữ liệu", "Data center infrastructure record", manifest.basis)} — ${site}`;
}

/**
 * Renders the page.
 * @param input the site's as-built input
 * @param manifest what it was made from (its basis titles the page)
 * @param policy the stack's policy report as read (absent: the compliance summary says "not evaluated")
 */
export function asBuiltHtml(input: AsBuiltInput, manifest: RunManifest, policy: PolicyReportRead): string {
  const title = asBuiltHtmlTitle(manifest, input.site.id);
  const cite = citationLines(manifest);
  const province = input.inventory.province;
  return [
    "<!DOCTYPE html>",
    `<html lang="vi">`,
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(title)}</title>`,
    `<style>${PAGE_STYLE}</style>`,
    "</head>",
    `<body data-site="${esc(input.site.id)}" data-basis="${esc(manifest.basis)}">`,
    "<header>",
    `<h1>${esc(title)}</h1>`,
    `<div class="provenance">`,
    `<p><strong>Cơ sở / Basis:</strong> ${esc(basisLabel(manifest.basis))}</p>`,
    `<p>${esc(cite.vi)}</p>`,
    `<p class="en">${esc(cite.en)}</p>`,
    `<p><strong>Tỉnh / Province:</strong> ${esc(province.name)} (${esc(province.nameEn)}) · <strong>Đơn vị vận hành / Operator:</strong> ${esc(province.operator)}</p>`,
    `<p><strong>Điểm / Site:</strong> ${esc(input.site.name)} (${esc(input.site.id)}) · <strong>Ngày lập / As of:</strong> ${esc(manifest.asOf)}</p>`,
    "</div>",
    `<nav><strong>Mục lục / Contents</strong><ol>${CONTENTS.map(([id, vi, en]) => `<li><a href="#${id}">${esc(vi)}</a> <span class="en">/ ${esc(en)}</span></li>`).join("")}</ol></nav>`,
    "</header>",
    zoneSection(input).html,
    addressSection(input),
    rackSection(input),
    storageSection(input),
    complianceSection(policy, manifest.asOf),
    provenanceSection(manifest),
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
