import { PolicyPack } from "@pulumi/policy";
import { allPolicies } from "./all";

/**
 * The level-3 policy pack. Run it with `pulumi preview --policy-pack policies` (and
 * `--policy-pack-config` naming inventoryPath, evidencePath, waiversPath, asOf), or offline with
 * `npm run check`, which feeds the same handlers the offline plan.
 */
new PolicyPack("hatang-policies", { enforcementLevel: "mandatory", policies: allPolicies });
