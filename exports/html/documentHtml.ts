/**
 * A table document (the dossier annex, the annual report) as one self-contained, printable HTML page: the
 * shared frame (title with its basis, what it was made from, contents, provenance appendix) around one
 * section per table, Vietnamese headings with the English beside them.
 */
import type { Table } from "../table";
import type { ReportHeading } from "../markdown";
import { titleWithBasis } from "../provenance";
import type { Inventory, Site } from "../../inventory/model";
import { headingHtml, tableHtml } from "./tableHtml";
import { esc } from "./escape";
import { pageEnd, pageStart, PROVENANCE_ENTRY } from "./pageFrame";

/**
 * Renders the page.
 * @param tables the document's tables, in order
 * @param meta the heading (its title, basis and citation)
 * @param province the province the site belongs to
 * @param site the site
 */
export function documentHtml(tables: readonly Table[], meta: ReportHeading & Required<Pick<ReportHeading, "title">>, province: Inventory["province"], site: Pick<Site, "id" | "name">): string {
  const title = `${titleWithBasis(meta.title.vi, meta.title.en, meta.manifest.basis)} — ${site.id}`;
  const contents = [...tables.map((t, i) => [t.id, `${i + 1}. ${t.titleVi}`, t.titleEn] as const), PROVENANCE_ENTRY];
  return [
    pageStart(title, meta.manifest, province, site, contents),
    ...tables.map((t, i) => [`<section class="document-table" id="${esc(t.id)}" data-table="${esc(t.id)}" data-rows="${t.rows.length}">`, headingHtml(2, `${i + 1}. ${t.titleVi}`, t.titleEn), tableHtml(t), "</section>"].join("\n")),
    pageEnd(meta.manifest),
  ].join("\n");
}
