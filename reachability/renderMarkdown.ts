/** `reachability.md`: the verdict first, then the discrepancies, then a zone × zone matrix per family. */
import type { Family } from "./addresses";
import type { Matrix, SiteProof } from "./proof";

const CAUSE_TEXT = {
  "security-group-blocks": "Security group chặn luồng đã khai báo / a security group blocks a declared flow",
  "firewall-blocks": "FWaaS chặn luồng đã khai báo / FWaaS blocks a declared flow",
  "network-policy-blocks": "NetworkPolicy chặn luồng đã khai báo / a NetworkPolicy blocks a declared flow",
  "rules-of-several-flows-compose": "Quy tắc của nhiều luồng ghép lại mở thêm / rules of several flows compose into an undeclared opening",
  "rule-wider-than-its-flow": "Quy tắc rộng hơn luồng của nó / a rule is wider than its flow",
} as const;

const FAMILY_TITLE: Record<Family, string> = { ipv4: "IPv4", ipv6: "IPv6" };

function cellText(m: Matrix, r: string, c: string): string {
  const cell = m.cells[r][c];
  const parts = cell.allowed.length > 0 ? cell.allowed.join(", ") : "—";
  return `${parts}${cell.discrepancies > 0 ? ` ⚠${cell.discrepancies}` : ""}`.replace(/\|/g, "\\|");
}

/**
 * The verdict line: `Chứng minh: đạt / Proof: holds`, or the failure with the count.
 * @param proof the proof
 */
export function verdictLine(proof: Pick<SiteProof, "holds" | "discrepancies">): string {
  if (proof.holds) return "Chứng minh: đạt / Proof: holds";
  const missing = proof.discrepancies.filter((d) => d.kind === "missing").length;
  const excess = proof.discrepancies.filter((d) => d.kind === "excess").length;
  return `Chứng minh: không đạt / Proof: fails — ${missing} thiếu / missing, ${excess} thừa / excess`;
}

/**
 * The classes listed apart from discrepancies, with their pair counts (they never make the proof fail).
 * @param proof the proof
 */
export function separateClassesLine(proof: Pick<SiteProof, "shared" | "inexpressible">): string {
  return (
    `Liệt kê riêng, không phải lỗi / Listed apart, not failures: ${proof.shared.length} không tách được trong đám mây / not separable by the cloud, ` +
    `${proof.inexpressible.length} ICMP không biểu diễn được bằng NetworkPolicy / ICMP not expressible in NetworkPolicy`
  );
}

function separateTable(rows: SiteProof["shared"]): string[] {
  const out = ["| Họ / Family | Từ / From | Đến / To | Cổng / Ports | Luồng / Flows |", "|---|---|---|---|---|"];
  for (const s of rows) out.push(`| ${FAMILY_TITLE[s.family]} | ${s.from} | ${s.to} | ${s.ports} | ${s.flows.join(", ")} |`);
  return out;
}

/**
 * Renders the Markdown report.
 * @param proof the proof
 */
export function renderReachabilityMarkdown(proof: SiteProof): string {
  const out: string[] = [];
  out.push(`# Kiểm chứng khả năng kết nối / Reachability proof — ${proof.site}`, "");
  out.push(`**${verdictLine(proof)}**`, "");
  out.push(separateClassesLine(proof), "");
  out.push(
    "Thực tế (từ plan: security group Neutron, FWaaS, NetworkPolicy) so với ý định (các luồng trong inventory). / " +
      "Actual (from the plan: Neutron security groups, FWaaS, NetworkPolicies) against intent (the inventory's flows), every port of TCP/UDP and ICMP, both families.",
    "",
  );
  for (const f of ["ipv4", "ipv6"] as const) {
    const c = proof.counts[f];
    out.push(`- ${FAMILY_TITLE[f]}: ${c.pairs} cặp điểm cuối / endpoint pairs, ${c.enforced} do đám mây kiểm soát / enforced by the cloud, ${c.unenforced} ngoài đám mây / outside it, ${c.intended} có luồng khai báo / with a declared flow`);
  }
  out.push("");
  if (proof.discrepancies.length > 0) {
    out.push("## Nguyên nhân / Causes", "");
    const causes = new Map<string, number>();
    for (const d of proof.discrepancies) causes.set(d.cause, (causes.get(d.cause) ?? 0) + 1);
    for (const [c, n] of [...causes.entries()].sort()) out.push(`- ${CAUSE_TEXT[c as keyof typeof CAUSE_TEXT]} (\`${c}\`): ${n}`);
    out.push("");
    out.push("## Sai lệch / Discrepancies", "");
    out.push("| Họ / Family | Loại / Kind | Từ / From | Đến / To | Cổng / Ports | Luồng / Flows | Nguyên nhân / Cause | Quy tắc hoặc điểm chặn / Rules or blocking point |", "|---|---|---|---|---|---|---|---|");
    for (const d of proof.discrepancies) {
      const kind = d.kind === "missing" ? "thiếu / missing" : "thừa / excess";
      out.push(`| ${FAMILY_TITLE[d.family]} | ${kind} | ${d.from} | ${d.to} | ${d.ports} | ${d.flows.join(", ") || "—"} | ${d.cause} | ${d.rules.join("<br>").replace(/\|/g, "\\|") || "—"} |`);
    }
    out.push("");
  }
  if (proof.shared.length > 0) {
    out.push("## Không tách được trong đám mây / Not separable by the cloud", "");
    out.push("Các cặp mở chỉ vì một điểm cuối ngoài đám mây dùng chung địa chỉ với một tầng được khai báo (ví dụ máy chủ vật lý cùng VLAN); tường lửa vật lý phải tách chúng. / Open only because an endpoint the cloud does not enforce shares addresses with a declared tier (e.g. bare metal on one VLAN); the physical firewall must separate them.", "");
    out.push(...separateTable(proof.shared), "");
  }
  if (proof.inexpressible.length > 0) {
    out.push("## Không biểu diễn được bằng NetworkPolicy / Not expressible in NetworkPolicy", "");
    out.push(
      "NetworkPolicy chỉ khớp TCP, UDP và SCTP: phần ICMP của các luồng này tới hoặc từ pod bị chặn bởi default-deny của namespace, trình biên dịch Kubernetes cảnh báo cho từng luồng. Không phải lỗi của quy tắc đã biên dịch; cần chính sách riêng của CNI nếu phải cho phép. / " +
        "NetworkPolicy matches TCP, UDP and SCTP only: the ICMP of these flows to or from pods is dropped by the namespace's default deny, and the Kubernetes compiler warns for each flow. Not a fault of the compiled rules; allowing it needs a CNI-specific policy. Only pairs where NetworkPolicies alone block the ICMP are listed here; any other layer blocking it stays a discrepancy.",
      "",
    );
    out.push(...separateTable(proof.inexpressible), "");
  }
  for (const f of ["ipv4", "ipv6"] as const) {
    const m = proof.matrix[f];
    out.push(`## Ma trận vùng × vùng / Zone × zone matrix — ${FAMILY_TITLE[f]}`, "");
    out.push("Hàng: nguồn; cột: đích; ô: dịch vụ được phép (thực tế); ⚠n: số sai lệch. / Rows: source; columns: destination; cell: services allowed (actual); ⚠n: discrepancies.", "");
    out.push(`| từ \\ đến / from \\ to | ${m.columns.join(" | ")} |`, `|---|${m.columns.map(() => "---").join("|")}|`);
    for (const r of m.columns) out.push(`| **${r}** | ${m.columns.map((c) => cellText(m, r, c)).join(" | ")} |`);
    out.push("");
  }
  out.push("## Điểm cuối / Endpoints", "");
  out.push("| Id | Loại / Kind | Vùng / Zone | Máy / Hosts | Đám mây kiểm soát / Enforced | Ghi chú / Note |", "|---|---|---|---|---|---|");
  for (const e of proof.endpoints) out.push(`| ${e.id} | ${e.kind} | ${e.column} | ${e.hosts} | ${e.enforced ? "có / yes" : "không / no"} | ${e.note ?? ""} |`);
  out.push("");
  out.push("## Cổng dò / Probes", "");
  out.push("| Cổng / Port | Họ / Family | Cặp mở / Open pairs | Cặp khai báo / Declared pairs |", "|---|---|---|---|");
  for (const p of proof.probes) out.push(`| ${p.name} | ${FAMILY_TITLE[p.family]} | ${p.open} | ${p.intended} |`);
  out.push("");
  return out.join("\n");
}
