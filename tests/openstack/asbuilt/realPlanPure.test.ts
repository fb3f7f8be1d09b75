/** Pure parts added for the real plan: ML2 physnets, mapping of identity/quota resources, batching, undo order, duplicate keys. */
import fc from "fast-check";
import { apiCallFor } from "../../../asbuilt/mapping";
import { mergeRanges, ml2Physnets, siteVlanRanges } from "../../../asbuilt/ml2Physnets";
import { numberDuplicateKeys, type AsBuiltObject } from "../../../asbuilt/model";
import { levelTasks, undoLevels, type ReplayReport } from "../../../asbuilt/replay";
import { MEMBER_ROLE_REF, siteExternalConfig, unresolvedRefs } from "../../../asbuilt/siteCloud";
import { loadInventory } from "../../../inventory/loader";
import { readStackConfig } from "../../../offline/stackConfig";
import { PlanBuilder } from "../support/cloud";

describe("ML2 physnets from the inventory", () => {
  const inv = loadInventory("inventory/provinces/ninh-an");
  if (!inv.ok) throw new Error("example inventory does not load");

  it("covers every physnet of the example province, plus the flat external one, at MTU 9000", () => {
    expect(ml2Physnets(inv.inventory.sites)).toEqual({ networkVlanRanges: "physnet-dc:100:3999,physnet-oob:4000:4009,physnet-ext", flatNetworks: "physnet-ext", globalPhysnetMtu: 9000 });
    expect(siteVlanRanges(inv.inventory.sites[0]!)).toEqual({ "physnet-dc": [[100, 3999]], "physnet-oob": [[4000, 4009]] });
  });

  it("merges ranges into disjoint ones holding exactly the same VLANs", () => {
    const range = fc.tuple(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 200 }));
    fc.assert(fc.property(fc.array(range, { maxLength: 8 }), (ranges) => {
      const merged = mergeRanges(ranges);
      const has = (rs: ReadonlyArray<readonly [number, number]>, v: number): boolean => rs.some(([a, b]) => v >= Math.min(a, b) && v <= Math.max(a, b));
      for (let v = 1; v <= 200; v++) expect(has(merged, v)).toBe(has(ranges, v));
      merged.slice(1).forEach(([lo], i) => expect(lo).toBeGreaterThan(merged[i]![1] + 1));
    }));
  });
});

describe("mapping of identity and quota resources", () => {
  it("maps groups, role assignments and networking quotas to Keystone's and Neutron's calls", () => {
    expect(apiCallFor("openstack:identity/groupV3:GroupV3", true, { name: "g", description: "d" })).toEqual({ kind: "group", body: { name: "g", description: "d" } });
    expect(apiCallFor("openstack:identity/roleAssignment:RoleAssignment", true, { groupId: "G", projectId: "P", roleId: "R" }))
      .toEqual({ kind: "roleAssignment", target: { scope: "projects", scopeId: "P", actor: "groups", actorId: "G", roleId: "R" } });
    expect(apiCallFor("openstack:networking/quotaV2:QuotaV2", true, { projectId: "P", port: 24, securityGroup: 10, securityGroupRule: 200, floatingip: 0 }))
      .toEqual({ kind: "networkQuota", projectId: "P", body: { port: 24, security_group: 10, security_group_rule: 200, floatingip: 0 } });
  });

  it("reads the external references from the stack config", () => {
    const site = siteExternalConfig(readStackConfig(".", "na-dc1").config);
    expect(site).toEqual({ externalNetworkId: "7d1c2b6a-0e4f-4c7e-9a51-1f0c2d3e4a01", memberRole: "member" });
    expect(() => siteExternalConfig({})).toThrow(/hatang:externalNetworkId/);
  });

  it("lists the lookups a plan needs from outside", () => {
    const b = new PlanBuilder("s");
    const p = b.add("openstack:identity/project:Project", "p", { name: "p" });
    b.add("openstack:identity/roleAssignment:RoleAssignment", "ra", { projectId: p, groupId: "id-of:openstack:identity/groupV3:GroupV3::gone", roleId: MEMBER_ROLE_REF });
    expect(unresolvedRefs(b.plan())).toEqual([MEMBER_ROLE_REF, "id-of:openstack:identity/groupV3:GroupV3::gone"].sort());
  });
});

describe("units of work within a level", () => {
  const call = (collection: string, body: Record<string, unknown>) => ({ call: { kind: "neutron", collection, body } as never });
  it("bulks rules per group and subnets per network, chains one router's interfaces, leaves ports alone", () => {
    const items = [
      call("security_group_rules", { security_group_id: "A" }), call("security_group_rules", { security_group_id: "B" }), call("security_group_rules", { security_group_id: "A" }),
      call("subnets", { network_id: "N" }), call("ports", { network_id: "N" }), call("ports", { network_id: "N" }),
      { call: { kind: "routerInterface", routerId: "R", target: { subnet_id: "s1" } } as never }, { call: { kind: "routerInterface", routerId: "R", target: { subnet_id: "s2" } } as never },
    ];
    const tasks = levelTasks(items);
    expect(tasks.map((t) => [t.kind, t.items.map((i) => items.indexOf(i))])).toEqual([
      ["chain", [6, 7]], ["chain", [4]], ["chain", [5]], ["bulk", [0, 2]], ["bulk", [1]], ["bulk", [3]],
    ]);
    expect(levelTasks(items, false).filter((t) => t.kind === "bulk")).toEqual([]);
  });

  it("never loses or repeats an item, and caps bulks at 50", () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 130 }), (groups) => {
      const items = groups.map((g) => call("security_group_rules", { security_group_id: `g${g}` }));
      const tasks = levelTasks(items);
      expect(tasks.flatMap((t) => t.items).length).toBe(items.length);
      expect(new Set(tasks.flatMap((t) => t.items)).size).toBe(items.length);
      for (const t of tasks) expect(t.items.length).toBeLessThanOrEqual(50);
    }));
  });
});

describe("undo order", () => {
  it("goes backwards through the levels and skips what a parent's deletion removes", () => {
    const r = (name: string, level: number, undo: ReplayReport["replayed"][number]["undo"], id = name): ReplayReport["replayed"][number] => ({ urn: name, type: "t", name, id, level, undo });
    const report: ReplayReport = {
      stack: "s", notReplayed: [], failed: [], cancelled: [],
      replayed: [
        r("net", 0, { kind: "neutron", collection: "networks", id: "net" }), r("sg", 0, { kind: "neutron", collection: "security_groups", id: "sg" }),
        r("sub", 1, { kind: "neutron", collection: "subnets", id: "sub", cascadesFrom: "net" }), r("rule", 1, { kind: "neutron", collection: "security_group_rules", id: "rule", cascadesFrom: "sg" }),
        r("rule-other", 1, { kind: "neutron", collection: "security_group_rules", id: "rule-other", cascadesFrom: "sg-not-replayed" }),
        r("port", 2, { kind: "neutron", collection: "ports", id: "port" }),
      ],
    };
    expect(undoLevels(report).map((l) => l.map((x) => x.name))).toEqual([["port"], ["rule-other"], ["net", "sg"]]);
  });
});

describe("duplicate keys", () => {
  const obj = (key: string, port: number): AsBuiltObject => ({ kind: "securityGroupRule", key, fields: { port_range_min: port } });
  it("numbers duplicates by content, so any order of the same objects gets the same keys", () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.constantFrom("a", "b"), fc.integer({ min: 1, max: 5 })), { maxLength: 12 }).chain((xs) => fc.tuple(fc.constant(xs), fc.shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length }))), ([xs, shuffled]) => {
      const keyed = (list: Array<[string, number]>): string[] => numberDuplicateKeys(list.map(([k, p]) => obj(k, p))).map((o) => `${o.key}=${String(o.fields.port_range_min)}`).sort();
      expect(keyed(shuffled)).toEqual(keyed(xs));
      expect(new Set(numberDuplicateKeys(xs.map(([k, p]) => obj(k, p))).map((o) => o.key)).size).toBe(xs.length);
    }));
  });
});
