/**
 * The proof's reading of the backup job plan's flows (declared once, in `compilers/backup/jobFlows.ts`, as the
 * inventory's flows are declared in YAML): each intends, at its site, connections from every node of the running
 * cluster to the destination tier's endpoints (the dumped database, or the site's cloud-api tier) on each of the
 * flow's services. The proof resolves the ends itself (cluster
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
 * The backup flows' intent at a site, and where each is declared (the destination system's `backupPolicy` for a
 * dump; the cloud-api tier's `role` for the Cinder backups).
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
    const system = inventory.systems.find((s) => s.id === f.system);
    const ti = system ? system.tiers.findIndex((t) => t.name === f.tier) : -1;
    if (!system || !system.sites.includes(site) || ti < 0) continue;
    const si = inventory.systems.indexOf(system);
    const at = sources?.locate(f.method === "cinder-backup" ? ["systems", si, "tiers", ti, "role"] : ["systems", si, "backupPolicy"]);
    locations.push({ flow: f.name, file: at?.file, line: at?.line });
    for (const svc of f.services.map((name) => services.get(name))) {
      if (!svc) continue;
      for (const family of ["ipv4", "ipv6"] as const)
        rules.push({ flow: f.name, family, ports: servicePortSet(svc), from: { kind: "cluster", cluster: f.cluster, scope: "nodes" }, to: { kind: "tier", system: f.system, tier: f.tier } });
    }
  }
  return { rules, locations };
}
