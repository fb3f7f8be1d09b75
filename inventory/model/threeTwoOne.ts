import type { BackupCopy, BackupMedia, BackupPolicy } from "./backup";
import type { SiteRole } from "./siteRoles";

/** What 3-2-1 asks: this many copies, on this many kinds of media, this many away from the protected site. */
export const THREE_TWO_ONE = { copies: 3, media: 2, offsite: 1 } as const;

/** 3-2-1 as derived from where a policy's copies are, for data at one site. */
export interface ThreeTwoOne {
  /** Copies kept at a site of the province (a copy at a site that does not exist is no copy). */
  copies: number;
  /** Kinds of media among them, sorted. */
  media: BackupMedia[];
  /** Ids of the copies away from the protected site, at a site that receives off-site copies (not retiring). */
  offsite: string[];
  /** Whether the three parts hold. */
  holds: boolean;
  /** What is missing, one phrase per part that fails (empty when it holds). */
  missing: string[];
}

/**
 * Whether a copy is off-site for data at `site`: at another site of the province that is not retiring
 * (a retiring site is being emptied and receives nothing new, see `siteRoles.ts`).
 * @param copy the copy
 * @param site the protected data's site
 * @param roles role of every site of the province, by id
 */
export function isOffsiteCopy(copy: BackupCopy, site: string, roles: ReadonlyMap<string, SiteRole>): boolean {
  const role = roles.get(copy.site);
  return role !== undefined && role !== "retiring" && copy.site !== site;
}

/**
 * 3-2-1 derived from the copies' locations, for data kept at `site`: three copies at sites that exist, on
 * two kinds of media, one of them off-site (`isOffsiteCopy`). Nothing is taken from counts or flags.
 * @param policy the backup policy
 * @param site the protected data's site
 * @param roles role of every site of the province, by id
 */
export function deriveThreeTwoOne(policy: Pick<BackupPolicy, "copies">, site: string, roles: ReadonlyMap<string, SiteRole>): ThreeTwoOne {
  const real = policy.copies.filter((c) => roles.has(c.site));
  const media = [...new Set(real.map((c) => c.media))].sort();
  const offsite = real.filter((c) => isOffsiteCopy(c, site, roles)).map((c) => c.id).sort();
  const missing: string[] = [];
  if (real.length < THREE_TWO_ONE.copies) missing.push(`${real.length} cop${real.length === 1 ? "y" : "ies"} at sites of the province (${THREE_TWO_ONE.copies} needed)`);
  if (media.length < THREE_TWO_ONE.media) missing.push(`${media.length} kind(s) of media: ${media.join(", ") || "none"} (${THREE_TWO_ONE.media} needed)`);
  if (offsite.length < THREE_TWO_ONE.offsite) missing.push(`no copy away from site ${site} at a site that receives off-site copies`);
  return { copies: real.length, media, offsite, holds: missing.length === 0, missing };
}

/**
 * Sites holding an off-site copy of data kept at `site`, sorted.
 * @param policy the backup policy
 * @param site the protected data's site
 * @param roles role of every site of the province, by id
 */
export function offsiteCopySites(policy: Pick<BackupPolicy, "copies">, site: string, roles: ReadonlyMap<string, SiteRole>): string[] {
  return [...new Set(policy.copies.filter((c) => isOffsiteCopy(c, site, roles)).map((c) => c.site))].sort();
}

/**
 * Whether every copy of a policy is encrypted (a backup is only as protected as its weakest copy).
 * @param policy the backup policy
 */
export function everyCopyEncrypted(policy: Pick<BackupPolicy, "copies">): boolean {
  return policy.copies.every((c) => c.encrypted);
}

/**
 * Whether at least one copy is immutable (what survives ransomware that reaches the backup system).
 * @param policy the backup policy
 */
export function hasImmutableCopy(policy: Pick<BackupPolicy, "copies">): boolean {
  return policy.copies.some((c) => c.immutable);
}

/**
 * Site roles by id, the lookup the functions above take.
 * @param sites every site of the province
 */
export function siteRoleMap(sites: readonly { id: string; role: SiteRole }[]): Map<string, SiteRole> {
  return new Map(sites.map((s) => [s.id, s.role]));
}
