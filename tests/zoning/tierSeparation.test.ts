import { Inventory } from "../../inventory/model";
import { checkTierSeparation } from "../../inventory/zoning/tierSeparation";
import type { Waiver } from "../../inventory/waivers/waivers";
import { smallProvinceInput } from "../fixtures/smallProvince";

/** The small province with bare-metal tiers added: `[system, zone, vlan?]`. */
function withBareMetal(tiers: Array<[string, string, string?]>): Inventory {
  const input = smallProvinceInput() as { systems: Array<Record<string, unknown>> };
  for (const [id, zone, vlan] of tiers) {
    input.systems.push({
      id, name: id, owner: "STTTT", securityLevel: 3, exposure: ["internal"], dataClass: "internal", backupPolicy: "daily", sites: ["tp-dc1"],
      tiers: [{ name: "db", zone, form: "bare-metal", instances: 1, ...(vlan ? { vlan } : {}) }],
    });
  }
  return Inventory.parse(input);
}

const check = (inv: Inventory, waivers: Waiver[] = []) => checkTierSeparation({ inventory: inv, waivers, asOf: "2026-12-01", waiverFile: "policies/waivers/x.yaml", control: "NET-20" });

describe("bare-metal tiers on one VLAN", () => {
  it("is an error at the second tier, naming both, the VLAN and the fix", () => {
    const r = check(withBareMetal([["bm1", "db"], ["bm2", "db"]]));
    expect(r.waived).toEqual([]);
    expect(r.problems.map((p) => [p.path, p.message, p.found])).toEqual([
      [["systems", 3, "tiers", 0, "zone"], 'expected bare-metal tier bm2/db on a VLAN of its own: it shares tp-dc1/db/db with bm1/db, and nothing in the network can tell bare-metal tiers on one VLAN apart (each would get the other\'s flows); give each its own VLAN (tier.vlan), or waive NET-20 for it in policies/waivers/x.yaml (match: { name: "vlan/tp-dc1/db/db" }) with a justification, an approver and an expiry', "bm1/db, bm2/db"],
    ]);
  });

  it("accepts one bare-metal tier per VLAN, and bare metal beside VMs (they have their own addresses and groups)", () => {
    expect(check(withBareMetal([["bm1", "db"], ["bm2", "app"]])).problems).toEqual([]);
    // portal/db is a VM tier on the db VLAN.
    expect(check(withBareMetal([["bm1", "db"]])).problems).toEqual([]);
  });

  it("lets an active waiver naming the VLAN through, reported apart; an expired one does not", () => {
    const waiver = (expires: string): Waiver => ({ id: "W-1", control: "NET-20", match: { name: "vlan/tp-dc1/db/db" }, justification: "legacy cluster until migration", approver: "Giám đốc Sở", expires } as unknown as Waiver);
    const ok = check(withBareMetal([["bm1", "db"], ["bm2", "db"]]), [waiver("2027-06-30")]);
    expect(ok.problems).toEqual([]);
    expect(ok.waived.map((w) => [w.control, w.subject, w.waiver.id])).toEqual([["NET-20", "vlan/tp-dc1/db/db", "W-1"]]);
    expect(check(withBareMetal([["bm1", "db"], ["bm2", "db"]]), [waiver("2026-11-30")]).problems.length).toBe(1);
  });
});
