/**
 * The networks outside the DC that flows name, as addresses. Each is decided in exactly one function here:
 * - the Internet is every address outside the province: not in any site's aggregates, zone blocks, TSLCD
 *   prefixes, Kubernetes pod and service ranges or registered public prefixes, in both families (never
 *   0.0.0.0/0 or ::/0, which would include the province itself). What the province owns is the model's
 *   one fact (inventory/addressing/provinceSpace.ts); the complement is computed here with the proof's
 *   own range arithmetic, not with the compilers' (a test checks every Internet host against the plan);
 * - TSLCD and the national platforms are the site's TSLCD prefixes (levels I and II are not told apart
 *   yet: when the model gives TSLCD prefixes their level, `tslcdPrefixesFor` is the one place to change).
 */
import type { AddressPlan, SitePlan } from "../../inventory/addressing/types";
import { provinceSpace } from "../../inventory/addressing/provinceSpace";
import { familyOf, netRange, parseNet, wholeSpace, type AddressRange, type Family } from "../addresses";
import { subtractRanges } from "../addressAtoms";

/**
 * Every prefix of the province in a family, sorted and unique: what the address plan says the province
 * owns or uses (`inventory/addressing/provinceSpace.ts`, a fact of the model, not of the compilers).
 * @param addressPlan the province's address plan
 * @param family the family
 */
export function provincePrefixes(addressPlan: AddressPlan, family: Family): string[] {
  return [...new Set(provinceSpace(addressPlan)[family].filter((p) => familyOf(p) === family))].sort();
}

/**
 * The Internet in a family: the whole address space without the province's prefixes.
 * @param addressPlan the province's address plan
 * @param family the family
 */
export function internetRanges(addressPlan: AddressPlan, family: Family): AddressRange[] {
  const province = provincePrefixes(addressPlan, family)
    .map((p) => parseNet(p))
    .filter((n): n is NonNullable<typeof n> => n !== undefined)
    .map(netRange);
  return subtractRanges([wholeSpace(family)], province);
}

/**
 * The TSLCD prefixes a flow's external network stands for at a site: `tslcd` and `national-platforms`
 * both mean every TSLCD prefix of the site (the model does not tell levels apart yet).
 * @param network the external network a flow names
 * @param sitePlan the site's address plan
 */
export function tslcdPrefixesFor(network: "tslcd" | "national-platforms", sitePlan: Pick<SitePlan, "tslcd">): string[] {
  void network;
  return [...new Set(sitePlan.tslcd.map((t) => t.prefix))].sort();
}
