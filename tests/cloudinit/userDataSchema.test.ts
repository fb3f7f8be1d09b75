/**
 * Every node's user-data of every bundled province, as the component hands it to Nova (the join token
 * substituted), passes cloud-init's own schema: Debian's `cloud-init schema --config-file`, one run per
 * node. The binary is installed by this project's globalSetup (scripts/services/install-cloud-init);
 * when it is missing the test fails, it never skips. A broken user-data must fail the same command.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { loadProvinceOnce } from "../../inventory/province/loadProvince";
import { compileSite } from "../../compilers/site";
import { JOIN_TOKEN_PLACEHOLDER, renderNodeUserData } from "../../compilers/kubernetes/nodeUserData";

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, "../..");
const PROVINCES = ["ninh-an", "vinh-lam"];
// A token of the form the README asks for (`openssl rand -hex 32`).
const TOKEN = "0123456789abcdef".repeat(4);
jest.setTimeout(600_000);

interface UserData {
  name: string;
  text: string;
}

/** The user-data of every node the province's stacks build, as the component substitutes the token. */
function userDataOf(province: string): UserData[] {
  const r = loadProvinceOnce(path.join(ROOT, "inventory/provinces", province), { asOf: "2026-05-01" });
  if (!r.ok) throw new Error(`${province} does not load`);
  const { inventory, addressPlan } = r.province;
  const services = { ntpServers: inventory.security.ntpServers, siemCollector: inventory.security.siemCollector };
  const out: UserData[] = [];
  for (const s of addressPlan.sites) {
    for (const c of compileSite(inventory, s, { province: addressPlan }).clusters.clusters) {
      for (const n of c.nodes) out.push({ name: n.name, text: renderNodeUserData(c, n, services).split(JOIN_TOKEN_PLACEHOLDER).join(TOKEN) });
    }
  }
  return out;
}

/** `cloud-init schema --config-file` on each file, two at a time (the machine's cores are shared). */
async function schemaCheck(dir: string, docs: readonly UserData[]): Promise<Array<{ name: string; ok: boolean; output: string }>> {
  const results: Array<{ name: string; ok: boolean; output: string }> = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < docs.length) {
      const d = docs[next++];
      const file = path.join(dir, `${d.name}.yaml`);
      fs.writeFileSync(file, d.text);
      try {
        const { stdout, stderr } = await run("cloud-init", ["schema", "--config-file", file], { timeout: 120_000 });
        results.push({ name: d.name, ok: true, output: `${stdout}${stderr}` });
      } catch (e) {
        const err = e as { stdout?: string; stderr?: string; message: string };
        results.push({ name: d.name, ok: false, output: `${err.stdout ?? ""}${err.stderr ?? ""}${err.message}` });
      }
    }
  };
  await Promise.all([worker(), worker()]);
  return results.sort((a, b) => a.name.localeCompare(b.name));
}

let dir = "";
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), `hatang-cloudinit-${process.pid}-`));
});
afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe.each(PROVINCES)("user-data of %s", (province) => {
  it("every node's user-data is valid cloud-config by cloud-init's own schema", async () => {
    const docs = userDataOf(province);
    expect(docs.length).toBeGreaterThan(0);
    const results = await schemaCheck(dir, docs);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(results.map((r) => r.name)).toEqual(docs.map((d) => d.name).sort());
    for (const r of results) expect(r.output).toContain("Valid cloud-config");
  });
});

it("the same command rejects a user-data that breaks the schema (the check can fail)", async () => {
  const [good] = userDataOf("vinh-lam");
  // File permissions as a YAML integer, not the string cloud-init's schema requires.
  const broken = { name: `${good.name}-broken`, text: good.text.replace(/permissions: "?0600"?/, "permissions: 384") };
  expect(broken.text).not.toBe(good.text);
  const [r] = await schemaCheck(dir, [broken]);
  expect(r.ok).toBe(false);
  expect(r.output).toContain("permissions");
});
