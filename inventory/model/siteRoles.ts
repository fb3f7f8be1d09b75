import { z } from "zod";

/**
 * What a site is for. A province has one primary and any number of the others: since the 2025 mergers a
 * province often runs two or three former provincial data centers at once.
 * - `primary`: the main site; serves production.
 * - `secondary`: another site that serves production (e.g. a former province's DC kept in service).
 * - `dr`: a standby site: replicas and off-site backup copies; takes over when a production site is lost.
 * - `retiring`: a former DC being emptied by `retireBy`; it still runs what has not moved, and receives
 *   nothing new (no off-site copies, no redundancy investments).
 */
export const SiteRole = z.enum(["primary", "secondary", "dr", "retiring"]);
export type SiteRole = z.infer<typeof SiteRole>;

/** Bilingual labels for reports. */
export const SITE_ROLE_LABELS: Readonly<Record<SiteRole, string>> = {
  primary: "Điểm chính / Primary",
  secondary: "Điểm phụ / Secondary",
  dr: "Điểm dự phòng / Disaster recovery",
  retiring: "Điểm cũ đang ngừng sử dụng / Former data center being retired",
};

/**
 * Roles that serve production: the redundancy checks (HA pairs, diverse Internet and TSLCD uplinks) apply
 * to sites of these roles. A retiring site is left out on purpose: it is being emptied, not built up.
 * @param role the site's role
 */
export function servesProduction(role: SiteRole): boolean {
  return role === "primary" || role === "secondary";
}

/** Preference order of the roles an off-site copy goes to, for a site of each role (lower first). */
const OFFSITE_PREFERENCE: Readonly<Record<SiteRole, readonly SiteRole[]>> = {
  primary: ["dr", "secondary"],
  secondary: ["dr", "primary"],
  dr: ["primary", "secondary", "dr"],
  retiring: ["dr", "primary", "secondary"],
};

/**
 * The site an off-site copy of `site`'s data goes to: a DR site for a production site, the primary for a
 * DR site; never a retiring site, never the site itself. Among sites of the same role the lowest id wins,
 * so the choice does not depend on list order. Undefined when no other site qualifies.
 * @param sites every site of the province
 * @param site the site whose data is copied
 */
export function offsiteTarget<S extends { id: string; role: SiteRole }>(sites: readonly S[], site: string): S | undefined {
  const own = sites.find((s) => s.id === site);
  const order = OFFSITE_PREFERENCE[own?.role ?? "primary"];
  const rank = (s: S): number => order.indexOf(s.role);
  return sites
    .filter((s) => s.id !== site && rank(s) >= 0)
    .sort((a, b) => rank(a) - rank(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))[0];
}
