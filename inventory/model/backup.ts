import { z } from "zod";
import { Slug } from "./common";

/** Kinds of backup media (3-2-1 asks for two of them). */
export const BackupMedia = z.enum(["disk", "tape", "object", "cloud"]);
export type BackupMedia = z.infer<typeof BackupMedia>;

/**
 * One copy a backup policy keeps, and where it really is. 3-2-1 is derived from these locations
 * (`policies/backup/threeTwoOne.ts`), never declared: a policy cannot say "off-site" in a one-site province.
 */
export const BackupCopy = z
  .object({
    /** Name of the copy, unique within its policy (e.g. `local`, `replica`, `tape`): its identity. */
    id: Slug,
    /** Site id where the copy is kept. */
    site: Slug,
    /** Device holding the copy (a backup appliance, tape library or storage array at that site). Not with `zone`. */
    device: Slug.optional(),
    /** Zone id whose object store holds the copy (a zone at that site). Not with `device`. */
    zone: Slug.optional(),
    /** Kind of media the copy is on. */
    media: BackupMedia,
    /** The copy cannot be altered or deleted before its retention ends (retention lock, object lock, WORM). */
    immutable: z.boolean(),
    /** The copy is encrypted. */
    encrypted: z.boolean(),
  })
  .strict();
export type BackupCopy = z.infer<typeof BackupCopy>;

/** A backup policy: when backups run, how long they are kept, and every copy with its location. */
export const BackupPolicy = z
  .object({
    /** Identity used by systems. */
    id: Slug,
    /** Cron schedule (5 fields), in the site's local time. */
    schedule: z.string().regex(/^(\S+\s+){4}\S+$/, { message: "expected a 5-field cron schedule such as \"0 1 * * *\"" }),
    /** Days backups are kept. */
    retentionDays: z.number().int().min(1),
    /** Every copy the policy keeps, each with where it is (3-2-1 is derived from them). */
    copies: z.array(BackupCopy).min(1),
    /** Zone id of the backup infrastructure the jobs write into (separate from production). */
    targetZone: Slug,
    /** Days between restore tests; each test is a dated entry of the evidence register (control DATA-10, `policy`). */
    restoreTestDays: z.number().int().min(1).optional(),
  })
  .strict();
export type BackupPolicy = z.infer<typeof BackupPolicy>;
