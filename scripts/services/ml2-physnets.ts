#!/usr/bin/env tsx
/**
 * `tsx scripts/services/ml2-physnets.ts [<inventory>]` prints the ML2 settings for the local cloud as
 * shell assignments (VLAN_RANGES, FLAT_NETWORKS, PHYSNET_MTU), derived from the province's physnets
 * (default inventory/provinces/ninh-an). Exit 1 with the inventory's problems when it does not load.
 */
import { ml2Physnets } from "../../asbuilt/ml2Physnets";
import { formatProblems, loadInventory } from "../../inventory/loader";

const target = process.argv[2] ?? "inventory/provinces/ninh-an";
const loaded = loadInventory(target);
if (!loaded.ok) {
  for (const line of formatProblems(loaded.problems)) console.error(line);
  process.exit(1);
}
const m = ml2Physnets(loaded.inventory.sites);
console.log(`VLAN_RANGES='${m.networkVlanRanges}'`);
console.log(`FLAT_NETWORKS='${m.flatNetworks}'`);
console.log(`PHYSNET_MTU=${m.globalPhysnetMtu}`);
