import * as pulumi from "@pulumi/pulumi";
import * as openstack from "@pulumi/openstack";
import { formatProblem } from "../inventory/loader";
import { loadProvinceOnce } from "../inventory/province/loadProvince";
import { compileSite } from "../compilers/site";
import { networkLayer } from "./layers/network";
import { cloudLayer } from "./layers/cloud";
import { kubernetesLayer } from "./layers/kubernetes";
import { backupLayer } from "./layers/backup";

/** Where the bundled example province lives, relative to Pulumi.yaml. */
export const DEFAULT_PROVINCE = "inventory/provinces/ninh-an";

/**
 * The program of one site's stack. Layers compose in one program (not StackReferences) because
 * they share ids that only exist inside one deployment, and because one program is what the offline
 * plan can run without a backend; the blast radius stays one site.
 */
export async function siteProgram(): Promise<Record<string, unknown>> {
  const cfg = new pulumi.Config("hatang");
  const site = cfg.get("site") ?? pulumi.getStack();
  const provincePath = cfg.get("province") ?? DEFAULT_PROVINCE;
  // One evaluation date per run (flow expiry, waivers): the offline plan passes the run's; `pulumi up` uses today.
  const loaded = loadProvinceOnce(provincePath, { asOf: cfg.get("asOf"), waiverFile: cfg.get("waivers") });
  if (!loaded.ok) {
    // Every problem at once, each with file and line: the engine shows this text as the program's error.
    throw new pulumi.RunError(`the province inventory has ${loaded.problems.length} problem(s):\n${loaded.problems.map(formatProblem).join("\n")}`);
  }
  const { inventory, addressPlan } = loaded.province;
  const sitePlan = addressPlan.sites.find((s) => s.site === site);
  if (!sitePlan) {
    throw new pulumi.RunError(`stack ${pulumi.getStack()}: site "${site}" is not in ${provincePath} (sites: ${addressPlan.sites.map((s) => s.site).join(", ")})`);
  }
  const compiled = compileSite(inventory, sitePlan, { province: addressPlan, asOf: loaded.province.asOf });
  if (compiled.placements.problems.length > 0) {
    throw new pulumi.RunError(`the instances of ${site} do not fit their VLANs:\n${compiled.placements.problems.join("\n")}`);
  }
  const deployer = openstack.identity.getAuthScopeOutput({ name: "hatang-deployer" });
  const network = networkLayer(compiled, { externalNetworkId: cfg.require("externalNetworkId"), deployerProjectId: deployer.projectId });
  const memberRole = openstack.identity.getRoleOutput({ name: cfg.get("memberRole") ?? "member" });
  const cloud = cloudLayer(compiled, network, {
    floatingIpPool: cfg.require("floatingIpPool"),
    memberRoleId: memberRole.id,
    domainId: cfg.get("domainId"),
  });
  const clusters = kubernetesLayer(inventory, addressPlan, site, compiled.rules, cfg);
  const backups = backupLayer(inventory, site);
  return {
    site,
    province: inventory.province.code,
    routerId: network.routerId,
    networks: network.networkIds,
    floatingIps: cloud.floatingIps,
    projects: cloud.projectIds,
    clusters,
    backupContainers: backups,
    addressPlan: sitePlan.subnets.map((s) => ({ zone: s.zone, vlan: s.vlanId, ipv4: s.ipv4.prefix, ipv6: s.ipv6.prefix })),
  };
}
