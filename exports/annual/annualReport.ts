/**
 * The annual report of one site (Circular 12/2022 Art. 13–14; Decree 331/2026 Art. 35–36): for the period 15/12
 * to 14/12, per hosted system and per level-3 control, whether it is implemented fully, partly or not, with
 * the evidence and the findings behind the answer; a summary per system; the waiver register. Built from the
 * stack's policy report; without one every control is "not assessed" — the report never invents a verdict.
 */
import { agencyMap, currentOwner, type HostedSystem } from "../../inventory/model";
import { loadCatalogue } from "../../policies/catalogue/load";
import { STATUS_LABEL, type ControlResult, type ReportFinding } from "../../offline/reports/reportTypes";
import { evidenceCell, refsCell } from "../../offline/reports/compliance";
import { controlHeading } from "../../offline/reports/buildReport";
import type { Plan } from "../../offline/planTypes";
import type { AsBuiltInput } from "../input";
import type { PolicyReportRead } from "../policyReportFile";
import type { DocumentTitle } from "../markdown";
import { compareText, type Cell, type Table } from "../table";
import { list } from "../labels";
import { reportPeriod, periodText } from "./reportPeriod";
import { IMPLEMENTATION_LABEL, IMPLEMENTATIONS, implementationFor, type Implementation } from "./implementation";
import { findingSystem, resourceSystems } from "./findingSystems";

/** The report's title (the basis is added where it is shown). */
export const ANNUAL_TITLE: DocumentTitle = {
  vi: "Báo cáo hằng năm về bảo đảm an toàn hệ thống thông tin cấp độ 3",
  en: "Annual report on level-3 information-system security",
};

/** One answer: a system, a control, how far it is implemented and why. */
export interface AnnualRow {
  system: HostedSystem;
  control: ControlResult;
  implementation: Implementation;
  /** The findings behind the answer (the system's and the shared ones). */
  findings: ReportFinding[];
}

/**
 * The controls as the report reads them: every control of the catalogue, with the policy report's result
 * where it has one and "not assessed" where it has none (no report, or a report that leaves the control
 * out); a control the report has beyond the catalogue is kept after them. Never a verdict the report lacks.
 * @param policy the policy report as read
 */
function controlsOf(policy: PolicyReportRead): { controls: ControlResult[]; findings: ReportFinding[] } {
  const reported = new Map(policy.state === "read" ? policy.report.controls.map((c) => [c.id, c]) : []);
  const reason = policy.state === "read" ? "không có trong báo cáo chính sách / not in the policy report" : "không có báo cáo chính sách / no policy report";
  const catalogue = loadCatalogue().controls;
  const controls = catalogue.map(
    (c): ControlResult => reported.get(c.id) ?? { ...controlHeading(c), status: "not-assessed", evaluated: 0, failures: 0, waived: 0, reason, affected: [] },
  );
  const known = new Set(catalogue.map((c) => c.id));
  if (policy.state === "read") controls.push(...policy.report.controls.filter((c) => !known.has(c.id)));
  return { controls, findings: policy.state === "read" ? policy.report.findings : [] };
}

/**
 * Every answer of the site: each hosted system × each control.
 * @param input the site's as-built input
 * @param policy the stack's policy report as read
 * @param plan the stack's plan, which says which system each resource serves (absent: every finding is shared)
 */
export function annualRows(input: AsBuiltInput, policy: PolicyReportRead, plan?: Pick<Plan, "resources">): AnnualRow[] {
  const { controls, findings } = controlsOf(policy);
  const byUrn = resourceSystems(plan);
  const placed = findings.map((f) => ({ f, system: findingSystem(f, byUrn, input.inventory) }));
  const systems = input.inventory.systems.filter((s) => s.sites.includes(input.site.id)).sort((a, b) => compareText(a.id, b.id));
  return systems.flatMap((system) =>
    controls.map((control) => {
      const own = placed.filter((p) => p.f.control === control.id);
      const concern = own.filter((p) => p.system === undefined || p.system === system.id).map((p) => p.f);
      const unwaived = concern.filter((f) => !f.waiver).length;
      const implementation = implementationFor(control, { unwaived, waived: concern.length - unwaived, atSite: own.length, unwaivedAtSite: own.filter((p) => !p.f.waiver).length });
      return { system, control, implementation, findings: concern };
    }),
  );
}

/**
 * A finding in one cell: "name: message (waiver W-1)".
 * @param f the finding
 */
function findingText(f: ReportFinding): string {
  const waiver = f.waiver ? ` (ngoại lệ / waiver ${f.waiver.id}, ${f.waiver.approver}, → ${f.waiver.expires})` : f.expiredWaiver ? ` (ngoại lệ hết hạn / expired waiver ${f.expiredWaiver.id})` : "";
  return `${f.name ?? f.inventoryPath ?? f.urn ?? ""}: ${f.message}${waiver}`;
}

/**
 * The report's tables: the period and what it was made from, the summary per system, the answers per system
 * and control, the waiver register.
 * @param input the site's as-built input
 * @param policy the stack's policy report as read
 * @param plan the stack's plan (which system each resource serves)
 */
export function annualReportTables(input: AsBuiltInput, policy: PolicyReportRead, plan?: Pick<Plan, "resources">): Table[] {
  const period = reportPeriod(input.asOf);
  const rows = annualRows(input, policy, plan);
  const agencies = agencyMap(input.inventory.agencies);
  const systems = [...new Map(rows.map((r) => [r.system.id, r.system])).values()];
  const about: Cell[][] = [
    ["Kỳ báo cáo / Period", periodText(period)],
    [
      "Tình trạng kỳ / Period state",
      period.ended ? "Đã kết thúc / Ended" : `Đang diễn ra: bản nháp đến ngày ${input.asOf} / In progress: draft as of ${input.asOf}`,
    ],
    ["Ngày đánh giá / Evaluated on", policy.state === "read" ? policy.report.asOf : input.asOf],
    ["Điểm / Site", `${input.site.name} (${input.site.id})`],
    ["Đơn vị vận hành / Operator", input.inventory.province.operator],
    [
      "Nguồn kết quả / Results from",
      policy.state === "read"
        ? `policy-report.json (${policy.report.pack.name} ${policy.report.pack.version})`
        : "Không có báo cáo chính sách: mọi yêu cầu chưa đánh giá / No policy report: every control not assessed",
    ],
    ["Số hệ thống / Systems", systems.length],
  ];
  if (policy.state === "read" && policy.report.asOf !== input.asOf) {
    about.push([
      "Lưu ý / Note",
      `Báo cáo chính sách lập ngày ${policy.report.asOf}, khác ngày lập báo cáo này (${input.asOf}) / The policy report was made on ${policy.report.asOf}, not on this report's date (${input.asOf})`,
    ]);
  }
  const summary = systems.map((s) => {
    const owner = currentOwner(agencies, s.owner) ?? s.owner;
    const mine = rows.filter((r) => r.system.id === s.id);
    return [s.id, s.name, owner, s.securityLevel, ...IMPLEMENTATIONS.map((i) => mine.filter((r) => r.implementation === i).length)];
  });
  const label = (i: Implementation): string => `${IMPLEMENTATION_LABEL[i].vi} / ${IMPLEMENTATION_LABEL[i].en}`;
  const waivers = policy.state === "read" ? policy.report.waivers : { active: [], expired: [] };
  return [
    {
      id: "annual-period",
      titleVi: "Kỳ báo cáo và nguồn dữ liệu",
      titleEn: "Period and sources",
      sheet: "Kỳ báo cáo - Period",
      columns: [
        { vi: "Mục", en: "Item" },
        { vi: "Giá trị", en: "Value" },
      ],
      rows: about,
    },
    {
      id: "annual-summary",
      titleVi: "Tổng hợp theo hệ thống",
      titleEn: "Summary per system",
      sheet: "Tổng hợp - Summary",
      columns: [
        { vi: "Hệ thống", en: "System" },
        { vi: "Tên", en: "Name" },
        { vi: "Chủ quản", en: "Owner" },
        { vi: "Cấp độ", en: "Level", type: "integer" },
        ...IMPLEMENTATIONS.map((i) => ({ vi: IMPLEMENTATION_LABEL[i].vi, en: IMPLEMENTATION_LABEL[i].en, type: "integer" as const })),
      ],
      rows: summary,
    },
    {
      id: "annual-controls",
      titleVi: "Tình hình triển khai theo hệ thống và yêu cầu",
      titleEn: "Implementation per system and control",
      sheet: "Chi tiết - Controls",
      columns: [
        { vi: "Hệ thống", en: "System" },
        { vi: "Mã", en: "Control" },
        { vi: "Nhóm", en: "Group" },
        { vi: "Yêu cầu", en: "Requirement" },
        { vi: "Căn cứ", en: "References" },
        { vi: "Kết quả tại điểm", en: "Result at the site" },
        { vi: "Mức triển khai", en: "Implementation" },
        { vi: "Bằng chứng", en: "Evidence" },
        { vi: "Phát hiện liên quan", en: "Findings concerned" },
      ],
      rows: rows.map((r) => [
        r.system.id,
        r.control.id,
        r.control.group,
        `${r.control.title.vi} / ${r.control.title.en}`,
        refsCell(r.control),
        `${STATUS_LABEL[r.control.status].vi} / ${STATUS_LABEL[r.control.status].en}`,
        label(r.implementation),
        evidenceCell(r.control),
        list(r.findings.map(findingText)),
      ]),
    },
    {
      id: "annual-waivers",
      titleVi: "Sổ ngoại lệ",
      titleEn: "Waiver register",
      sheet: "Ngoại lệ - Waivers",
      columns: [
        { vi: "Ngoại lệ", en: "Waiver" },
        { vi: "Trạng thái", en: "State" },
        { vi: "Người phê duyệt", en: "Approver" },
        { vi: "Hết hạn", en: "Expires" },
        { vi: "Lý do", en: "Justification" },
      ],
      rows: [
        ...waivers.active.map((w) => [w.id, "Còn hiệu lực / Active", w.approver, w.expires, w.justification]),
        ...waivers.expired.map((w) => [w.id, "Hết hạn / Expired", w.approver, w.expires, w.justification]),
      ],
    },
  ];
}
