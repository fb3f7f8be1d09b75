import { NetBoxClient, netboxSettingsFromEnv } from "../../clients/netbox/client";
import { NetBoxError, fieldErrorsOf, formatFieldErrors } from "../../clients/netbox/errors";
import { retryAfterMs } from "../../clients/netbox/retryAfter";
import { FakeNetBox } from "./fakeNetBox";

describe("NetBox client against the fake's rules", () => {
  let fake: FakeNetBox;
  let url: string;
  let client: NetBoxClient;
  beforeAll(async () => {
    fake = new FakeNetBox();
    url = await fake.start();
    client = new NetBoxClient({ url, token: fake.token, changelogMessage: "test", sleep: () => Promise.resolve(), pageSize: 7, bulkSize: 50 });
    await client.create("dcim.site", [{ name: "Site A", slug: "site-a" }]);
    await client.create("ipam.vlangroup", [{ name: "g1", slug: "g1" }]);
  });
  afterAll(() => fake.stop());

  it("pages through next links until every object is read", async () => {
    await client.create("ipam.vlan", Array.from({ length: 23 }, (_, i) => ({ vid: 100 + i, name: `v${i}`, group: { name: "g1", slug: "g1" } })));
    const before = client.counts.reads;
    const all = await client.list("ipam.vlan");
    expect(all.map((v) => v.vid)).toEqual(Array.from({ length: 23 }, (_, i) => 100 + i));
    expect(client.counts.reads - before).toBe(4);
    expect(fake.violations).toEqual([]);
  });

  it("refuses a duplicate VLAN id in a group with NetBox's field errors, and writes none of the batch", async () => {
    const count = (await client.list("ipam.vlan")).length;
    const err = await client.create("ipam.vlan", [{ vid: 900, name: "new-ok", group: { name: "g1", slug: "g1" } }, { vid: 100, name: "dup", group: { name: "g1", slug: "g1" } }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetBoxError);
    const e = err as NetBoxError;
    expect(e.status).toBe(400);
    expect(e.failure).toBe("rejected");
    expect(e.fieldErrors).toEqual([{}, { vid: ["ipam.vlan with this group and vid already exists."] }]);
    expect(e.message).toContain("[1] vid: ipam.vlan with this group and vid already exists.");
    expect((await client.list("ipam.vlan")).length).toBe(count);
  });

  it("refuses a bad slug, a missing required field, an unknown reference and a second device of one name at a site", async () => {
    const bad = async (p: Promise<unknown>): Promise<NetBoxError> => (await p.catch((e: unknown) => e)) as NetBoxError;
    expect((await bad(client.create("dcim.site", [{ name: "x", slug: "bad slug!" }]))).fieldErrors).toEqual([{ slug: [expect.stringContaining("pattern")] }]);
    fake.violations.length = 0;
    expect((await bad(client.create("dcim.rack", [{ site: { name: "Site A", slug: "site-a" } } as never]))).fieldErrors).toEqual([{ name: ["This field is required."] }]);
    fake.violations.length = 0;
    expect((await bad(client.create("dcim.rack", [{ name: "r1", site: { name: "nope", slug: "nope" } }]))).message).toContain("Related object not found using the provided attributes");
    await client.create("dcim.manufacturer", [{ name: "M", slug: "m" }]);
    await client.create("dcim.devicetype", [{ manufacturer: { name: "M", slug: "m" }, model: "X", slug: "x" }]);
    await client.create("dcim.devicerole", [{ name: "r", slug: "r" }]);
    const dev = { name: "d1", site: { name: "Site A", slug: "site-a" }, role: { name: "r", slug: "r" }, device_type: { manufacturer: { name: "M", slug: "m" }, model: "X", slug: "x" } };
    await client.create("dcim.device", [dev]);
    expect((await bad(client.create("dcim.device", [dev]))).fieldErrors).toEqual([{ name: ["dcim.device with this site and name already exists."] }]);
  });

  it("retries 429 after the time Retry-After asks, and gives up on 500 for a write without retrying", async () => {
    const waits: number[] = [];
    const c = new NetBoxClient({ url, token: fake.token, changelogMessage: "t", sleep: (ms) => (waits.push(ms), Promise.resolve()) });
    fake.inject({ method: "GET", type: "dcim.site", status: 429, retryAfter: "3" });
    expect((await c.list("dcim.site")).length).toBeGreaterThan(0);
    expect(waits).toEqual([3000]);
    fake.inject({ method: "POST", type: "dcim.site", status: 500 });
    const err = (await c.create("dcim.site", [{ name: "B", slug: "b" }]).catch((e: unknown) => e)) as NetBoxError;
    expect(err.failure).toBe("uncertain");
    expect(c.counts.creates).toBe(1);
  });

  it("reads Retry-After as seconds or a date, and NetBox's error bodies", () => {
    expect(retryAfterMs("12", 0)).toBe(12000);
    expect(retryAfterMs("Wed, 21 Oct 2015 07:28:10 GMT", Date.parse("Wed, 21 Oct 2015 07:28:00 GMT"))).toBe(10000);
    expect(retryAfterMs("soon", 0)).toBeUndefined();
    expect(fieldErrorsOf({ detail: "x" })).toBeUndefined();
    expect(formatFieldErrors({ vid: ["a", "b"] })).toBe("vid: a b");
  });

  it("takes the URL and token from the environment and refuses credentials in the URL", () => {
    expect(netboxSettingsFromEnv({})).toEqual({ ok: true });
    expect(netboxSettingsFromEnv({ NETBOX_URL: "https://nb.example/" })).toMatchObject({ ok: false });
    expect(netboxSettingsFromEnv({ NETBOX_URL: "https://u:p@nb.example", NETBOX_TOKEN: "t" })).toMatchObject({ ok: false });
    expect(netboxSettingsFromEnv({ NETBOX_URL: "https://nb.example/", NETBOX_TOKEN: "t" })).toEqual({ ok: true, settings: { url: "https://nb.example", token: "t" } });
  });
});
