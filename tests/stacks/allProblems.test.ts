/** The stack program reports the problems of every layer together, in one error. */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { readStackConfig } from "../../offline/stackConfig";

async function run(config: Record<string, string>): Promise<string> {
  const r = await promisify(execFile)(process.execPath, ["--import", "tsx", "tests/stacks/support/runProgram.ts", JSON.stringify({ stack: "na-dc1", config, secretKeys: [] })]).catch((e: { stdout: string; stderr: string }) => e);
  return `${r.stdout}${r.stderr}`;
}

it("fails once, listing every missing credential and config key with the inventory's problems", async () => {
  const cfg = readStackConfig(process.cwd(), "na-dc1");
  const config: Record<string, string> = { ...cfg.config, "hatang:province": "tests/inventory/does-not-exist" };
  delete config["pulumi:disable-default-providers"];
  const out = await run(config);
  expect(out).toMatch(/stack na-dc1 has 3 problem\(s\):\nconfig:\n {2}stack config openstack:password is required as a secret/);
  expect(out).toContain("stack config pulumi:disable-default-providers must list openstack and kubernetes");
  expect(out).toContain("inventory tests/inventory/does-not-exist:\n  (no file)  (top level)  no such file or folder");
}, 120_000);

it("fails once, listing every missing credential, kubeconfig and layer setting of a valid province", async () => {
  const cfg = readStackConfig(process.cwd(), "na-dc1");
  const config = { ...cfg.config };
  delete config["hatang:logShipperImage"];
  delete config["hatang:externalNetworkId"];
  const out = await run(config);
  for (const key of ["openstack:password", "hatang:joinToken-na1-k8s", "hatang:nodeSshPrivateKey", "hatang:routerSshPrivateKey", "hatang:externalNetworkId", "hatang:logShipperImage"]) {
    expect(out).toContain(`stack config ${key} is required`);
  }
  // na1-k8s is built by the stack: its kubeconfig is read from it, never asked for.
  expect(out).not.toContain("hatang:kubeconfig-na1-k8s");
  expect(out).toMatch(/stack na-dc1 has 7 problem\(s\)/);
  expect(out).toContain("Kubernetes intent of na-dc1:\n  na-dc1/na1-k8s options.logShipperImage: expected an image pinned by digest");
  expect(out).not.toMatch(/resources: \d+/);
}, 120_000);
