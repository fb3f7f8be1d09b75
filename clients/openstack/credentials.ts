/**
 * Cloud credentials from the standard `OS_*` environment variables or a clouds.yaml entry (`OS_CLOUD`),
 * the same sources the openstack CLI and the Pulumi/Terraform providers read.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse as parseYaml } from "yaml";

/** Everything needed to authenticate against Keystone v3. */
export interface CloudCredentials {
  /** Keystone URL, with or without the `/v3` suffix. */
  authUrl: string;
  /** User name (password auth). */
  username?: string;
  /** User id (password auth, instead of username). */
  userId?: string;
  /** Password (password auth). Never logged. */
  password?: string;
  /** Domain name of the user (default `Default`). */
  userDomainName?: string;
  /** Domain id of the user. */
  userDomainId?: string;
  /** Project to scope the token to. */
  projectName?: string;
  /** Project id to scope the token to. */
  projectId?: string;
  /** Domain name of the project (default `Default`). */
  projectDomainName?: string;
  /** Domain id of the project. */
  projectDomainId?: string;
  /** Application credential id (application-credential auth). */
  applicationCredentialId?: string;
  /** Application credential name (needs the user too). */
  applicationCredentialName?: string;
  /** Application credential secret. Never logged. */
  applicationCredentialSecret?: string;
  /** Region whose endpoints to use. */
  regionName?: string;
  /** Endpoint interface: `public` (default), `internal` or `admin`. */
  interface?: "public" | "internal" | "admin";
  /** Skip TLS verification (only when asked for explicitly: OS_INSECURE=true / `verify: false`). */
  insecure?: boolean;
  /** CA bundle file for TLS verification. */
  cacert?: string;
}

type Env = Record<string, string | undefined>;

function iface(v: string | undefined): CloudCredentials["interface"] {
  const s = v?.replace(/URL$/i, "").toLowerCase();
  return s === "internal" || s === "admin" || s === "public" ? s : undefined;
}

function compact(c: CloudCredentials): CloudCredentials {
  return Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined && v !== "")) as unknown as CloudCredentials;
}

/**
 * Credentials from `OS_*` variables, or undefined when `OS_AUTH_URL` is not set.
 * @param env the environment (process.env)
 */
export function credentialsFromEnv(env: Env): CloudCredentials | undefined {
  if (!env.OS_AUTH_URL) return undefined;
  return compact({
    authUrl: env.OS_AUTH_URL,
    username: env.OS_USERNAME,
    userId: env.OS_USER_ID,
    password: env.OS_PASSWORD,
    userDomainName: env.OS_USER_DOMAIN_NAME,
    userDomainId: env.OS_USER_DOMAIN_ID,
    projectName: env.OS_PROJECT_NAME ?? env.OS_TENANT_NAME,
    projectId: env.OS_PROJECT_ID ?? env.OS_TENANT_ID,
    projectDomainName: env.OS_PROJECT_DOMAIN_NAME,
    projectDomainId: env.OS_PROJECT_DOMAIN_ID,
    applicationCredentialId: env.OS_APPLICATION_CREDENTIAL_ID,
    applicationCredentialName: env.OS_APPLICATION_CREDENTIAL_NAME,
    applicationCredentialSecret: env.OS_APPLICATION_CREDENTIAL_SECRET,
    regionName: env.OS_REGION_NAME,
    interface: iface(env.OS_INTERFACE ?? env.OS_ENDPOINT_TYPE),
    insecure: env.OS_INSECURE === undefined ? undefined : /^(1|true|yes)$/i.test(env.OS_INSECURE),
    cacert: env.OS_CACERT,
  });
}

/**
 * Credentials of one cloud in a clouds.yaml text. Throws a precise error naming the file and the cloud.
 * @param text the clouds.yaml content
 * @param cloud the cloud name (`OS_CLOUD`)
 * @param file the file name, for messages
 */
export function credentialsFromCloudsYaml(text: string, cloud: string, file: string): CloudCredentials {
  const doc = parseYaml(text) as { clouds?: Record<string, Record<string, unknown>> } | null;
  const entry = doc?.clouds?.[cloud];
  if (!entry) {
    const known = Object.keys(doc?.clouds ?? {});
    throw new Error(`${file}: no cloud "${cloud}" under "clouds" (found: ${known.join(", ") || "none"})`);
  }
  const auth = (entry.auth ?? {}) as Record<string, unknown>;
  const s = (v: unknown): string | undefined => (v === undefined || v === null ? undefined : String(v));
  if (!s(auth.auth_url)) throw new Error(`${file}: clouds.${cloud}.auth.auth_url is required`);
  return compact({
    authUrl: String(auth.auth_url),
    username: s(auth.username),
    userId: s(auth.user_id),
    password: s(auth.password),
    userDomainName: s(auth.user_domain_name ?? auth.domain_name),
    userDomainId: s(auth.user_domain_id ?? auth.domain_id),
    projectName: s(auth.project_name ?? auth.tenant_name),
    projectId: s(auth.project_id ?? auth.tenant_id),
    projectDomainName: s(auth.project_domain_name ?? auth.domain_name),
    projectDomainId: s(auth.project_domain_id ?? auth.domain_id),
    applicationCredentialId: s(auth.application_credential_id),
    applicationCredentialName: s(auth.application_credential_name),
    applicationCredentialSecret: s(auth.application_credential_secret),
    regionName: s(entry.region_name),
    interface: iface(s(entry.interface)),
    insecure: entry.verify === false ? true : undefined,
    cacert: s(entry.cacert),
  });
}

/**
 * Credentials as the CLI finds them: `OS_CLOUD` + clouds.yaml (./, ~/.config/openstack/, /etc/openstack/,
 * or `OS_CLIENT_CONFIG_FILE`) first, then plain `OS_*` variables. Throws when neither is set.
 * @param env the environment (process.env)
 */
export function loadCredentials(env: Env = process.env): CloudCredentials {
  if (env.OS_CLOUD) {
    const candidates = [env.OS_CLIENT_CONFIG_FILE, "clouds.yaml", path.join(os.homedir(), ".config/openstack/clouds.yaml"), "/etc/openstack/clouds.yaml"].filter((f): f is string => !!f);
    const file = candidates.find((f) => fs.existsSync(f));
    if (!file) throw new Error(`OS_CLOUD=${env.OS_CLOUD} but no clouds.yaml found (looked in ${candidates.join(", ")})`);
    const fromFile = credentialsFromCloudsYaml(fs.readFileSync(file, "utf8"), env.OS_CLOUD, file);
    // As in the CLI, an OS_PASSWORD in the environment completes a clouds.yaml without secrets.
    return env.OS_PASSWORD && !fromFile.password ? { ...fromFile, password: env.OS_PASSWORD } : fromFile;
  }
  const fromEnv = credentialsFromEnv(env);
  if (!fromEnv) throw new Error("no cloud credentials: set OS_CLOUD (with a clouds.yaml) or OS_AUTH_URL and the other OS_* variables");
  return fromEnv;
}
