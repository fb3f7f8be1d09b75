/**
 * A site compiled by the real compilers (OpenStack and Kubernetes) into the plan the components would
 * register, with zone firewall rule bases built from the same resolved rules (until the compiler that
 * emits them lands): what most proof tests start from.
 */
import type { Inventory } from "../../inventory/model";
import type { AddressPlan } from "../../inventory/addressing/types";
import { allocateAddressPlan } from "../../inventory/addressing";
import { compileSite } from "../../compilers/site";
import { compileKubernetes } from "../../compilers/kubernetes/compile";
import type { Plan } from "../../offline/planTypes";
import type { KubeObject } from "../../compilers/kubernetes/types";
import { TEST_IMAGE } from "../kubernetes/fixture";
import { planFromCompiled } from "./planBuilder";
import { ruleBasesFromRules, withRuleBases } from "./ruleBaseBuilder";

/**
 * Allocates a province's address plan or fails the test with the problems.
 * @param inventory the inventory
 */
export function allocate(inventory: Inventory): AddressPlan {
  const r = allocateAddressPlan(inventory);
  if (!r.ok) throw new Error(JSON.stringify(r.problems.slice(0, 5)));
  return r.plan;
}

/**
 * The plan of one site.
 * @param inventory the inventory
 * @param addressPlan its address plan
 * @param site the site
 * @param opts `ruleBases: false` leaves the zone firewalls out; `asOf` drops flows expired before it; `mutate` changes the compiled site before it is wired (a compiler bug, on purpose); `backupJobImage` makes the backup CronJobs
 */
export function compiledPlan(
  inventory: Inventory,
  addressPlan: AddressPlan,
  site: string,
  opts: { ruleBases?: boolean; asOf?: string; mutate?: (c: ReturnType<typeof compileSite>) => ReturnType<typeof compileSite>; backupJobImage?: string } = {},
): { plan: Plan; compiled: ReturnType<typeof compileSite>; kube: Record<string, KubeObject[]> } {
  const sitePlan = addressPlan.sites.find((s) => s.site === site);
  if (!sitePlan) throw new Error(site);
  const original = compileSite(inventory, sitePlan, { province: addressPlan, asOf: opts.asOf });
  const compiled = opts.mutate ? opts.mutate(original) : original;
  const kube = compileKubernetes({
    inventory,
    clusterRanges: addressPlan.sites.flatMap((s) => s.clusters),
    subnets: addressPlan.sites.flatMap((s) => s.subnets),
    rules: compiled.rules,
    options: { logShipperImage: TEST_IMAGE, ...(opts.backupJobImage ? { backupJobImage: opts.backupJobImage } : {}) },
  });
  const objects = Object.fromEntries(kube.clusters.filter((c) => c.site === site).map((c) => [c.cluster, c.objects]));
  const plan = planFromCompiled(compiled, objects);
  return { plan: opts.ruleBases === false ? plan : withRuleBases(plan, ruleBasesFromRules(inventory, site, compiled.rules)), compiled, kube: objects };
}
