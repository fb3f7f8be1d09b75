import type { Policy } from "@pulumi/policy";
import { clusterPolicies } from "./clusters";
import { dataPolicies } from "./data";
import { facilityPolicies } from "./facility";
import { hostPolicies } from "./host";
import { kubernetesPolicies } from "./kubernetes";
import { loggingPolicies } from "./logging";
import { managementPolicies } from "./management";
import { networkPolicies } from "./network";
import { tslcdPolicies } from "./tslcd";

/** Every policy of the pack (exported for the catalogue-coverage test). */
export const allPolicies: Policy[] = [
  ...networkPolicies,
  ...tslcdPolicies,
  ...hostPolicies,
  ...loggingPolicies,
  ...dataPolicies,
  ...kubernetesPolicies,
  ...clusterPolicies,
  ...managementPolicies,
  ...facilityPolicies,
];
