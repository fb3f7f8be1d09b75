/**
 * The config an offline run hands the program: the stack file's (plaintext credentials refused, with
 * file and line), plus redacted placeholders for every credential the stack could need and does not
 * have, so the program's `requireSecret`s pass without credentials and plan.json shows "[secret]".
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { loadProvinceOnce } from "../inventory/province/loadProvince";
import { offlinePlaceholders } from "../stacks/credentials";
import { readStackConfig, type StackConfig } from "./stackConfig";
import { formatPlaintextSecret, plaintextSecrets } from "./stackSecrets";

/**
 * The stack's config for an offline run. Throws listing every plaintext credential of the stack file.
 * @param root the project directory (Pulumi.yaml)
 * @param stack the stack
 */
export function offlineStackConfig(root: string, stack: string): StackConfig {
  const file = path.join(root, `Pulumi.${stack}.yaml`);
  const cfg = readStackConfig(root, stack);
  const plaintext = plaintextSecrets(path.relative(process.cwd(), file) || file, fs.readFileSync(file, "utf8"));
  if (plaintext.length > 0) throw new Error(`${plaintext.length} credential(s) in plaintext:\n${plaintext.map(formatPlaintextSecret).join("\n")}`);
  // Every cluster of the province: a placeholder the program does not read is harmless.
  const province = loadProvinceOnce(cfg.config["hatang:province"] ?? "inventory/provinces/ninh-an", { asOf: cfg.config["hatang:asOf"], waiverFile: cfg.config["hatang:waivers"] });
  const clusters = province.ok ? province.province.inventory.clusters.map((c) => c.id) : [];
  const ph = offlinePlaceholders(cfg.config, clusters);
  return { ...cfg, config: { ...cfg.config, ...ph.values }, secureKeys: [...cfg.secureKeys, ...ph.secretKeys] };
}
