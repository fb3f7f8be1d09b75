import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { syncNetBox, EMPTY_NETBOX } from "../../netbox/sync";
import { siteOwnership } from "../../netbox/mapping/mapSite";
import { NetBoxError } from "../../clients/netbox/errors";
import { FakeNetBox } from "./fakeNetBox";
import { exampleDesired, fakeClient, syncExample } from "./syncFixture";
import { clientPort } from "../../netbox/clientPort";
import { BUNDLED_AS_OF } from "../bundledAsOf";

const ROOT = path.resolve(__dirname, "../..");

/** What NetBox holds per type, keyed for comparison (ids left out). */
function state(fake: FakeNetBox): string[] {
  return exampleDesired("na-dc1")
    .map((d) => d.type)
    .filter((t, i, a) => a.indexOf(t) === i)
    .flatMap((t) => fake.read(t).map((o) => `${t} ${String(o.display)} ${JSON.stringify((o.tags as { slug: string }[] | undefined)?.map((x) => x.slug).sort())}`))
    .sort();
}

describe("NetBox sync of the example province into the fake", () => {
  let fake: FakeNetBox;
  let url: string;
  let reference: string[];
  beforeAll(async () => {
    // One clean sync gives the state every other scenario must converge to.
    const clean = new FakeNetBox();
    const u = await clean.start();
    await syncExample(clean, u, "na-dc1", true);
    reference = state(clean);
    await clean.stop();
  });
  beforeEach(async () => {
    fake = new FakeNetBox();
    url = await fake.start();
  });
  afterEach(async () => {
    await fake.stop();
  });

  it("creates every object, valid against NetBox's schema, each write with a changelog message; a re-run writes nothing", async () => {
    const desired = exampleDesired("na-dc1");
    const first = await syncExample(fake, url, "na-dc1", true);
    expect(fake.violations).toEqual([]);
    expect(fake.size).toBe(desired.length);
    expect(first.result.changes.every((c) => c.action === "create")).toBe(true);
    expect(fake.changelog.length).toBe(desired.length);
    expect(new Set(fake.changelog)).toEqual(new Set(["hatang test sync"]));
    // Bulk: far fewer requests than objects.
    expect(first.client.totalRequests).toBeLessThan(desired.length / 10);
    const second = await syncExample(fake, url, "na-dc1", true);
    expect(second.result.changes).toEqual([]);
    expect(second.client.totalWrites).toBe(0);
    expect(fake.violations).toEqual([]);
  });

  it("writes only the changed field, deletes what the model dropped, and the other site's sync leaves na-dc1 alone", async () => {
    await syncExample(fake, url, "na-dc1", true);
    const desired = exampleDesired("na-dc1");
    const rack = desired.find((d) => d.type === "dcim.rack") as (typeof desired)[number];
    const vm = desired.find((d) => d.type === "virtualization.virtualmachine") as (typeof desired)[number];
    const changed = desired.filter((d) => d !== vm).map((d) => (d === rack ? { ...d, body: { ...d.body, description: "changed by the model" } } : d));
    fake.writes.length = 0;
    const r = await syncExample(fake, url, "na-dc1", true, changed);
    expect(r.result.changes.map((c) => `${c.action} ${c.type} ${c.key}`).sort()).toEqual([`delete ${vm.type} ${vm.key}`, `update ${rack.type} ${rack.key}`].sort());
    const patch = fake.writes.find((w) => w.method === "PATCH");
    expect(patch?.items).toEqual([{ id: expect.any(Number), description: "changed by the model" }]);
    expect(fake.read("virtualization.virtualmachine").map((o) => o.name)).not.toContain(vm.body.name);
    const before = fake.size;
    await syncExample(fake, url, "na-dc2", true);
    expect(fake.violations).toEqual([]);
    // na-dc2 adds its own objects and deletes none of na-dc1's.
    expect(fake.size).toBeGreaterThan(before);
    expect(fake.read("dcim.site").map((s) => s.slug).sort()).toEqual(["na-dc1", "na-dc2"]);
    const again = await syncExample(fake, url, "na-dc1", true, changed);
    expect(again.client.totalWrites).toBe(0);
  });

  it("never modifies or deletes objects without the hatang tag, and reports those that differ from the model", async () => {
    const site = fake.seed("dcim.site", { name: "Someone else's site", slug: "other-site", status: "active" });
    const ours = exampleDesired("na-dc1").find((d) => d.type === "tenancy.tenant") as { key: string };
    const tenant = fake.seed("tenancy.tenant", { name: "renamed by hand", slug: ours.key });
    const first = await syncExample(fake, url, "na-dc1", true);
    expect(fake.violations).toEqual([]);
    const conflict = first.result.changes.find((c) => c.type === "tenancy.tenant" && c.key === ours.key);
    expect(conflict?.action).toBe("conflict");
    expect(conflict?.fields?.name).toEqual(["renamed by hand", expect.any(String)]);
    expect(fake.read("tenancy.tenant").find((t) => t.slug === ours.key)).toMatchObject({ id: tenant.id, name: "renamed by hand" });
    expect(fake.read("tenancy.tenant").find((t) => t.slug === ours.key)?.tags ?? []).toEqual([]);
    expect(fake.read("dcim.site").find((s) => s.slug === "other-site")).toMatchObject({ id: site.id });
    const again = await syncExample(fake, url, "na-dc1", true);
    expect(again.client.totalWrites).toBe(0);
    expect(fake.read("dcim.site").some((s) => s.slug === "other-site")).toBe(true);
  });

  it("completes through 429 (honouring Retry-After) and 503 answers, and a 500 after a write was done", async () => {
    const waits: number[] = [];
    fake.inject({ method: "GET", type: "dcim.rack", status: 429, retryAfter: "7" });
    fake.inject({ method: "POST", type: "ipam.vlan", status: 503 });
    fake.inject({ method: "POST", type: "ipam.prefix", status: 500, afterServing: true });
    fake.inject({ method: "POST", type: "dcim.device", status: 500 });
    const client = fakeClient(fake, url);
    (client as unknown as { sleep: (ms: number) => Promise<void> }).sleep = (ms) => {
      waits.push(ms);
      return Promise.resolve();
    };
    const r = await syncNetBox(clientPort(client), exampleDesired("na-dc1"), { apply: true, ownership: siteOwnership("na", "na-dc1") });
    expect(r.changes.filter((c) => c.action !== "create")).toEqual([]);
    expect(waits).toContain(7000);
    expect(client.counts.retries).toBeGreaterThanOrEqual(2);
    expect(state(fake)).toEqual(reference);
    expect(fake.violations).toEqual([]);
  });

  it("converges after the command is killed half-way, and never prints the token", async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "hatang-nb-"));
    try {
      let posts = 0;
      const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/netbox.ts"), "--stack", "na-dc1", "--apply", "--out", out, "--as-of", BUNDLED_AS_OF], {
        cwd: ROOT,
        env: { ...process.env, NETBOX_URL: url, NETBOX_TOKEN: fake.token },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let printed = "";
      child.stdout.on("data", (d: Buffer) => (printed += d.toString()));
      child.stderr.on("data", (d: Buffer) => (printed += d.toString()));
      fake.onRequest = (method) => {
        if (method === "POST" && ++posts === 8) child.kill("SIGKILL");
      };
      const code = await new Promise<number | null>((resolve) => child.on("exit", (c, sig) => resolve(sig ? null : c)));
      fake.onRequest = undefined;
      expect(code).toBeNull();
      expect(fake.size).toBeGreaterThan(0);
      expect(state(fake)).not.toEqual(reference);
      const rerun = await syncExample(fake, url, "na-dc1", true);
      expect(rerun.result.changes.every((c) => c.action === "create")).toBe(true);
      expect(state(fake)).toEqual(reference);
      expect(fake.violations).toEqual([]);
      // A full run of the command to the end, then a refused one: the token appears in no output.
      const full = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/netbox.ts"), "--stack", "na-dc1", "--apply", "--out", out, "--as-of", BUNDLED_AS_OF], { cwd: ROOT, env: { ...process.env, NETBOX_URL: url, NETBOX_TOKEN: fake.token }, stdio: ["ignore", "pipe", "pipe"] });
      full.stdout.on("data", (d: Buffer) => (printed += d.toString()));
      full.stderr.on("data", (d: Buffer) => (printed += d.toString()));
      expect(await new Promise((resolve) => full.on("exit", resolve))).toBe(0);
      expect(printed).toContain("0 writes");
      const files = fs.readdirSync(path.join(out, "na-dc1")).map((f) => fs.readFileSync(path.join(out, "na-dc1", f), "utf8"));
      expect(files.length).toBeGreaterThanOrEqual(2);
      for (const text of [printed, ...files]) expect(text).not.toContain(fake.token);
      const wrong = fakeClient(fake, url);
      (wrong as unknown as { http: { defaults: { headers: Record<string, string> } } }).http.defaults.headers.Authorization = "Token secret-wrong-token";
      const err = await wrong.list("dcim.site").catch((e: unknown) => e);
      expect(err).toBeInstanceOf(NetBoxError);
      expect(JSON.stringify(err) + String((err as Error).message) + String((err as Error).stack)).not.toContain("secret-wrong-token");
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  it("without NetBox, a dry run lists every object as a create and writes nothing", async () => {
    const desired = exampleDesired("na-dc1");
    const r = await syncNetBox(EMPTY_NETBOX, desired, { apply: false, ownership: siteOwnership("na", "na-dc1") });
    expect(r.changes).toHaveLength(desired.length);
    expect(new Set(r.types.filter((t) => t.desired > 0).map((t) => t.type)).size).toBeGreaterThanOrEqual(28);
  });
});
