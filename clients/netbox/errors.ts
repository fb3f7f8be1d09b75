/**
 * Errors of the NetBox client. They carry the method, the path, the status and NetBox's field errors
 * (`{"vid": ["VLAN with this group and VID already exists."]}`, or one such object per item of a bulk
 * write) — never a header, so never the token.
 */

/** Field errors as NetBox returns them: per field a list of messages; per item for a bulk write. */
export type FieldErrors = Record<string, string[]> | Array<Record<string, string[]>>;

/** What kind of failure: the caller decides whether to re-read and try again. */
export type NetBoxFailure =
  /** NetBox refused the request (4xx): fixing the request is needed. */
  | "rejected"
  /** The write may or may not have happened (5xx, timeout after sending): re-read before trying again. */
  | "uncertain"
  /** Could not reach NetBox at all. */
  | "unreachable";

/** A failed NetBox request. */
export class NetBoxError extends Error {
  constructor(
    message: string,
    /** HTTP method. */
    readonly method: string,
    /** Path and query (no host, no credentials). */
    readonly path: string,
    /** HTTP status, when a response came. */
    readonly status: number | undefined,
    /** What kind of failure. */
    readonly failure: NetBoxFailure,
    /** NetBox's field errors, when it gave any. */
    readonly fieldErrors?: FieldErrors,
  ) {
    super(message);
    this.name = "NetBoxError";
  }
}

/**
 * Field errors in a response body, if the body is NetBox's validation answer: an object of string lists
 * (one object) or a list of them (bulk). `{"detail": "..."}` is not a field error.
 * @param body the parsed response body
 */
export function fieldErrorsOf(body: unknown): FieldErrors | undefined {
  const isFieldMap = (x: unknown): x is Record<string, string[]> =>
    typeof x === "object" && x !== null && !Array.isArray(x) && Object.values(x).every((v) => Array.isArray(v) && v.every((m) => typeof m === "string"));
  if (Array.isArray(body) && body.every((x) => isFieldMap(x) || (typeof x === "object" && x !== null && Object.keys(x).length === 0))) return body as Array<Record<string, string[]>>;
  if (isFieldMap(body) && Object.keys(body).length > 0) return body;
  return undefined;
}

/**
 * Field errors as one readable line: `vid: VLAN with this group and VID already exists.; [3] name: …`.
 * @param errors the field errors
 */
export function formatFieldErrors(errors: FieldErrors): string {
  const one = (e: Record<string, string[]>, prefix: string): string[] => Object.entries(e).map(([f, ms]) => `${prefix}${f}: ${ms.join(" ")}`);
  const parts = Array.isArray(errors) ? errors.flatMap((e, i) => one(e, `[${i}] `)) : one(errors, "");
  return parts.join("; ");
}

/**
 * The message of a refused request from its body: field errors when present, else NetBox's `detail`, else the status.
 * @param status the HTTP status
 * @param body the parsed body
 */
export function errorMessageOf(status: number, body: unknown): string {
  const fields = fieldErrorsOf(body);
  if (fields) return formatFieldErrors(fields);
  if (typeof body === "object" && body !== null && "detail" in body && typeof (body as { detail: unknown }).detail === "string") return (body as { detail: string }).detail;
  if (typeof body === "string" && body.length > 0) return body.slice(0, 200);
  return `HTTP ${status}`;
}
