/**
 * The proof's reading of the backup job plan's flows (declared once, in `compilers/backup/jobFlows.ts`, as the
 * inventory's flows are declared in YAML): each intends, at its site, connections from every node of the running
 * cluster to the database tier's endpoints on the flow's service. The proof resolves the ends itself (cluster
 * nodes and tiers as its own endpoint model places them), never from the compiled rules it checks.
 */
import type { Inventory, Service } from "../../inventory/model";
import type { SitePlan } from "../../inventory/addressing/types";
import type { SourceMap } from "../../inventory/loader/types";
import { provinceBackupFlows } from "../../compilers/backup/jobFlows";
import { builtClustersAt } from "../clusterEndpoints";
import type { FlowLocation, IntentRule } from "./resolver";
import { servicePortSet } from "./resolver";

/**
 * The backup flows' intent at a site, and where each is declared (the database system's `backupPolicy`).
 * @param inventory the inventory
 * @param sitePlan the site's address plan
 * @param asOf the evaluation date (backup flows never expire; kept for the caller's symmetry)
 * @param services the inventory's services by name
 * @param sources where the inventory's fields are written
 */
export function backupFlowIntent(inventory: Inventory, sitePlan: SitePlan, asOf: string, services: ReadonlyMap<string, Service>, sources?: SourceMap): { rules: IntentRule[]; locations: FlowLocation[] } {
  void asOf;
  const site = sitePlan.site;
  const built = new Set(builtClustersAt(inventory, site).map((c) => c.id));
  const rules: IntentRule[] = [];
  const locations: FlowLocation[] = [];
  for (const f of provinceBackupFlows(inventory).flows) {
    if (f.site !== site || !built.has(f.cluster)) continue;
    const svc = services.get(f.service);
    const system = inventory.systems.find((s) => s.id === f.system);
    if (!svc || !system || !system.sites.includes(site) || !system.tiers.some((t) => t.name === f.tier)) continue;
    const at = sources?.locate(["systems", inventory.systems.indexOf(system), "backupPolicy"]);
    locations.push({ flow: f.name, file: at?.file, line: at?.line });
    for (const family of ["ipv4", "ipv6"] as const)
      rules.push({ flow: f.name, family, ports: servicePortSet(svc), from: { kind: "cluster", cluster: f.cluster, scope: "nodes" }, to: { kind: "tier", system: f.system, tier: f.tier } });
  }
  return { rules, locations };
}
