/** `reachability.html`: the verdict and the zone × zone matrices as one self-contained page (no external assets). */
import type { SiteProof } from "./proof";
import { separateClassesLine, verdictLine } from "./renderMarkdown";

/**
 * Escapes text for HTML.
 * @param s the text
 */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

const STYLE = `body{font-family:system-ui,sans-serif;margin:1.5rem;color:#222}table{border-collapse:collapse;margin:1rem 0;font-size:.85rem}
th,td{border:1px solid #bbb;padding:.3rem .45rem;vertical-align:top}th{background:#f0f0f0;position:sticky;top:0}
td.none{color:#999;text-align:center}td.bad{background:#fde2e2}.ok{color:#11691e}.fail{color:#a30d0d}code{font-size:.8rem}`;

/**
 * Renders the HTML report.
 * @param proof the proof
 */
export function renderReachabilityHtml(proof: SiteProof): string {
  const h: string[] = [];
  h.push(`<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Reachability ${escapeHtml(proof.site)}</title><style>${STYLE}</style></head><body>`);
  h.push(`<h1>Kiểm chứng khả năng kết nối / Reachability proof — ${escapeHtml(proof.site)}</h1>`);
  h.push(`<p class="${proof.holds ? "ok" : "fail"}"><strong>${escapeHtml(verdictLine(proof))}</strong></p>`);
  h.push(`<p>${escapeHtml(separateClassesLine(proof))}</p>`);
  for (const f of ["ipv4", "ipv6"] as const) {
    const m = proof.matrix[f];
    h.push(`<h2>Ma trận vùng × vùng / Zone × zone matrix — ${f === "ipv4" ? "IPv4" : "IPv6"}</h2>`);
    h.push("<table><thead><tr><th>từ \\ đến / from \\ to</th>" + m.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("") + "</tr></thead><tbody>");
    for (const r of m.columns) {
      h.push(`<tr><th>${escapeHtml(r)}</th>`);
      for (const c of m.columns) {
        const cell = m.cells[r][c];
        const cls = cell.discrepancies > 0 ? "bad" : cell.allowed.length === 0 ? "none" : "";
        const text = cell.allowed.length > 0 ? cell.allowed.map(escapeHtml).join("<br>") : "—";
        const warn = cell.discrepancies > 0 ? `<br><strong>⚠ ${cell.discrepancies}</strong>` : "";
        h.push(`<td class="${cls}">${text}${warn}</td>`);
      }
      h.push("</tr>");
    }
    h.push("</tbody></table>");
  }
  if (proof.discrepancies.length > 0) {
    h.push("<h2>Sai lệch / Discrepancies</h2><table><thead><tr><th>Family</th><th>Kind</th><th>From</th><th>To</th><th>Ports</th><th>Flows</th><th>Rules / blocking point</th></tr></thead><tbody>");
    for (const d of proof.discrepancies) {
      h.push(
        `<tr><td>${d.family}</td><td>${d.kind}</td><td>${escapeHtml(d.from)}</td><td>${escapeHtml(d.to)}</td><td>${escapeHtml(d.ports)}</td><td>${escapeHtml(d.flows.join(", "))}</td><td><code>${d.rules.map(escapeHtml).join("<br>")}</code></td></tr>`,
      );
    }
    h.push("</tbody></table>");
  }
  const apart: Array<[string, SiteProof["shared"]]> = [
    ["Không tách được trong đám mây / Not separable by the cloud", proof.shared],
    ["ICMP không biểu diễn được bằng NetworkPolicy / ICMP not expressible in NetworkPolicy", proof.inexpressible],
  ];
  for (const [title, rows] of apart) {
    if (rows.length === 0) continue;
    h.push(`<h2>${escapeHtml(title)}</h2><table><thead><tr><th>Family</th><th>From</th><th>To</th><th>Ports</th><th>Flows</th></tr></thead><tbody>`);
    for (const s of rows) h.push(`<tr><td>${s.family}</td><td>${escapeHtml(s.from)}</td><td>${escapeHtml(s.to)}</td><td>${escapeHtml(s.ports)}</td><td>${escapeHtml(s.flows.join(", "))}</td></tr>`);
    h.push("</tbody></table>");
  }
  h.push("</body></html>\n");
  return h.join("\n");
}
