/**
 * An independent check of a plan's quotas: counts what the plan creates in the deploying project, by
 * resource type, and compares each count with the limit the plan's own quota resources set; also
 * checks that each counted resource waits for that quota. Knows nothing of how the quotas were sized.
 */
import { DEPLOYER_PROJECT_REF, type Plan, type PlannedResource } from "../../offline/planTypes";

const T = {
  networkQuota: "openstack:networking/quotaV2:QuotaV2",
  volumeQuota: "openstack:blockstorage/quoteSetV3:QuoteSetV3",
  computeQuota: "openstack:compute/quotaSetV2:QuotaSetV2",
  firewallQuota: "pulumi-nodejs:dynamic/hatang:FirewallQuota",
} as const;

/** One limit compared with what the plan creates under it. */
export interface QuotaRow {
  /** `<service>.<limit>`. */
  limit: string;
  /** What the plan creates that counts against it. */
  planned: number;
  /** The limit the plan sets (undefined: no quota resource sets it). */
  quota: number | undefined;
  /** Counted resources that do not wait for the quota resource. */
  notAfterQuota: string[];
}

/**
 * The deploying project's limits against the plan's counts.
 * @param plan the plan
 */
export function quotaRows(plan: Plan): QuotaRow[] {
  const of = (type: string): PlannedResource[] => plan.resources.filter((r) => r.custom && r.type === type);
  const deployer = (r: PlannedResource): boolean => r.inputs.tenantId === undefined && r.inputs.projectId === undefined;
  const quotaOf = (type: string): PlannedResource | undefined => of(type).find((r) => r.inputs.projectId === DEPLOYER_PROJECT_REF);
  const rows: QuotaRow[] = [];
  const row = (limit: string, quotaRes: PlannedResource | undefined, value: unknown, counted: PlannedResource[], extra = 0): void => {
    rows.push({
      limit, planned: counted.length + extra, quota: typeof value === "number" ? value : undefined,
      notAfterQuota: quotaRes ? counted.filter((r) => !r.dependencies.includes(quotaRes.urn)).map((r) => r.urn) : counted.map((r) => r.urn),
    });
  };
  const net = quotaOf(T.networkQuota);
  const n = (k: string): unknown => net?.inputs[k];
  const groups = of("openstack:networking/secGroup:SecGroup").filter(deployer);
  row("neutron.network", net, n("network"), of("openstack:networking/network:Network").filter(deployer));
  row("neutron.subnet", net, n("subnet"), of("openstack:networking/subnet:Subnet").filter(deployer));
  row("neutron.router", net, n("router"), of("openstack:networking/router:Router").filter(deployer));
  // A router interface is a port of the router's project.
  row("neutron.port", net, n("port"), [...of("openstack:networking/port:Port").filter(deployer), ...of("openstack:networking/routerInterface:RouterInterface")]);
  // Neutron's own `default` group of the project counts too.
  row("neutron.security_group", net, n("securityGroup"), groups, 1);
  // The default group's 4 rules, and the 2 egress rules each new group holds until deleteDefaultRules removes them.
  row("neutron.security_group_rule", net, n("securityGroupRule"), of("openstack:networking/secGroupRule:SecGroupRule").filter(deployer), 4 + 2 * groups.length);
  row("neutron.rbac_policy", net, n("rbacPolicy"), of("openstack:networking/rbacPolicyV2:RbacPolicyV2"));
  row("neutron.floatingip", net, n("floatingip"), of("openstack:networking/floatingIp:FloatingIp").filter(deployer));
  const fw = of(T.firewallQuota).find((r) => r.inputs.projectId === DEPLOYER_PROJECT_REF);
  const f = (fw?.inputs.quota ?? {}) as Record<string, unknown>;
  row("fwaas.firewall_group", fw, f.firewall_group, of("openstack:firewall/groupV2:GroupV2").filter(deployer));
  row("fwaas.firewall_policy", fw, f.firewall_policy, of("openstack:firewall/policyV2:PolicyV2").filter(deployer));
  row("fwaas.firewall_rule", fw, f.firewall_rule, of("openstack:firewall/ruleV2:RuleV2").filter(deployer));
  const vol = quotaOf(T.volumeQuota);
  const volumes = of("openstack:blockstorage/volume:Volume").filter(deployer);
  const gib = (vs: PlannedResource[]): number => vs.reduce((s, v) => s + Number(v.inputs.size), 0);
  row("cinder.volumes", vol, vol?.inputs.volumes, volumes);
  rows.push({ limit: "cinder.gigabytes", planned: gib(volumes), quota: vol?.inputs.gigabytes as number | undefined, notAfterQuota: [] });
  const perType = (vol?.inputs.volumeTypeQuota ?? {}) as Record<string, unknown>;
  for (const type of [...new Set(volumes.map((v) => v.inputs.volumeType).filter((t): t is string => typeof t === "string"))].sort()) {
    const typed = volumes.filter((v) => v.inputs.volumeType === type);
    row(`cinder.volumes_${type}`, vol, perType[`volumes_${type}`], typed);
    rows.push({ limit: `cinder.gigabytes_${type}`, planned: gib(typed), quota: perType[`gigabytes_${type}`] as number | undefined, notAfterQuota: [] });
  }
  const nova = quotaOf(T.computeQuota);
  row("nova.instances", nova, nova?.inputs.instances, of("openstack:compute/instance:Instance").filter(deployer));
  row("nova.server_groups", nova, nova?.inputs.serverGroups, of("openstack:compute/serverGroup:ServerGroup").filter(deployer));
  return rows;
}

/**
 * Limits the plan would exceed or never set, and resources created before their quota is raised.
 * @param plan the plan
 */
export function quotaShortfalls(plan: Plan): string[] {
  return quotaRows(plan).flatMap((r) => [
    ...(r.planned > 0 && (r.quota === undefined || (r.quota !== -1 && r.quota < r.planned)) ? [`${r.limit}: the plan creates ${r.planned}, the quota allows ${r.quota ?? "(not set)"}`] : []),
    ...r.notAfterQuota.map((u) => `${r.limit}: ${u} does not wait for the quota`),
  ]);
}
