import type { Inventory } from "../../inventory/model";
import { compileSanPlan, type SanPlan } from "../../compilers/san/sanPlan";
import { sanDocument } from "../../compilers/san/renderSan";
import { verifySan, type SanVerification } from "./visibility";

const cache = new WeakMap<Inventory, Map<string, { plan: SanPlan; verification: SanVerification }>>();

/**
 * A site's generated SAN configuration and the checker's verdict on it, once per inventory and site (DC-05
 * and DATA-14 both read it). The pack regenerates rather than reading files: the SAN is not a Pulumi
 * resource, and generation from the same model always gives the same configuration.
 * @param inventory the validated inventory
 * @param site site id
 */
export function siteSan(inventory: Inventory, site: string): { plan: SanPlan; verification: SanVerification } {
  let bySite = cache.get(inventory);
  if (!bySite) {
    bySite = new Map();
    cache.set(inventory, bySite);
  }
  let r = bySite.get(site);
  if (!r) {
    const plan = compileSanPlan(inventory, site);
    r = { plan, verification: verifySan(inventory, sanDocument(plan)) };
    bySite.set(site, r);
  }
  return r;
}
