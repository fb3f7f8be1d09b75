import * as fs from "node:fs";
import { stringify } from "yaml";
import { z } from "zod";
import { readYamlData } from "../loader/yamlData";
import type { MergePins } from "./types";

/**
 * `merge/merge.lock.yaml` in a merged province: the decisions of the run that wrote it (where each moved
 * aggregate landed, which new id each colliding VLAN got). The next run into the same folder keeps those
 * that still fit, so a change to an input moves only what it must (like `addressplan.lock.yaml`).
 */
export const MERGE_LOCK_FILE = "merge.lock.yaml";

const Family = z.enum(["ipv4", "ipv6"]);
const VlanId = z.number().int().min(1).max(4094);

/** The file's schema. */
export const MergeLockFile = z.strictObject({
  aggregates: z
    .array(z.strictObject({ province: z.string().min(1), site: z.string().min(1), family: Family, old: z.string().min(1), from: z.string().min(1), to: z.string().min(1) }))
    .default([]),
  vlans: z.array(z.strictObject({ province: z.string().min(1), physnet: z.string().min(1), old: VlanId, new: VlanId })).default([]),
});

/**
 * Reads a merge lock; a missing file pins nothing. Throws `DataFileError` (file:line) when malformed.
 * @param file the file
 */
export function readMergeLock(file: string): MergePins {
  return fs.existsSync(file) ? readYamlData(file, MergeLockFile) : { aggregates: [], vlans: [] };
}

/**
 * A merge lock's text.
 * @param pins the run's decisions
 */
export function renderMergeLock(pins: MergePins): string {
  return [
    "# Decisions of `npm run merge` (moved aggregates, changed VLAN ids). A re-run into this folder keeps each one",
    "# that still fits, so a change to an input moves only what it must. Delete an entry to let it be chosen again.",
    stringify({ aggregates: pins.aggregates, vlans: pins.vlans }, { lineWidth: 0 }),
  ].join("\n");
}
