import type { SourceMap } from "../../inventory/loader/types";
import type { Catalogue, Control } from "../../policies/catalogue/schema";
import { formatCitation } from "../../policies/catalogue/citations";
import { EvidenceRegister, judgeEvidence } from "../../policies/lib/evidence";
import { pathFromDotted } from "../../policies/lib/findingMessage";
import { Waiver, decideWaiver } from "../../policies/lib/waivers";
import type { Plan } from "../planTypes";
import type { RunResult } from "../policyRunner";
import { ControlResult, ControlStatus, EvidenceShown, PolicyReport, ReportFinding, STATUS_LABEL, WaiverRef } from "./reportTypes";

/** Everything a report is built from. */
export interface ReportInputs {
  /** The catalogue. */
  catalogue: Catalogue;
  /** The plan that was evaluated. */
  plan: Plan;
  /** The runner's raw result. */
  run: RunResult;
  /** Waivers. */
  waivers: readonly Waiver[];
  /** Evidence register. */
  evidence: EvidenceRegister;
  /** Evaluation date. */
  asOf: string;
  /** Inventory source map, for file:line. */
  sources?: SourceMap;
  /** Input paths, recorded in the report. */
  inputs?: PolicyReport["inputs"];
  /** What the report is made from (cited in every rendering's header). */
  provenance?: PolicyReport["provenance"];
}

/**
 * The reference of a waiver as the report shows it.
 * @param w the waiver.
 */
function ref(w: Waiver): WaiverRef {
  return { id: w.id, approver: w.approver, expires: w.expires, justification: w.justification };
}

/**
 * Applies waivers to the raw findings and locates inventory findings.
 * @param inp report inputs.
 */
export function reportFindings(inp: ReportInputs): ReportFinding[] {
  const byUrn = new Map(inp.plan.resources.map((r) => [r.urn, r]));
  const severity = new Map(inp.catalogue.controls.map((c) => [c.id, c.severity]));
  return inp.run.findings.map((f) => {
    const r = f.urn ? byUrn.get(f.urn) : undefined;
    const out: ReportFinding = {
      control: f.control,
      policy: f.policy,
      message: f.text,
      enforcement: f.enforcement,
      severity: severity.get(f.control) ?? "medium",
    };
    if (f.urn) out.urn = f.urn;
    if (r) {
      out.type = r.type;
      out.name = r.name;
    } else if (f.subject) out.name = f.subject;
    if (f.at) {
      out.inventoryPath = f.at;
      const loc = inp.sources?.locate(pathFromDotted(f.at));
      if (loc) out.location = loc;
    }
    const d = decideWaiver({ control: f.control, urn: f.urn, type: out.type, name: out.name }, inp.waivers, inp.asOf);
    if (d.waived) out.waiver = ref(d.waiver);
    else if (d.expired) out.expiredWaiver = ref(d.expired);
    return out;
  });
}

/**
 * Status of an automated control from its coverage and findings.
 * @param cov coverage, if the pack reported the policy.
 * @param failures unwaived findings.
 * @param waived waived findings.
 */
export function automatedStatus(cov: { evaluated: number; notApplicable?: string; notAssessed?: string; indeterminate?: number } | undefined, failures: number, waived: number): ControlStatus {
  if (failures > 0) return "fail";
  if (!cov || cov.notAssessed !== undefined || (cov.indeterminate ?? 0) > 0) return "not-assessed";
  if (cov.notApplicable !== undefined) return "not-applicable";
  if (cov.evaluated === 0) return "not-assessed";
  return waived > 0 ? "pass-waived" : "pass";
}

/**
 * The catalogue's part of a control's row: what the control is, before any judgement.
 * @param c the control.
 */
export function controlHeading(c: Control): Pick<ControlResult, "id" | "group" | "title" | "requirement" | "refs" | "severity" | "verification" | "policy" | "remediation"> {
  return { id: c.id, group: c.group, title: c.title, requirement: c.requirement, refs: c.refs, severity: c.severity, verification: c.verification, policy: c.policy, remediation: c.remediation };
}

/**
 * One control's row.
 * @param c the control.
 * @param findings every finding.
 * @param inp report inputs.
 */
function controlResult(c: Control, findings: ReportFinding[], inp: ReportInputs): ControlResult {
  const mine = findings.filter((f) => f.control === c.id);
  const failures = mine.filter((f) => !f.waiver).length;
  const waived = mine.length - failures;
  const base = {
    ...controlHeading(c),
    failures,
    waived,
    affected: [...new Set(mine.map((f) => f.urn ?? f.name ?? c.id))],
  };
  const na = inp.evidence.notApplicable.find((n) => n.control === c.id);
  if (na) return { ...base, status: "not-applicable", evaluated: 0, reason: `${na.reason} (${na.approver})` };
  let evidence: EvidenceShown | undefined;
  if (c.evidence) {
    const e = judgeEvidence(c.id, inp.evidence, inp.asOf, c.evidence.maxAgeDays);
    const limit = c.evidence.maxAgeSource ? { maxAgeDays: c.evidence.maxAgeDays, maxAgeSource: formatCitation(c.evidence.maxAgeSource) } : {};
    evidence = e.state === "missing" ? { state: "missing", ...limit } : { state: e.state, reference: e.entry.reference, date: e.entry.date, approver: e.entry.approver, sha256: e.entry.sha256, ...limit };
  }
  if (!c.policy) {
    const status: ControlStatus = evidence?.state === "current" ? "pass" : evidence?.state === "missing" ? "not-assessed" : "fail";
    const reason = evidence?.state === "missing" ? `no evidence: ${c.evidence?.what ?? ""}` : evidence?.state === "stale" ? `evidence older than ${c.evidence?.maxAgeDays} days (${evidence.maxAgeSource})` : evidence?.state === "future" ? "evidence dated after the as-of date" : undefined;
    return { ...base, status, evaluated: evidence?.state === "missing" ? 0 : 1, reason, evidence };
  }
  const cov = inp.run.coverage.get(c.policy);
  const status = automatedStatus(cov, failures, waived);
  const unknown = cov && cov.indeterminate > 0 ? `${cov.indeterminate} judgement(s) need values known only after update` : undefined;
  return { ...base, status, evaluated: cov?.evaluated ?? 0, reason: cov?.notApplicable ?? cov?.notAssessed ?? unknown, evidence };
}

/**
 * Builds the canonical report.
 * @param inp report inputs.
 */
export function buildReport(inp: ReportInputs): PolicyReport {
  const findings = reportFindings(inp);
  const controls = inp.catalogue.controls.map((c) => controlResult(c, findings, inp));
  const byStatus = Object.fromEntries(Object.keys(STATUS_LABEL).map((k) => [k, 0])) as Record<ControlStatus, number>;
  for (const c of controls) byStatus[c.status]++;
  const mandatoryFailedEvidence = controls.filter((c) => !c.policy && c.status === "fail" && (c.severity === "critical" || c.severity === "high")).length;
  const used = new Set(findings.flatMap((f) => (f.waiver ? [f.waiver.id] : [])));
  return {
    schemaVersion: 1,
    pack: inp.run.pack,
    stack: inp.plan.stack,
    province: inp.plan.province,
    asOf: inp.asOf,
    inputs: inp.inputs ?? {},
    ...(inp.provenance ? { provenance: inp.provenance } : {}),
    summary: {
      controls: controls.length,
      byStatus,
      findings: findings.length,
      waived: findings.filter((f) => f.waiver).length,
      mandatoryViolations: findings.filter((f) => !f.waiver && f.enforcement === "mandatory").length + mandatoryFailedEvidence,
    },
    controls,
    findings,
    waivers: {
      active: inp.waivers.filter((w) => w.expires >= inp.asOf).map(ref).map((w) => ({ ...w, used: used.has(w.id) })),
      expired: inp.waivers.filter((w) => w.expires < inp.asOf).map(ref),
    },
  };
}
