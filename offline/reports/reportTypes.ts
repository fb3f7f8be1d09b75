import type { Bilingual, References, Severity, VerificationKind } from "../../policies/catalogue/schema";
import type { SourceLocation } from "../../inventory/loader/types";
import type { Provenance } from "../runManifest";

/** A control's result, in the auditors' five words. */
export type ControlStatus = "pass" | "pass-waived" | "fail" | "not-applicable" | "not-assessed";

/** Vietnamese and English labels of each status. */
export const STATUS_LABEL: Record<ControlStatus, Bilingual> = {
  pass: { vi: "Đạt", en: "Pass" },
  "pass-waived": { vi: "Đạt có ngoại lệ", en: "Pass with waiver" },
  fail: { vi: "Chưa đạt", en: "Fail" },
  "not-applicable": { vi: "Không áp dụng", en: "Not applicable" },
  "not-assessed": { vi: "Chưa đánh giá", en: "Not assessed" },
};

/** The waiver that covers (or covered) a finding. */
export interface WaiverRef {
  /** Waiver id. */
  id: string;
  /** Who approved it. */
  approver: string;
  /** Expiry date. */
  expires: string;
  /** Why. */
  justification: string;
  /** In the register: whether it covered any finding in this run. */
  used?: boolean;
}

/** One finding, after waivers. */
export interface ReportFinding {
  /** Control ID. */
  control: string;
  /** Policy name. */
  policy: string;
  /** What is wrong. */
  message: string;
  /** Resource URN (plan findings). */
  urn?: string;
  /** Resource type (plan findings). */
  type?: string;
  /** Resource name, or the inventory subject. */
  name?: string;
  /** Inventory field path (dotted). */
  inventoryPath?: string;
  /** Inventory file and line, when known. */
  location?: SourceLocation;
  /** Enforcement the pack applied. */
  enforcement: "advisory" | "mandatory";
  /** Severity of the control. */
  severity: Severity;
  /** The active waiver covering it. */
  waiver?: WaiverRef;
  /** An expired waiver that used to cover it (the finding came back). */
  expiredWaiver?: WaiverRef;
}

/** Evidence shown for a control. */
export interface EvidenceShown {
  /** current, stale, future or missing. */
  state: "current" | "stale" | "future" | "missing";
  /** Document reference. */
  reference?: string;
  /** Document date. */
  date?: string;
  /** Approver. */
  approver?: string;
  /** SHA-256. */
  sha256?: string;
  /** Age limit in days. */
  maxAgeDays?: number;
  /** Where the age limit comes from (a clause, or a default with its source). */
  maxAgeSource?: string;
}

/** One control's row. */
export interface ControlResult {
  /** Control ID. */
  id: string;
  /** Group. */
  group: string;
  /** Title vi/en. */
  title: Bilingual;
  /** Requirement. */
  requirement: string;
  /** References under both regimes. */
  refs: References;
  /** Severity. */
  severity: Severity;
  /** How it is verified. */
  verification: VerificationKind[];
  /** Policy name, when automated. */
  policy?: string;
  /** Status. */
  status: ControlStatus;
  /** Resources or inventory records judged. */
  evaluated: number;
  /** Unwaived findings. */
  failures: number;
  /** Waived findings. */
  waived: number;
  /** Why N/A or not assessed. */
  reason?: string;
  /** Evidence, for evidence controls. */
  evidence?: EvidenceShown;
  /** URNs or subjects with a finding. */
  affected: string[];
  /** Remediation vi/en. */
  remediation: Bilingual;
}

/** The canonical report (`policy-report.json`); every other format is rendered from it. */
export interface PolicyReport {
  /** Format version of this file. */
  schemaVersion: 1;
  /** Pack name and version. */
  pack: { name: string; version: string };
  /** Stack (site). */
  stack: string;
  /** Province code. */
  province: string;
  /** Evaluation date. */
  asOf: string;
  /** Input files, for the record. */
  inputs: { plan?: string; inventory?: string; waivers?: string; evidence?: string };
  /** What the report was made from (the run manifest's inputs); every rendering cites it. */
  provenance?: Provenance;
  /** Counts. */
  summary: {
    controls: number;
    byStatus: Record<ControlStatus, number>;
    findings: number;
    waived: number;
    mandatoryViolations: number;
  };
  /** One row per catalogue control. */
  controls: ControlResult[];
  /** Every finding. */
  findings: ReportFinding[];
  /** Waiver register. */
  waivers: { active: WaiverRef[]; expired: WaiverRef[] };
}
