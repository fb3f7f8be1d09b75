/**
 * The frame every HTML document of the exports shares: the head with the inline style, the header that titles
 * the page by its basis and cites what it was made from, the contents list; and the closing appendix with the
 * whole provenance. Nothing is fetched: no script, no external style, no web font.
 */
import type { Inventory, Site } from "../../inventory/model";
import { basisLabel, citationLines, type RunManifest } from "../provenance";
import { PAGE_STYLE } from "./pageStyle";
import { esc } from "./escape";
import { provenanceSection } from "./provenanceSection";

/** One entry of the contents list: anchor, Vietnamese, English. */
export type ContentsEntry = readonly [string, string, string];

/**
 * The page up to the end of its header.
 * @param title the full title (with its basis)
 * @param manifest what the page was made from
 * @param province the province
 * @param site the site
 * @param contents the contents list
 */
export function pageStart(title: string, manifest: RunManifest, province: Pick<Inventory["province"], "name" | "nameEn" | "operator">, site: Pick<Site, "id" | "name">, contents: readonly ContentsEntry[]): string {
  const cite = citationLines(manifest);
  return [
    "<!DOCTYPE html>",
    `<html lang="vi">`,
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(title)}</title>`,
    `<style>${PAGE_STYLE}</style>`,
    "</head>",
    `<body data-site="${esc(site.id)}" data-basis="${esc(manifest.basis)}">`,
    "<header>",
    `<h1>${esc(title)}</h1>`,
    `<div class="provenance">`,
    `<p><strong>Cơ sở / Basis:</strong> ${esc(basisLabel(manifest.basis))}</p>`,
    `<p>${esc(cite.vi)}</p>`,
    `<p class="en">${esc(cite.en)}</p>`,
    `<p><strong>Tỉnh / Province:</strong> ${esc(province.name)} (${esc(province.nameEn)}) · <strong>Đơn vị vận hành / Operator:</strong> ${esc(province.operator)}</p>`,
    `<p><strong>Điểm / Site:</strong> ${esc(site.name)} (${esc(site.id)}) · <strong>Ngày lập / As of:</strong> ${esc(manifest.asOf)}</p>`,
    "</div>",
    `<nav><strong>Mục lục / Contents</strong><ol>${contents.map(([id, vi, en]) => `<li><a href="#${esc(id)}">${esc(vi)}</a> <span class="en">/ ${esc(en)}</span></li>`).join("")}</ol></nav>`,
    "</header>",
  ].join("\n");
}

/**
 * The appendix and the end of the page.
 * @param manifest what the page was made from
 */
export function pageEnd(manifest: RunManifest): string {
  return [provenanceSection(manifest), "</body>", "</html>", ""].join("\n");
}

/** The contents entry of the provenance appendix. */
export const PROVENANCE_ENTRY: ContentsEntry = ["provenance", "Phụ lục: nguồn dữ liệu", "Appendix: what this page was made from"];
