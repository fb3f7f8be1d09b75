import { STATUS_LABEL, type ControlStatus } from "../../offline/reports/reportTypes";
import { evidenceCell } from "../../offline/reports/compliance";
import type { PolicyReportRead } from "../policyReportFile";
import { headingHtml, tableHtml } from "./tableHtml";
import { esc } from "./escape";

const ORDER: readonly ControlStatus[] = ["pass", "pass-waived", "fail", "not-applicable", "not-assessed"];

/**
 * The compliance summary from the stack's policy report: counts per status and one row per control. Without
 * a report it says the controls were not evaluated; it never shows a verdict the report does not hold.
 * @param read the policy report as read
 * @param asOf the export's evaluation date (a report of another date is flagged)
 */
export function complianceSection(read: PolicyReportRead, asOf: string): string {
  const parts = [`<section class="compliance" id="compliance">`, headingHtml(2, "5. Tóm tắt tuân thủ cấp độ 3", "Level-3 compliance summary")];
  if (read.state !== "read") {
    parts.push(
      `<p class="not-evaluated" data-compliance="not-evaluated"><strong>Chưa đánh giá</strong> <span class="en">/ Not evaluated</span>: không có báo cáo chính sách (${esc(read.path.split(/[\\/]/).slice(-2).join("/"))}); chạy <code>npm run check</code> trước khi xuất. <span class="en">No policy report; run <code>npm run check</code> before the export.</span></p>`,
      "</section>",
    );
    return parts.join("\n");
  }
  const r = read.report;
  parts.push(`<p>Ngày đánh giá / Evaluated on: <strong>${esc(r.asOf)}</strong> · Bộ chính sách / Pack: ${esc(r.pack.name)} ${esc(r.pack.version)}</p>`);
  if (r.asOf !== asOf) {
    parts.push(`<p class="warn">Báo cáo chính sách lập ngày ${esc(r.asOf)}, khác ngày của hồ sơ này (${esc(asOf)}). <span class="en">The policy report was made on ${esc(r.asOf)}, not on this record's date (${esc(asOf)}).</span></p>`);
  }
  const counts = ORDER.map((s) => [`${STATUS_LABEL[s].vi} / ${STATUS_LABEL[s].en}`, r.controls.filter((c) => c.status === s).length]);
  parts.push(
    `<table class="counts" data-compliance="evaluated"><thead><tr><th>Trạng thái<span class="en">Status</span></th><th class="num">Số yêu cầu<span class="en">Controls</span></th></tr></thead><tbody>`,
    ...counts.map(([label, n]) => `<tr><td>${esc(label)}</td><td class="num">${esc(n)}</td></tr>`),
    `</tbody></table>`,
    `<p>Phát hiện / Findings: ${esc(r.summary.findings)} · Có ngoại lệ / Waived: ${esc(r.summary.waived)} · Vi phạm bắt buộc / Mandatory violations: ${esc(r.summary.mandatoryViolations)}</p>`,
    headingHtml(3, "Kết quả theo yêu cầu", "Results per control"),
    tableHtml(
      {
        columns: [
          { vi: "Mã", en: "ID" },
          { vi: "Nhóm", en: "Group" },
          { vi: "Yêu cầu", en: "Control" },
          { vi: "Kết quả", en: "Result" },
          { vi: "Đã kiểm tra", en: "Evaluated", type: "integer" },
          { vi: "Chưa đạt", en: "Failures", type: "integer" },
          { vi: "Ngoại lệ", en: "Waived", type: "integer" },
          { vi: "Bằng chứng, ghi chú", en: "Evidence, notes" },
        ],
        rows: r.controls.map((c) => [c.id, c.group, `${c.title.vi} / ${c.title.en}`, `${STATUS_LABEL[c.status].vi} / ${STATUS_LABEL[c.status].en}`, c.evaluated, c.failures, c.waived, evidenceCell(c)]),
      },
      "compliance-controls",
    ),
    "</section>",
  );
  return parts.join("\n");
}
