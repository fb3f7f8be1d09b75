import { z } from "zod";
import { Slug } from "./common";

/**
 * How a system comes back when its site is lost:
 * - `storage-replication`: its volumes and LUNs are replicated array to array (`storageReplication`);
 * - `database-replication`: its database replicates to a standby at the recovery site (it runs there too);
 * - `restore-from-backup`: it is restored at the recovery site from a backup copy kept there.
 */
export const DrPosture = z.enum(["storage-replication", "database-replication", "restore-from-backup"]);
export type DrPosture = z.infer<typeof DrPosture>;

/** A system's disaster-recovery posture, checked against its recovery point and time objectives. */
export const DisasterRecovery = z
  .object({
    /** How it recovers (see `DrPosture`). */
    posture: DrPosture,
    /** Site id it recovers at: another site of the province that is not retiring (usually the DR site). */
    site: Slug,
    /** Database replication only: the standby's worst lag, in minutes (0 for synchronous): the recovery point it gives. */
    replicationLagMinutes: z.number().min(0).max(10080).optional(),
    /** Hours from the decision to fail over until the system runs at the recovery site (failover or restore), as rehearsed. */
    recoveryHours: z.number().positive().max(8760),
  })
  .strict();
export type DisasterRecovery = z.infer<typeof DisasterRecovery>;
