/** The shared argument checks of components: exact messages, every problem at once. */
import * as pulumi from "@pulumi/pulumi";
import { integerIn, invalidArgsMessage, knownKey, requireArray, requireRecord, requireText, requireValue, shown, throwIfInvalid, uniqueKeys } from "../../components/validation";

describe("checks", () => {
  it("name the path, what is expected and what was found", () => {
    expect(requireText("site", "", "the site id")).toEqual(['site is required: the site id (found "")']);
    expect(requireText("site", "  ", "the site id")).toEqual(['site is required: the site id (found "  ")']);
    expect(requireText("site", "na-dc1", "the site id")).toEqual([]);
    expect(requireValue("projectId", undefined, "the deployer's project id")).toEqual(["projectId is required: the deployer's project id (found undefined)"]);
    expect(requireValue("projectId", null, "x")).toEqual(["projectId is required: x (found null)"]);
    expect(requireValue("projectId", 0, "x")).toEqual([]);
    expect(requireArray("groups", { a: 1 }, "security groups")).toEqual(['groups must be a list of security groups (found {"a":1})']);
    expect(requireArray("groups", [], "security groups")).toEqual([]);
    expect(requireRecord("networkIds", [], "network ids")).toEqual(["networkIds must be a map of network ids (found [])"]);
    expect(requireRecord("networkIds", {}, "network ids")).toEqual([]);
    expect(integerIn("quota.port", 1.5, 0)).toEqual(["quota.port must be a whole number from 0 up (found 1.5)"]);
    expect(integerIn("vlan", 4095, 1, 4094)).toEqual(["vlan must be a whole number from 1 to 4094 (found 4095)"]);
    expect(integerIn("vlan", 4094, 1, 4094)).toEqual([]);
  });

  it("find every duplicate key, pointing at the first use", () => {
    const items = [{ k: "a" }, { k: "b" }, { k: "a" }, { k: "a" }];
    expect(uniqueKeys("groups", items, (i) => i.k)).toEqual([
      'groups[2].key must be unique: "a" is also groups[0].key',
      'groups[3].key must be unique: "a" is also groups[0].key',
    ]);
  });

  it("list the known keys of a record a reference misses (at most six)", () => {
    expect(knownKey("instances[0].networkKey", "dmz", { app: 1, db: 2 }, "networkIds")).toEqual(['instances[0].networkKey refers to "dmz", which is not a key of networkIds (keys: app, db)']);
    const many = Object.fromEntries("abcdefgh".split("").map((c) => [c, 1]));
    expect(knownKey("x", "z", many, "m")[0]).toMatch(/\(keys: a, b, c, d, e, f, …\)$/);
    expect(knownKey("x", "z", undefined, "m")).toEqual(['x refers to "z", which is not a key of m (keys: none)']);
    // Inherited names are not keys.
    expect(knownKey("x", "toString", {}, "m")).toHaveLength(1);
  });

  it("show values briefly", () => {
    expect(shown("x".repeat(100))).toHaveLength(80);
    expect(shown(() => 1)).toBe("a function");
  });
});

describe("throwIfInvalid", () => {
  it("throws one ResourceError with every problem, or nothing", () => {
    const resource = {} as pulumi.Resource;
    expect(() => throwIfInvalid(resource, "Thing", "t1", [])).not.toThrow();
    let err: unknown;
    try {
      throwIfInvalid(resource, "Thing", "t1", ["a is required: x (found undefined)", "b must be a list of y (found 3)"]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(pulumi.ResourceError);
    expect((err as Error).message).toBe('Thing "t1" has 2 invalid argument(s):\n  - a is required: x (found undefined)\n  - b must be a list of y (found 3)');
    expect(invalidArgsMessage("Thing", "t1", ["p"])).toBe('Thing "t1" has 1 invalid argument(s):\n  - p');
  });
});
