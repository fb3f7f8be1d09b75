/**
 * Which pod tiers of one cluster a resolved rule endpoint stands for: a container tier placed on the
 * cluster stands for itself; a zone (`zone:<id>`) stands for every container tier the cluster places
 * in that zone, because a zone flow allows every address of the zone, pods included.
 */
import type { ResolvedEndpoint } from "../flows/types";
import type { NamespacePlacement, PlacedTier } from "./namespaces";

/** A container tier in its namespace on this cluster. */
export interface LocalTier {
  /** The namespace (system × zone) holding the tier. */
  placement: NamespacePlacement;
  /** The tier (pods carry its name as `hatang.vn/tier`). */
  tier: PlacedTier;
}

/** Label prefix the flow resolver gives zone endpoints (`zone:<id>`). */
const ZONE_LABEL = "zone:";

/**
 * The zone a prefixes endpoint stands for, when it stands for one.
 * @param endpoint a rule endpoint
 */
export function zoneOfEndpoint(endpoint: ResolvedEndpoint): string | undefined {
  return endpoint.kind === "prefixes" && endpoint.label.startsWith(ZONE_LABEL) ? endpoint.label.slice(ZONE_LABEL.length) : undefined;
}

/**
 * The namespace and tier of a tier endpoint when that tier runs as containers on this cluster.
 * @param endpoint a rule endpoint
 * @param placements the cluster's workload namespaces
 */
export function localTier(endpoint: ResolvedEndpoint, placements: readonly NamespacePlacement[]): LocalTier | undefined {
  if (endpoint.kind !== "tier") return undefined;
  for (const placement of placements) {
    if (placement.system !== endpoint.system || placement.zone !== endpoint.zone) continue;
    const tier = placement.tiers.find((t) => t.name === endpoint.tier);
    if (tier) return { placement, tier };
  }
  return undefined;
}

/**
 * Every container tier of this cluster an endpoint stands for, sorted by namespace then tier (the
 * placements and their tiers are sorted already): its own tier, or each tier placed in its zone.
 * @param endpoint a rule endpoint
 * @param placements the cluster's workload namespaces
 */
export function localTiers(endpoint: ResolvedEndpoint, placements: readonly NamespacePlacement[]): LocalTier[] {
  if (endpoint.kind === "tier") {
    const one = localTier(endpoint, placements);
    return one ? [one] : [];
  }
  const zone = zoneOfEndpoint(endpoint);
  if (zone === undefined) return [];
  return placements.filter((p) => p.zone === zone).flatMap((placement) => placement.tiers.map((tier) => ({ placement, tier })));
}
