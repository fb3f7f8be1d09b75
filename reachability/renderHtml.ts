/** `reachability.html`: the same content as the Markdown report as one self-contained page (no external assets). */
import type { Family } from "./addresses";
import type { SiteProof } from "./proof";
import { ABSENT_LAYER_TEXT, apartLine, CAUSE_TEXT, FAMILY_TITLE, groupDiscrepancies, LEGEND, verdictLine } from "./reportModel";

/**
 * Escapes text for HTML.
 * @param s the text
 */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

const STYLE = `body{font-family:system-ui,sans-serif;margin:1.5rem;color:#222}table{border-collapse:collapse;margin:1rem 0;font-size:.85rem}
th,td{border:1px solid #bbb;padding:.3rem .45rem;vertical-align:top}th{background:#f0f0f0;position:sticky;top:0}
td.none{color:#999;text-align:center}td.bad{background:#fde2e2}td.un{background:#fff6d6}.ok{color:#11691e}.fail{color:#a30d0d}code{font-size:.8rem}`;

function table(head: string[], rows: string[][]): string {
  return `<table><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join("")}</tr>`).join("\n")}</tbody></table>`;
}

/**
 * Renders the HTML report.
 * @param proof the proof
 * @param stack the stack name
 */
export function renderReachabilityHtml(proof: SiteProof, stack = proof.site): string {
  const e = escapeHtml;
  const h: string[] = [];
  h.push(`<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Reachability ${e(stack)}</title><style>${STYLE}</style></head><body>`);
  h.push(`<h1>Kiểm chứng khả năng kết nối / Reachability proof — ${e(stack)} (${e(proof.site)})</h1>`);
  h.push(`<p class="${proof.holds ? "ok" : "fail"}"><strong>${e(verdictLine(proof))}</strong></p>`);
  h.push(`<p>Ngày đánh giá / Evaluated as of: ${e(proof.asOf)}</p><p>${e(apartLine(proof))}</p>`);
  h.push(`<p>Lớp tường lửa vùng / Zone firewall layer: ${e(proof.zoneFirewallLayer)}</p>`);
  if (proof.zoneFirewallLayer === "absent") h.push(`<p class="fail">${e(ABSENT_LAYER_TEXT)}</p>`);
  h.push(
    "<ul>" +
      (["ipv4", "ipv6"] as Family[])
        .map((f) => {
          const c = proof.counts[f];
          return `<li>${FAMILY_TITLE[f]}: ${c.pairs} endpoint pairs, ${c.enforced} enforced, ${c.unenforced} unenforced, ${c.intended} declared; ${c.classes} behaviour classes, ${c.evaluated} class pairs evaluated exactly</li>`;
        })
        .join("") +
      "</ul>",
  );
  h.push("<h2>Chú giải / Legend</h2>", table(["Term", "Meaning"], LEGEND.map((l) => [e(l.term), e(l.text)])));
  if (proof.missingRuleBases.length > 0) h.push("<h2>Vùng không có rule base / Zones whose enforcer has no rule base</h2>", table(["Zone", "Device"], proof.missingRuleBases.map((m) => [e(m.zone), e(m.device)])));
  if (proof.ruleBaseProblems.length > 0) h.push("<h2>Rule base không đọc được / Rule bases that do not read</h2>", table(["Component", "Problem"], proof.ruleBaseProblems.map((p) => [`<code>${e(p.urn)}</code>`, e(p.message)])));
  if (proof.discrepancies.length > 0) {
    const causes = new Map<string, number>();
    for (const d of proof.discrepancies) causes.set(d.cause, (causes.get(d.cause) ?? 0) + 1);
    h.push("<h2>Nguyên nhân / Causes</h2><ul>" + [...causes.entries()].sort().map(([c, n]) => `<li>${e(CAUSE_TEXT[c as keyof typeof CAUSE_TEXT])} (<code>${e(c)}</code>): ${n}</li>`).join("") + "</ul>");
    h.push(
      "<h2>Sai lệch / Discrepancies</h2><p>Rows differing only by source are merged; the JSON keeps every pair.</p>",
      table(
        ["Family", "Kind", "From", "To", "Ports", "Services", "Flows", "Cause", "Rules or blocking points"],
        groupDiscrepancies(proof.discrepancies).map((g) => [
          FAMILY_TITLE[g.first.family],
          g.first.kind,
          e(g.from.join(", ")),
          e(g.first.to),
          e(g.first.ports),
          e(g.first.services.join(", ")),
          e(g.first.flows.join(", ")),
          e(g.first.cause),
          `<code>${g.first.rules.map(e).join("<br>")}</code>`,
        ]),
      ),
    );
  }
  for (const kind of ["address-sharing", "icmp-not-expressible", "unenforced-shared-vlan"] as const) {
    const rows = proof.apart.filter((a) => a.kind === kind);
    if (rows.length === 0) continue;
    h.push(`<h2>Liệt kê riêng / Listed apart: ${e(kind)}</h2><p>${e(LEGEND.find((l) => l.term === kind)?.text ?? "")}</p>`);
    h.push(
      table(
        ["Family", "From", "To", "Ports", "Flows", `Waiver (${rows[0].control})`, "Name to waive"],
        rows.map((a) => [
          FAMILY_TITLE[a.family],
          e(a.from),
          e(a.to),
          e(a.ports),
          e(a.flows.join(", ")),
          e(a.waiver ? `${a.waiver.id} (${a.waiver.approver}, expires ${a.waiver.expires})` : a.expiredWaiver ? `expired: ${a.expiredWaiver.id} (${a.expiredWaiver.expires})` : "none"),
          `<code>${e(a.name)}</code>`,
        ]),
      ),
    );
  }
  if (proof.expiredFlows.length > 0) h.push("<h2>Luồng đã hết hạn / Expired flows</h2>", table(["Flow", "Expired", "Where"], proof.expiredFlows.map((x) => [e(x.flow), e(x.expires), e(x.file ? `${x.file}:${x.line ?? ""}` : "—")])));
  for (const f of ["ipv4", "ipv6"] as Family[]) {
    const m = proof.matrix[f];
    h.push(`<h2>Ma trận vùng × vùng / Zone × zone matrix — ${FAMILY_TITLE[f]}</h2><p>Rows: source; columns: destination; ⚠n discrepancies; ∅n unenforced pairs.</p>`);
    h.push("<table><thead><tr><th>từ \\ đến / from \\ to</th>" + m.columns.map((c) => `<th>${e(c)}</th>`).join("") + "</tr></thead><tbody>");
    for (const r of m.columns) {
      h.push(`<tr><th>${e(r)}</th>`);
      for (const c of m.columns) {
        const cell = m.cells[r][c];
        const cls = cell.discrepancies > 0 ? "bad" : cell.unenforced > 0 ? "un" : cell.allowed.length === 0 ? "none" : "";
        const text = cell.allowed.length > 0 ? cell.allowed.map(e).join("<br>") : "—";
        const warn = cell.discrepancies > 0 ? `<br><strong>⚠${cell.discrepancies}</strong>` : "";
        const un = cell.unenforced > 0 ? `<br>∅${cell.unenforced}` : "";
        h.push(`<td class="${cls}">${text}${warn}${un}</td>`);
      }
      h.push("</tr>");
    }
    h.push("</tbody></table>");
  }
  h.push("<h2>Điểm cuối / Endpoints</h2>", table(["Id", "Label", "Kind", "Zone", "Hosts", "Enforced", "Note"], proof.endpoints.map((x) => [e(x.id), e(x.label), e(x.kind), e(x.column), String(x.hosts), x.enforced ? "yes" : "no", e(x.note ?? "")])));
  h.push("<h2>Cổng dò / Probes</h2>", table(["Port", "Family", "Open pairs", "Declared pairs"], proof.probes.map((p) => [e(p.name), FAMILY_TITLE[p.family], String(p.open), String(p.intended)])));
  h.push("</body></html>\n");
  return h.join("\n");
}
