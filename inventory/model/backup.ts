import { z } from "zod";
import { Slug } from "./common";

/** A backup policy: what the 3-2-1 rule and level 3 ask of backups. */
export const BackupPolicy = z
  .object({
    /** Identity used by systems. */
    id: Slug,
    /** Cron schedule (5 fields). */
    schedule: z.string().regex(/^(\S+\s+){4}\S+$/, { message: "expected a 5-field cron schedule such as \"0 1 * * *\"" }),
    /** Days backups are kept. */
    retentionDays: z.number().int().min(1),
    /** Copies kept (3 for 3-2-1). */
    copies: z.number().int().min(1).max(10),
    /** Kinds of media (2 for 3-2-1). */
    media: z.array(z.enum(["disk", "tape", "object", "cloud"])).min(1),
    /** One copy is kept off-site (at the DR site). */
    offsite: z.boolean(),
    /** Backups are encrypted. */
    encrypted: z.boolean(),
    /** Backups cannot be altered or deleted before retention ends. */
    immutable: z.boolean(),
    /** Zone id of the backup infrastructure (separate from production). */
    targetZone: Slug,
    /** Days between restore tests. */
    restoreTestDays: z.number().int().min(1).optional(),
  })
  .strict();
export type BackupPolicy = z.infer<typeof BackupPolicy>;
