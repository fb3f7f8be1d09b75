/**
 * Golden files: the exact lock and tables for a fixed two-site model. A diff here means every
 * province's committed plan would change: review it, then regenerate with UPDATE_GOLDEN=1.
 * (The example province gets its own golden once inventory/provinces/ninh-an exists.)
 */
import * as path from "node:path";
import { goldenIn } from "../fixtures/golden";
import { allocateAddressPlan, parseLock, renderAddressTableCsv, renderAddressTableMarkdown, renderLock } from "../../inventory/addressing";
import { ModelSpec, buildInventory } from "./model";

const GOLDEN = path.join(__dirname, "golden");

export const GOLDEN_MODEL: ModelSpec = {
  sites: [
    { id: "dc1", ipv4: ["10.16.0.0/16", "10.64.0.0/14"], ipv6: ["2001:db8:100::/48"], tslcd: ["10.16.255.0/24", "172.31.0.0/16"] },
    { id: "dr1", ipv4: ["10.32.0.0/16", "10.80.0.0/14"], ipv6: ["2001:db8:200::/48"] },
  ],
  zones: [
    { id: "dmz", site: "dc1", vlans: [{ id: 110, name: "web", hosts: 120 }, { id: 111, name: "lgsp-gw", hosts: 12 }] },
    { id: "internal-server", site: "dc1", vlans: [{ id: 120, name: "app", hosts: 300 }, { id: 121, name: "ad", hosts: 6 }] },
    { id: "db", site: "dc1", prefix: { ipv4: "10.16.200.0/22", ipv6: "2001:db8:100:d00::/56" }, vlans: [{ id: 130, name: "oracle", hosts: 40, prefix: { ipv4: "10.16.200.0/25" } }] },
    { id: "management", site: "dc1", vlans: [{ id: 140, name: "oob", hosts: 200 }] },
    { id: "dmz", site: "dr1", vlans: [{ id: 110, name: "web", hosts: 60 }] },
    { id: "management", site: "dr1", vlans: [{ id: 140, name: "oob", hosts: 80 }] },
  ],
  uplinks: [["dc1", "inet-vnpt"], ["dc1", "inet-viettel"], ["dc1", "tslcd-vnpt"], ["dr1", "dr-link"]],
  routers: [["dc1", "na1-rtr-01"], ["dc1", "na1-fw-core-01"], ["dr1", "na2-rtr-01"]],
  clusters: [["dc1", "k8s-apps"]],
};

const expectGolden = goldenIn(GOLDEN);

describe("golden plan of a fixed two-site model", () => {
  const r = allocateAddressPlan(buildInventory(GOLDEN_MODEL));
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join("\n"));
  it("writes the expected lock file", () => expectGolden("addressplan.lock.yaml", renderLock(r.lock)));
  for (const site of r.plan.sites) {
    it(`writes the expected tables for ${site.site}`, () => {
      expectGolden(`${site.site}.addressplan.md`, renderAddressTableMarkdown(site));
      expectGolden(`${site.site}.addressplan.csv`, renderAddressTableCsv(site));
    });
  }
  it("reads its own lock file back unchanged", () => {
    const parsed = parseLock(renderLock(r.lock), "addressplan.lock.yaml");
    expect(parsed).toEqual({ ok: true, lock: r.lock });
  });
});
