import { z } from "zod";

/**
 * The control catalogue as data: every control the level-3 pack knows, how it is verified and
 * where it comes from under both legal regimes. Legal references are data so a new circular never
 * needs a code change.
 */

/** A control ID such as `NET-03` or `DC-01`. */
export const ControlId = z.string().regex(/^[A-Z][A-Z0-9]{1,4}-\d{2}$/, { message: "expected a control ID such as \"NET-03\"" });

/** Severity, the same words as @pulumi/policy. */
export const Severity = z.enum(["low", "medium", "high", "critical"]);
export type Severity = z.infer<typeof Severity>;

/** How a control is verified: by a resource policy, a stack policy, an inventory check or documents. */
export const VerificationKind = z.enum(["resource", "stack", "inventory", "evidence"]);
export type VerificationKind = z.infer<typeof VerificationKind>;

/** Text in Vietnamese and English. */
export const Bilingual = z.object({ vi: z.string().min(1), en: z.string().min(1) }).strict();
export type Bilingual = z.infer<typeof Bilingual>;

/** The clauses a control rests on under one regime. */
const RegimeRef = z
  .object({
    /** Circular or decree (and article). */
    circular: z.string().min(1).optional(),
    /** Decree (and article). */
    decree: z.string().min(1).optional(),
    /** National standard clause. */
    tcvn: z.string().min(1),
  })
  .strict();

/** References under both regimes (legacy: Circular 12/2022 + TCVN 11930:2017; current: Decree 331/2026 + TCVN 14423:2026). */
export const References = z
  .object({
    legacy: RegimeRef,
    current: RegimeRef,
    other: z.array(z.string().min(1)).optional(),
  })
  .strict();
export type References = z.infer<typeof References>;

/** One control. */
export const Control = z
  .object({
    id: ControlId,
    group: z.enum(["network", "host", "logging", "data", "application", "kubernetes", "management", "facility"]),
    title: Bilingual,
    requirement: z.string().min(1),
    refs: References,
    severity: Severity,
    verification: z.array(VerificationKind).min(1),
    /** Name of the CrossGuard policy that automates it (absent for evidence-only controls). */
    policy: z.string().regex(/^vn-l3-[a-z0-9-]+$/).optional(),
    /** Parameters the policy reads (names in parameters.yaml). */
    parameters: z.array(z.string()).default([]),
    /** Evidence needed, with its age limit in days (absent: no limit). */
    evidence: z.object({ maxAgeDays: z.number().int().positive().optional(), what: z.string().min(1) }).strict().optional(),
    /** Where the control departs from research §6. */
    notes: z.string().optional(),
    remediation: Bilingual,
  })
  .strict()
  .superRefine((c, ctx) => {
    const automated = c.verification.some((v) => v !== "evidence");
    if (automated && !c.policy) ctx.addIssue({ code: "custom", path: ["policy"], message: "an automated control (resource/stack/inventory) needs a policy name" });
    if (!automated && c.policy) ctx.addIssue({ code: "custom", path: ["policy"], message: "an evidence-only control has no policy" });
    if (!automated && !c.evidence) ctx.addIssue({ code: "custom", path: ["evidence"], message: "an evidence-only control needs an evidence entry" });
  });
export type Control = z.infer<typeof Control>;

/** A parameter with its default and where the default comes from. */
export const Parameter = z
  .object({
    name: z.string().regex(/^[a-z][A-Za-z0-9]*$/),
    default: z.union([z.number(), z.string(), z.boolean(), z.array(z.union([z.number(), z.string()]))]),
    /** Field of the inventory's `security` block that overrides the default. */
    inventory: z.string().optional(),
    description: z.string().min(1),
    source: z.string().min(1),
  })
  .strict();
export type Parameter = z.infer<typeof Parameter>;
export type ParameterValue = Parameter["default"];

/** A catalogue file holds controls and/or parameters. */
export const CatalogueFile = z
  .object({
    controls: z.array(Control).default([]),
    parameters: z.array(Parameter).default([]),
  })
  .strict();

/** The merged catalogue. */
export interface Catalogue {
  /** Controls in file order. */
  controls: Control[];
  /** Parameters by name. */
  parameters: Map<string, Parameter>;
}
