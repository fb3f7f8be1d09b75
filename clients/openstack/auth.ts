/** Keystone v3 authentication: request bodies, the service catalog, token lifetime. Pure functions. */
import type { CloudCredentials } from "./credentials";

/** One endpoint of a catalog entry. */
export interface CatalogEndpoint {
  /** `public`, `internal` or `admin`. */
  interface: string;
  /** Region id (Keystone v3). */
  region_id?: string;
  /** Region (older field). */
  region?: string;
  /** Endpoint URL. */
  url: string;
}

/** One service of the token's catalog. */
export interface CatalogEntry {
  /** Service type (`network`, `identity`, `compute`…). */
  type: string;
  /** Service name. */
  name?: string;
  /** Its endpoints. */
  endpoints: CatalogEndpoint[];
}

/** The parts of a token response the client uses. */
export interface TokenInfo {
  /** The token (X-Subject-Token header). Never logged. */
  token: string;
  /** Expiry. */
  expiresAt: Date;
  /** The service catalog. */
  catalog: CatalogEntry[];
  /** Project the token is scoped to. */
  projectId?: string;
}

/**
 * The Keystone v3 `POST /auth/tokens` body for password or application-credential auth.
 * Throws when the credentials allow neither.
 * @param c the credentials
 */
export function authRequestBody(c: CloudCredentials): Record<string, unknown> {
  if (c.applicationCredentialSecret && (c.applicationCredentialId || c.applicationCredentialName)) {
    const cred: Record<string, unknown> = { secret: c.applicationCredentialSecret };
    if (c.applicationCredentialId) cred.id = c.applicationCredentialId;
    else {
      cred.name = c.applicationCredentialName;
      cred.user = userRef(c);
    }
    // An application credential is bound to its project: a scope would be rejected.
    return { auth: { identity: { methods: ["application_credential"], application_credential: cred } } };
  }
  if (!c.password || !(c.username || c.userId)) {
    throw new Error("credentials need a username (or user id) and password, or an application credential id/name and secret");
  }
  const body: Record<string, unknown> = { identity: { methods: ["password"], password: { user: { ...userRef(c), password: c.password } } } };
  if (c.projectId) body.scope = { project: { id: c.projectId } };
  else if (c.projectName) {
    body.scope = { project: { name: c.projectName, domain: c.projectDomainId ? { id: c.projectDomainId } : { name: c.projectDomainName ?? "Default" } } };
  }
  return { auth: body };
}

function userRef(c: CloudCredentials): Record<string, unknown> {
  if (c.userId) return { id: c.userId };
  return { name: c.username, domain: c.userDomainId ? { id: c.userDomainId } : { name: c.userDomainName ?? "Default" } };
}

/**
 * The URL of a service from the catalog, without a trailing slash. Throws naming what is there.
 * @param catalog the token's catalog
 * @param type service type (`network`)
 * @param iface endpoint interface
 * @param region region id, or undefined for the first match
 */
export function findEndpoint(catalog: readonly CatalogEntry[], type: string, iface: string, region?: string): string {
  const entry = catalog.find((e) => e.type === type);
  if (!entry) throw new Error(`no "${type}" service in the catalog (found: ${catalog.map((e) => e.type).join(", ") || "none"})`);
  const ep = entry.endpoints.find((e) => e.interface === iface && (!region || e.region_id === region || e.region === region));
  if (!ep) throw new Error(`service "${type}" has no ${iface} endpoint${region ? ` in region ${region}` : ""}`);
  return ep.url.replace(/\/+$/, "");
}

/**
 * True when the token must be renewed before the next call: it expires within `marginMs`, so a
 * long listing started now would otherwise fail half-way with 401.
 * @param expiresAt token expiry
 * @param now current time
 * @param marginMs renewal margin
 */
export function needsRenewal(expiresAt: Date, now: Date, marginMs: number): boolean {
  return expiresAt.getTime() - now.getTime() <= marginMs;
}

/**
 * The Keystone v3 base URL (`…/v3`) from an auth URL with or without the version suffix.
 * @param authUrl e.g. `http://keystone:5000` or `http://keystone:5000/v3/`
 */
export function keystoneV3Url(authUrl: string): string {
  const u = authUrl.replace(/\/+$/, "");
  return /\/v3$/.test(u) ? u : `${u}/v3`;
}
