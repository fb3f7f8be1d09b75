import * as pulumi from "@pulumi/pulumi";
import * as openstack from "@pulumi/openstack";
import { formatProblems } from "../inventory/loader";
import { loadProvinceOnce } from "../inventory/province/loadProvince";
import { compileSite } from "../compilers/site";
import { networkLayer } from "./layers/network";
import { cloudLayer } from "./layers/cloud";
import { clusterNodesLayer, compileKubernetesIntent, kubernetesLayer } from "./layers/kubernetes";
import { backupLayer } from "./layers/backup";
import { firewallLayer, loadsOverSsh, unreachableMembers } from "./layers/firewall";
import { siteFrrRouters, tslcdLayer } from "./layers/tslcd";
import { credentialProblems, openstackAuthInputs, openstackProvider, programConfig, type CredentialNeeds } from "./credentials";
import { DeployerServiceQuotas } from "../components/identity/serviceQuotas";

/** Where the bundled example province lives, relative to Pulumi.yaml. */
export const DEFAULT_PROVINCE = "inventory/provinces/ninh-an";

/**
 * The one error a stack fails with: every layer's problems, each section naming its layer, so a user
 * fixes everything in one pass instead of one layer per `pulumi up`. Pure; exported for tests.
 * @param stack the stack
 * @param sections problems by layer, in layer order (empty sections are left out)
 */
export function stackProblemsMessage(stack: string, sections: ReadonlyArray<readonly [string, readonly string[]]>): string | undefined {
  const found = sections.filter(([, ps]) => ps.length > 0);
  if (found.length === 0) return undefined;
  const total = found.reduce((n, [, ps]) => n + ps.length, 0);
  return [`stack ${stack} has ${total} problem(s):`, ...found.flatMap(([layer, ps]) => [`${layer}:`, ...ps.map((p) => `  ${p}`)])].join("\n");
}

/**
 * The program of one site's stack. Layers compose in one program (not StackReferences) because
 * they share ids that only exist inside one deployment, and because one program is what the offline
 * plan can run without a backend; the blast radius stays one site. Every problem of every layer
 * (config and credentials, inventory, placements, Kubernetes intent) is reported at once before any
 * resource is declared.
 */
export async function siteProgram(): Promise<Record<string, unknown>> {
  const cfg = new pulumi.Config("hatang");
  const config = programConfig();
  const stack = pulumi.getStack();
  const site = cfg.get("site") ?? stack;
  const provincePath = cfg.get("province") ?? DEFAULT_PROVINCE;
  const applicationCredential = config.get("openstack:applicationCredentialId") !== undefined;
  const missing = (key: string): string[] => (config.get(key) ? [] : [`stack config ${key} is required (pulumi config set ${key} …)`]);
  // One evaluation date per run (flow expiry, waivers): the offline plan passes the run's; `pulumi up` uses today.
  const loaded = loadProvinceOnce(provincePath, { asOf: cfg.get("asOf"), waiverFile: cfg.get("waivers") });
  if (!loaded.ok) {
    // Without an inventory nothing else can be checked but the credentials that do not depend on it.
    const creds = credentialProblems({ clusters: [], firewalls: false, applicationCredential }, config.get, config.isSecret);
    throw new pulumi.RunError(stackProblemsMessage(stack, [["config", creds], [`inventory ${provincePath}`, formatProblems(loaded.problems)]]) as string);
  }
  const { inventory, addressPlan } = loaded.province;
  const sitePlan = addressPlan.sites.find((s) => s.site === site);
  if (!sitePlan) {
    throw new pulumi.RunError(`stack ${stack}: site "${site}" is not in ${provincePath} (sites: ${addressPlan.sites.map((s) => s.site).join(", ")})`);
  }
  // Flow positions (file:line) stay out of the plan: the rendered rule bases carry them (offline/firewallFiles.ts).
  const compiled = compileSite(inventory, sitePlan, { province: addressPlan, asOf: loaded.province.asOf });
  const clusters = inventory.clusters.filter((c) => c.site === site).map((c) => c.id);
  const frr = siteFrrRouters(inventory, sitePlan, addressPlan, loaded.province.asOf);
  const needs: CredentialNeeds = { clusters, builtClusters: compiled.clusters.clusters.map((c) => c.cluster), kubeadmClusters: compiled.clusters.clusters.filter((c) => c.distribution === "kubeadm").map((c) => c.cluster), firewalls: loadsOverSsh(compiled), routers: frr.routers.length > 0, applicationCredential };
  const k8sIntent = compileKubernetesIntent(inventory, addressPlan, site, compiled.rules, { logShipperImage: config.get("hatang:logShipperImage") ?? "", backupJobImage: config.get("hatang:backupJobImage"), objectStorageUrl: config.get("hatang:objectStorageUrl") });
  const message = stackProblemsMessage(stack, [
    ["config", [...credentialProblems(needs, config.get, config.isSecret), ...missing("hatang:externalNetworkId"), ...(clusters.length > 0 ? missing("hatang:logShipperImage") : [])]],
    [`placements of ${site}`, compiled.placements.problems],
    [`clusters of ${site}`, compiled.clusters.problems],
    [`firewalls of ${site}`, unreachableMembers(compiled.ruleBases, inventory.devices, sitePlan.loopbacks)],
    [`Kubernetes intent of ${site}`, k8sIntent.errors],
    [`TSLCD routers of ${site}`, frr.problems],
  ]);
  if (message) throw new pulumi.RunError(message);

  // One explicit provider per cloud; components get it through their options and their children inherit it.
  const auth = openstackAuthInputs(applicationCredential);
  const provider = openstackProvider(site, auth);
  const providers = { providers: { openstack: provider } };
  const deployer = openstack.identity.getAuthScopeOutput({ name: "hatang-deployer" }, { provider });
  // FWaaS, Cinder and Nova quotas first: firewalls, volumes and servers wait for them.
  const serviceQuotas = new DeployerServiceQuotas(`${site}-deployer-service-quotas`, { site, quotas: compiled.serviceQuotas, projectId: deployer.projectId, auth }, providers);
  const afterQuotas = { ...providers, dependsOn: serviceQuotas.quotas };
  const network = networkLayer(compiled, { externalNetworkId: cfg.require("externalNetworkId"), deployerProjectId: deployer.projectId }, afterQuotas);
  const memberRole = openstack.identity.getRoleOutput({ name: cfg.get("memberRole") ?? "member" }, { provider });
  const cloud = cloudLayer(compiled, network, {
    memberRoleId: memberRole.id,
    domainId: cfg.get("domainId"),
  }, afterQuotas);
  const ruleBases = firewallLayer(compiled, inventory.devices, sitePlan.loopbacks, needs.firewalls ? { user: cfg.require("firewallSshUser"), privateKey: cfg.requireSecret("firewallSshPrivateKey") } : undefined, providers);
  const routers = needs.routers ? tslcdLayer(site, frr.routers, { user: cfg.require("routerSshUser"), privateKey: cfg.requireSecret("routerSshPrivateKey") }) : {};
  const nodes = clusterNodesLayer(compiled, network, { ntpServers: inventory.security.ntpServers, siemCollector: inventory.security.siemCollector }, { ...providers, dependsOn: [...serviceQuotas.quotas, network.quota] });
  const k8sClusters = kubernetesLayer(site, k8sIntent, nodes.kubeconfigs);
  const backups = backupLayer(inventory, site, providers);
  return {
    site,
    province: inventory.province.code,
    routers: network.routerIds,
    networks: network.networkIds,
    ruleBases,
    frrRouters: routers,
    projects: cloud.projectIds,
    clusters: k8sClusters,
    clusterApi: nodes.apiServers,
    // `pulumi stack output kubeconfigs --show-secrets`: the admin kubeconfig of each cluster the stack built.
    kubeconfigs: nodes.kubeconfigs,
    backupContainers: backups,
    addressPlan: sitePlan.subnets.map((s) => ({ zone: s.zone, vlan: s.vlanId, ipv4: s.ipv4.prefix, ipv6: s.ipv6.prefix })),
  };
}
