import { formatCitations } from "../../policies/catalogue/citations";
import { provenanceBilingual } from "../runManifest";
import { ControlResult, PolicyReport, STATUS_LABEL } from "./reportTypes";

/** Compliance matrix for auditors: Markdown and CSV, one row per control, Vietnamese headings with English alongside. */

/**
 * References of a control in one cell.
 * @param c the control.
 */
export function refsCell(c: Pick<ControlResult, "refs">): string {
  const other = c.refs.other?.length ? ` | ${formatCitations(c.refs.other)}` : "";
  return `TT 12/TCVN 11930: ${formatCitations(c.refs.legacy)} | NĐ 331/TCVN 14423: ${formatCitations(c.refs.current)}${other}`;
}

/**
 * Evidence cell: document, or what the automated check judged.
 * @param c the control.
 */
export function evidenceCell(c: ControlResult): string {
  // The age limit is cited with its source: a clause, or a default and where it comes from.
  const limit = c.evidence?.maxAgeDays !== undefined ? `; ≤ ${c.evidence.maxAgeDays} ngày / days (${c.evidence.maxAgeSource ?? ""})` : "";
  if (c.evidence && c.evidence.state !== "missing") return `${c.evidence.reference} (${c.evidence.date}, ${c.evidence.approver}, sha256 ${c.evidence.sha256?.slice(0, 12)}…; ${c.evidence.state}${limit})`;
  if (c.evidence) return `thiếu bằng chứng / missing evidence${limit}`;
  if (c.policy) return `${c.policy}: ${c.evaluated} đã kiểm tra / evaluated${c.reason ? `; ${c.reason}` : ""}`;
  return c.reason ?? "";
}

/**
 * Method cell.
 * @param c the control.
 */
function methodCell(c: ControlResult): string {
  const words: Record<string, string> = { resource: "chính sách tài nguyên / resource policy", stack: "chính sách stack / stack policy", inventory: "kiểm kê / inventory", evidence: "bằng chứng / evidence" };
  return c.verification.map((v) => words[v]).join(", ");
}

/**
 * Escapes a Markdown table cell.
 * @param s text.
 */
function md(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/**
 * The Markdown matrix.
 * @param r the report.
 */
export function toComplianceMarkdown(r: PolicyReport): string {
  const lines = [
    `# Ma trận tuân thủ cấp độ 3 / Level-3 compliance matrix — ${r.province} / ${r.stack}`,
    "",
    `Ngày đánh giá / As of: ${r.asOf} · Bộ chính sách / Pack: ${r.pack.name} ${r.pack.version}`,
    "",
    ...(r.provenance ? [...provenanceBilingual(r.provenance).map((l) => `> ${l}  `), ""] : []),
    "## Tổng hợp / Summary",
    "",
    "| Trạng thái / Status | Số lượng / Count |",
    "|---|---:|",
    ...Object.entries(r.summary.byStatus).map(([k, n]) => `| ${STATUS_LABEL[k as keyof typeof STATUS_LABEL].vi} / ${STATUS_LABEL[k as keyof typeof STATUS_LABEL].en} | ${n} |`),
    "",
    `Phát hiện / Findings: ${r.summary.findings} · Có ngoại lệ / Waived: ${r.summary.waived} · Vi phạm bắt buộc / Mandatory violations: ${r.summary.mandatoryViolations}`,
    "",
    "## Kết quả theo yêu cầu / Results per control",
    "",
    "| Mã / ID | Yêu cầu / Requirement | Căn cứ / References | Phương pháp / Method | Kết quả / Result | Bằng chứng / Evidence | Tài nguyên bị ảnh hưởng / Affected resources |",
    "|---|---|---|---|---|---|---|",
    ...r.controls.map((c) => `| ${c.id} | ${md(`${c.title.vi} / ${c.title.en}`)} | ${md(refsCell(c))} | ${md(methodCell(c))} | ${STATUS_LABEL[c.status].vi} / ${STATUS_LABEL[c.status].en} | ${md(evidenceCell(c))} | ${md(c.affected.join(", "))} |`),
    "",
    "## Phát hiện / Findings",
    "",
  ];
  for (const f of r.findings) {
    const where = f.urn ?? `inventory: ${f.name ?? ""}${f.location ? ` (${f.location.file}:${f.location.line})` : ""}`;
    const w = f.waiver ? ` — ngoại lệ / waived by ${f.waiver.id} (${f.waiver.approver}, ${f.waiver.expires})` : f.expiredWaiver ? ` — ngoại lệ hết hạn / expired waiver ${f.expiredWaiver.id} (${f.expiredWaiver.expires})` : "";
    lines.push(`- **${f.control}** ${md(where)}: ${md(f.message)}${w}`);
  }
  lines.push("", "## Sổ ngoại lệ / Waiver register", "", "| Mã / ID | Người duyệt / Approver | Hết hạn / Expires | Lý do / Justification | Trạng thái / State |", "|---|---|---|---|---|");
  for (const w of r.waivers.active) lines.push(`| ${w.id} | ${md(w.approver)} | ${w.expires} | ${md(w.justification)} | còn hiệu lực / active${w.used ? "" : " (không dùng / unused)"} |`);
  for (const w of r.waivers.expired) lines.push(`| ${w.id} | ${md(w.approver)} | ${w.expires} | ${md(w.justification)} | hết hạn / expired |`);
  lines.push("");
  return lines.join("\n");
}

/**
 * Quotes a CSV field (RFC 4180).
 * @param s field text.
 */
export function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The CSV matrix (UTF-8 with BOM so spreadsheet programs show Vietnamese correctly), after the lines
 * saying what it was made from.
 * @param r the report.
 */
export function toComplianceCsv(r: PolicyReport): string {
  const header = [
    "Mã / ID",
    "Nhóm / Group",
    "Yêu cầu (VI)",
    "Requirement (EN)",
    "TT 12/2022 + TCVN 11930:2017",
    "NĐ 331/2026 + TCVN 14423:2026",
    "Văn bản khác / Other texts",
    "Mức độ / Severity",
    "Phương pháp / Method",
    "Kết quả",
    "Result",
    "Số đã kiểm tra / Evaluated",
    "Vi phạm / Failures",
    "Ngoại lệ / Waived",
    "Bằng chứng / Evidence",
    "Tài nguyên bị ảnh hưởng / Affected resources",
  ];
  const rows = r.controls.map((c) => [
    c.id,
    c.group,
    c.title.vi,
    c.title.en,
    formatCitations(c.refs.legacy),
    formatCitations(c.refs.current),
    formatCitations(c.refs.other),
    c.severity,
    c.verification.join("+"),
    STATUS_LABEL[c.status].vi,
    STATUS_LABEL[c.status].en,
    String(c.evaluated),
    String(c.failures),
    String(c.waived),
    evidenceCell(c),
    c.affected.join(" "),
  ]);
  // What it was made from comes first, one line per row, then an empty row and the table.
  const preamble = r.provenance ? [...provenanceBilingual(r.provenance).map((l) => [l]), []] : [];
  return `\uFEFF${[...preamble, header, ...rows].map((row) => row.map(csvField).join(",")).join("\r\n")}\r\n`;
}
