import type { Inventory } from "../../model";
import { addressSpaceRules } from "./addressSpace";
import { agencyRules } from "./agencies";
import { backupRules } from "./backup";
import { boundaryRules } from "./boundaries";
import { clusterRules } from "./clusters";
import { consolidationRules } from "./consolidation";
import { flowRules } from "./flows";
import { haGroupRules } from "./haGroups";
import { indexInventory } from "./inventoryIndex";
import { networkRules } from "./network";
import { plantRules } from "./plant";
import { sanRules } from "./san";
import type { Rule, RuleProblem } from "./ruleProblem";
import { securityRules } from "./security";
import { serviceRules } from "./services";
import { siteRoleRules } from "./siteRoles";
import { tenancyRules } from "./tenancy";
import { tierRules } from "./tiers";
import { tslcdRules } from "./tslcd";
import { uniquenessRules } from "./uniqueness";

export type { RuleProblem } from "./ruleProblem";

/** Every cross-field rule family, in report order. Policy checks (Tier III, level-3 controls) are not here: they belong to the policy pack. */
export const RULES: readonly Rule[] = [uniquenessRules, siteRoleRules, addressSpaceRules, networkRules, agencyRules, tenancyRules, backupRules, consolidationRules, tierRules, flowRules, serviceRules, plantRules, clusterRules, sanRules, haGroupRules, boundaryRules, tslcdRules, securityRules];

/**
 * Runs every cross-field rule on a schema-valid inventory.
 * @param inv the inventory
 */
export function crossFieldProblems(inv: Inventory): RuleProblem[] {
  const idx = indexInventory(inv);
  return RULES.flatMap((rule) => rule(inv, idx));
}
