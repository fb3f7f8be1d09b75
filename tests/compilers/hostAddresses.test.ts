import fc from "fast-check";
import { assignHostAddresses } from "../../compilers/openstack/hostAddresses";

const pool = { start: "10.0.0.12", end: "10.0.0.126" };

describe("assignHostAddresses", () => {
  it("gives distinct addresses inside the pool, independent of order", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.stringMatching(/^[a-z]{1,8}-[0-9]$/), { minLength: 1, maxLength: 100 }), (ids) => {
        const a = assignHostAddresses(pool, ids);
        const b = assignHostAddresses(pool, [...ids].reverse());
        expect([...a.entries()].sort()).toEqual([...b.entries()].sort());
        const values = [...a.values()];
        expect(new Set(values).size).toBe(ids.length);
        for (const v of values) {
          const last = Number(v.split(".")[3]);
          expect(last).toBeGreaterThanOrEqual(12);
          expect(last).toBeLessThanOrEqual(126);
        }
      }),
    );
  });

  it("moves no existing host when one is added, unless their hashes collide", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.stringMatching(/^[a-z]{2,8}$/), { minLength: 2, maxLength: 20 }), (ids) => {
        const [extra, ...rest] = ids;
        const before = assignHostAddresses({ start: "2001:db8::100", end: "2001:db8::ffff:ffff" }, rest);
        const after = assignHostAddresses({ start: "2001:db8::100", end: "2001:db8::ffff:ffff" }, [...rest, extra]);
        for (const id of rest) expect(after.get(id)).toBe(before.get(id));
      }),
    );
  });

  it("refuses more hosts than the pool holds", () => {
    expect(() => assignHostAddresses({ start: "10.0.0.1", end: "10.0.0.2" }, ["a", "b", "c"])).toThrow("pool 10.0.0.1–10.0.0.2 holds 2 addresses; 3 hosts need one each");
  });
});
