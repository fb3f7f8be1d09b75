/** The JSON report of a proof (the Markdown and HTML renderers are beside it). */
import type { SiteProof } from "./proof";
import { LEGEND } from "./reportModel";

/**
 * The JSON report: the stack, the legend and the whole proof.
 * @param proof the proof
 * @param stack the stack name
 */
export function reachabilityJson(proof: SiteProof, stack: string): string {
  return JSON.stringify({ stack, legend: LEGEND, ...proof }, null, 2) + "\n";
}
