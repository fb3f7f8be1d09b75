/**
 * What a merger writes for people: the conflicts (Markdown and JSON), the renumbering plan (CSV with BOM
 * and Markdown, through the as-built table writers) and the staged plan with each stage's checks and its
 * plan diff. Pure renderers; the merge run writes them.
 */
import { renderCsv } from "../../exports/csv";
import { markdownCell, renderMarkdownTable } from "../../exports/markdown";
import type { Table } from "../../exports/table";
import { CONFLICT_KINDS, type Conflict, type RenumberRow, type Stage } from "../../inventory/merge/types";
import type { StageCheck } from "./stageChecks";

/** Bilingual names of the conflict kinds. */
const KIND_TITLES: Readonly<Record<Conflict["kind"], string>> = {
  "aggregate-overlap": "Khối địa chỉ trùng nhau / Overlapping aggregates",
  "prefix-overlap": "Dải địa chỉ vùng trùng nhau / Overlapping zone prefixes",
  "tslcd-overlap": "Địa chỉ TSLCD trùng nhau / Overlapping TSLCD prefixes",
  "public-prefix-overlap": "Địa chỉ công cộng trùng nhau / Overlapping public prefixes",
  "cluster-range-overlap": "Dải Kubernetes trùng nhau / Overlapping cluster ranges",
  "vlan-id": "VLAN trùng trên physnet được nối / VLAN ids on joined physnets",
  "tslcd-level-ii": "Hai mạng TSLCD cấp II / Two TSLCD level-II networks",
  "site-id": "Mã điểm trùng / Duplicate site ids",
  "zone-id": "Mã vùng trùng / Duplicate zone ids",
  "system-id": "Mã hệ thống trùng / Duplicate system ids",
  "system-kind": "Hai hệ thống cùng loại / Two systems of one kind",
  "agency-code": "Mã cơ quan trùng / Duplicate agency codes",
  "agency-name": "Tên cơ quan trùng / Duplicate agency names",
  "admin-code": "Mã đơn vị hành chính trùng / Duplicate administrative-unit codes",
  service: "Dịch vụ cùng tên khác định nghĩa / Services of one name, two definitions",
  wwpn: "WWPN trùng / Duplicate WWPNs",
  identity: "Định danh khác trùng / Other duplicate identities",
  "migration-flow": "Luồng chuyển đổi bị đường cơ sở cấm / Migration flows the zone baseline forbids",
};

/** Where a conflict's places are, as `file:line`. */
function places(c: Conflict): string {
  return c.places.map((p) => (p.file !== undefined ? `${p.file}:${p.line}` : `${p.province} ${p.path}`)).join(", ");
}

/**
 * The conflicts as Markdown, one section per kind.
 * @param conflicts the conflicts
 * @param inputs names of the merged provinces, the kept one first
 */
export function renderConflicts(conflicts: readonly Conflict[], inputs: readonly string[]): string {
  const out = [`# Xung đột khi sáp nhập / Merger conflicts: ${inputs.join(" + ")}`, "", `${inputs[0]} is kept: its addresses, VLANs and identities do not change.`, ""];
  const counts = CONFLICT_KINDS.map((k) => [k, conflicts.filter((c) => c.kind === k).length] as const).filter(([, n]) => n > 0);
  out.push("| Loại / Kind | Số / Count |", "|---|---:|", ...counts.map(([k, n]) => `| ${KIND_TITLES[k]} | ${n} |`), "");
  for (const [kind] of counts) {
    out.push(`## ${KIND_TITLES[kind]}`, "", "| # | Xung đột / Conflict | Ở đâu / Where | Xử lý / Resolution |", "|---:|---|---|---|");
    conflicts
      .filter((c) => c.kind === kind)
      .forEach((c, i) => out.push(`| ${i + 1} | ${markdownCell(c.message)} | ${markdownCell(places(c))} | ${markdownCell(c.resolution)} |`));
    out.push("");
  }
  return out.join("\n");
}

/** The renumbering plan as a table (the CSV and Markdown writers of the as-built export render it). */
export function renumberingTable(rows: readonly RenumberRow[]): Table {
  return {
    id: "renumbering",
    titleVi: "Kế hoạch đánh lại địa chỉ",
    titleEn: "Renumbering plan",
    sheet: "Renumbering",
    columns: [
      { vi: "Điểm", en: "Site" },
      { vi: "Điểm cũ", en: "Former site" },
      { vi: "Loại", en: "Kind" },
      { vi: "Đối tượng", en: "Object" },
      { vi: "Họ địa chỉ", en: "Family" },
      { vi: "Cũ", en: "Old" },
      { vi: "Mới", en: "New" },
      { vi: "Thay đổi", en: "Changed" },
    ],
    rows: rows.map((r) => [r.site, r.formerSite, r.kind, r.object, r.family, r.old, r.new, r.old === r.new ? "không / no" : "có / yes"]),
  };
}

/** The renumbering plan as CSV (UTF-8 with BOM, CRLF). */
export function renderRenumberingCsv(rows: readonly RenumberRow[]): string {
  return renderCsv(renumberingTable(rows));
}

/** The renumbering plan as Markdown, with a count of what changes. */
export function renderRenumberingMarkdown(rows: readonly RenumberRow[]): string {
  const changed = rows.filter((r) => r.old !== r.new).length;
  return [
    "# Kế hoạch đánh lại địa chỉ / Renumbering plan",
    "",
    `${rows.length} rows, ${changed} of which change: every prefix, gateway, VLAN id and fixed address of the moved sites, old → new. The kept province's sites are not listed: nothing of them moves.`,
    "",
    renderMarkdownTable(renumberingTable(rows)),
  ].join("\n");
}

/**
 * The staged plan: each stage, what it changes, and (when checked) its results per site and its plan diff.
 * @param stages the stages
 * @param target index of the target stage
 * @param checks each stage's checks, when run
 */
export function renderStages(stages: readonly Stage[], target: number, checks?: readonly StageCheck[]): string {
  const out = ["# Kế hoạch theo giai đoạn / Staged plan", ""];
  out.push(
    "Each stage is a complete province folder under `stages/`, applied on its own with `pulumi up` (one stack per site).",
    `The merged province (the target, the folder above) is stage ${stages[target].id}.`,
    "",
  );
  stages.forEach((s, i) => {
    out.push(`## ${s.id} — ${s.title}${i === target ? " (target)" : ""}`, "", ...s.summary.map((l) => `- ${l}`), "");
    const c = checks?.[i];
    if (c === undefined) {
      out.push("_Not checked (run without --no-checks)._", "");
      return;
    }
    out.push(`Result: **${c.ok ? "passes every check" : "FAILS"}**`, "");
    for (const p of c.problems) out.push(`- ✗ ${markdownCell(p)}`);
    if (c.sites.length > 0) {
      out.push("| Site | Resources | Mandatory violations | Reachability | Plan diff (add / replace / update / remove) |", "|---|---:|---:|---|---|");
      for (const site of c.sites) {
        const d = site.diff ? `[${site.diff.counts.add} / ${site.diff.counts.replace} / ${site.diff.counts.update} / ${site.diff.counts.remove}](stages/${s.id}/diff/${site.site}.md)` : "—";
        out.push(`| ${site.site} | ${site.resources} | ${site.violations.length} | ${markdownCell(site.proof.line)} | ${d} |`);
      }
      out.push("");
      for (const site of c.sites) for (const v of site.violations) out.push(`- ✗ ${site.site}: ${markdownCell(v)}`);
    }
    out.push("");
  });
  return out.join("\n");
}
