/** Pure parts of the client: redaction, backoff, credentials, auth bodies, catalog, microversions. */
import fc from "fast-check";
import { authRequestBody, findEndpoint, needsRenewal } from "../../../clients/openstack/auth";
import { credentialsFromCloudsYaml, credentialsFromEnv } from "../../../clients/openstack/credentials";
import { parseErrorBody, redactSecrets } from "../../../clients/openstack/errors";
import { microversionRange, negotiateMicroversion } from "../../../clients/openstack/microversion";
import { backoffDelay, isAmbiguous, isRetryable } from "../../../clients/openstack/retry";

const secret = fc.string({ minLength: 6, maxLength: 40 }).filter((s) => /^[A-Za-z0-9!#%&*+.=?@^_~-]+$/.test(s));

describe("redactSecrets", () => {
  it("removes any password, secret or token value from JSON, headers and URLs", () => {
    fc.assert(fc.property(secret, (s) => {
      // In URLs a secret is percent-encoded, as any client would send it.
      const e = encodeURIComponent(s);
      const text = `{"auth":{"password":"${s}","application_credential_secret":"${s}"}} X-Auth-Token: ${s} https://u:${e}@h/x?token=${e}`;
      expect(redactSecrets(text)).not.toContain(s);
      expect(redactSecrets(text)).not.toContain(e);
    }));
  });
  it("leaves text without secrets unchanged", () => {
    expect(redactSecrets('{"name":"dmz","cidr":"10.0.0.0/24"}')).toBe('{"name":"dmz","cidr":"10.0.0.0/24"}');
  });
});

describe("retry policy", () => {
  it("backoff stays within [cap/2, cap] and the cap never exceeds maxDelayMs", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 60000 }), fc.double({ min: 0, max: 0.999, noNaN: true }), (attempt, base, max, r) => {
      const cap = Math.min(max, base * 2 ** (attempt - 1));
      const d = backoffDelay(attempt, { retries: 5, baseDelayMs: base, maxDelayMs: max }, r);
      expect(d).toBeGreaterThanOrEqual(Math.floor(cap / 2));
      expect(d).toBeLessThanOrEqual(Math.ceil(cap));
    }));
  });
  it("retries 5xx and connection errors, never 4xx", () => {
    fc.assert(fc.property(fc.integer({ min: 400, max: 499 }), (s) => expect(isRetryable({ status: s })).toBe(false)));
    fc.assert(fc.property(fc.integer({ min: 500, max: 599 }), (s) => expect(isRetryable({ status: s })).toBe(true)));
    expect(isRetryable({ code: "ECONNREFUSED" })).toBe(true);
    expect(isRetryable({ code: "ERR_BAD_REQUEST" })).toBe(false);
    // A timed-out POST may have been carried out: never sent twice.
    expect(isRetryable({ code: "ETIMEDOUT" }, "GET")).toBe(true);
    expect(isRetryable({ code: "ETIMEDOUT" }, "POST")).toBe(false);
    expect(isRetryable({ code: "ECONNREFUSED" }, "POST")).toBe(true);
    // Reset or broken after sending: the POST may have been carried out.
    expect(isRetryable({ code: "ECONNRESET" }, "POST")).toBe(false);
    expect(isRetryable({ code: "EPIPE" }, "POST")).toBe(false);
    expect(isRetryable({ code: "ECONNRESET" }, "PUT")).toBe(true);
    expect(isAmbiguous({ code: "ECONNRESET" })).toBe(true);
    expect(isAmbiguous({ code: "ECONNABORTED" })).toBe(true);
    expect(isAmbiguous({ code: "ECONNREFUSED" })).toBe(false);
    expect(isAmbiguous({ status: 500 })).toBe(false);
  });
});

describe("credentials", () => {
  it("reads OS_* variables", () => {
    expect(credentialsFromEnv({ OS_AUTH_URL: "https://k:5000/v3", OS_USERNAME: "u", OS_PASSWORD: "p", OS_PROJECT_NAME: "pr", OS_INTERFACE: "internalURL", OS_INSECURE: "false" }))
      .toEqual({ authUrl: "https://k:5000/v3", username: "u", password: "p", projectName: "pr", interface: "internal", insecure: false });
    expect(credentialsFromEnv({})).toBeUndefined();
  });
  it("reads a clouds.yaml entry and names the file and cloud when it is missing", () => {
    const yaml = "clouds:\n  dc:\n    region_name: RegionOne\n    auth:\n      auth_url: https://k:5000\n      application_credential_id: ac1\n      application_credential_secret: s\n";
    expect(credentialsFromCloudsYaml(yaml, "dc", "clouds.yaml")).toEqual({ authUrl: "https://k:5000", applicationCredentialId: "ac1", applicationCredentialSecret: "s", regionName: "RegionOne" });
    expect(() => credentialsFromCloudsYaml(yaml, "dr", "/etc/openstack/clouds.yaml")).toThrow('/etc/openstack/clouds.yaml: no cloud "dr" under "clouds" (found: dc)');
  });
});

describe("Keystone auth", () => {
  it("builds password bodies scoped to a project, and unscoped application-credential bodies", () => {
    expect(authRequestBody({ authUrl: "x", username: "u", password: "p", projectName: "pr" })).toEqual({
      auth: { identity: { methods: ["password"], password: { user: { name: "u", domain: { name: "Default" }, password: "p" } } }, scope: { project: { name: "pr", domain: { name: "Default" } } } },
    });
    expect(authRequestBody({ authUrl: "x", applicationCredentialId: "ac", applicationCredentialSecret: "s" })).toEqual({
      auth: { identity: { methods: ["application_credential"], application_credential: { id: "ac", secret: "s" } } },
    });
    expect(() => authRequestBody({ authUrl: "x", username: "u" })).toThrow(/password/);
  });
  it("finds endpoints by type, interface and region, and says what the catalog has", () => {
    const cat = [{ type: "network", endpoints: [{ interface: "public", region_id: "R1", url: "http://n1/" }, { interface: "internal", region_id: "R2", url: "http://n2" }] }];
    expect(findEndpoint(cat, "network", "public", "R1")).toBe("http://n1");
    expect(findEndpoint(cat, "network", "internal")).toBe("http://n2");
    expect(() => findEndpoint(cat, "compute", "public")).toThrow('no "compute" service in the catalog (found: network)');
    expect(() => findEndpoint(cat, "network", "admin")).toThrow("no admin endpoint");
  });
  it("renews within the margin only", () => {
    const exp = new Date("2030-01-01T00:10:00Z");
    expect(needsRenewal(exp, new Date("2030-01-01T00:07:00Z"), 120_000)).toBe(false);
    expect(needsRenewal(exp, new Date("2030-01-01T00:08:00Z"), 120_000)).toBe(true);
  });
});

describe("microversions", () => {
  it("picks the highest version both sides support, none for services without microversions", () => {
    const nova = microversionRange({ version: { id: "v2.1", status: "CURRENT", min_version: "2.1", version: "2.96" } });
    expect(negotiateMicroversion(["2.1", "2.79", "2.100"], nova, "compute")).toBe("2.79");
    expect(microversionRange({ versions: [{ id: "v2.0", status: "CURRENT" }] })).toBeUndefined();
    expect(negotiateMicroversion(["2.1"], undefined, "network")).toBeUndefined();
    expect(() => negotiateMicroversion(["3.0"], nova, "compute")).toThrow("compute supports microversions 2.1–2.96, none of 3.0");
  });
});

it("parses Neutron, Keystone and Nova error bodies", () => {
  expect(parseErrorBody({ NeutronError: { type: "VlanIdInUse", message: "in use" } })).toEqual({ neutronType: "VlanIdInUse", message: "in use" });
  expect(parseErrorBody({ error: { code: 401, message: "The request you have made requires authentication." } })).toEqual({ message: "The request you have made requires authentication." });
  expect(parseErrorBody({ badRequest: { message: "Invalid flavor" } })).toEqual({ message: "Invalid flavor" });
});
