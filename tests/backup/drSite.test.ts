import * as path from "node:path";
import type { Inventory } from "../../inventory/model";
import { loadInventory } from "../../inventory/loader";
import { judgeDrSite, level3RecoveringAt } from "../../policies/dr/drSite";

const ROOT = path.resolve(__dirname, "../..");

function bundled(name: string): Inventory {
  const r = loadInventory(path.join(ROOT, "inventory/provinces", name));
  if (!r.ok) throw new Error(name);
  return r.inventory;
}

describe("the DR site of level-3 systems can take them over (DC-09)", () => {
  it.each([
    ["ninh-an", "na-dc2"],
    ["vinh-lam", "vl-dc2"],
  ])("%s: %s, where its level-3 systems recover, has a redundant Internet edge and TSLCD access and paired enforcers", (name, site) => {
    const inv = bundled(name);
    expect(level3RecoveringAt(inv, site).length).toBeGreaterThan(0);
    expect(judgeDrSite(inv, site)).toEqual([]);
  });

  it("names the site when its Internet edge or its TSLCD access is down to one uplink", () => {
    const inv = bundled("ninh-an");
    const inet = inv.uplinks.filter((u) => u.site === "na-dc2" && u.kind === "internet");
    inv.uplinks = inv.uplinks.filter((u) => u !== inet[1]);
    const tslcd = inv.uplinks.filter((u) => u.site === "na-dc2" && u.kind === "tslcd");
    inv.uplinks = inv.uplinks.filter((u) => u !== tslcd[0]);
    const found = judgeDrSite(inv, "na-dc2");
    expect(found.map((f) => f.subject)).toEqual(["site/na-dc2", "site/na-dc2"]);
    expect(found[0].text).toMatch(/^site na-dc2 has 1 Internet uplink\(s\); level-3 system\(s\) .+ recover here$/);
    expect(found[1].text).toMatch(/^site na-dc2 has 1 TSLCD uplink\(s\); two on different entrances/);
  });

  it("names each enforcer that is one failure from losing its zones, once", () => {
    const inv = bundled("vinh-lam");
    const enforcer = inv.zones.find((z) => z.site === "vl-dc2")!.enforcedBy;
    const zones = inv.zones.filter((z) => z.site === "vl-dc2" && z.enforcedBy === enforcer);
    expect(zones.length).toBeGreaterThan(1);
    // The pair's second member moves to the primary: the group keeps two members, one of them at the DR site.
    const members = inv.devices.filter((d) => d.site === "vl-dc2" && (d.haGroup === enforcer || d.name === enforcer));
    const partner = members.find((d) => d.name !== enforcer)!;
    partner.site = "vl-dc1";
    const found = judgeDrSite(inv, "vl-dc2");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ subject: `ha-group/${enforcer}` });
    expect(found[0].text).toContain(`with 1 member(s) at the site: one failure takes the zone`);
  });
});
