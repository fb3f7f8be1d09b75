/**
 * Puts the provenance lines (`runManifest.provenanceLines`) under a report's title, for reports rendered
 * elsewhere whose renderer does not take them: the first heading of a Markdown file, the first `<h1>`
 * of an HTML page. A report without such a title gets them at the top.
 */

/**
 * Markdown: a quoted block right after the first `# ` heading.
 * @param md the report
 * @param lines the provenance lines
 */
export function markdownWithProvenance(md: string, lines: readonly string[]): string {
  const block = `${lines.map((l) => `> ${l}  `).join("\n")}\n\n`;
  const m = /^# .*\n(\n)?/m.exec(md);
  if (!m) return block + md;
  const at = m.index + m[0].length;
  return `${md.slice(0, at)}${m[1] ? "" : "\n"}${block}${md.slice(at)}`;
}

/**
 * HTML: a `<p class="provenance">` right after the first `</h1>`.
 * @param html the page
 * @param lines the provenance lines
 */
export function htmlWithProvenance(html: string, lines: readonly string[]): string {
  const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  const block = `<p class="provenance"><small>${lines.map(esc).join("<br>")}</small></p>`;
  const at = html.indexOf("</h1>");
  if (at < 0) {
    const body = /<body[^>]*>/.exec(html);
    return body ? html.slice(0, body.index + body[0].length) + block + html.slice(body.index + body[0].length) : block + html;
  }
  return html.slice(0, at + 5) + block + html.slice(at + 5);
}
