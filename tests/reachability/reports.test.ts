/**
 * The Markdown and HTML reports show everything the JSON holds: every discrepancy (merged by source only),
 * zone without a rule base, rule base problem, item listed apart with its waiver state and name, expired
 * flow with its file:line, matrix cell, endpoint and probe, and the legend.
 */
import type { SiteProof } from "../../reachability/proof";
import { renderReachabilityMarkdown } from "../../reachability/renderMarkdown";
import { renderReachabilityHtml, escapeHtml } from "../../reachability/renderHtml";
import { reachabilityJson } from "../../reachability/writeReports";
import { ABSENT_LAYER_TEXT, LEGEND, groupDiscrepancies, verdictLine } from "../../reachability/reportModel";

const cell = (allowed: string[], discrepancies = 0, unenforced = 0) => ({ allowed, discrepancies, unenforced });
const proof: SiteProof = {
  site: "s1",
  asOf: "2027-01-15",
  holds: false,
  endpoints: [
    { id: "tier:a/web", label: "a/web", kind: "tier", column: "dmz", hosts: 2, enforced: true },
    { id: "tier:a/db", label: "a/db", kind: "tier", column: "db", hosts: 1, enforced: false, note: "bare metal: enforced by the zone firewalls" },
    { id: "internet", label: "Internet", kind: "internet", column: "(Internet)", hosts: 3, enforced: true },
  ],
  counts: {
    ipv4: { pairs: 6, enforced: 5, unenforced: 1, intended: 2, classes: 4, evaluated: 3 },
    ipv6: { pairs: 6, enforced: 4, unenforced: 2, intended: 2, classes: 5, evaluated: 2 },
  },
  discrepancies: [
    { family: "ipv4", kind: "missing", from: "tier:a/web", to: "tier:a/db", ports: "tcp/5432", services: ["postgres"], flows: ["web-db"], rules: ["zone firewall fw-db (site s1): rule #9 deny-all [urn:x#deny-all]"], cause: "zone-firewall-blocks", reason: "r1" },
    { family: "ipv6", kind: "excess", from: "internet", to: "tier:a/db", ports: "tcp/22", services: ["ssh"], flows: [], rules: ["urn:sg-rule-1"], cause: "enforcer-without-rule-base", reason: "r2" },
    { family: "ipv6", kind: "excess", from: "tier:a/web", to: "tier:a/db", ports: "tcp/22", services: ["ssh"], flows: [], rules: ["urn:sg-rule-1"], cause: "enforcer-without-rule-base", reason: "r3" },
  ],
  zoneFirewallLayer: "present",
  missingRuleBases: [{ zone: "edge", device: "fw-edge-pair" }],
  ruleBaseProblems: [{ urn: "urn:rb-broken", message: 'ruleBase.rules[3] (x) names address object "nope"' }],
  apart: [
    { kind: "address-sharing", control: "NET-18", name: "reachability/s1/address-sharing/tier:a/app->tier:b/db/ipv4", family: "ipv4", from: "tier:a/app", to: "tier:b/db", ports: "tcp/5432", flows: ["a-app-db"], reason: "x", waiver: { id: "WVR-9", approver: "CISO", expires: "2027-03-31" } },
    { kind: "icmp-not-expressible", control: "NET-02", name: "reachability/s1/icmp-not-expressible/zone:mgmt->tier:k/api/ipv6", family: "ipv6", from: "zone:mgmt", to: "tier:k/api", ports: "icmp", flows: ["mgmt-ping"], reason: "y", expiredWaiver: { id: "WVR-7", expires: "2026-12-31" } },
    { kind: "unenforced-shared-vlan", control: "NET-18", name: "reachability/s1/unenforced-shared-vlan/tier:a/db->tier:b/db/ipv4", family: "ipv4", from: "tier:a/db", to: "tier:b/db", ports: "all", flows: [], reason: "z" },
  ],
  expiredFlows: [{ flow: "legacy-import", file: "inventory/p/flows.yaml", line: 423, expires: "2026-12-31" }],
  matrix: {
    ipv4: { columns: ["db", "dmz", "(Internet)"], cells: { db: { db: cell([]), dmz: cell([]), "(Internet)": cell([]) }, dmz: { db: cell(["tcp/5433-5440"], 1), dmz: cell([]), "(Internet)": cell([]) }, "(Internet)": { db: cell([], 0, 1), dmz: cell(["https"]), "(Internet)": cell([]) } } },
    ipv6: { columns: ["db", "dmz", "(Internet)"], cells: { db: { db: cell([]), dmz: cell([]), "(Internet)": cell([]) }, dmz: { db: cell(["ssh"], 1), dmz: cell([]), "(Internet)": cell([]) }, "(Internet)": { db: cell(["ssh"], 1, 2), dmz: cell(["https"]), "(Internet)": cell([]) } } },
  },
  probes: [
    { name: "admin tcp/22", family: "ipv6", open: 2, intended: 0 },
    { name: "high udp/49152", family: "ipv4", open: 0, intended: 0 },
  ],
};

/** Every text value the JSON holds (keys excluded), for the renderers to show. */
function texts(v: unknown, out: string[] = []): string[] {
  if (typeof v === "string") out.push(v);
  else if (typeof v === "number") out.push(String(v));
  else if (Array.isArray(v)) v.forEach((x) => texts(x, out));
  else if (v && typeof v === "object") Object.values(v).forEach((x) => texts(x, out));
  return out;
}

describe("the reachability reports", () => {
  const md = renderReachabilityMarkdown(proof, "stack-1");
  const html = renderReachabilityHtml(proof, "stack-1");
  const json = JSON.parse(reachabilityJson(proof, "stack-1")) as Record<string, unknown>;

  it("hold the legend in the JSON", () => {
    expect(json["legend"]).toEqual(LEGEND);
    expect(json["stack"]).toBe("stack-1");
  });

  it("show in Markdown and HTML every value of the JSON but the reasons (their parts are shown) and booleans", () => {
    const reasons = new Set(proof.discrepancies.map((d) => d.reason).concat(proof.apart.map((a) => a.reason)));
    const values = [...new Set(texts(json))].filter((t) => !reasons.has(t) && t !== "" && t !== "0");
    const missingMd = values.filter((t) => !md.includes(t.replace(/\|/g, "\\|")));
    const missingHtml = values.filter((t) => !html.includes(escapeHtml(t)));
    expect(missingMd).toEqual([]);
    expect(missingHtml).toEqual([]);
  });

  it("say when the plan carries no zone firewall rule base for the site, in the verdict line and in words", () => {
    const absent: SiteProof = { ...proof, holds: true, discrepancies: [], missingRuleBases: [], ruleBaseProblems: [], zoneFirewallLayer: "absent" };
    const mdAbsent = renderReachabilityMarkdown(absent, "stack-1");
    const htmlAbsent = renderReachabilityHtml(absent, "stack-1");
    expect(verdictLine(absent)).toBe("Chứng minh: đạt / Proof: holds (lớp tường lửa vùng vắng mặt / zone firewall layer absent)");
    for (const text of [verdictLine(absent), ABSENT_LAYER_TEXT, "Zone firewall layer: absent"]) {
      expect(mdAbsent).toContain(text);
      expect(htmlAbsent).toContain(escapeHtml(text));
    }
    expect(md).not.toContain(ABSENT_LAYER_TEXT);
    expect(verdictLine(proof)).not.toContain("absent");
  });

  it("merge discrepancies that differ only by source, and keep every source", () => {
    const groups = groupDiscrepancies(proof.discrepancies);
    expect(groups.map((g) => g.from)).toEqual([["tier:a/web"], ["internet", "tier:a/web"]]);
    expect(md).toContain("| IPv6 | thừa / excess | internet, tier:a/web | tier:a/db | tcp/22 | ssh |");
  });

  it("flag enforced and unenforced endpoints and cells", () => {
    expect(md).toContain("| tier:a/db | a/db | tier | db | 1 | không / no |");
    expect(md).toContain("ssh ⚠1 ∅2");
    expect(html).toContain('<td class="bad">ssh<br><strong>⚠1</strong><br>∅2</td>');
  });
});
