import type { Inventory } from "../model";
import type { SourceMap } from "./types";

/**
 * Where each flow of the inventory is written (file and line), by flow name: rule bases and reports point
 * a reviewer at the line that opened a path. Pure.
 * @param inventory the loaded inventory
 * @param sources its source map
 */
export function flowSources(inventory: Inventory, sources: SourceMap): Record<string, { file: string; line: number }> {
  const out: Record<string, { file: string; line: number }> = {};
  inventory.flows.forEach((f, i) => {
    const at = sources.locate(["flows", i]);
    if (at) out[f.name] = { file: at.file, line: at.line };
  });
  return out;
}
