import { z } from "zod";
import { LegalRegime } from "./province";
import { AddressText, PrefixText, Slug, Text } from "./common";

/**
 * Security parameters. Every default is documented with its source; numbers that come from secondary
 * summaries ([F3] in the research) are defaults a province can change, never hard rules.
 */
export const SecurityParameters = z
  .object({
    /** Regime the reports cite first (both are always cited). Default: Decree 331/2026, in force since 2026-07-01. */
    legalRegime: LegalRegime.default("decree-331-2026"),
    /** Days logs are kept. Floor 90 (Circular 12/2022 Annex III: at least 3 months); 365 recommended. Default 365. */
    logRetentionDays: z.number().int().min(90, { message: "logs must be kept at least 90 days (Circular 12/2022 Annex III)" }).default(365),
    /** Internal NTP servers every host synchronises with (no public pools), in order of preference. */
    ntpServers: z.array(AddressText).min(1).default(["10.0.0.123"]),
    /** Address ranges administrators connect from (the management zone, jump hosts). */
    managementRanges: z.array(PrefixText).default([]),
    /** Ports used for administration; they may only be opened from the management ranges. Default SSH, RDP, WinRM, Kubernetes API. */
    adminPorts: z.array(z.number().int().min(1).max(65535)).default([22, 3389, 5985, 5986, 6443]),
    /** Image names allowed on servers (hardened, approved baselines). */
    approvedImages: z.array(Text).default([]),
    /** Cinder volume type names that are encrypted (LUKS via Barbican). */
    encryptedVolumeTypes: z.array(Slug).default([]),
    /** Administrators use multi-factor authentication. Default true (research §1.7). */
    adminMfa: z.boolean().default(true),
    /** Minimum administrator password length without MFA ([F3] TCVN 14423 summary). Default 14. */
    minAdminPasswordLength: z.number().int().min(8).default(14),
    /** Days of inactivity after which accounts are disabled ([F3]). Default 45. */
    inactiveAccountDays: z.number().int().min(1).default(45),
    /** Maximum months between vulnerability scans ([F3]). Default 6. */
    vulnerabilityScanMonths: z.number().int().min(1).default(6),
    /** IPS profile every accept rule of the zone firewalls carries (inter-zone firewall with IPS, Circular 12/2022 Annex III II.1.b.ii). Default "hatang-level3". */
    ipsProfile: Text.default("hatang-level3"),
    /** SIEM collector address logs are shipped to. */
    siemCollector: Text.optional(),
    /** The internal resolvers, in order of preference (public resolvers are never used). */
    dnsServers: z.array(AddressText).default([]),
  })
  .strict();
export type SecurityParameters = z.infer<typeof SecurityParameters>;
