import { runOffline } from "../../offline/mockEngine";
import { offlineStackConfig } from "../../offline/offlineConfig";
import { siteProgram } from "../../stacks/siteProgram";
import type { PlannedResource } from "../../offline/planTypes";
import { BUNDLED_AS_OF } from "../bundledAsOf";

/** Runs one stack of the bundled example on the mock engine (one stack per jest file: the SDK's state is global). */
export async function planExampleStack(stack: string): Promise<PlannedResource[]> {
  const cfg = offlineStackConfig(process.cwd(), stack);
  const { resources } = await runOffline(siteProgram, { project: cfg.project, stack, config: { ...cfg.config, "hatang:asOf": BUNDLED_AS_OF }, secretKeys: cfg.secureKeys });
  return resources;
}

/** Resources of one type. */
export function ofType(resources: readonly PlannedResource[], type: string): PlannedResource[] {
  return resources.filter((r) => r.type === type);
}

export const T = {
  network: "openstack:networking/network:Network",
  subnet: "openstack:networking/subnet:Subnet",
  rule: "openstack:networking/secGroupRule:SecGroupRule",
  group: "openstack:networking/secGroup:SecGroup",
  port: "openstack:networking/port:Port",
  fip: "openstack:networking/floatingIp:FloatingIp",
  rbac: "openstack:networking/rbacPolicyV2:RbacPolicyV2",
  instance: "openstack:compute/instance:Instance",
  router: "openstack:networking/router:Router",
  routerInterface: "openstack:networking/routerInterface:RouterInterface",
  ruleBase: "hatang:firewall:RuleBase",
} as const;
