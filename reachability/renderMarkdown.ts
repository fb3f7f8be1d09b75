/** `reachability.md`: everything the JSON holds, for people: verdict, legend, what fails, what is listed apart, matrices, endpoints, probes. */
import type { Family } from "./addresses";
import type { Matrix, SiteProof } from "./proof";
import { ABSENT_LAYER_TEXT, apartLine, CAUSE_TEXT, FAMILY_TITLE, groupDiscrepancies, LEGEND, verdictLine } from "./reportModel";

function cellText(m: Matrix, r: string, c: string): string {
  const cell = m.cells[r][c];
  const parts = cell.allowed.length > 0 ? cell.allowed.join(", ") : "—";
  return `${parts}${cell.discrepancies > 0 ? ` ⚠${cell.discrepancies}` : ""}${cell.unenforced > 0 ? ` ∅${cell.unenforced}` : ""}`;
}

/** Escapes a table cell. */
function esc(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/**
 * Renders the Markdown report.
 * @param proof the proof
 * @param stack the stack name
 */
export function renderReachabilityMarkdown(proof: SiteProof, stack = proof.site): string {
  const out: string[] = [];
  out.push(`# Kiểm chứng khả năng kết nối / Reachability proof — ${stack} (${proof.site})`, "");
  out.push(`**${verdictLine(proof)}**`, "");
  out.push(`Ngày đánh giá / Evaluated as of: ${proof.asOf}`, "");
  out.push(`Lớp tường lửa vùng / Zone firewall layer: ${proof.zoneFirewallLayer}`, "");
  if (proof.zoneFirewallLayer === "absent") out.push(`> ${ABSENT_LAYER_TEXT}`, "");
  out.push(apartLine(proof), "");
  out.push(
    "Thực tế (từ plan: tường lửa vùng, FWaaS, security group Neutron, chính sách mạng Kubernetes) so với ý định (các luồng trong inventory), mọi cổng TCP/UDP/SCTP và ICMP echo, cả hai họ địa chỉ. / " +
      "Actual (from the plan: zone firewall rule bases, FWaaS, Neutron security groups, Kubernetes network policy) against intent (the inventory's flows), every TCP/UDP/SCTP port and ICMP echo, both families.",
    "",
  );
  for (const f of ["ipv4", "ipv6"] as const) {
    const c = proof.counts[f];
    out.push(
      `- ${FAMILY_TITLE[f]}: ${c.pairs} cặp điểm cuối / endpoint pairs, ${c.enforced} có kiểm soát / enforced, ${c.unenforced} không kiểm soát / unenforced, ${c.intended} có luồng khai báo / declared; ${c.classes} lớp hành vi / behaviour classes, ${c.evaluated} cặp lớp đánh giá chính xác / class pairs evaluated exactly`,
    );
  }
  out.push("");
  out.push("## Chú giải / Legend", "", "| Thuật ngữ / Term | Nghĩa / Meaning |", "|---|---|");
  for (const l of LEGEND) out.push(`| ${esc(l.term)} | ${esc(l.text)} |`);
  out.push("");
  if (proof.missingRuleBases.length > 0) {
    out.push("## Vùng không có rule base / Zones whose enforcer has no rule base", "", "| Vùng / Zone | Thiết bị / Device |", "|---|---|");
    for (const m of proof.missingRuleBases) out.push(`| ${esc(m.zone)} | ${esc(m.device)} |`);
    out.push("");
  }
  if (proof.ruleBaseProblems.length > 0) {
    out.push("## Rule base không đọc được / Rule bases that do not read", "", "| Thành phần / Component | Vấn đề / Problem |", "|---|---|");
    for (const p of proof.ruleBaseProblems) out.push(`| ${esc(p.urn)} | ${esc(p.message)} |`);
    out.push("");
  }
  if (proof.discrepancies.length > 0) {
    out.push("## Nguyên nhân / Causes", "");
    const causes = new Map<string, number>();
    for (const d of proof.discrepancies) causes.set(d.cause, (causes.get(d.cause) ?? 0) + 1);
    for (const [c, n] of [...causes.entries()].sort()) out.push(`- ${CAUSE_TEXT[c as keyof typeof CAUSE_TEXT]} (\`${c}\`): ${n}`);
    out.push("");
    out.push("## Sai lệch / Discrepancies", "");
    out.push("Các dòng chỉ khác nguồn được gộp; JSON giữ từng cặp. / Rows differing only by source are merged; the JSON keeps every pair.", "");
    out.push("| Họ / Family | Loại / Kind | Từ / From | Đến / To | Cổng / Ports | Dịch vụ / Services | Luồng / Flows | Nguyên nhân / Cause | Quy tắc hoặc điểm chặn / Rules or blocking points |", "|---|---|---|---|---|---|---|---|---|");
    for (const g of groupDiscrepancies(proof.discrepancies)) {
      const d = g.first;
      const kind = d.kind === "missing" ? "thiếu / missing" : "thừa / excess";
      out.push(`| ${FAMILY_TITLE[d.family]} | ${kind} | ${esc(g.from.join(", "))} | ${esc(d.to)} | ${d.ports} | ${esc(d.services.join(", ") || "—")} | ${esc(d.flows.join(", ") || "—")} | ${d.cause} | ${esc(d.rules.join("<br>")) || "—"} |`);
    }
    out.push("");
  }
  for (const kind of ["address-sharing", "icmp-not-expressible", "unenforced-shared-vlan"] as const) {
    const rows = proof.apart.filter((a) => a.kind === kind);
    if (rows.length === 0) continue;
    out.push(`## Liệt kê riêng: ${kind} / Listed apart: ${kind}`, "");
    out.push(LEGEND.find((l) => l.term === kind)?.text ?? "", "");
    out.push(`| Họ / Family | Từ / From | Đến / To | Cổng / Ports | Luồng / Flows | Ngoại lệ / Waiver (${rows[0].control}) | Tên để miễn / Name to waive |`, "|---|---|---|---|---|---|---|");
    for (const a of rows) {
      const w = a.waiver ? `${a.waiver.id} (${a.waiver.approver}, hết hạn / expires ${a.waiver.expires})` : a.expiredWaiver ? `hết hạn / expired: ${a.expiredWaiver.id} (${a.expiredWaiver.expires})` : "không / none";
      out.push(`| ${FAMILY_TITLE[a.family]} | ${esc(a.from)} | ${esc(a.to)} | ${a.ports} | ${esc(a.flows.join(", ") || "—")} | ${esc(w)} | \`${a.name}\` |`);
    }
    out.push("");
  }
  if (proof.expiredFlows.length > 0) {
    out.push("## Luồng đã hết hạn / Expired flows (contribute nothing)", "", "| Luồng / Flow | Hết hạn / Expired | Vị trí / Where |", "|---|---|---|");
    for (const e of proof.expiredFlows) out.push(`| ${esc(e.flow)} | ${e.expires} | ${e.file ? `${esc(e.file)}:${e.line ?? ""}` : "—"} |`);
    out.push("");
  }
  for (const f of ["ipv4", "ipv6"] as Family[]) {
    const m = proof.matrix[f];
    out.push(`## Ma trận vùng × vùng / Zone × zone matrix — ${FAMILY_TITLE[f]}`, "");
    out.push("Hàng: nguồn; cột: đích; ô: dịch vụ được phép (thực tế); ⚠n: sai lệch; ∅n: cặp không kiểm soát. / Rows: source; columns: destination; cell: services allowed (actual); ⚠n: discrepancies; ∅n: unenforced pairs.", "");
    out.push(`| từ \\ đến / from \\ to | ${m.columns.map(esc).join(" | ")} |`, `|---|${m.columns.map(() => "---").join("|")}|`);
    for (const r of m.columns) out.push(`| **${esc(r)}** | ${m.columns.map((c) => esc(cellText(m, r, c))).join(" | ")} |`);
    out.push("");
  }
  out.push("## Điểm cuối / Endpoints", "");
  out.push("| Id | Tên / Label | Loại / Kind | Vùng / Zone | Máy / Hosts | Có kiểm soát / Enforced | Ghi chú / Note |", "|---|---|---|---|---|---|---|");
  for (const e of proof.endpoints) out.push(`| ${esc(e.id)} | ${esc(e.label)} | ${e.kind} | ${esc(e.column)} | ${e.hosts} | ${e.enforced ? "có / yes" : "không / no"} | ${esc(e.note ?? "")} |`);
  out.push("");
  out.push("## Cổng dò / Probes", "");
  out.push("Số cặp có kiểm soát để mở cổng và số cặp khai báo nó. / Enforced pairs leaving the port open, and pairs declaring it.", "");
  out.push("| Cổng / Port | Họ / Family | Cặp mở / Open pairs | Cặp khai báo / Declared pairs |", "|---|---|---|---|");
  for (const p of proof.probes) out.push(`| ${esc(p.name)} | ${FAMILY_TITLE[p.family]} | ${p.open} | ${p.intended} |`);
  out.push("");
  return out.join("\n");
}
