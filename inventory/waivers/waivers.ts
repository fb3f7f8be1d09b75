import { z } from "zod";

/**
 * Waivers: a reviewer accepts a finding for a while, with a reason, an approver and an expiry.
 * An expired waiver no longer covers anything, so the finding comes back (the behaviour users of
 * grype, trivy and drift asked for).
 */
const DateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: "expected a date written YYYY-MM-DD" });

/** Which findings a waiver covers; every given field must match. Globs: `*` any run, `?` one character. */
export const WaiverSelector = z
  .object({
    /** URN glob, e.g. `urn:pulumi:*::*::openstack:networking/secGroupRule:SecGroupRule::legacy-snmp*`. */
    urn: z.string().min(1).optional(),
    /** Exact type token. */
    type: z.string().min(1).optional(),
    /** Resource name or inventory subject glob, e.g. `rack/dc1-r0*`. */
    name: z.string().min(1).optional(),
  })
  .strict()
  .refine((s) => s.urn !== undefined || s.type !== undefined || s.name !== undefined, { message: "a selector needs urn, type or name" });
export type WaiverSelector = z.infer<typeof WaiverSelector>;

/** One waiver. */
export const Waiver = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9-]+$/, { message: "expected an id such as \"WVR-2026-014\"" }),
    control: z.string().min(1),
    match: WaiverSelector,
    justification: z.string().min(1),
    approver: z.string().min(1),
    expires: DateText,
    created: DateText.optional(),
    compensating: z.string().optional(),
    ticket: z.string().optional(),
  })
  .strict();
export type Waiver = z.infer<typeof Waiver>;

/**
 * The waiver file of a province. It does not date the check: a date kept here would keep honouring
 * waivers after they expire until someone edited it. The evaluation date is today unless `--as-of`.
 */
export const WaiverFile = z
  .object({
    /** Refused with a message saying why, rather than as an unknown key. */
    asOf: z
      .never({ message: "a waiver file no longer dates the check (waivers would stay honoured after they expire until someone edited this date): remove asOf; the evaluation date is today unless --as-of" })
      .optional(),
    waivers: z.array(Waiver).default([]),
  })
  .strict();
export type WaiverFile = z.infer<typeof WaiverFile>;

/** What a waiver can match against. */
export interface WaivableFinding {
  /** Control ID. */
  control: string;
  /** URN (plan findings). */
  urn?: string;
  /** Type token (plan findings). */
  type?: string;
  /** Resource name, or inventory subject. */
  name?: string;
}

/**
 * Glob match with `*` and `?`, whole string.
 * @param glob pattern.
 * @param text text.
 */
export function globMatch(glob: string, text: string): boolean {
  const re = new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, "s");
  return re.test(text);
}

/**
 * True when a waiver's selector and control match the finding (expiry not considered).
 * @param w the waiver.
 * @param f the finding.
 */
export function waiverMatches(w: Waiver, f: WaivableFinding): boolean {
  if (w.control !== f.control) return false;
  if (w.match.urn !== undefined && (f.urn === undefined || !globMatch(w.match.urn, f.urn))) return false;
  if (w.match.type !== undefined && w.match.type !== f.type) return false;
  if (w.match.name !== undefined && (f.name === undefined || !globMatch(w.match.name, f.name))) return false;
  return true;
}

/** The waiver decision for one finding. */
export type WaiverDecision = { waived: true; waiver: Waiver } | { waived: false; expired?: Waiver };

/**
 * Decides whether a finding is waived on `asOf`: an active waiver (expires on or after as-of)
 * covers it; a matching expired waiver is reported so the report can say the finding came back.
 * @param f the finding.
 * @param waivers every waiver.
 * @param asOf evaluation date (YYYY-MM-DD).
 */
export function decideWaiver(f: WaivableFinding, waivers: readonly Waiver[], asOf: string): WaiverDecision {
  let expired: Waiver | undefined;
  for (const w of waivers) {
    if (!waiverMatches(w, f)) continue;
    if (w.expires >= asOf) return { waived: true, waiver: w };
    expired = w;
  }
  return expired ? { waived: false, expired } : { waived: false };
}
