/** Writes out/<stack>/reachability.{json,md,html} for one proof. */
import * as fs from "node:fs";
import * as path from "node:path";
import type { SiteProof } from "./proof";
import { renderReachabilityHtml } from "./renderHtml";
import { renderReachabilityMarkdown } from "./renderMarkdown";

/**
 * Writes the three reports and returns their paths.
 * @param proof the proof
 * @param outDir the stack's output folder
 * @param stack the stack name
 */
export function writeReachabilityReports(proof: SiteProof, outDir: string, stack: string): string[] {
  fs.mkdirSync(outDir, { recursive: true });
  const files: Array<[string, string]> = [
    ["reachability.json", JSON.stringify({ stack, ...proof }, null, 2) + "\n"],
    ["reachability.md", renderReachabilityMarkdown(proof)],
    ["reachability.html", renderReachabilityHtml(proof)],
  ];
  for (const [name, text] of files) fs.writeFileSync(path.join(outDir, name), text);
  return files.map(([n]) => path.join(outDir, n));
}
