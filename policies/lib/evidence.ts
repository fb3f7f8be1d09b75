import { z } from "zod";

/**
 * The evidence register of a province: documents that prove organisational controls (approvals,
 * pentests, restore tests), and controls declared not applicable with a reason.
 */
const DateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: "expected a date written YYYY-MM-DD" });

/** One document. */
export const EvidenceEntry = z
  .object({
    /** Control it proves. */
    control: z.string().min(1),
    /** Document reference (decision number, report id). */
    reference: z.string().min(1),
    /** Date of the document. */
    date: DateText,
    /** Who approved or signed it. */
    approver: z.string().min(1),
    /** SHA-256 of the document file, so the auditor can check the copy. */
    sha256: z.string().regex(/^[0-9a-f]{64}$/, { message: "expected 64 lower-case hex digits" }),
    /** Where the document is kept. */
    file: z.string().optional(),
    /** For a restore test (DATA-10): the backup policy whose copy was restored; each policy is judged on its own interval. */
    backupPolicy: z.string().min(1).optional(),
  })
  .strict();
export type EvidenceEntry = z.infer<typeof EvidenceEntry>;

/** A control the province declares not applicable (e.g. NET-17 with no wireless). */
export const NotApplicableDeclaration = z
  .object({
    control: z.string().min(1),
    reason: z.string().min(1),
    approver: z.string().min(1),
  })
  .strict();
export type NotApplicableDeclaration = z.infer<typeof NotApplicableDeclaration>;

/** The evidence file. */
export const EvidenceRegister = z
  .object({
    evidence: z.array(EvidenceEntry).default([]),
    notApplicable: z.array(NotApplicableDeclaration).default([]),
  })
  .strict();
export type EvidenceRegister = z.infer<typeof EvidenceRegister>;

/** How current a control's evidence is on the as-of date. */
export type EvidenceState =
  | { state: "current"; entry: EvidenceEntry; ageDays: number }
  | { state: "stale"; entry: EvidenceEntry; ageDays: number; maxAgeDays: number }
  | { state: "future"; entry: EvidenceEntry }
  | { state: "missing" };

/**
 * Days from `from` to `to` (both YYYY-MM-DD, UTC).
 * @param from earlier date.
 * @param to later date.
 */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Judges a control's evidence on the as-of date: the newest entry not dated after as-of counts.
 * @param control control ID.
 * @param register the register (may be empty).
 * @param asOf evaluation date.
 * @param maxAgeDays age limit (undefined: none).
 */
export function judgeEvidence(control: string, register: EvidenceRegister, asOf: string, maxAgeDays: number | undefined): EvidenceState {
  const entries = register.evidence.filter((e) => e.control === control).sort((a, b) => b.date.localeCompare(a.date));
  if (entries.length === 0) return { state: "missing" };
  const usable = entries.find((e) => e.date <= asOf);
  if (!usable) return { state: "future", entry: entries[entries.length - 1] };
  const ageDays = daysBetween(usable.date, asOf);
  if (maxAgeDays !== undefined && ageDays > maxAgeDays) return { state: "stale", entry: usable, ageDays, maxAgeDays };
  return { state: "current", entry: usable, ageDays };
}
