import type { PolicyReport } from "./reportTypes";

/**
 * Escapes text for XML attributes and content.
 * @param s text.
 */
export function xmlEscape(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c] ?? c);
}

/**
 * JUnit XML: one testsuite per control group, one testcase per control; unwaived findings are
 * failures, waived controls and N/A / not-assessed ones are skipped with the reason.
 * @param r the report.
 */
export function toJunit(r: PolicyReport): string {
  const groups = [...new Set(r.controls.map((c) => c.group))];
  const suites = groups.map((g) => {
    const cs = r.controls.filter((c) => c.group === g);
    const cases = cs.map((c) => {
      const name = `${c.id} ${c.title.en}`;
      const open = `    <testcase classname="${xmlEscape(`${r.stack}.${g}`)}" name="${xmlEscape(name)}">`;
      const fs = r.findings.filter((f) => f.control === c.id);
      if (c.status === "fail") {
        const body = fs.filter((f) => !f.waiver).map((f) => `${f.urn ?? f.name ?? ""}: ${f.message}`).join("\n") || c.reason || "";
        return `${open}\n      <failure message="${xmlEscape(`${c.id} failed (${c.failures} finding(s))`)}" type="${c.severity}">${xmlEscape(body)}</failure>\n    </testcase>`;
      }
      if (c.status === "pass") return `${open}</testcase>`;
      const why = c.status === "pass-waived" ? `waived: ${[...new Set(fs.map((f) => f.waiver?.id).filter(Boolean))].join(", ")}` : `${c.status}: ${c.reason ?? ""}`;
      return `${open}\n      <skipped message="${xmlEscape(why)}"/>\n    </testcase>`;
    });
    const failures = cs.filter((c) => c.status === "fail").length;
    const skipped = cs.filter((c) => c.status !== "fail" && c.status !== "pass").length;
    return `  <testsuite name="${xmlEscape(g)}" tests="${cs.length}" failures="${failures}" skipped="${skipped}" errors="0">\n${cases.join("\n")}\n  </testsuite>`;
  });
  const failures = r.controls.filter((c) => c.status === "fail").length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${xmlEscape(`${r.pack.name} ${r.stack}`)}" tests="${r.controls.length}" failures="${failures}">\n${suites.join("\n")}\n</testsuites>\n`;
}
