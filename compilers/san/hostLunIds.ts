import { createHash } from "node:crypto";

/** Host LUN ids an array presents (0 is left to boot LUNs; most arrays stop at 4095). */
export const FIRST_HOST_LUN_ID = 1;
export const LAST_HOST_LUN_ID = 4095;

/** A LUN asking for a host LUN id. */
export interface LunIdRequest {
  /** Identity (`<system>/<lun>`). */
  identity: string;
  /** Id fixed in the model, if any. */
  fixed?: number;
}

/**
 * Host LUN ids for the LUNs of one host group: the fixed ids first, then each other LUN at the slot its
 * identity hashes to, moving on to the next free one when taken. Identities are placed in sorted order,
 * so ids depend on the set of LUNs only, and adding a LUN moves no other unless their hashes collide:
 * a host never sees its disks renumbered because another LUN was added. Ids that do not fit are absent.
 * @param requests the group's LUNs
 */
export function assignHostLunIds(requests: readonly LunIdRequest[]): Map<string, number> {
  const size = LAST_HOST_LUN_ID - FIRST_HOST_LUN_ID + 1;
  const out = new Map<string, number>();
  const taken = new Set<number>();
  for (const r of requests) {
    if (r.fixed === undefined || taken.has(r.fixed)) continue;
    taken.add(r.fixed);
    out.set(r.identity, r.fixed);
  }
  const free = [...new Set(requests.filter((r) => !out.has(r.identity)).map((r) => r.identity))].sort();
  for (const id of free) {
    if (taken.size >= size) break;
    let slot = Number(BigInt("0x" + createHash("sha256").update(id).digest("hex").slice(0, 12)) % BigInt(size));
    while (taken.has(FIRST_HOST_LUN_ID + slot)) slot = (slot + 1) % size;
    taken.add(FIRST_HOST_LUN_ID + slot);
    out.set(id, FIRST_HOST_LUN_ID + slot);
  }
  return out;
}
