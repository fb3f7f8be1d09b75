/**
 * What the three reachability reports share: the legend (every term a reader meets), the verdict line,
 * and discrepancies grouped for reading (rows that differ only by their source endpoint are one row
 * listing every source; the JSON keeps one entry per pair).
 */
import type { Family } from "./addresses";
import type { ApartItem, Discrepancy, SiteProof } from "./proof";

/** The legend: term, then its meaning (Vietnamese / English). */
export const LEGEND: ReadonlyArray<{ term: string; text: string }> = [
  { term: "thiếu / missing", text: "Luồng đã khai báo nhưng bị chặn ở một lớp / a declared flow that some layer blocks" },
  { term: "thừa / excess", text: "Mở nhưng không luồng nào khai báo / open although no flow declares it" },
  { term: "lớp tường lửa vùng vắng mặt / zone firewall layer absent", text: "Plan không có rule base nào cho site: lớp này không được chứng minh, cặp chỉ tường lửa vùng bảo vệ là không kiểm soát / the plan carries no rule base for the site: that layer is not proven, and a pair only a zone firewall would guard counts as unenforced" },
  { term: "thiết bị không có rule base / enforcer without a rule base", text: "Thiết bị bảo vệ của vùng không có hatang:firewall:RuleBase trong plan: không chứng minh được lớp tường lửa / the zone's enforcing device has no rule base in the plan, so the firewall layer cannot be proven" },
  { term: "address-sharing", text: "Mở chỉ vì đám mây không phân biệt được hai điểm cuối (cùng group, VLAN, nhãn, địa chỉ) mà một luồng nêu tên / open only because the cloud cannot tell the endpoint from another that a flow names (same groups, VLAN, labels, addresses)" },
  { term: "icmp-not-expressible", text: "ICMP đã khai báo tới/từ pod mà chỉ NetworkPolicy chặn (NetworkPolicy không khớp được ICMP) / declared ICMP to or from pods that only NetworkPolicies block (NetworkPolicy cannot match ICMP)" },
  { term: "unenforced-shared-vlan", text: "Hai tầng của hai hệ thống khác nhau cùng một VLAN và không có điểm kiểm soát nào giữa chúng / tiers of two systems on one VLAN with nothing enforcing between them" },
  { term: "liệt kê riêng / listed apart", text: "Không đạt trừ khi có ngoại lệ còn hiệu lực (policies/waivers, chọn theo name) / counts against the proof unless an active waiver (policies/waivers, selected by name) accepts it" },
  { term: "không kiểm soát / unenforced", text: "Cặp điểm cuối không có điểm kiểm soát nào trên đường đi (cùng VLAN, không port/pod) / an endpoint pair with no enforcement point on its path" },
  { term: "⚠n", text: "Ô ma trận: số sai lệch giữa hai cột / matrix cell: discrepancies between the two columns" },
  { term: "∅n", text: "Ô ma trận: số cặp không kiểm soát / matrix cell: unenforced pairs" },
  { term: "lớp / layers", text: "zone-firewall (rule base của thiết bị), fwaas (FWaaS trên router Neutron), security-group (cổng Neutron), network-policy (NetworkPolicy, AdminNetworkPolicy, BaselineAdminNetworkPolicy)" },
];

/** Family titles. */
export const FAMILY_TITLE: Record<Family, string> = { ipv4: "IPv4", ipv6: "IPv6" };

/** Causes in words. */
export const CAUSE_TEXT: Readonly<Record<Discrepancy["cause"], string>> = {
  "zone-firewall-blocks": "Tường lửa vùng chặn luồng đã khai báo / a zone firewall blocks a declared flow",
  "fwaas-blocks": "FWaaS chặn luồng đã khai báo / FWaaS blocks a declared flow",
  "network-policy-blocks": "Chính sách mạng Kubernetes chặn luồng đã khai báo / Kubernetes network policy blocks a declared flow",
  "security-group-blocks": "Security group chặn luồng đã khai báo / a security group blocks a declared flow",
  "enforcer-without-rule-base": "Mở qua thiết bị không có rule base trong plan / open through a device with no rule base in the plan",
  "rules-of-several-flows-compose": "Quy tắc của nhiều luồng ghép lại mở thêm / rules of several flows compose into an undeclared opening",
  "rule-wider-than-its-flow": "Quy tắc rộng hơn luồng của nó / a rule is wider than its flow",
};

/** What the report says when the plan carries no rule base for the site. */
export const ABSENT_LAYER_TEXT =
  "Lớp tường lửa vùng: vắng mặt — plan không có hatang:firewall:RuleBase nào cho site này; kết luận chỉ dựa trên security group, FWaaS và NetworkPolicy, luồng đã khai báo chưa được chứng minh đi qua tường lửa vùng / " +
  "Zone firewall layer: absent — the plan carries no hatang:firewall:RuleBase for this site; the verdict covers security groups, FWaaS and network policy only, and declared flows are not proven to cross the zone firewalls";

/**
 * The verdict line.
 * @param proof the proof
 */
export function verdictLine(proof: Pick<SiteProof, "holds" | "discrepancies" | "zoneFirewallLayer" | "missingRuleBases" | "ruleBaseProblems" | "apart">): string {
  const absent = proof.zoneFirewallLayer === "absent" ? " (lớp tường lửa vùng vắng mặt / zone firewall layer absent)" : "";
  if (proof.holds) return `Chứng minh: đạt / Proof: holds${absent}`;
  const missing = proof.discrepancies.filter((d) => d.kind === "missing").length;
  const excess = proof.discrepancies.filter((d) => d.kind === "excess").length;
  const apart = proof.apart.filter((a) => !a.waiver).length;
  const parts = [`${missing} thiếu / missing`, `${excess} thừa / excess`];
  if (proof.missingRuleBases.length > 0) parts.push(`${proof.missingRuleBases.length} vùng không có rule base / zones without a rule base`);
  if (proof.ruleBaseProblems.length > 0) parts.push(`${proof.ruleBaseProblems.length} lỗi rule base / rule base problems`);
  if (apart > 0) parts.push(`${apart} liệt kê riêng chưa có ngoại lệ / listed apart without a waiver`);
  return `Chứng minh: không đạt / Proof: fails — ${parts.join(", ")}${absent}`;
}

/**
 * The line counting what is listed apart.
 * @param proof the proof
 */
export function apartLine(proof: Pick<SiteProof, "apart">): string {
  const count = (k: ApartItem["kind"]): string => {
    const all = proof.apart.filter((a) => a.kind === k);
    return `${all.length} ${k} (${all.filter((a) => a.waiver).length} có ngoại lệ / waived)`;
  };
  return `Liệt kê riêng / Listed apart: ${count("address-sharing")}, ${count("icmp-not-expressible")}, ${count("unenforced-shared-vlan")}`;
}

/** Discrepancies that differ only by source, as one row. */
export interface DiscrepancyGroup {
  /** The shared fields. */
  first: Discrepancy;
  /** Every source endpoint. */
  from: string[];
}

/**
 * Groups discrepancies whose family, kind, destination, ports, flows, cause and rules are equal.
 * @param list discrepancies (sorted)
 */
export function groupDiscrepancies(list: readonly Discrepancy[]): DiscrepancyGroup[] {
  const groups = new Map<string, DiscrepancyGroup>();
  for (const d of list) {
    const key = JSON.stringify([d.family, d.kind, d.to, d.ports, d.flows, d.cause, d.kind === "excess" ? d.rules : []]);
    const g = groups.get(key);
    if (g) g.from.push(d.from);
    else groups.set(key, { first: d, from: [d.from] });
  }
  return [...groups.values()];
}
