/**
 * A typed NetBox REST client over axios: token from the environment, pagination by `next` links, bulk
 * create / update / delete with list bodies, retries honouring `Retry-After` on 429 and 503, timeouts,
 * a changelog message on every write, errors carrying NetBox's field errors. The token is only ever in
 * the Authorization header: never in a message, a log line or an error.
 */
import axios, { type AxiosInstance, type AxiosResponse } from "axios";
import * as http from "node:http";
import * as https from "node:https";
import { backoffDelay, type RetryPolicy } from "../openstack/retry";
import { queryString } from "../openstack/client";
import { ENDPOINTS, type ObjectType } from "./endpoints";
import { NetBoxError, errorMessageOf, fieldErrorsOf } from "./errors";
import { retryAfterMs } from "./retryAfter";
import type { NetBoxTypes } from "./types.generated";

/** Client options. */
export interface NetBoxClientOptions {
  /** NetBox's base URL, e.g. `https://netbox.mgmt.example` (no `/api`). */
  url: string;
  /** API token (`Authorization: Token …`). */
  token: string;
  /** The changelog message every write carries (NetBox ≥ 4.4 records it; older versions ignore the field). */
  changelogMessage: string;
  /** Per-request timeout in ms (default 60 000: a bulk write of a thousand objects takes a while). */
  timeoutMs?: number;
  /** Objects per page when listing (default 1000, NetBox's default MAX_PAGE_SIZE). */
  pageSize?: number;
  /** Objects per bulk write (default 500). */
  bulkSize?: number;
  /** Retries after 429/503 and failed reads (default 6 retries, 500 ms doubling up to 30 s). */
  retry?: RetryPolicy;
  /** Longest `Retry-After` honoured, in ms (default 120 000); a longer one is waited this long. */
  maxRetryAfterMs?: number;
  /** One line per request (method, path, status, ms); never headers or bodies. */
  log?: (line: string) => void;
  /** Sleep, for tests (default setTimeout). */
  sleep?: (ms: number) => Promise<void>;
  /** Random source in [0, 1) for jitter (default Math.random). */
  random?: () => number;
}

/** Requests made, by kind (for progress and the benchmark). */
export interface RequestCounts {
  reads: number;
  creates: number;
  updates: number;
  deletes: number;
  retries: number;
}

/** An object as read, with its id. */
export type ReadObject<T extends ObjectType> = NetBoxTypes[T]["read"];

/** A PATCH item: the id and the fields to change. */
export type UpdateItem<T extends ObjectType> = NetBoxTypes[T]["patch"] & { id: number };

const DEFAULT_RETRY: RetryPolicy = { retries: 6, baseDelayMs: 500, maxDelayMs: 30_000 };

/** Connection failures that happened before the server could act on the request. */
const NOT_SENT = new Set(["ECONNREFUSED", "EAI_AGAIN", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH"]);

/**
 * The client's settings from the environment: `NETBOX_URL` and `NETBOX_TOKEN`. Undefined without a URL
 * (the sync then compares with an empty NetBox); a URL without a token is an error the caller reports.
 * @param env the environment
 */
export function netboxSettingsFromEnv(env: NodeJS.ProcessEnv): { ok: true; settings?: { url: string; token: string } } | { ok: false; message: string } {
  const url = env.NETBOX_URL?.trim();
  if (!url) return { ok: true };
  const token = env.NETBOX_TOKEN?.trim();
  if (!token) return { ok: false, message: "NETBOX_URL is set but NETBOX_TOKEN is not: set the API token in the environment" };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, message: `NETBOX_URL is not a URL (found: ${JSON.stringify(url)})` };
  }
  if (parsed.username || parsed.password) return { ok: false, message: "NETBOX_URL must not hold credentials; put the token in NETBOX_TOKEN" };
  return { ok: true, settings: { url: url.replace(/\/+$/, ""), token } };
}

/** A NetBox REST API client. */
export class NetBoxClient {
  private readonly http: AxiosInstance;
  private readonly origin: string;
  private readonly retry: RetryPolicy;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  /** Requests made so far. */
  readonly counts: RequestCounts = { reads: 0, creates: 0, updates: 0, deletes: 0, retries: 0 };

  constructor(private readonly options: NetBoxClientOptions) {
    const base = options.url.replace(/\/+$/, "");
    this.origin = new URL(base).origin;
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.random = options.random ?? Math.random;
    this.http = axios.create({
      baseURL: base,
      timeout: options.timeoutMs ?? 60_000,
      // Status handling is ours: axios must not throw errors that carry the request headers.
      validateStatus: () => true,
      headers: { Authorization: `Token ${options.token}`, Accept: "application/json", "Content-Type": "application/json" },
      httpAgent: new http.Agent({ keepAlive: true, maxSockets: 4 }),
      httpsAgent: new https.Agent({ keepAlive: true, maxSockets: 4 }),
      maxRedirects: 0,
      // Bodies of bulk writes can be large.
      maxBodyLength: Infinity,
      maxContentLength: Infinity,
    });
  }

  /** Total requests made (retries included). */
  get totalRequests(): number {
    const c = this.counts;
    return c.reads + c.creates + c.updates + c.deletes;
  }

  /** Total writes made (retries included). */
  get totalWrites(): number {
    const c = this.counts;
    return c.creates + c.updates + c.deletes;
  }

  /**
   * Every object of a type matching the query, page after page by the `next` links.
   * @param type the object type
   * @param query filters (arrays repeat the key)
   * @param onPage called after each page with the objects read so far and the total
   */
  async list<T extends ObjectType>(type: T, query: Record<string, string | number | readonly (string | number)[]> = {}, onPage?: (read: number, total: number) => void): Promise<ReadObject<T>[]> {
    const out: ReadObject<T>[] = [];
    let url: string | null = `${ENDPOINTS[type]}${queryString({ ...query, limit: this.options.pageSize ?? 1000 })}`;
    while (url) {
      const page: { count: number; next: string | null; results: ReadObject<T>[] } = await this.request("GET", url);
      out.push(...page.results);
      onPage?.(out.length, page.count);
      url = page.next ? this.samePlace(page.next) : null;
    }
    return out;
  }

  /**
   * Creates objects with list bodies (NetBox writes each list in one transaction: all or none).
   * @param type the object type
   * @param items the objects
   */
  async create<T extends ObjectType>(type: T, items: readonly NetBoxTypes[T]["create"][]): Promise<ReadObject<T>[]> {
    const out: ReadObject<T>[] = [];
    for (const chunk of this.chunks(items)) out.push(...(await this.request<ReadObject<T>[]>("POST", ENDPOINTS[type], chunk.map((i) => this.withMessage(i)))));
    return out;
  }

  /**
   * Changes fields of objects with list bodies: each item is the id and only the fields to change.
   * @param type the object type
   * @param items id and changed fields
   */
  async update<T extends ObjectType>(type: T, items: readonly UpdateItem<T>[]): Promise<ReadObject<T>[]> {
    const out: ReadObject<T>[] = [];
    for (const chunk of this.chunks(items)) out.push(...(await this.request<ReadObject<T>[]>("PATCH", ENDPOINTS[type], chunk.map((i) => this.withMessage(i)))));
    return out;
  }

  /**
   * Deletes objects by id with list bodies.
   * @param type the object type
   * @param ids the objects' ids
   */
  async delete(type: ObjectType, ids: readonly number[]): Promise<void> {
    for (const chunk of this.chunks(ids)) await this.request("DELETE", ENDPOINTS[type], chunk.map((id) => this.withMessage({ id })));
  }

  private withMessage<B extends object>(body: B): B & { changelog_message: string } {
    return { ...body, changelog_message: this.options.changelogMessage };
  }

  private chunks<X>(items: readonly X[]): X[][] {
    const size = this.options.bulkSize ?? 500;
    const out: X[][] = [];
    for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
    return out;
  }

  /** A `next` link as a path on our NetBox; a link elsewhere is refused (the token must not travel). */
  private samePlace(next: string): string {
    const u = new URL(next, this.origin);
    if (u.origin !== this.origin) throw new NetBoxError(`NetBox pointed the next page at another host (${u.origin}); refusing to send the token there`, "GET", u.pathname, undefined, "rejected");
    const basePath = new URL(this.options.url).pathname.replace(/\/+$/, "");
    const p = u.pathname.startsWith(basePath) ? u.pathname.slice(basePath.length) : u.pathname;
    return `${p}${u.search}`;
  }

  private count(method: string): void {
    if (method === "GET") this.counts.reads++;
    else if (method === "POST") this.counts.creates++;
    else if (method === "PATCH") this.counts.updates++;
    else this.counts.deletes++;
  }

  /** One request with retries; the body of a 2xx answer, or a NetBoxError. */
  private async request<R>(method: "GET" | "POST" | "PATCH" | "DELETE", path: string, body?: unknown): Promise<R> {
    const shownPath = path.split("?")[0];
    for (let attempt = 0; ; attempt++) {
      const started = Date.now();
      this.count(method);
      let res: AxiosResponse | undefined;
      let code: string | undefined;
      try {
        res = await this.http.request({ method, url: path, data: body });
      } catch (e) {
        code = (e as { code?: string }).code ?? "ERROR";
      }
      const status = res?.status;
      this.options.log?.(`${method} ${shownPath} ${status ?? code} ${Date.now() - started} ms`);
      if (res && status !== undefined && status >= 200 && status < 300) return res.data as R;
      const last = attempt >= this.retry.retries;
      // 429 and 503: NetBox (or its proxy) did not act on the request: any method may be sent again.
      if (status === 429 || status === 503 || (code !== undefined && NOT_SENT.has(code)) || (method === "GET" && (status === undefined || status >= 500))) {
        if (!last) {
          const asked = retryAfterMs(res?.headers["retry-after"] as string | undefined, Date.now());
          const wait = asked !== undefined ? Math.min(asked, this.options.maxRetryAfterMs ?? 120_000) : backoffDelay(attempt + 1, this.retry, this.random());
          this.counts.retries++;
          await this.sleep(wait);
          continue;
        }
      }
      if (!res || status === undefined) {
        const failure = code !== undefined && NOT_SENT.has(code) ? "unreachable" : method === "GET" ? "unreachable" : "uncertain";
        throw new NetBoxError(`${method} ${shownPath}: no answer from NetBox (${code})`, method, shownPath, undefined, failure);
      }
      const failure = status >= 500 && method !== "GET" ? "uncertain" : status >= 500 ? "unreachable" : "rejected";
      throw new NetBoxError(`${method} ${shownPath} → ${status}: ${errorMessageOf(status, res.data)}`, method, shownPath, status, failure, fieldErrorsOf(res.data));
    }
  }
}
