/**
 * Which FRR routers a site's stack applies (`stacks/layers/tslcd.ts`): every `routerPlatform: frr` edge router
 * of the site with its rendered configuration and a host setup whose VRF devices carry its loopbacks; every
 * `platform: frr` agency CPE applied by exactly one stack of the province; a router the program cannot reach
 * is a problem naming it. Checked on both bundled provinces against the inventory read independently.
 */
import * as path from "node:path";
import { loadProvinceOnce } from "../../inventory/province/loadProvince";
import { cpeOwnerSite, siteFrrRouters } from "../../stacks/layers/tslcd";
import { compileEdgeIntent } from "../../compilers/wan/edgeIntent";
import { renderEdgeFrr } from "../../compilers/wan/renderFrr";
import { vrfTable } from "../../compilers/wan/hostSetup";
import type { Inventory } from "../../inventory/model";

const ROOT = path.join(__dirname, "..", "..");
const AS_OF = "2026-12-05";

function load(name: string) {
  const r = loadProvinceOnce(path.join(ROOT, "inventory", "provinces", name), { asOf: AS_OF, waiverFile: path.join(ROOT, "policies", "waivers", `${name}.yaml`) });
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join("\n"));
  return r.province;
}

/** The frr CPEs of a province read from the YAML model: endpoints with a BGP circuit on an frr CPE. */
function frrEndpoints(inv: Inventory): string[] {
  return inv.tslcdEndpoints.filter((e) => e.attachments.some((a) => a.cpe.platform === "frr" && a.cpe.routing === "bgp")).map((e) => `cpe-${e.id}`).sort();
}

describe.each(["ninh-an", "vinh-lam"])("FRR routers of %s", (name) => {
  const province = load(name);
  const inv = province.inventory;
  const bySite = new Map(province.addressPlan.sites.map((plan) => [plan.site, siteFrrRouters(inv, plan, province.addressPlan, AS_OF)]));

  it("has no problem on any site", () => {
    for (const [site, r] of bySite) expect({ site, problems: r.problems }).toEqual({ site, problems: [] });
  });

  it("applies every frr edge router at its own site, with the configuration written to out/<stack>/tslcd/", () => {
    for (const plan of province.addressPlan.sites) {
      const frrDevices = inv.devices.filter((d) => d.site === plan.site && d.routerPlatform === "frr" && inv.uplinks.some((u) => u.device === d.name && u.kind === "tslcd" && (u.vpns ?? []).length > 0)).map((d) => d.name).sort();
      const edges = bySite.get(plan.site)!.routers.filter((r) => r.role === "edge");
      expect(edges.map((r) => r.device)).toEqual(frrDevices);
      const intents = compileEdgeIntent({ inventory: inv, plan, province: province.addressPlan, asOf: AS_OF }).routers;
      for (const e of edges) {
        const intent = intents.find((i) => i.device === e.device)!;
        expect(e.frrConfig).toBe(renderEdgeFrr(intent));
        // Every VRF the configuration binds BGP to is a VRF device carrying both loopbacks.
        const loop = plan.loopbacks.find((l) => l.device === e.device)!;
        for (const v of intent.vrfs) {
          expect(e.frrConfig).toContain(`router bgp ${intent.asn} vrf ${v.vrf}\n`);
          expect(e.hostSetup).toContain(`ip link add '${v.vrf}' type vrf table ${vrfTable(v.vrf)}`);
          expect(e.hostSetup).toContain(`ip -4 addr replace ${loop.ipv4.split("/")[0]}/32 dev '${v.vrf}'`);
          expect(e.hostSetup).toContain(`ip -6 addr replace ${loop.ipv6.split("/")[0]}/128 dev '${v.vrf}' nodad`);
        }
        expect(e.host).toBe(inv.devices.find((d) => d.name === e.device)!.mgmtAddress ?? loop.ipv4.split("/")[0]);
      }
    }
  });

  it("applies every frr agency CPE in exactly one stack, the primary site's when it carries the CPE's VPN", () => {
    const all = [...bySite.values()].flatMap((r) => r.routers.filter((x) => x.role === "cpe").map((x) => x.device)).sort();
    expect(all).toEqual(frrEndpoints(inv));
    const primary = inv.sites.find((s) => s.role === "primary")!.id;
    expect(bySite.get(primary)!.routers.filter((r) => r.role === "cpe").length).toBeGreaterThan(0);
    for (const r of bySite.get(primary)!.routers.filter((x) => x.role === "cpe")) {
      expect(r.hostSetup).not.toContain("vrf");
      expect(r.frrConfig).toMatch(/^frr version 8\.4$/m);
    }
  });
});

describe("cpeOwnerSite", () => {
  const sites = [
    { id: "b-dr", role: "dr" },
    { id: "z-sec", role: "secondary" },
    { id: "a-sec", role: "secondary" },
    { id: "p", role: "primary" },
  ] as Inventory["sites"];
  const uplinks = (carry: Record<string, string[]>) => Object.entries(carry).map(([site, vpns]) => ({ id: `u-${site}`, site, device: "d", kind: "tslcd", vpns })) as unknown as Inventory["uplinks"];
  const cpe = { vrfs: [{ vpn: "cap2" }] } as Parameters<typeof cpeOwnerSite>[1];
  it("picks the primary among the carrying sites, else a secondary by id, else DR; none when no site carries the VPN", () => {
    expect(cpeOwnerSite({ sites, uplinks: uplinks({ "b-dr": ["cap2"], p: ["cap2"], "z-sec": ["cap2"] }) }, cpe)).toBe("p");
    expect(cpeOwnerSite({ sites, uplinks: uplinks({ "b-dr": ["cap2"], "z-sec": ["cap2"], "a-sec": ["cap2"], p: ["cap1"] }) }, cpe)).toBe("a-sec");
    expect(cpeOwnerSite({ sites, uplinks: uplinks({ "b-dr": ["cap2"] }) }, cpe)).toBe("b-dr");
    expect(cpeOwnerSite({ sites, uplinks: uplinks({ p: ["cap1"] }) }, cpe)).toBeUndefined();
  });
  it("does not depend on the order of the sites", () => {
    const u = uplinks({ "b-dr": ["cap2"], "z-sec": ["cap2"], "a-sec": ["cap2"] });
    expect(cpeOwnerSite({ sites: [...sites].reverse(), uplinks: u }, cpe)).toBe(cpeOwnerSite({ sites, uplinks: u }, cpe));
  });
});

it("names an frr edge router the program cannot reach (no mgmtAddress, no loopback)", () => {
  const province = load("ninh-an");
  const plan = province.addressPlan.sites.find((s) => s.site === "na-dc1")!;
  const device = province.inventory.devices.find((d) => d.site === "na-dc1" && d.routerPlatform === "frr")!;
  const inv = { ...province.inventory, devices: province.inventory.devices.map((d) => (d.name === device.name ? { ...d, mgmtAddress: undefined } : d)) };
  const noLoop = { ...plan, loopbacks: plan.loopbacks.filter((l) => l.device !== device.name) };
  const { problems } = siteFrrRouters(inv, noLoop, province.addressPlan, AS_OF);
  expect(problems).toContain(`router ${device.name} has no mgmtAddress and no loopback in the address plan: the program cannot load its FRR configuration (set devices[name=${device.name}].mgmtAddress)`);
});
