/** When and how long to wait before retrying an OpenStack call. */

/** Retry policy. */
export interface RetryPolicy {
  /** Retries after the first attempt (0 = no retry). */
  retries: number;
  /** Delay before the first retry, in ms; doubles each time. */
  baseDelayMs: number;
  /** Upper bound of one delay, in ms. */
  maxDelayMs: number;
}

/** Default: 4 retries, 200 ms doubling up to 5 s (about 3 s in all before giving up). */
export const DEFAULT_RETRY: RetryPolicy = { retries: 4, baseDelayMs: 200, maxDelayMs: 5000 };

/** Error codes of connections that failed before the server could act: safe to retry. */
const RETRYABLE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "ECONNABORTED", "EAI_AGAIN", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH", "ERR_SOCKET_CONNECTION_TIMEOUT"]);

/**
 * True when an attempt's failure is worth retrying: connection errors and 5xx. A 4xx is the
 * caller's mistake (or a conflict the caller must see) and retrying cannot fix it.
 * @param failure HTTP status of the response, or the error code when no response came
 * @param method HTTP method (a timed-out POST is not retried)
 */
export function isRetryable(failure: { status?: number; code?: string }, method = "GET"): boolean {
  if (failure.status !== undefined) return failure.status >= 500 && failure.status <= 599;
  // A POST whose connection failed after it was sent (timed out, reset, broken pipe) may have been
  // carried out: sending it again could create a duplicate. The caller must find out (see isAmbiguous).
  if (method.toUpperCase() === "POST") return failure.code !== undefined && NEVER_SENT.has(failure.code);
  return failure.code !== undefined && RETRYABLE_CODES.has(failure.code);
}

/** Codes of a connection that never reached the server: nothing can have been carried out. */
const NEVER_SENT = new Set(["ECONNREFUSED", "EAI_AGAIN", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH", "ERR_SOCKET_CONNECTION_TIMEOUT"]);

/**
 * True when a failed call may or may not have been carried out: no response came, and the
 * connection failed after the request could have reached the server. A create that fails so must be
 * resolved by reading back, never by sending it again blindly.
 * @param failure HTTP status of the response, or the error code when no response came
 */
export function isAmbiguous(failure: { status?: number; code?: string }): boolean {
  return failure.status === undefined && failure.code !== undefined && !NEVER_SENT.has(failure.code);
}

/**
 * Delay before retry number `attempt` (1-based): exponential with "full jitter", so many clients
 * failing together do not retry in lock-step.
 * @param attempt 1 for the first retry
 * @param policy the retry policy
 * @param random a number in [0, 1) (Math.random in production, fixed in tests)
 */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: number): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(cap / 2 + (cap / 2) * random);
}
