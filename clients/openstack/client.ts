/**
 * The OpenStack HTTP client: Keystone v3 auth, catalog endpoint discovery, token renewal, retries
 * with backoff, bounded concurrency, pagination, microversions, typed redacted errors.
 */
import axios, { type AxiosInstance, type AxiosResponse } from "axios";
import * as fs from "node:fs";
import * as http from "node:http";
import * as https from "node:https";
import { authRequestBody, findEndpoint, keystoneV3Url, needsRenewal, type CatalogEntry, type TokenInfo } from "./auth";
import type { CloudCredentials } from "./credentials";
import { NeutronError, OpenStackError, parseErrorBody } from "./errors";
import { ConcurrencyLimiter } from "./limiter";
import { microversionHeader, microversionRange, negotiateMicroversion } from "./microversion";
import { nextPageUrl, pageItems } from "./pagination";
import { backoffDelay, DEFAULT_RETRY, isRetryable, type RetryPolicy } from "./retry";

/** Client options. */
export interface OpenStackClientOptions {
  /** Credentials (see `loadCredentials`). */
  credentials: CloudCredentials;
  /** Per-request timeout in ms (default 30 000). */
  timeoutMs?: number;
  /** Retry policy for connection errors and 5xx (default `DEFAULT_RETRY`). */
  retry?: RetryPolicy;
  /** Maximum requests in flight (default 16). */
  concurrency?: number;
  /** Renew the token when it expires within this many ms (default 120 000). */
  renewMarginMs?: number;
  /** Endpoint URLs that override the catalog, by service type (e.g. a tunnel). */
  endpointOverrides?: Record<string, string>;
  /** Microversions the caller can speak, by service type (e.g. `{compute: ["2.1", "2.79"]}`). */
  microversions?: Record<string, readonly string[]>;
  /** Receives one line per request (method, path, status, ms); never headers or bodies. */
  log?: (line: string) => void;
  /** Clock, for tests of token renewal (default Date.now). */
  now?: () => number;
  /** Sleep, for tests of backoff (default setTimeout). */
  sleep?: (ms: number) => Promise<void>;
  /** Random source in [0, 1) for jitter (default Math.random). */
  random?: () => number;
}

/** Options of one request. */
export interface RequestOptions {
  /** JSON body. */
  body?: unknown;
  /** Query parameters; arrays repeat the key (Neutron's `fields=a&fields=b`). */
  query?: Record<string, string | number | boolean | readonly (string | number)[] | undefined>;
  /** Extra headers. */
  headers?: Record<string, string>;
}

/**
 * Builds a query string; arrays repeat the key, undefined values are skipped.
 * @param query the parameters
 */
export function queryString(query: RequestOptions["query"]): string {
  if (!query) return "";
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const x of v) p.append(k, String(x));
    else p.append(k, String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : "";
}

/** A Keystone v3-authenticated client of one cloud. */
export class OpenStackClient {
  private readonly http: AxiosInstance;
  private readonly limiter: ConcurrencyLimiter;
  private readonly retry: RetryPolicy;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private tokenInfo: TokenInfo | undefined;
  private renewing: Promise<TokenInfo> | undefined;
  private readonly versionHeaders = new Map<string, Promise<Record<string, string>>>();
  /** Tokens issued so far (1 after connect; grows with each renewal). */
  tokensIssued = 0;

  /** @param options client options */
  constructor(private readonly options: OpenStackClientOptions) {
    const c = options.credentials;
    const agentOptions = { keepAlive: true, maxSockets: options.concurrency ?? 16 };
    this.http = axios.create({
      timeout: options.timeoutMs ?? 30_000,
      // Statuses are handled here, so errors are typed and redacted in one place.
      validateStatus: () => true,
      httpAgent: new http.Agent(agentOptions),
      // TLS verification stays on unless the credentials ask for `insecure` explicitly.
      httpsAgent: new https.Agent({ ...agentOptions, rejectUnauthorized: !c.insecure, ...(c.cacert ? { ca: fs.readFileSync(c.cacert) } : {}) }),
      maxRedirects: 0,
      transitional: { clarifyTimeoutError: true },
    });
    this.limiter = new ConcurrencyLimiter(options.concurrency ?? 16);
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.random = options.random ?? Math.random;
  }

  /**
   * Authenticates and returns a ready client.
   * @param options client options
   */
  static async connect(options: OpenStackClientOptions): Promise<OpenStackClient> {
    const client = new OpenStackClient(options);
    await client.token();
    return client;
  }

  /** The current token's catalog. */
  get catalog(): readonly CatalogEntry[] {
    return this.tokenInfo?.catalog ?? [];
  }

  /** Project id the token is scoped to. */
  get projectId(): string | undefined {
    return this.tokenInfo?.projectId;
  }

  /** A valid token, renewed first when it expires within the margin (one renewal for concurrent callers). */
  private async token(): Promise<TokenInfo> {
    const margin = this.options.renewMarginMs ?? 120_000;
    if (this.tokenInfo && !needsRenewal(this.tokenInfo.expiresAt, new Date(this.now()), margin)) return this.tokenInfo;
    return this.renew();
  }

  private renew(): Promise<TokenInfo> {
    this.renewing ??= this.issueToken().finally(() => (this.renewing = undefined));
    return this.renewing;
  }

  private async issueToken(): Promise<TokenInfo> {
    const url = `${keystoneV3Url(this.options.credentials.authUrl)}/auth/tokens`;
    const res = await this.send("POST", url, { body: authRequestBody(this.options.credentials) }, {});
    if (res.status >= 400) throw this.errorFor("POST", url, res);
    const token = res.headers["x-subject-token"];
    const t = (res.data as { token?: { expires_at?: string; catalog?: CatalogEntry[]; project?: { id?: string } } }).token;
    if (typeof token !== "string" || !t?.expires_at) throw new OpenStackError(`POST ${url}: Keystone returned no token`, { method: "POST", url, status: res.status });
    this.tokenInfo = { token, expiresAt: new Date(t.expires_at), catalog: t.catalog ?? [], projectId: t.project?.id };
    this.tokensIssued++;
    return this.tokenInfo;
  }

  /**
   * The base URL of a service: the override, else the catalog entry for the configured interface and region.
   * @param service service type (`network`, `identity`…)
   */
  async endpoint(service: string): Promise<string> {
    const o = this.options.endpointOverrides?.[service];
    if (o) return o.replace(/\/+$/, "");
    if (service === "identity") return keystoneV3Url(this.options.credentials.authUrl);
    const c = this.options.credentials;
    return findEndpoint((await this.token()).catalog, service, c.interface ?? "public", c.regionName);
  }

  private microversionHeaders(service: string): Promise<Record<string, string>> {
    const wanted = this.options.microversions?.[service];
    if (!wanted?.length) return Promise.resolve({});
    let p = this.versionHeaders.get(service);
    if (!p) {
      p = (async () => {
        const base = await this.endpoint(service);
        const doc = await this.send("GET", `${base}/`, {}, { "X-Auth-Token": (await this.token()).token });
        const v = negotiateMicroversion(wanted, microversionRange(doc.data), service);
        return v ? microversionHeader(service, v) : {};
      })();
      this.versionHeaders.set(service, p);
    }
    return p;
  }

  /**
   * One authenticated call to a service; resolves with the parsed body (undefined for 204).
   * Renews the token once on 401 (it may have been revoked or expired early).
   * @param service service type
   * @param method HTTP method
   * @param path path below the service's base URL, or an absolute URL (pagination links)
   * @param options body, query, headers
   */
  async request<T>(service: string, method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const url = /^https?:\/\//.test(path) ? path : `${await this.endpoint(service)}${path.startsWith("/") ? "" : "/"}${path}${queryString(options.query)}`;
    const headers = { ...(await this.microversionHeaders(service)), ...options.headers };
    for (let attempt = 0; ; attempt++) {
      const tok = await this.token();
      const res = await this.send(method, url, options, { ...headers, "X-Auth-Token": tok.token });
      if (res.status === 401 && attempt === 0) {
        if (this.tokenInfo === tok) this.tokenInfo = undefined;
        continue;
      }
      if (res.status >= 400) throw this.errorFor(method, url, res);
      return res.data as T;
    }
  }

  /**
   * Every item of a collection, following `<collection>_links` "next" pages.
   * @param service service type
   * @param path collection path (`/v2.0/networks`)
   * @param collection collection key in the response (`networks`)
   * @param query filters; `limit` sets the page size (default 500)
   */
  async listAll<T>(service: string, path: string, collection: string, query: RequestOptions["query"] = {}): Promise<T[]> {
    const items: T[] = [];
    let body = await this.request<unknown>(service, "GET", path, { query: { limit: 500, ...query } });
    for (;;) {
      items.push(...pageItems<T>(body, collection));
      const next = nextPageUrl(body, collection);
      if (!next) return items;
      body = await this.request<unknown>(service, "GET", next);
    }
  }

  /** Sends one request through the limiter, retrying connection errors and 5xx with backoff. */
  private async send(method: string, url: string, options: RequestOptions, headers: Record<string, string>): Promise<AxiosResponse> {
    for (let attempt = 0; ; attempt++) {
      const started = this.now();
      let res: AxiosResponse | undefined;
      let code: string | undefined;
      try {
        res = await this.limiter.run(() =>
          this.http.request({ method, url, data: options.body, headers: { Accept: "application/json", ...(options.body !== undefined ? { "Content-Type": "application/json" } : {}), ...headers } }),
        );
      } catch (e) {
        code = (e as { code?: string }).code ?? "ERR_UNKNOWN";
      }
      const status = res?.status;
      this.options.log?.(`${method} ${new URL(url).pathname} → ${status ?? code} in ${this.now() - started} ms`);
      const failure = status !== undefined ? { status } : { code: code as string };
      if (attempt < this.retry.retries && (res === undefined || status! >= 500) && isRetryable(failure, method)) {
        await this.sleep(backoffDelay(attempt + 1, this.retry, this.random()));
        continue;
      }
      if (res) return res;
      throw new OpenStackError(`${method} ${url}: ${code} after ${attempt + 1} attempt(s)`, { method, url, code: code as string });
    }
  }

  private errorFor(method: string, url: string, res: AxiosResponse): OpenStackError {
    const parsed = parseErrorBody(res.data);
    if (parsed.neutronType) return new NeutronError(parsed.neutronType, parsed.message, { method, url, status: res.status });
    return new OpenStackError(`${method} ${url}: ${res.status}${parsed.message ? ` ${parsed.message}` : ""}`, { method, url, status: res.status });
  }
}
