import { formatCitation, formatCitations } from "../../policies/catalogue/citations";
import { provenanceLines } from "../runManifest";
import type { PolicyReport } from "./reportTypes";

/**
 * SARIF 2.1.0 rendering: one rule per control, one result per finding. The URN is the logical
 * location; the inventory file and line (when known) the physical one, so code-scanning UIs accept
 * it. Waived findings carry an accepted external suppression.
 */

/** CVSS-like score GitHub uses to rank security results. */
const SECURITY_SEVERITY = { critical: "9.5", high: "8.0", medium: "5.5", low: "3.0" } as const;

/** A SARIF log (only the parts written). */
export interface SarifLog {
  $schema: string;
  version: "2.1.0";
  runs: unknown[];
}

/**
 * Renders the report as SARIF 2.1.0.
 * @param r the report.
 * @param infoUri where the catalogue lives (helpUri base).
 */
export function toSarif(r: PolicyReport, infoUri = "https://example.invalid/hatang/policies/catalogue"): SarifLog {
  const rules = r.controls.map((c) => ({
    id: c.id,
    name: c.policy ?? c.id,
    shortDescription: { text: c.title.en },
    fullDescription: { text: `${c.title.vi}. ${c.requirement}` },
    help: { text: `${c.remediation.vi}\n${c.remediation.en}` },
    helpUri: `${infoUri}#${c.id.toLowerCase()}`,
    defaultConfiguration: { level: c.severity === "critical" || c.severity === "high" ? "error" : "warning" },
    properties: {
      tags: [...new Set([c.group, ...[...c.refs.legacy, ...c.refs.current].map(formatCitation)])],
      "security-severity": SECURITY_SEVERITY[c.severity],
      legacy: formatCitations(c.refs.legacy),
      current: formatCitations(c.refs.current),
      ...(c.refs.other?.length ? { other: formatCitations(c.refs.other) } : {}),
    },
  }));
  const ruleIndex = new Map(rules.map((x, i) => [x.id, i]));
  const results = r.findings.map((f) => {
    const locations: Array<Record<string, unknown>> = [];
    const loc: Record<string, unknown> = {};
    if (f.location) loc.physicalLocation = { artifactLocation: { uri: f.location.file.replace(/\\/g, "/") }, region: { startLine: f.location.line, startColumn: f.location.column } };
    const logical = f.urn ?? (f.name ? `inventory:${f.name}` : undefined);
    if (logical) loc.logicalLocations = [{ fullyQualifiedName: logical, kind: f.urn ? "resource" : "object" }];
    if (Object.keys(loc).length) locations.push(loc);
    const result: Record<string, unknown> = {
      ruleId: f.control,
      ruleIndex: ruleIndex.get(f.control) ?? 0,
      level: f.enforcement === "mandatory" ? "error" : "warning",
      message: { text: f.message },
      locations,
      partialFingerprints: { "controlResource/v1": `${f.control}:${logical ?? ""}` },
    };
    if (f.waiver) result.suppressions = [{ kind: "external", status: "accepted", justification: `${f.waiver.id}: ${f.waiver.justification} (${f.waiver.approver}, until ${f.waiver.expires})` }];
    return result;
  });
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: r.pack.name, version: r.pack.version, informationUri: infoUri, rules } },
        results,
        properties: { stack: r.stack, province: r.province, asOf: r.asOf, ...(r.provenance ? { provenance: { text: provenanceLines(r.provenance, "en").join(" "), inventory: r.provenance.inventory, plan: r.provenance.plan, basis: r.provenance.basis, tool: r.provenance.tool } } : {}) },
      },
    ],
  };
}
