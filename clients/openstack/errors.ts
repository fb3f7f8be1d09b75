/**
 * Typed errors of the OpenStack client. Messages carry the method, the URL path and the service's own
 * error type and text, never a token, a password or a request body (those can hold secrets).
 */

/** Any failed OpenStack call. */
export class OpenStackError extends Error {
  /** HTTP status, absent when no response came (connection error, timeout). */
  readonly status: number | undefined;
  /** HTTP method of the failed call. */
  readonly method: string;
  /** URL of the failed call, query string included, credentials removed. */
  readonly url: string;
  /** Network error code (ECONNREFUSED, ECONNABORTED…) when no response came. */
  readonly code: string | undefined;

  /**
   * @param message human-readable summary (already redacted)
   * @param details method, url, status and code of the failed call
   */
  constructor(message: string, details: { method: string; url: string; status?: number; code?: string }) {
    super(redactSecrets(message));
    this.name = "OpenStackError";
    this.method = details.method;
    this.url = redactSecrets(details.url);
    this.status = details.status;
    this.code = details.code;
  }
}

/** A Neutron API error: `{"NeutronError": {"type", "message", "detail"}}`. */
export class NeutronError extends OpenStackError {
  /** Neutron's exception class name, e.g. `VlanIdInUse`, `SecurityGroupRuleExists`. */
  readonly type: string;
  /** Neutron's message text. */
  readonly detail: string;

  /**
   * @param type Neutron's error type
   * @param detail Neutron's message
   * @param details method, url and status of the failed call
   */
  constructor(type: string, detail: string, details: { method: string; url: string; status: number }) {
    super(`${details.method} ${details.url}: ${details.status} ${type}: ${detail}`, details);
    this.name = "NeutronError";
    this.type = type;
    this.detail = redactSecrets(detail);
  }
}

const SECRET_JSON = /("(?:password|secret|token|application_credential_secret|id_token|access_token)"\s*:\s*)"(?:[^"\\]|\\.)*"/gi;
const SECRET_HEADER = /((?:x-auth-token|x-subject-token|authorization)\s*[:=]\s*)[^\s,;"]+/gi;
const URL_USERINFO = /(\b[a-z][a-z0-9+.-]*:\/\/)[^/@\s]+@/gi;
const SECRET_QUERY = /([?&](?:password|token|secret)=)[^&\s]+/gi;

/**
 * Replaces secret values in free text (error bodies, URLs, headers dumped by libraries) with `***`.
 * @param text any text that may quote a request or a response
 */
export function redactSecrets(text: string): string {
  return text
    .replace(SECRET_JSON, '$1"***"')
    .replace(SECRET_HEADER, "$1***")
    .replace(URL_USERINFO, "$1***@")
    .replace(SECRET_QUERY, "$1***");
}

/** What an OpenStack error body says, whichever of the services' shapes it has. */
export interface ParsedErrorBody {
  /** Neutron's error type, when the body is a NeutronError. */
  neutronType?: string;
  /** The service's message. */
  message: string;
}

/**
 * Reads an error body of Neutron (`NeutronError`), Keystone (`error.message`), Nova/Cinder
 * (`{"badRequest": {"message"}}`) or plain text.
 * @param data parsed JSON body or raw text
 */
export function parseErrorBody(data: unknown): ParsedErrorBody {
  if (typeof data === "string") return { message: data.slice(0, 500) };
  if (data && typeof data === "object") {
    const o = data as Record<string, unknown>;
    const ne = o.NeutronError;
    if (ne && typeof ne === "object") {
      const n = ne as Record<string, unknown>;
      return { neutronType: String(n.type ?? "NeutronError"), message: String(n.message ?? n.detail ?? "") };
    }
    if (typeof ne === "string") return { neutronType: "NeutronError", message: ne };
    for (const v of Object.values(o)) {
      if (v && typeof v === "object" && "message" in v) return { message: String((v as { message: unknown }).message) };
    }
    if (typeof o.message === "string") return { message: o.message };
  }
  return { message: "" };
}
