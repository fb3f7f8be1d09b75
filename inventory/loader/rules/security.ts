import type { Inventory } from "../../model";
import type { InventoryIndex } from "./inventoryIndex";
import { unknownReference, type RuleProblem } from "./ruleProblem";

/**
 * Security parameters that name model objects: each encrypted volume type is a storage pool (its id
 * or its Cinder backend name), and not one marked `encrypted: false`.
 * @param inv a schema-valid inventory
 * @param idx shared lookups
 */
export function securityRules(inv: Inventory, idx: InventoryIndex): RuleProblem[] {
  const p: RuleProblem[] = [];
  const pools = [...idx.pools.values()];
  inv.security.encryptedVolumeTypes.forEach((name, i) => {
    const path = ["security", "encryptedVolumeTypes", i];
    const matching = pools.filter((pool) => pool.id === name || pool.backend === name);
    if (matching.length === 0) p.push(unknownReference(path, name, "a storage pool id or backend defined under storageArrays[].pools", pools.map((x) => x.id)));
    else if (matching.some((pool) => !pool.encrypted))
      p.push({ path, message: `expected an encrypted pool; storage pool "${matching[0].id}" sets encrypted: false`, found: JSON.stringify(name) });
  });
  return p;
}
