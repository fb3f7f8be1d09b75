/**
 * The networks outside the DC that flows name, as addresses. Each is decided in exactly one function here:
 * - the Internet is every address outside the province: not in any site's aggregates, zone blocks, TSLCD
 *   prefixes, Kubernetes pod and service ranges or registered public prefixes, in both families (never
 *   0.0.0.0/0 or ::/0, which would include the province itself). What the province owns is the model's
 *   one fact (inventory/addressing/provinceSpace.ts); the complement is computed here with the proof's
 *   own range arithmetic, not with the compilers' (a test checks every Internet host against the plan);
 * - TSLCD and the national platforms: the site's fixed TSLCD prefixes and agency endpoint LANs a flow end
 *   selects (`tslcdPrefixesFor`; the compilers read inventory/tslcd/selector.ts, the proof reads it here).
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

/** A flow end naming a TSLCD network, as the model writes it. */
export interface TslcdEnd {
  /** `tslcd` or `national-platforms`. */
  external: "tslcd" | "national-platforms";
  /** Only this level. */
  level?: "I" | "II";
  /** Only prefixes holding one of these. */
  holds?: readonly string[];
  /** Only these agencies' endpoint LANs. */
  agencies?: readonly string[];
}

/**
 * The TSLCD prefixes (both families) a flow end stands for at a site, read here on its own:
 * `national-platforms` is the level-I fixed prefixes holding the national platforms; `tslcd` is every fixed
 * prefix and every agency endpoint LAN reachable at the site, narrowed by `level`, `holds` (LANs hold
 * `province-agencies`) and `agencies` (LANs of those owners only, no fixed prefix). The province's level-II
 * blocks are address space, never a party.
 * @param end the flow end
 * @param sitePlan the site's address plan
 */
export function tslcdPrefixesFor(end: TslcdEnd, sitePlan: Pick<SitePlan, "tslcd" | "tslcdLans">): string[] {
  const level = end.external === "national-platforms" ? "I" : end.level;
  const holds = end.external === "national-platforms" ? ["national-platforms"] : end.holds;
  const agencies = end.external === "national-platforms" ? undefined : end.agencies;
  const out: string[] = [];
  for (const t of sitePlan.tslcd) {
    if (t.block === true || agencies !== undefined) continue;
    if (level !== undefined && t.level !== level) continue;
    if (holds !== undefined && (t.holds === undefined || !holds.includes(t.holds))) continue;
    out.push(t.prefix);
  }
  for (const l of sitePlan.tslcdLans ?? []) {
    if (level !== undefined && !l.levels.includes(level)) continue;
    if (holds !== undefined && !holds.includes("province-agencies")) continue;
    if (agencies !== undefined && !agencies.includes(l.owner)) continue;
    out.push(l.ipv4, l.ipv6);
  }
  return [...new Set(out)].sort();
}
