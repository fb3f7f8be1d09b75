/**
 * Every quota the plan needs is set by the plan, sized at least to what it creates, and raised before
 * what counts against it: on both example stacks and on a synthetic province (other sizes, several
 * firewalls), each planned in a child process exactly as `npm run plan` does.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { allocateAddressPlan, LOCK_FILE_NAME, renderLock } from "../../inventory/addressing";
import { inventoryToYamlFiles, syntheticProvince } from "../../inventory/synthetic/syntheticProvince";
import type { Plan } from "../../offline/planTypes";
import { quotaRows, quotaShortfalls } from "./quotaCheck";
import { BUNDLED_AS_OF } from "../bundledAsOf";

const ROOT = path.resolve(__dirname, "../..");
let tmp: string;
const plans: Record<string, Plan> = {};

async function plan(root: string, stack: string): Promise<Plan> {
  const out = path.join(tmp, "out");
  await promisify(execFile)(process.execPath, ["--stack-trace-limit=0", "--import", "tsx", path.join(ROOT, "offline/planStack.ts"), root, stack, out, "", BUNDLED_AS_OF], { cwd: ROOT, maxBuffer: 16 << 20 });
  return JSON.parse(fs.readFileSync(path.join(out, stack, "plan.json"), "utf8")) as Plan;
}

/** A synthetic province in its own project folder; returns the folder and the stack (its first site). */
function syntheticProject(): { root: string; stack: string } {
  const root = path.join(tmp, "synthetic");
  const inv = syntheticProvince({ sites: 1, agencies: 6, vlans: 60, devices: 8, systems: 20 });
  // A wider aggregate (in a wider province space), so sixty VLANs of any size fit.
  inv.province.addressSpace = { ipv4: ["10.0.0.0/8"], ipv6: inv.province.addressSpace?.ipv6 ?? [] };
  inv.sites[0]!.aggregates.ipv4 = ["10.0.0.0/8"];
  // Give every VM tier a data volume, so Cinder's limits are exercised on other sizes and types too.
  for (const sys of inv.systems) for (const t of sys.tiers) if (t.form === "vm") Object.assign(t, { volumeGiB: 40, storageTier: "ssd" });
  const provinceDir = path.join(root, "province");
  fs.mkdirSync(provinceDir, { recursive: true });
  for (const f of inventoryToYamlFiles(inv)) fs.writeFileSync(path.join(provinceDir, f.file), f.text);
  const alloc = allocateAddressPlan(inv);
  if (!alloc.ok) throw new Error(JSON.stringify(alloc.problems.slice(0, 3)));
  fs.writeFileSync(path.join(provinceDir, LOCK_FILE_NAME), renderLock(alloc.lock));
  const stack = inv.sites[0]!.id;
  fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(root, "Pulumi.yaml"));
  fs.writeFileSync(path.join(root, `Pulumi.${stack}.yaml`), [
    "config:",
    '  pulumi:disable-default-providers: ["openstack", "kubernetes"]',
    "  openstack:authUrl: https://keystone.example:5000/v3",
    "  openstack:userName: hatang-deployer",
    "  hatang:firewallSshUser: hatang",
    "  hatang:nodeSshUser: debian",
    "  hatang:nodeSshPublicKey: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFhwCE3fNJaYgyVT7OxctUV6dNNXjlsq+EZhTSOy2Bms hatang-nodes@example",
    `  hatang:site: ${stack}`,
    `  hatang:province: ${provinceDir}`,
    "  hatang:externalNetworkId: ext-net",
    `  hatang:logShipperImage: registry.example/fluent-bit:3.2@sha256:${"a".repeat(64)}`,
    "",
  ].join("\n"));
  return { root, stack };
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "hatang-quota-"));
  const synthetic = syntheticProject();
  const [a, b, c] = await Promise.all([plan(ROOT, "na-dc1"), plan(ROOT, "na-dc2"), plan(synthetic.root, synthetic.stack)]);
  Object.assign(plans, { "na-dc1": a, "na-dc2": b, synthetic: c });
}, 600_000);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe.each(["na-dc1", "na-dc2", "synthetic"])("the plan of %s", (name) => {
  it("sets every quota it needs, at least as high as what it creates, before creating it", () => {
    expect(quotaShortfalls(plans[name]!)).toEqual([]);
  });

  it("really creates what the quotas are about (the check is not vacuous)", () => {
    const planned = Object.fromEntries(quotaRows(plans[name]!).map((r) => [r.limit, r.planned]));
    // Deployer ports are only zone routers' interfaces: a site without a virtual firewall has none.
    for (const k of ["neutron.network", "neutron.security_group_rule", "cinder.volumes", "nova.instances"]) expect({ k, n: planned[k]! > 0 }).toEqual({ k, n: true });
  });
});

it("covers FWaaS where a site has zone firewalls", () => {
  const withFirewalls = Object.values(plans).filter((p) => quotaRows(p).find((r) => r.limit === "fwaas.firewall_rule")!.planned > 0);
  expect(withFirewalls.length).toBeGreaterThan(0);
});
