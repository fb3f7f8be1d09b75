/** Credentials for the scripts: the standard OS_* / clouds.yaml sources, or the local test cloud on request. */
import * as fs from "node:fs";
import * as path from "node:path";
import { loadCredentials, type CloudCredentials } from "../clients/openstack/credentials";

/** What scripts/services/up writes for a checkout: credentials, endpoints and the ports it picked. */
export interface LocalCloud extends CloudCredentials {
  /** Neutron URL. */
  neutronUrl: string;
  /** Keystone's port (each checkout has its own). */
  keystonePort?: number;
  /** Neutron's port. */
  neutronPort?: number;
  /** The private PostgreSQL's port. */
  postgresPort?: number;
  /** The checkout's service directory (outside the checkout; `.services` links to it). */
  servicesDir?: string;
}

/**
 * The local cloud of the checkout at `root`: `.services/openrc.json`, which scripts/services/up writes
 * into the checkout's own service directory. Throws naming the file when the services never started.
 * @param root the checkout
 */
export function readLocalCloud(root: string): LocalCloud {
  const file = path.join(root, ".services/openrc.json");
  if (!fs.existsSync(file)) throw new Error(`${file} not found: start the local cloud with scripts/services/up (logs in .services/logs/)`);
  return JSON.parse(fs.readFileSync(file, "utf8")) as LocalCloud;
}

/**
 * `--local`: the cloud scripts/services/up started for this checkout; otherwise OS_CLOUD or OS_*.
 * @param local use the local test cloud
 * @param root project root
 */
export function scriptCredentials(local: boolean, root: string): CloudCredentials {
  return local ? readLocalCloud(root) : loadCredentials(process.env);
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
