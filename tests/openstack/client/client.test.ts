/** The OpenStack client against a fake Keystone + Neutron: retries, pagination, renewal, redaction, limits. */
import { OpenStackClient, type OpenStackClientOptions } from "../../../clients/openstack/client";
import { NeutronError, OpenStackError } from "../../../clients/openstack/errors";
import { Neutron } from "../../../clients/openstack/neutron";
import { startFakeCloud, type FakeCloud } from "./fakeCloud";

let fake: FakeCloud;
beforeEach(async () => {
  fake = await startFakeCloud();
});
afterEach(() => fake.close());

function options(extra: Partial<OpenStackClientOptions> = {}): OpenStackClientOptions {
  return {
    credentials: { authUrl: `${fake.url}/v3`, username: "admin", password: "s3cr3t-pw", projectName: "admin" },
    retry: { retries: 3, baseDelayMs: 1, maxDelayMs: 2 },
    ...extra,
  };
}

describe("retries", () => {
  it("retries 5xx with backoff and succeeds", async () => {
    let calls = 0;
    fake.handle = () => (++calls < 3 ? [503, { message: "busy" }] : [200, { networks: [] }]);
    const sleeps: number[] = [];
    const c = await OpenStackClient.connect(options({ sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 }));
    await expect(new Neutron(c).list("networks")).resolves.toEqual([]);
    expect(calls).toBe(3);
    expect(sleeps).toHaveLength(2);
  });

  it("never retries a 4xx and throws a typed NeutronError", async () => {
    let calls = 0;
    fake.handle = () => (calls++, [409, { NeutronError: { type: "VlanIdInUse", message: "The VLAN 101 on physical network physnet-dc is in use.", detail: "" } }]);
    const c = await OpenStackClient.connect(options());
    const err = await new Neutron(c).create("networks", { name: "x" }).catch((e: unknown) => e);
    expect(calls).toBe(1);
    expect(err).toBeInstanceOf(NeutronError);
    expect(err).toMatchObject({ type: "VlanIdInUse", status: 409, detail: "The VLAN 101 on physical network physnet-dc is in use." });
  });

  it("retries dropped connections, then reports the code after the last attempt", async () => {
    fake.handle = () => [0, undefined];
    const c = await OpenStackClient.connect(options());
    const err = await new Neutron(c).list("networks").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenStackError);
    expect((err as OpenStackError).message).toMatch(/ECONNRESET|socket hang up|after 4 attempt/);
    expect(fake.seen.filter((s) => s.startsWith("GET /network")).length).toBe(4);
  });

  it("gives up after the configured retries on a persistent 500", async () => {
    fake.handle = () => [500, { NeutronError: { type: "HTTPInternalServerError", message: "boom" } }];
    const c = await OpenStackClient.connect(options());
    await expect(new Neutron(c).list("networks")).rejects.toMatchObject({ status: 500, type: "HTTPInternalServerError" });
    expect(fake.seen.filter((s) => s.startsWith("GET /network")).length).toBe(4);
  });
});

it("follows networks_links through every page", async () => {
  fake.handle = (_m, path) => {
    const marker = new URL(path, fake.url).searchParams.get("marker");
    const page = marker === null ? 0 : Number(marker);
    const items = [0, 1].map((i) => ({ id: `n${page * 2 + i}`, name: `n${page * 2 + i}` }));
    const links = page < 2 ? [{ rel: "next", href: `${fake.url}/network/v2.0/networks?limit=2&marker=${page + 1}` }] : [];
    return [200, { networks: items, networks_links: links }];
  };
  const c = await OpenStackClient.connect(options());
  const all = await new Neutron(c).list("networks", { limit: 2 });
  expect(all.map((n) => n.id)).toEqual(["n0", "n1", "n2", "n3", "n4", "n5"]);
});

describe("tokens", () => {
  it("renews the token before it expires, once for concurrent callers", async () => {
    fake.tokenTtlMs = 10 * 60_000;
    fake.handle = () => [200, { networks: [] }];
    let now = Date.now();
    fake.now = () => now;
    const c = await OpenStackClient.connect(options({ now: () => now, renewMarginMs: 2 * 60_000 }));
    await new Neutron(c).list("networks");
    expect(fake.tokens).toBe(1);
    now += 9 * 60_000; // inside the renewal margin
    await Promise.all([1, 2, 3].map(() => new Neutron(c).list("networks")));
    expect(fake.tokens).toBe(2);
    expect(fake.headers.at(-1)?.["x-auth-token"]).toBe("tok-2");
  });

  it("re-authenticates once on a 401 and retries the call", async () => {
    fake.handle = (_m, _p, req) => (req.headers["x-auth-token"] === "tok-1" ? [401, { error: { message: "expired" } }] : [200, { networks: [{ id: "a" }] }]);
    const c = await OpenStackClient.connect(options());
    await expect(new Neutron(c).list("networks")).resolves.toEqual([{ id: "a" }]);
    expect(fake.tokens).toBe(2);
  });
});

it("never puts the password or the token in errors or logs", async () => {
  const lines: string[] = [];
  const err = await OpenStackClient.connect({ ...options({ log: (l) => lines.push(l) }), credentials: { authUrl: fake.url, username: "admin", password: "wrong", projectName: "admin" } }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(OpenStackError);
  expect((err as Error).message).toMatch(/401/);
  expect(JSON.stringify(err) + String(err) + (err as Error).stack).not.toMatch(/"wrong"/);
  fake.handle = () => [200, { networks: [] }];
  const c = await OpenStackClient.connect(options({ log: (l) => lines.push(l) }));
  await new Neutron(c).list("networks");
  expect(lines.join("\n")).not.toMatch(/s3cr3t-pw|tok-1/);
  expect(lines.some((l) => /GET \/network\/v2.0\/networks → 200/.test(l))).toBe(true);
});

it("keeps at most `concurrency` requests in flight", async () => {
  fake.handle = async () => {
    await new Promise((r) => setTimeout(r, 20));
    return [200, { networks: [] }];
  };
  const c = await OpenStackClient.connect(options({ concurrency: 3 }));
  await Promise.all(Array.from({ length: 12 }, () => new Neutron(c).list("networks")));
  expect(fake.maxInFlight).toBe(3);
});

it("negotiates a microversion from the version document and sends it", async () => {
  fake.handle = (_m, path) => {
    if (path === "/compute/v2.1/") return [200, { version: { id: "v2.1", status: "CURRENT", min_version: "2.1", version: "2.90" } }];
    return [200, { servers: [] }];
  };
  const c = await OpenStackClient.connect(options({ microversions: { compute: ["2.1", "2.79", "2.95"] } }));
  await c.request("compute", "GET", "/servers");
  expect(fake.headers.at(-1)?.["openstack-api-version"]).toBe("compute 2.79");
});

it("times out a hanging call with a typed error", async () => {
  fake.handle = () => new Promise(() => undefined);
  const c = await OpenStackClient.connect(options({ timeoutMs: 100, retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 1 } }));
  await expect(new Neutron(c).list("networks")).rejects.toMatchObject({ code: "ETIMEDOUT" });
});
