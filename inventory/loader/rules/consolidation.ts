import type { Inventory } from "../../model";
import type { InventoryIndex } from "./inventoryIndex";
import { duplicates, unknownReference, type RuleProblem } from "./ruleProblem";

/**
 * A province runs one system of each kind; after a merger the duplicates are marked for consolidation:
 * each names a survivor that exists, is another system of the same kind and is not being consolidated
 * itself (so the chain ends in one system that stays).
 * @param inv a schema-valid inventory
 * @param idx shared lookups
 */
export function consolidationRules(inv: Inventory, idx: InventoryIndex): RuleProblem[] {
  const p: RuleProblem[] = [];
  inv.systems.forEach((s, si) => {
    const c = s.consolidation;
    if (c === undefined) return;
    const path = ["systems", si, "consolidation", "survivor"];
    const survivor = idx.systems.get(c.survivor);
    if (survivor === undefined) p.push(unknownReference(path, c.survivor, "a system id defined under systems", idx.systems.keys()));
    else if (survivor.id === s.id) p.push({ path, message: "expected another system: a system cannot survive itself", found: JSON.stringify(c.survivor) });
    else if (survivor.kind !== s.kind)
      p.push({ path, message: `expected a survivor of the same kind (${s.kind ?? "none"}); "${survivor.id}" is of kind ${survivor.kind ?? "none"}`, found: JSON.stringify(c.survivor) });
    else if (survivor.consolidation !== undefined)
      p.push({ path, message: `expected a survivor that stays; "${survivor.id}" is itself consolidated into "${survivor.consolidation.survivor}"`, found: JSON.stringify(c.survivor) });
  });
  const staying = inv.systems.map((s, i) => ({ s, i })).filter((x) => x.s.kind !== undefined && x.s.consolidation === undefined);
  p.push(
    ...duplicates(
      staying,
      (x) => x.s.kind,
      (k) => ["systems", staying[k].i, "kind"],
      (x) => `a province runs one system of kind "${x.s.kind}": mark one of the two for consolidation into the other (consolidation: survivor, retireBy)`,
    ),
  );
  return p;
}
