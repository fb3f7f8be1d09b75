import type { Inventory } from "../inventory/model";
import type { AddressPlan, SitePlan } from "../inventory/addressing/types";
import type { ResolvedRule } from "./flows/types";
import { resolveFlows } from "./flows/resolve";
import { provinceBackupFlows } from "./backup/jobFlows";
import { resolveBackupFlows } from "./backup/jobFlowRules";
import { compileNetworks, type NetworkSpec } from "./openstack/networks";
import { compileSecurityGroups, type GroupSeed, type SecurityGroupSpec } from "./openstack/securityGroups";
import { compilePlacements, type PlacementSpec } from "./openstack/placements";
import { compileTenancy, type TenancySpec } from "./openstack/tenants";
import { compileVolumeTypes, type VolumeTypeSpec } from "./openstack/storage";
import { compileFirewalls, type FirewallSpec } from "./openstack/firewalls";
import { compileDeployerQuota, type DeployerQuotaSpec } from "./openstack/deployerQuota";
import { compileServiceQuotas, type ServiceQuotaSpec } from "./openstack/serviceQuotas";
import { compileRuleBases } from "./firewall/compileRuleBases";
import type { RuleBase } from "./firewall/ruleBaseTypes";
import { clusterHostRequests, compileClusterNodes, type ClusterNodesSpec } from "./kubernetes/clusterNodes";
import { compileClusterSecurityGroups } from "./kubernetes/clusterSecurityGroups";

/** Everything the OpenStack layers of one site need, decided before any resource is declared. */
export interface CompiledSite {
  site: string;
  rules: ResolvedRule[];
  networks: NetworkSpec[];
  securityGroups: SecurityGroupSpec[];
  firewalls: FirewallSpec[];
  /** The rule base of every enforcing device of the site (its zones' gateways). */
  ruleBases: RuleBase[];
  placements: PlacementSpec;
  /** The clusters the program builds at the site: node VMs, server groups, API VIPs (their groups are in `securityGroups`). */
  clusters: ClusterNodesSpec;
  tenancy: TenancySpec;
  volumeTypes: VolumeTypeSpec[];
  deployerQuota: DeployerQuotaSpec;
  /** The deployer's FWaaS, Cinder and Nova quotas. */
  serviceQuotas: ServiceQuotaSpec;
}

/** The groups every site has: one per zone, one per VM tier hosted there. */
export function groupSeeds(inventory: Inventory, site: string): GroupSeed[] {
  const seeds: GroupSeed[] = inventory.zones.filter((z) => z.site === site).map((z) => ({ zone: z.id }));
  for (const s of inventory.systems) {
    if (!s.sites.includes(site)) continue;
    for (const t of s.tiers) if (t.form === "vm") seeds.push({ zone: t.zone, system: s.id, tier: t.name });
  }
  return seeds;
}

/** What compiling a site needs besides the inventory and the site's own plan. */
export interface SiteCompileContext {
  /** The whole province's address plan: "the Internet" is everything outside every site's space. */
  province: AddressPlan;
  /** Evaluation date (YYYY-MM-DD): flows expired before it compile to nothing. Absent: every flow. */
  asOf?: string;
}

/** Compiles one site: pure, deterministic, independent of the order of any list in the inventory. */
export function compileSite(inventory: Inventory, plan: SitePlan, context: SiteCompileContext): CompiledSite {
  // Placements first: the rules name each VM tier by its hosts' addresses. Cluster nodes share VLANs
  // with VM tiers, so their addresses are picked together.
  const placements = compilePlacements(inventory, plan, clusterHostRequests(inventory, plan));
  const clusters = compileClusterNodes(inventory, plan, placements.sharedAddresses ?? new Map());
  const flowContext = { inventory, plan, province: context.province, asOf: context.asOf, hosts: placements.instances };
  // The backup job plan's flows (database dumps from the cluster's backup namespace) go wherever declared flows go.
  const rules = [...resolveFlows(flowContext), ...resolveBackupFlows(flowContext, provinceBackupFlows(inventory).flows, clusters.clusters)];
  const networks = compileNetworks(inventory, plan);
  const securityGroups = compileClusterSecurityGroups(inventory, plan, compileSecurityGroups(plan.site, rules, groupSeeds(inventory, plan.site)), rules).sort((a, b) => a.key.localeCompare(b.key));
  const tenancy = compileTenancy(inventory, plan.site, networks, placements);
  const firewalls = compileFirewalls(inventory, plan.site, rules);
  return {
    site: plan.site,
    rules,
    networks,
    securityGroups,
    firewalls,
    ruleBases: compileRuleBases({ inventory, sitePlan: plan, province: context.province, rules, instances: placements.instances }),
    placements,
    clusters,
    tenancy,
    volumeTypes: compileVolumeTypes(inventory, plan.site),
    deployerQuota: compileDeployerQuota(networks, securityGroups, tenancy, clusters.clusters.reduce((n, c) => n + c.nodes.length + (c.api.kind === "vip" ? 1 : 0), 0)),
    serviceQuotas: compileServiceQuotas(firewalls, placements, clusters),
  };
}
