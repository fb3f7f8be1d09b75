import * as path from "node:path";
import { listStacks, readStackConfig } from "../offline/stackConfig";

/** What one stack exports: its site and the province inventory it reads. */
export interface StackTarget {
  /** Stack name (`Pulumi.<stack>.yaml`). */
  stack: string;
  /** Site id (`hatang:site`). */
  site: string;
  /** Province inventory path, resolved against the project folder (`hatang:province`, or `--province`). */
  province: string;
}

/**
 * The stacks to export and what each reads, or every reason it cannot (unknown stack, no `hatang:site`).
 * @param root the project folder (holding Pulumi.yaml and the stack files)
 * @param stacks stacks asked for; empty means every stack file in `root`
 * @param provinceOverride a province path that replaces every stack's `hatang:province`
 */
export function resolveStackTargets(root: string, stacks: readonly string[], provinceOverride?: string): { ok: true; targets: StackTarget[] } | { ok: false; problems: string[] } {
  const all = listStacks(root);
  const wanted = stacks.length > 0 ? [...new Set(stacks)] : all;
  const problems: string[] = [];
  if (wanted.length === 0) problems.push(`no Pulumi.<stack>.yaml in ${root}: nothing to export`);
  const targets: StackTarget[] = [];
  for (const stack of wanted) {
    if (!all.includes(stack)) {
      problems.push(`unknown stack "${stack}": no Pulumi.${stack}.yaml in ${root} (stacks here: ${all.join(", ") || "none"})`);
      continue;
    }
    const config = readStackConfig(root, stack).config;
    const site = config[`hatang:site`];
    const province = provinceOverride ?? config[`hatang:province`];
    if (!site) problems.push(`Pulumi.${stack}.yaml: config hatang:site is missing; set it to the site id the stack builds`);
    if (!province) problems.push(`Pulumi.${stack}.yaml: config hatang:province is missing; set it or pass --province <path>`);
    if (site && province) targets.push({ stack, site, province: path.resolve(root, province) });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, targets };
}
