import type { Inventory, Site } from "../inventory/model";
import type { SitePlan } from "../inventory/addressing/types";
import { compileSite, type CompiledSite } from "../compilers/site";

/** What every sheet builder reads: one site's slice of the province, its address plan and what the compilers decided. */
export interface AsBuiltInput {
  /** The validated inventory of the whole province. */
  inventory: Inventory;
  /** The site being exported. */
  site: Site;
  /** The site's address plan (canonical prefixes, as allocated or pinned by the lock). */
  plan: SitePlan;
  /** The site compiled: networks, security groups, placements. */
  compiled: CompiledSite;
  /** The report date, YYYY-MM-DD: flows past their expiry on this date are flagged. */
  asOf: string;
}

/**
 * Gathers one site's input, or says why it cannot (the site is not in the inventory or has no plan).
 * @param inventory the validated inventory
 * @param sitePlans the province's site plans
 * @param siteId the site to export
 * @param asOf the report date, YYYY-MM-DD
 */
export function asBuiltInput(inventory: Inventory, sitePlans: readonly SitePlan[], siteId: string, asOf: string): { ok: true; input: AsBuiltInput } | { ok: false; message: string } {
  const site = inventory.sites.find((s) => s.id === siteId);
  const plan = sitePlans.find((p) => p.site === siteId);
  if (!site || !plan) {
    const known = inventory.sites.map((s) => s.id).sort().join(", ");
    return { ok: false, message: `site "${siteId}" is not in the inventory (sites there: ${known}); set hatang:site in the stack file to one of them` };
  }
  return { ok: true, input: { inventory, site, plan, compiled: compileSite(inventory, plan, { province: { province: inventory.province.code, sites: [...sitePlans] }, asOf }), asOf } };
}
