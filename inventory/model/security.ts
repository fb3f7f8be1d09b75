import { z } from "zod";
import { AddressText, PrefixText, Slug, Text } from "./common";

/**
 * Security parameters. Every default is documented with its source; numbers that come from secondary
 * summaries ([F3] in the research) are defaults a province can change, never hard rules. Every field is
 * read by a policy, a compiler or the reachability model (tests/policies/parameterUse.test.ts): figures
 * nothing can check from the plan or the inventory (password length, account inactivity, scan interval)
 * are not fields; they are cited in the catalogue's controls (HOST-02, HOST-04, HOST-08).
 */
export const SecurityParameters = z
  .object({
    /** Days logs are kept. Floor 90: "at least 3 months" (TCVN 11930:2017 7.2.1.4, 7.2.2.3; TCVN 14423:2026 5.8.2.1); 365 recommended. Default 365. */
    logRetentionDays: z.number().int().min(90, { message: "logs must be kept at least 90 days (3 months: TCVN 11930:2017 7.2.1.4, 7.2.2.3; TCVN 14423:2026 5.8.2.1)" }).default(365),
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
    /** Administrators use multi-factor authentication (TCVN 14423:2026 5.6 [F3]; HOST-01). Default true. */
    adminMfa: z.boolean().default(true),
    /** IPS profile every accept rule of the zone firewalls carries (inter-zone firewall with IPS, TT 12/2022/TT-BTTTT PL III II.1.b.ii). Default "hatang-level3". */
    ipsProfile: Text.default("hatang-level3"),
    /** SIEM collector address logs are shipped to. */
    siemCollector: Text.optional(),
    /** The internal resolvers, in order of preference (public resolvers are never used). */
    dnsServers: z.array(AddressText).default([]),
  })
  .strict();
export type SecurityParameters = z.infer<typeof SecurityParameters>;
