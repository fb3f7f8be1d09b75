/** Builds the proof of one site from its plan, the inventory and the address plan. */
import type { Inventory } from "../inventory/model";
import type { AddressPlan, SitePlan } from "../inventory/addressing/types";
import type { SourceMap } from "../inventory/loader/types";
import type { Plan } from "../offline/planTypes";
import type { Waiver } from "../inventory/waivers/waivers";
import { dataplaneModel, type Dataplane } from "./dataplane";
import { siteEndpoints } from "./endpoints";
import type { Endpoint } from "./endpointTypes";
import { resolveIntent } from "./intent/resolver";
import { proveSite, type SiteProof } from "./proof";
import { serviceCatalog } from "./serviceCatalog";
import { siteTopology, type SiteTopology } from "./topology";

/** A site ready to evaluate: its plan's dataplane, topology and endpoints. */
export interface SiteModel {
  /** Site id. */
  site: string;
  /** The province's address plan. */
  addressPlan: AddressPlan;
  /** The site's address plan. */
  sitePlan: SitePlan;
  /** The plan's dataplane. */
  dp: Dataplane;
  /** Zones, enforcers, entries. */
  topo: SiteTopology;
  /** Endpoints. */
  endpoints: Endpoint[];
}

/**
 * Reads a site's plan into what evaluation needs.
 * @param inventory the validated inventory
 * @param addressPlan the province's address plan
 * @param site the site id (the stack's `hatang:site`)
 * @param plan the stack's plan
 */
export function siteModel(inventory: Inventory, addressPlan: AddressPlan, site: string, plan: Plan): SiteModel {
  const sitePlan = addressPlan.sites.find((s) => s.site === site);
  if (!sitePlan) throw new Error(`the address plan has no site "${site}" (sites: ${addressPlan.sites.map((s) => s.site).join(", ")})`);
  const dp = dataplaneModel(plan);
  const topo = siteTopology(inventory, sitePlan);
  return { site, addressPlan, sitePlan, dp, topo, endpoints: siteEndpoints(inventory, addressPlan, site, dp, topo) };
}

/** How to prove a site. */
export interface ProveOptions {
  /** Evaluation date (flow expiry, waivers): `cli/asOf.ts`. */
  asOf: string;
  /** Where the inventory's fields are written (flow file:line in reports). */
  sources?: SourceMap;
  /** The province's waivers. */
  waivers?: readonly Waiver[];
  /** The intent resolver (tests replace it to show the proof depends on its own reading). */
  resolve?: typeof resolveIntent;
}

/**
 * The proof of a site: intent from the inventory (the proof's own resolver), actual from the plan.
 * @param inventory the validated inventory
 * @param addressPlan the province's address plan
 * @param site the site id
 * @param plan the stack's plan
 * @param options evaluation date, sources, waivers
 */
export function proveSitePlan(inventory: Inventory, addressPlan: AddressPlan, site: string, plan: Plan, options: ProveOptions): SiteProof {
  const m = siteModel(inventory, addressPlan, site, plan);
  const intent = (options.resolve ?? resolveIntent)({ inventory, sitePlan: m.sitePlan, asOf: options.asOf, sources: options.sources, addressPlan: m.addressPlan });
  const zones = [...m.sitePlan.zones.map((z) => z.zone)].sort();
  return proveSite({ site, asOf: options.asOf, zones, endpoints: m.endpoints, intent, dp: m.dp, topo: m.topo, catalog: serviceCatalog(inventory), waivers: options.waivers });
}
