import type { Inventory } from "../../inventory/model";

/** A copy declared immutable that its target cannot keep unalterable. */
export interface ImmutabilityFinding {
  policy: string;
  copy: string;
  text: string;
  /** Dotted inventory path (file:line). */
  at: string;
}

/**
 * Every copy declared `immutable: true` of the given policies whose target cannot lock it: a device without an
 * `immutability` capability (object lock, WORM media, retention lock), or a zone whose object store has no
 * `objectLock`. The copy's word alone proves nothing: the device or store has to be able to keep it.
 * @param inv the inventory
 * @param policies ids of the policies to judge (those used where the run looks)
 */
export function judgeImmutableCopies(inv: Inventory, policies: ReadonlySet<string>): ImmutabilityFinding[] {
  const devices = new Map(inv.devices.map((d) => [d.name, d]));
  const out: ImmutabilityFinding[] = [];
  inv.backupPolicies.forEach((b, bi) => {
    if (!policies.has(b.id)) return;
    b.copies.forEach((c, ci) => {
      if (!c.immutable) return;
      const at = `backupPolicies.${bi}.copies.${ci}.immutable`;
      if (c.device !== undefined) {
        const d = devices.get(c.device);
        if (d && d.immutability === undefined)
          out.push({ policy: b.id, copy: c.id, at, text: `copy ${c.id} of backup policy ${b.id} is declared immutable, but device ${c.device} (${d.role}, ${d.model}) supports neither object lock, WORM media nor retention lock; fix: keep the copy on a device that does (and declare its immutability), or stop calling it immutable` });
      } else if (c.zone !== undefined) {
        const z = inv.zones.find((x) => x.site === c.site && x.id === c.zone);
        if (z && z.objectLock !== true)
          out.push({ policy: b.id, copy: c.id, at, text: `copy ${c.id} of backup policy ${b.id} is declared immutable, but the object store of zone ${c.zone} at ${c.site} has no object lock; fix: enable S3 Object Lock there (objectLock: true) or keep the copy on a WORM or retention-locked device` });
      }
    });
  });
  return out;
}
