/**
 * Every generated TSLCD edge and agency CPE configuration passes FRR's own checker (`vtysh -C -f`): both
 * bundled provinces, both VRF layouts, both path modes. A deliberately broken file is refused, so the checker can fail here.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadProvinceOnce } from "../../inventory/province/loadProvince";
import { compileEdgeIntent, type EdgeRouterIntent } from "../../compilers/wan/edgeIntent";
import { renderCpeFrr, renderEdgeFrr } from "../../compilers/wan/renderFrr";
import { compileCpeIntents, type CpeIntent } from "../../compilers/wan/cpeIntent";

const ROOT = path.join(__dirname, "..", "..");
const AS_OF = "2026-12-05";
const dir = fs.mkdtempSync(path.join(os.tmpdir(), `hatang-frr-${process.pid}-`));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs `vtysh -C -f` on a text; returns its exit code and output. */
function vtyshCheck(name: string, text: string): { status: number | null; output: string } {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  const r = spawnSync("vtysh", ["-C", "-f", file], { encoding: "utf8", timeout: 60_000 });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

function load(name: string) {
  const r = loadProvinceOnce(path.join(ROOT, "inventory", "provinces", name), { asOf: AS_OF, waiverFile: path.join(ROOT, "policies", "waivers", `${name}.yaml`) });
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join("\n"));
  return r;
}

function cpes(name: string, paths?: "preference" | "ecmp"): CpeIntent[] {
  const r = load(name);
  const inv = paths ? { ...r.province.inventory, tslcd: { ...r.province.inventory.tslcd!, paths } } : r.province.inventory;
  const out = compileCpeIntents({ inventory: inv, province: r.province.addressPlan, asOf: AS_OF });
  expect(out.problems).toEqual([]);
  return out.cpes;
}

function routers(name: string, paths?: "preference" | "ecmp"): EdgeRouterIntent[] {
  const r = load(name);
  const inv = paths ? { ...r.province.inventory, tslcd: { ...r.province.inventory.tslcd!, paths } } : r.province.inventory;
  return r.province.addressPlan.sites.flatMap((plan) => compileEdgeIntent({ inventory: inv, plan, province: r.province.addressPlan, asOf: AS_OF }).routers);
}

describe.each(["ninh-an", "vinh-lam"])("vtysh -C on the edge routers of %s", (name) => {
  it.each(["preference", "ecmp"] as const)("paths: %s, one BGP instance per VRF", (paths) => {
    const list = routers(name, paths);
    expect(list.length).toBeGreaterThan(0);
    for (const r of list) expect({ device: r.device, ...vtyshCheck(`${r.device}-${paths}.conf`, renderEdgeFrr(r)) }).toEqual({ device: r.device, status: 0, output: "" });
  });
  it.each(["preference", "ecmp"] as const)("paths: %s, every agency CPE speaking BGP (the Linux ones and the vendors' as FRR would run them)", (paths) => {
    const list = cpes(name, paths);
    expect(list.some((c) => c.platform === "frr")).toBe(true);
    for (const c of list) expect({ cpe: c.device, ...vtyshCheck(`${c.device}-${paths}.conf`, renderCpeFrr(c)) }).toEqual({ cpe: c.device, status: 0, output: "" });
  });
  it("one VRF per file as the default instance (a router per VPN)", () => {
    for (const r of routers(name))
      for (const v of r.vrfs) expect({ device: r.device, ...vtyshCheck(`${r.device}-${v.vpn}.conf`, renderEdgeFrr(r, { instances: "default", only: v.vpn })) }).toEqual({ device: r.device, status: 0, output: "" });
  });
});

it("refuses a broken configuration (the checker is not a no-op)", () => {
  const r = routers("ninh-an")[0];
  const broken = renderEdgeFrr(r).replace(" bgp router-id ", " bgp router-identifier ");
  const out = vtyshCheck("broken.conf", broken);
  expect(out.status).not.toBe(0);
  expect(out.output).toMatch(/router-identifier/);
});
