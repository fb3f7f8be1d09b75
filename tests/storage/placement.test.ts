import fc from "fast-check";
import { Inventory, mayUsePool, placeTierPool, StoragePool, type StorageArray } from "../../inventory/model";
import { compileVolumeTypes } from "../../compilers/openstack/storage";
import { compilePlacements } from "../../compilers/openstack/placements";
import { allocateAddressPlan } from "../../inventory/addressing";
import { loadProvince } from "../../inventory/province/loadProvince";
import { smallProvinceInput } from "../fixtures/smallProvince";
import { BUNDLED_AS_OF } from "../bundledAsOf";

const pool = (id: string, tier: StoragePool["tier"], extra: Partial<StoragePool> = {}): StoragePool => StoragePool.parse({ id, tier, capacityTiB: 10, backend: `${id}-be`, ...extra });
const arrays = (...pools: StoragePool[]): Pick<StorageArray, "site" | "pools">[] => [{ site: "dc1", pools }];

describe("pool placement", () => {
  it("never puts a media-tier request on the SOC's log store, even when its id sorts first (the bug)", () => {
    const soc = pool("dc1-a-soc-logs", "nl-sas", { purpose: "log-store", reservedFor: "soc" });
    const general = pool("dc1-nlsas", "nl-sas");
    const placed = placeTierPool(arrays(soc, general), "dc1", "email", { storageTier: "nl-sas" });
    expect(placed.pool?.id).toBe("dc1-nlsas");
    expect(placed.considered).toEqual([
      { id: "dc1-a-soc-logs", refused: 'reserved for system "soc"' },
      { id: "dc1-nlsas", refused: undefined },
    ]);
  });

  it("gives the owner its reserved pool before a general one of the same tier", () => {
    const mine = pool("dc1-z-soc", "nl-sas", { purpose: "log-store", reservedFor: "soc" });
    const general = pool("dc1-a-nlsas", "nl-sas");
    expect(placeTierPool(arrays(general, mine), "dc1", "soc", { storageTier: "nl-sas" }).pool?.id).toBe("dc1-z-soc");
  });

  it("never places volumes on a backup pool, and says why", () => {
    const backup = pool("dc1-bkp", "nl-sas", { purpose: "backup" });
    const placed = placeTierPool(arrays(backup), "dc1", "email", { storageTier: "nl-sas" });
    expect(placed.pool).toBeUndefined();
    expect(placed.considered[0].refused).toMatch(/a backup pool/);
    expect(placeTierPool(arrays(backup), "dc1", "email", { storagePool: "dc1-bkp" }).pool).toBeUndefined();
  });

  const purposeArb = fc.constantFrom<StoragePool["purpose"]>("general", "log-store", "backup");
  const poolArb = fc.record({
    id: fc.stringMatching(/^p[a-z0-9]{0,6}$/),
    tier: fc.constantFrom<StoragePool["tier"]>("ssd", "nl-sas"),
    purpose: purposeArb,
    reservedFor: fc.option(fc.constantFrom("soc", "email", "lgsp"), { nil: undefined }),
  });
  const poolsArb = fc.uniqueArray(poolArb, { selector: (p) => p.id, minLength: 0, maxLength: 8 }).map((ps) => ps.map((p) => pool(p.id, p.tier, { purpose: p.purpose, reservedFor: p.reservedFor })));

  it("picks only a pool the system may use, of the tier asked, whatever the order of the pools", () => {
    fc.assert(
      fc.property(poolsArb, fc.constantFrom("soc", "email", "lgsp"), fc.constantFrom<StoragePool["tier"]>("ssd", "nl-sas"), fc.nat(), (pools, system, tier, seed) => {
        const chosen = placeTierPool(arrays(...pools), "dc1", system, { storageTier: tier }).pool;
        // Written out here rather than through mayUsePool, so the test does not trust the code it checks.
        const allowed = (p: StoragePool): boolean => p.reservedFor === system || (p.reservedFor === undefined && p.purpose === "general");
        if (chosen) {
          expect(allowed(chosen)).toBe(true);
          expect(chosen.tier).toBe(tier);
          expect(mayUsePool(chosen, system)).toBe(true);
        } else {
          expect(pools.some((p) => p.tier === tier && allowed(p))).toBe(false);
        }
        const shuffled = [...pools].sort((a, b) => ((a.id.charCodeAt(0) * 31 + seed) % 7) - ((b.id.charCodeAt(0) * 31 + seed) % 7) || a.id.localeCompare(b.id) * (seed % 2 ? 1 : -1));
        expect(placeTierPool(arrays(...shuffled), "dc1", system, { storageTier: tier }).pool?.id).toBe(chosen?.id);
      }),
    );
  });

  it("keeps the choice when a pool the system may not use is added", () => {
    fc.assert(
      fc.property(poolsArb, fc.constantFrom("email", "lgsp"), poolArb, (pools, system, extra) => {
        fc.pre(!pools.some((p) => p.id === extra.id));
        const before = placeTierPool(arrays(...pools), "dc1", system, { storageTier: "ssd" }).pool?.id;
        const foreign = pool(extra.id, "ssd", { purpose: "log-store", reservedFor: "soc" });
        expect(placeTierPool(arrays(...pools, foreign), "dc1", system, { storageTier: "ssd" }).pool?.id).toBe(before);
      }),
    );
  });
});

describe("volume types of reserved and encrypted pools", () => {
  const input = (): Record<string, unknown> => {
    const i = smallProvinceInput();
    i.storageArrays = [
      {
        id: "arr",
        site: "tp-dc1",
        devices: ["arr-01"],
        pools: [
          { id: "a-soc-logs", tier: "ssd", capacityTiB: 10, backend: "soc-be", purpose: "log-store", reservedFor: "portal" },
          { id: "ssd", tier: "ssd", capacityTiB: 10, backend: "ssd-be", encryption: { keySize: 256 } },
          { id: "plain", tier: "nl-sas", capacityTiB: 10, backend: "plain-be", encrypted: false },
        ],
      },
    ];
    return i;
  };

  it("gives a reserved pool no public type, only its owner's private one", () => {
    const inv = Inventory.parse(input());
    (inv.systems[0].tiers[2] as { storagePool?: string }).storagePool = "a-soc-logs";
    const types = compileVolumeTypes(inv, "tp-dc1");
    expect(types.filter((t) => t.pool === "a-soc-logs").map((t) => [t.key, t.isPublic, t.projectKey])).toEqual([["sys-portal-a-soc-logs", false, "system-portal"]]);
    expect(types.filter((t) => t.isPublic).map((t) => t.key)).toEqual(["plain", "ssd"]);
  });

  it("puts the pool's LUKS spec on every encrypted type and none on an unencrypted one", () => {
    const types = compileVolumeTypes(Inventory.parse(input()), "tp-dc1");
    expect(types.find((t) => t.key === "ssd")?.encryption).toEqual({ provider: "luks", cipher: "aes-xts-plain64", key_size: 256, control_location: "front-end" });
    expect(types.find((t) => t.key === "plain")?.encryption).toBeUndefined();
  });
});

describe("the example province", () => {
  const loaded = loadProvince("inventory/provinces/ninh-an", { asOf: BUNDLED_AS_OF });
  if (!loaded.ok) throw new Error("example province does not load");
  const inv = loaded.province.inventory;

  it("places only the SOC's volumes on the SOC's log array, even when the log pool is renamed to sort first", () => {
    const renamed: Inventory = structuredClone(inv);
    for (const a of renamed.storageArrays) for (const p of a.pools) if (p.id === "dc1-soc-logs") p.id = "dc1-a-logs";
    for (const s of renamed.systems) for (const t of s.tiers) if (t.storagePool === "dc1-soc-logs") t.storagePool = "dc1-a-logs";
    const plan = allocateAddressPlan(renamed);
    if (!plan.ok) throw new Error("no plan");
    const site = plan.plan.sites.find((s) => s.site === "na-dc1");
    if (!site) throw new Error("no na-dc1");
    const onLogs = compilePlacements(renamed, site).instances.filter((i) => i.volumeType?.endsWith("dc1-a-logs"));
    expect(onLogs.length).toBeGreaterThan(0);
    expect([...new Set(onLogs.map((i) => i.system))]).toEqual(["soc"]);
    const types = compileVolumeTypes(renamed, "na-dc1").filter((t) => t.pool === "dc1-a-logs");
    expect(types.map((t) => [t.key, t.isPublic])).toEqual([["sys-soc-dc1-a-logs", false]]);
  });

  it("encrypts every volume type of both sites with LUKS", () => {
    for (const site of ["na-dc1", "na-dc2"]) for (const t of compileVolumeTypes(inv, site)) expect(t.encryption?.provider).toBe("luks");
  });
});
