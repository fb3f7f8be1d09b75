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

/** How sure the wording behind a clause is (research legend); absent: the official text was read. */
export const Grade = z.enum(["F-secondary", "F3"]);

/** Documents each regime's references may name (anything else goes to `other`). */
export const REGIME_DOCS = {
  legacy: ["TT 12/2022/TT-BTTTT", "TCVN 11930:2017", "NĐ 85/2016/NĐ-CP"],
  current: ["NĐ 331/2026/NĐ-CP", "TCVN 14423:2026", "Luật 116/2025/QH15"],
} as const;

/**
 * Articles whose clauses are lists of points: citing the clause without its point (e.g. "Đ30.4" for
 * a network control) is imprecise, so the point is required.
 */
const POINTED = [
  { doc: "NĐ 331/2026/NĐ-CP", clause: /^Đ30\.[34]$/ },
  { doc: "TT 12/2022/TT-BTTTT", clause: /^Đ9\.[34]$/ },
];

/**
 * One reference. `basis: legal` (the default) names a document and the exact clause that says it;
 * `basis: default` marks a requirement or figure that no legal text of the regime says, with the
 * source it is taken from (a standard such as NIST SP 800-53, a vendor guide, or "hatang default").
 */
export const Citation = z
  .object({
    basis: z.enum(["legal", "default"]).default("legal"),
    /** Legal: the document (law, decree, circular, TCVN). */
    doc: z.string().min(1).optional(),
    /** Legal: article/clause/point, annex item or standard clause. */
    clause: z.string().min(1).optional(),
    /** Legal: how sure the wording is (research legend). */
    grade: Grade.optional(),
    /** Default: the requirement or figure that is a default. */
    what: z.string().min(1).optional(),
    /** Default: where it comes from. */
    source: z.string().min(1).optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.basis === "legal") {
      if (!c.doc) ctx.addIssue({ code: "custom", path: ["doc"], message: "a legal reference names its document" });
      if (!c.clause) ctx.addIssue({ code: "custom", path: ["clause"], message: "a legal reference names its clause (article, clause, point or standard clause)" });
      else if (!/\d/.test(c.clause)) ctx.addIssue({ code: "custom", path: ["clause"], message: `expected a clause with its number, found "${c.clause}"` });
      else if (POINTED.some((p) => p.doc === c.doc && p.clause.test(c.clause!)))
        ctx.addIssue({ code: "custom", path: ["clause"], message: `${c.clause} of ${c.doc} is a list of points: name the point (e.g. ${c.clause}.a)` });
      if (c.what || c.source) ctx.addIssue({ code: "custom", path: ["source"], message: "a legal reference has no what/source (mark it basis: default instead)" });
    } else {
      if (!c.what) ctx.addIssue({ code: "custom", path: ["what"], message: "a default says which requirement or figure it is" });
      if (!c.source) ctx.addIssue({ code: "custom", path: ["source"], message: "a default names the source it comes from (a standard, a guide or \"hatang default\")" });
      if (c.doc || c.clause || c.grade) ctx.addIssue({ code: "custom", path: ["doc"], message: "a default cites no document clause (mark it basis: legal instead)" });
    }
  });
export type Citation = z.infer<typeof Citation>;

/**
 * The references of one regime: at least one, each legal (with its clause) or a default (with its
 * source); only the regime's own documents are named here.
 */
const RegimeRefs = (regime: keyof typeof REGIME_DOCS) =>
  z
    .array(Citation)
    .min(1)
    .superRefine((cs, ctx) => {
      cs.forEach((c, i) => {
        if (c.basis === "legal" && c.doc && !(REGIME_DOCS[regime] as readonly string[]).includes(c.doc))
          ctx.addIssue({ code: "custom", path: [i, "doc"], message: `expected one of ${REGIME_DOCS[regime].join(", ")} (other texts go to refs.other), found "${c.doc}"` });
      });
    });

/** References under both regimes (legacy: Circular 12/2022 + TCVN 11930:2017; current: Decree 331/2026 + TCVN 14423:2026), and other texts. */
export const References = z
  .object({
    legacy: RegimeRefs("legacy"),
    current: RegimeRefs("current"),
    other: z.array(Citation).optional(),
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
    /** Evidence needed, with its age limit in days (absent: no limit) and where that limit comes from. */
    evidence: z
      .object({ maxAgeDays: z.number().int().positive().optional(), maxAgeSource: Citation.optional(), what: z.string().min(1) })
      .strict()
      .superRefine((e, ctx) => {
        if (e.maxAgeDays !== undefined && !e.maxAgeSource) ctx.addIssue({ code: "custom", path: ["maxAgeSource"], message: "an age limit names its source (a clause, or a default with its source)" });
        if (e.maxAgeDays === undefined && e.maxAgeSource) ctx.addIssue({ code: "custom", path: ["maxAgeDays"], message: "maxAgeSource without maxAgeDays" });
      })
      .optional(),
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
    /** legal: the figure is in a legal text (source names document and clause); default: it is not (source names where it comes from). */
    basis: z.enum(["legal", "default"]),
    source: z.string().min(1),
  })
  .strict()
  .superRefine((p, ctx) => {
    const docs = [...REGIME_DOCS.legacy, ...REGIME_DOCS.current];
    const cited = docs.some((d) => new RegExp(`${d.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}\\s+[^;]*\\d`).test(p.source));
    if (p.basis === "legal" && !cited)
      ctx.addIssue({ code: "custom", path: ["source"], message: `a legal parameter names its document followed by the clause (one of ${docs.join(", ")}), found "${p.source}"` });
  });
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
