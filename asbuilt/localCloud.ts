/** Credentials for the scripts: the standard OS_* / clouds.yaml sources, or the local test cloud on request. */
import * as fs from "node:fs";
import * as path from "node:path";
import { loadCredentials, type CloudCredentials } from "../clients/openstack/credentials";

/**
 * `--local`: the cloud scripts/services/up started (.services/openrc.json); otherwise OS_CLOUD or OS_*.
 * @param local use the local test cloud
 * @param root project root
 */
export function scriptCredentials(local: boolean, root: string): CloudCredentials {
  if (!local) return loadCredentials(process.env);
  const file = path.join(root, ".services/openrc.json");
  if (!fs.existsSync(file)) throw new Error(`${file} not found: start the local cloud with scripts/services/up`);
  return JSON.parse(fs.readFileSync(file, "utf8")) as CloudCredentials;
}

/**
 * Parses repeated `--external <mock id>=<live id>` values.
 * @param values the flag values
 */
export function parseExternals(values: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) {
    const at = v.lastIndexOf("=");
    if (at <= 0 || at === v.length - 1) throw new Error(`--external expects <mock id>=<live id>, found "${v}"`);
    out[v.slice(0, at)] = v.slice(at + 1);
  }
  return out;
}
