import fc from "fast-check";
import { OpenStackClient } from "../../clients/openstack/client";
import { Cinder } from "../../clients/openstack/cinder";
import { encryptionExtraSpecs, encryptionFromExtraSpecs, ENCRYPTION_SPEC_KEYS, weakEncryption, type EncryptionSpec } from "../../compilers/openstack/volumeEncryption";
import { applyVolumeEncryption, expectedEncryptionObjects, liveEncryptionObjects, plannedEncryptions } from "../../asbuilt/volumeEncryption";
import { reconcile } from "../../asbuilt/reconcile";
import type { Plan } from "../../offline/planTypes";
import { startFakeCinder, type FakeCinder } from "./fakeCinder";

const LUKS: EncryptionSpec = { provider: "luks", cipher: "aes-xts-plain64", key_size: 512, control_location: "front-end" };

describe("the encryption spec on a volume type's extra specs", () => {
  const specArb = fc.record({
    provider: fc.constantFrom("luks", "luks2", "plain"),
    cipher: fc.constantFrom("aes-xts-plain64", "aes-cbc-essiv:sha256"),
    key_size: fc.constantFrom(128, 256, 512),
    control_location: fc.constantFrom("front-end", "back-end"),
  });

  it("reads back exactly what it wrote", () => {
    fc.assert(fc.property(specArb, (spec) => expect(encryptionFromExtraSpecs(encryptionExtraSpecs(spec))).toEqual({ spec })));
  });

  it("names every field an encrypted type lacks", () => {
    const specs = encryptionExtraSpecs(LUKS);
    delete specs[ENCRYPTION_SPEC_KEYS.key_size];
    specs[ENCRYPTION_SPEC_KEYS.cipher] = "";
    expect(encryptionFromExtraSpecs(specs)).toEqual({ missing: ["hatang:encryption-cipher", "hatang:encryption-key-size"] });
    expect(encryptionFromExtraSpecs(encryptionExtraSpecs(undefined))).toEqual({ unencrypted: true });
  });

  it("judges LUKS with an XTS cipher and a 256-bit key or longer strong enough, and nothing else", () => {
    expect(weakEncryption(LUKS)).toBeUndefined();
    expect(weakEncryption({ ...LUKS, key_size: 256 })).toBeUndefined();
    expect(weakEncryption({ ...LUKS, provider: "plain" })).toMatch(/not LUKS/);
    expect(weakEncryption({ ...LUKS, cipher: "aes-cbc-essiv:sha256" })).toMatch(/not an XTS/);
    expect(weakEncryption({ ...LUKS, key_size: 128 })).toMatch(/shorter than 256/);
  });
});

/** A plan with two encrypted types and one plain one. */
function planWith(types: Array<{ name: string; spec?: EncryptionSpec }>): Plan {
  return {
    project: "hatang",
    stack: "dc1",
    province: "na",
    resources: types.map((t) => ({
      urn: `urn:pulumi:dc1::hatang::openstack:blockstorage/volumeTypeV3:VolumeTypeV3::dc1-vt-${t.name}`,
      type: "openstack:blockstorage/volumeTypeV3:VolumeTypeV3",
      name: `dc1-vt-${t.name}`,
      custom: true,
      inputs: { name: t.name, extraSpecs: { volume_backend_name: `${t.name}-be`, ...encryptionExtraSpecs(t.spec) } },
      dependencies: [],
    })),
  };
}

describe("applying and reading back the specs through the project's Cinder client", () => {
  let fake: FakeCinder;
  let cinder: Cinder;
  beforeEach(async () => {
    fake = await startFakeCinder();
    for (const [id, name] of [["t1", "dc1-ssd"], ["t2", "sys-soc-dc1-logs"], ["t3", "dc1-plain"]]) fake.types.set(id, { id, name, is_public: name !== "sys-soc-dc1-logs" });
    cinder = new Cinder(await OpenStackClient.connect({ credentials: { authUrl: `${fake.url}/v3`, username: "admin", password: "pw", projectName: "admin" }, retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 1 } }));
  });
  afterEach(() => fake.close());
  const plan = planWith([{ name: "dc1-ssd", spec: LUKS }, { name: "sys-soc-dc1-logs", spec: { ...LUKS, key_size: 256 } }, { name: "dc1-plain" }]);

  it("creates the missing specs once: a second run changes nothing", async () => {
    expect(await applyVolumeEncryption(cinder, plan)).toEqual({ created: ["dc1-ssd", "sys-soc-dc1-logs"], unchanged: [], failed: [] });
    expect(fake.encryption.get("t2")).toMatchObject({ provider: "luks", cipher: "aes-xts-plain64", key_size: 256, control_location: "front-end" });
    expect(fake.encryption.has("t3")).toBe(false);
    const posts = fake.seen.filter((s) => s.startsWith("POST /volume")).length;
    expect(await applyVolumeEncryption(cinder, plan)).toEqual({ created: [], unchanged: ["dc1-ssd", "sys-soc-dc1-logs"], failed: [] });
    expect(fake.seen.filter((s) => s.startsWith("POST /volume")).length).toBe(posts);
  });

  it("never rewrites a different live spec, and says why; a type missing from the cloud is reported", async () => {
    fake.encryption.set("t1", { encryption_id: "e0", volume_type_id: "t1", provider: "luks", cipher: "aes-xts-plain64", key_size: 256, control_location: "front-end" });
    fake.types.delete("t2");
    const r = await applyVolumeEncryption(cinder, plan);
    expect(r.created).toEqual([]);
    expect(r.failed.map((f) => f.type)).toEqual(["dc1-ssd", "sys-soc-dc1-logs"]);
    expect(r.failed[0].reason).toMatch(/differs from the plan's luks\/aes-xts-plain64\/512\/front-end/);
    expect(r.failed[1].reason).toMatch(/no such volume type/);
    expect(fake.encryption.get("t1")?.key_size).toBe(256);
  });

  it("shows an unencrypted live type and a weaker key as drift", async () => {
    fake.encryption.set("t2", { encryption_id: "e0", volume_type_id: "t2", provider: "luks", cipher: "aes-xts-plain64", key_size: 128, control_location: "front-end" });
    const planned = plannedEncryptions(plan);
    const expected = { stack: "dc1", objects: expectedEncryptionObjects(planned) };
    const live = { stack: "dc1", objects: await liveEncryptionObjects(cinder, planned.map((p) => p.type)) };
    const report = reconcile(expected, live);
    expect(report.drifts.map((d) => (d.status === "changed" ? `${d.key}: ${d.changes.map((c) => `${c.field} ${JSON.stringify(c.planned)}→${JSON.stringify(c.live)}`).join(", ")}` : `${d.status} ${d.key}`))).toEqual([
      'dc1-ssd: encrypted true→false, provider "luks"→null, cipher "aes-xts-plain64"→null, key_size 512→null, control_location "front-end"→null',
      "sys-soc-dc1-logs: key_size 256→128",
    ]);
  });

  it("finds Cinder under the legacy volumev3 service type too", async () => {
    const legacy = await startFakeCinder("volumev3");
    try {
      legacy.types.set("t1", { id: "t1", name: "x", is_public: true });
      const c = new Cinder(await OpenStackClient.connect({ credentials: { authUrl: `${legacy.url}/v3`, username: "a", password: "b", projectName: "c" } }));
      expect((await c.listVolumeTypes()).map((t) => t.name)).toEqual(["x"]);
      expect(await c.getEncryption("t1")).toBeUndefined();
    } finally {
      await legacy.close();
    }
  });
});
