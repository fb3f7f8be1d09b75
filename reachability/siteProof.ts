/** Builds the proof of one site from its plan, the inventory and the address plan. */
import type { Inventory } from "../inventory/model";
import type { AddressPlan } from "../inventory/addressing/types";
import type { Plan } from "../offline/planTypes";
import { resolveFlows } from "../compilers/flows/resolve";
import type { DataplaneModel } from "./actual";
import { siteEndpoints } from "./endpoints";
import { firewallModel } from "./firewallModel";
import { kubeModel } from "./kubeModel";
import { neutronModel } from "./neutronModel";
import { proveSite, type SiteProof } from "./proof";
import { serviceCatalog } from "./serviceCatalog";

/**
 * Reads everything the evaluator needs from a plan.
 * @param plan the plan
 */
export function dataplaneModel(plan: Plan): DataplaneModel {
  return { neutron: neutronModel(plan), firewalls: firewallModel(plan), kube: kubeModel(plan) };
}

/**
 * The proof of a site: intent from the inventory, actual from the plan.
 * @param inventory the validated inventory
 * @param addressPlan the province's address plan
 * @param site the site id (the stack's `hatang:site`)
 * @param plan the stack's plan
 */
export function proveSitePlan(inventory: Inventory, addressPlan: AddressPlan, site: string, plan: Plan): SiteProof {
  const sitePlan = addressPlan.sites.find((s) => s.site === site);
  if (!sitePlan) throw new Error(`the address plan has no site "${site}" (sites: ${addressPlan.sites.map((s) => s.site).join(", ")})`);
  const model = dataplaneModel(plan);
  const rules = resolveFlows({ inventory, plan: sitePlan, province: addressPlan });
  const zones = [...sitePlan.zones.map((z) => z.zone)].sort();
  return proveSite({ site, zones, endpoints: siteEndpoints(inventory, addressPlan, site, model), rules, model, catalog: serviceCatalog(inventory) });
}
