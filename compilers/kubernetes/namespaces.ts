/**
 * Which namespaces a cluster gets: one per system × zone for the system's container tiers placed on
 * that cluster, plus the platform namespaces; and the Namespace objects with Pod Security labels.
 */
import type { Cluster, Inventory, PublishedPort } from "../../inventory/model";
import { LABEL_SITE, LABEL_SYSTEM, LABEL_ZONE, MANAGED_BY, PLATFORM_SYSTEM } from "./labels";
import { namespaceName } from "./names";
import type { KubeObject, KubernetesProblem } from "./types";

/** A container tier as the namespace sees it. */
export interface PlacedTier {
  /** Tier name (pods carry it as `hatang.vn/tier`). */
  name: string;
  /** Instances per site declared in the model (sizes the quota). */
  instances: number;
  /** Ports published to the Internet (only these may be opened to `anywhere`). */
  publish: PublishedPort[];
}

/** A namespace this program owns in a cluster. */
export interface NamespacePlacement {
  /** Namespace name. */
  name: string;
  /** Site id. */
  site: string;
  /** Cluster id. */
  cluster: string;
  /** System id (`platform` for the platform namespaces). */
  system: string;
  /** Zone id of the tiers (the cluster's node zone for platform namespaces). */
  zone: string;
  /** Kind of that zone at the site (`dmz` matters: only DMZ tiers publish to anywhere). */
  zoneKind: string;
  /** Container tiers in it, sorted by name (empty for platform namespaces). */
  tiers: PlacedTier[];
  /** Pod Security level enforced. Workload namespaces: always `restricted`. */
  enforce: "restricted" | "privileged";
}

/** Namespace of the log shipper. */
export const LOGGING_NAMESPACE = "hatang-logging";
/** Namespace Velero runs in (its CRs must live there). */
export const VELERO_NAMESPACE = "velero";

/** Cluster key used in problems: `<site>/<cluster>`. */
export function clusterKey(cluster: Pick<Cluster, "site" | "id">): string {
  return `${cluster.site}/${cluster.id}`;
}

/**
 * Workload namespaces of one cluster: a system's container tiers that name this cluster and run at
 * its site, grouped by zone. Sorted by name, so model order never matters.
 * @param inventory the site model
 * @param cluster the cluster
 */
export function workloadNamespaces(inventory: Inventory, cluster: Cluster): { placements: NamespacePlacement[]; problems: KubernetesProblem[] } {
  const byName = new Map<string, NamespacePlacement>();
  const problems: KubernetesProblem[] = [];
  for (const system of inventory.systems) {
    if (!system.sites.includes(cluster.site)) continue;
    for (const tier of system.tiers) {
      if (tier.form !== "container" || tier.cluster !== cluster.id) continue;
      const name = namespaceName(system.id, tier.zone);
      let placement = byName.get(name);
      if (placement && (placement.system !== system.id || placement.zone !== tier.zone)) {
        problems.push({
          severity: "error",
          cluster: clusterKey(cluster),
          path: `systems.${system.id}.tiers.${tier.name}`,
          message: `namespace name "${name}" is used by both ${placement.system}/${placement.zone} and ${system.id}/${tier.zone}; rename a system or zone`,
        });
        continue;
      }
      if (!placement) {
        placement = {
          name,
          site: cluster.site,
          cluster: cluster.id,
          system: system.id,
          zone: tier.zone,
          zoneKind: zoneKindOf(inventory, cluster.site, tier.zone),
          tiers: [],
          enforce: "restricted",
        };
        byName.set(name, placement);
      }
      placement.tiers.push({ name: tier.name, instances: tier.instances, publish: tier.publish });
    }
  }
  const placements = [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  for (const p of placements) p.tiers.sort((a, b) => a.name.localeCompare(b.name));
  return { placements, problems };
}

/**
 * Container tiers that name no cluster, or a cluster that does not exist at a site the system runs at.
 * @param inventory the site model
 */
export function unplacedContainerTiers(inventory: Inventory): KubernetesProblem[] {
  const problems: KubernetesProblem[] = [];
  for (const system of inventory.systems) {
    for (const tier of system.tiers) {
      if (tier.form !== "container") continue;
      for (const site of system.sites) {
        if (inventory.clusters.some((c) => c.site === site && c.id === tier.cluster)) continue;
        problems.push({
          severity: "error",
          cluster: `${site}/${tier.cluster ?? "-"}`,
          path: `systems.${system.id}.tiers.${tier.name}.cluster`,
          message:
            tier.cluster === undefined
              ? `container tier has no cluster; set "cluster" to one of the clusters at site ${site}`
              : `cluster "${tier.cluster}" does not exist at site ${site}; expected one of: ${clusterIdsAt(inventory, site)}`,
        });
      }
    }
  }
  return problems;
}

function clusterIdsAt(inventory: Inventory, site: string): string {
  const ids = inventory.clusters.filter((c) => c.site === site).map((c) => c.id);
  return ids.length > 0 ? ids.sort().join(", ") : "(none declared)";
}

function zoneKindOf(inventory: Inventory, site: string, zone: string): string {
  return inventory.zones.find((z) => z.site === site && z.id === zone)?.kind ?? "unknown";
}

/**
 * The platform namespaces of a cluster (log shipping, backup), in the cluster's node zone.
 * The log shipper must mount the node's log directory (hostPath), which Pod Security `baseline` and
 * `restricted` forbid; its namespace therefore enforces `privileged` while auditing and warning at
 * `restricted`, and the container itself keeps every other restricted setting.
 * @param inventory the site model
 * @param cluster the cluster
 */
export function platformNamespaces(inventory: Inventory, cluster: Cluster): NamespacePlacement[] {
  const zoneKind = zoneKindOf(inventory, cluster.site, cluster.zone);
  const base = { site: cluster.site, cluster: cluster.id, system: PLATFORM_SYSTEM, zone: cluster.zone, zoneKind, tiers: [] };
  return [
    { ...base, name: LOGGING_NAMESPACE, enforce: "privileged" },
    { ...base, name: VELERO_NAMESPACE, enforce: "restricted" },
  ];
}

/**
 * The Namespace object: identity labels and Pod Security Admission labels (enforce, audit, warn).
 * Audit and warn are always `restricted`, so even the platform exception is reported.
 * @param placement the namespace
 * @param podSecurityVersion PSA policy version (the cluster's minor, e.g. `v1.32`), pinned so an upgrade never tightens silently
 */
export function namespaceObject(placement: NamespacePlacement, podSecurityVersion: string): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: {
      name: placement.name,
      labels: {
        ...MANAGED_BY,
        [LABEL_SYSTEM]: placement.system,
        [LABEL_ZONE]: placement.zone,
        [LABEL_SITE]: placement.site,
        "pod-security.kubernetes.io/enforce": placement.enforce,
        "pod-security.kubernetes.io/enforce-version": podSecurityVersion,
        "pod-security.kubernetes.io/audit": "restricted",
        "pod-security.kubernetes.io/audit-version": podSecurityVersion,
        "pod-security.kubernetes.io/warn": "restricted",
        "pod-security.kubernetes.io/warn-version": podSecurityVersion,
      },
    },
  };
}
