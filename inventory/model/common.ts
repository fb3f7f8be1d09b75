import { z } from "zod";

/**
 * Building blocks shared by every part of the site model.
 * Identities are lower-case slugs so they can appear in resource names, URNs and file names unchanged.
 */

/** A stable identity: lower-case letters, digits and hyphens, starting with a letter (e.g. `dmz`, `lgsp`). */
export const Slug = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,62}$/, {
    message: "expected a lower-case identity of letters, digits and hyphens starting with a letter (e.g. \"dmz-web\")",
  });

/** An agency code as the province's own registry writes it: upper-case letters, digits, hyphens (e.g. `STTTT`, `UBND-HUYEN-AL`). */
export const AgencyCode = z
  .string()
  .regex(/^[A-Z][A-Z0-9-]{0,39}$/, { message: "expected an upper-case agency code of letters, digits and hyphens (e.g. \"STTTT\")" });

/**
 * Characters no text may hold: C0 controls other than tab and line breaks, DEL, C1 controls, and the
 * bidirectional overrides (they end up raw in CSVs, garble the workbook, or make text read other than it is).
 */
export const FORBIDDEN_TEXT_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

/** Free text that must not be empty nor hold control characters. */
export const Text = z
  .string()
  .trim()
  .min(1, { message: "expected non-empty text" })
  .regex(new RegExp(`^[^${FORBIDDEN_TEXT_CHARACTERS.source.slice(1, -1)}]*$`), {
    message: "expected text without control characters (U+0000–U+001F other than tab and line breaks, U+007F–U+009F) or bidirectional overrides (U+202A–U+202E, U+2066–U+2069)",
  });

/** An IPv4 or IPv6 prefix written as text; its syntax and alignment are checked by the address plan. */
export const PrefixText = z.string().regex(/^[0-9a-fA-F:.]+\/\d{1,3}$/, {
  message: "expected a prefix such as \"10.16.0.0/16\" or \"2001:db8:100::/48\"",
});

/** An IPv4 or IPv6 address written as text. */
export const AddressText = z.string().regex(/^[0-9a-fA-F:.]+$/, {
  message: "expected an IP address such as \"10.0.0.1\" or \"2001:db8::1\"",
});

/** A date written as YYYY-MM-DD. */
export const DateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: "expected a date written YYYY-MM-DD" });

/** An explicit (operator-chosen) prefix pair; anything left out is allocated by the address plan. */
export const ExplicitPrefixes = z
  .object({
    /** IPv4 prefix to use instead of allocating one. */
    ipv4: PrefixText.optional(),
    /** IPv6 prefix to use instead of allocating one. */
    ipv6: PrefixText.optional(),
  })
  .strict();
export type ExplicitPrefixes = z.infer<typeof ExplicitPrefixes>;

/** The two power paths of a Tier III design. */
export const PowerPath = z.enum(["A", "B"]);
export type PowerPath = z.infer<typeof PowerPath>;

/** TCP, UDP, ICMP (v4 and v6 twin) or any protocol. */
export const Protocol = z.enum(["tcp", "udp", "icmp", "any"]);
export type Protocol = z.infer<typeof Protocol>;
